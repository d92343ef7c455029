"""Pixels where geometry matters: the front page's masthead band against a small
reference image. Regenerate after an intended change with
PUBLISH_UPDATE_REFERENCES=1 pytest tests/writers/test_pdf_reference.py, and look
at the new image before committing it."""
from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat

from publish.layout.format import MM, broadsheet

pytestmark = pytest.mark.slow
REFERENCE = Path(__file__).parent / "reference" / "masthead.png"
DPI = 36


def masthead_band(pdf_path: Path) -> Image.Image:
    """The trimmed page's top, down to the first row under the masthead band."""
    fmt = broadsheet()
    document = pdfium.PdfDocument(str(pdf_path))
    image = document[0].render(scale=DPI / 72).to_pil().convert("L")    # the MediaBox: trim + bleed
    document.close()
    scale = DPI / 72
    bleed = fmt.bleed_mm * MM * scale
    height = (fmt.margin_top_mm * MM + (fmt.masthead_rows + 1) * fmt.pitch_pt) * scale
    return image.crop((round(bleed), round(bleed), round(image.width - bleed), round(bleed + height)))


def test_masthead_band_matches_the_reference(built_example):
    band = masthead_band(built_example["pdf"])
    if os.environ.get("PUBLISH_UPDATE_REFERENCES") or not REFERENCE.exists():
        REFERENCE.parent.mkdir(exist_ok=True)
        band.save(REFERENCE, optimize=True)
        if not os.environ.get("PUBLISH_UPDATE_REFERENCES"):
            pytest.fail(f"no reference image yet: wrote {REFERENCE}; look at it and commit it")
    reference = Image.open(REFERENCE).convert("L")
    assert band.size == reference.size
    difference = ImageChops.difference(band, reference)
    mean = ImageStat.Stat(difference).mean[0]
    changed = difference.point(lambda v: 255 if v > 64 else 0).histogram()[255] / (band.width * band.height)
    assert mean < 2.0 and changed < 0.01, f"mean difference {mean:.2f}, {changed:.2%} of pixels changed"


def test_the_masthead_name_is_red_ink(built_example):
    fmt = broadsheet()
    document = pdfium.PdfDocument(str(built_example["pdf"]))
    image = document[0].render(scale=DPI / 72).to_pil().convert("RGB")
    document.close()
    scale = DPI / 72
    x0 = int((fmt.bleed_mm + fmt.margin_left_mm) * MM * scale)
    y0 = int((fmt.bleed_mm + fmt.margin_top_mm) * MM * scale)
    name = image.crop((x0, y0, x0 + int(fmt.span_pt(4) * scale), y0 + int(150 * scale)))
    r, g, b = name.split()
    mask = ImageChops.multiply(ImageChops.multiply(r.point(lambda v: 255 if v > 180 else 0),
                                                   g.point(lambda v: 255 if v < 90 else 0)),
                               b.point(lambda v: 255 if v < 90 else 0))
    reds = mask.histogram()[255]
    assert reds / (name.width * name.height) > 0.08
