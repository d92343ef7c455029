"""The cover image: the printed front page when this build made the PDF,
else a cover drawn from the masthead. Both come out byte-identical on a rebuild
(no timestamps or random state go into the encoders). The cover has a document
of its own (text/cover.xhtml) that the guide and the landmarks name, so that
conversions which drop the cover page (calibre, Kindle) drop only the picture
and keep the masthead page."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .. import fonts
from ..model import Issue
from .epub_pages import wrap


@dataclass(frozen=True)
class Cover:
    href: str          # relative to the OPF folder
    media_type: str
    data: bytes
    source: str        # 'pdf' or 'generated', for the build report
    width: int
    height: int


def pdf_cover(pdf: Path, settings: dict) -> Cover:
    """Page 1 of the print PDF, cut to its trim box (no bleed, no crop marks)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        try:
            page.set_cropbox(*page.get_trimbox())
            height = page.get_height()
            bitmap = page.render(scale=settings["pdf_height"] / height)
            image = bitmap.to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=settings["pdf_quality"], optimize=True)
    return Cover("images/cover.jpg", "image/jpeg", out.getvalue(), "pdf", *image.size)


def _font(role: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts.font_for(role).path), size)


def _centre(draw: ImageDraw.ImageDraw, y: float, text: str, font, fill, width: int) -> float:
    """Draw `text` centred at height y; returns the y below it."""
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (right - left)) / 2 - left, y - top), text, font=font, fill=fill)
    return y + (bottom - top)


def generated_cover(issue: Issue, settings: dict, labels) -> Cover:
    """A newspaper-like cover: the red nameplate, the masthead lines, page 1's headlines."""
    m = issue.masthead
    width, height, margin = settings["width"], settings["height"], settings["margin"]
    ink, red = tuple(settings["ink"]), tuple(settings["red"])
    image = Image.new("RGB", (width, height), tuple(settings["paper"]))
    draw = ImageDraw.Draw(image)
    inner = width - 2 * margin

    size = max(40, min(int(inner / max(len(m.paper), 1) * 0.92), 320))
    y = _centre(draw, margin + 40, m.paper, _font("headline", size), red, width) + 50
    for line in [m.organ, m.publisher]:
        if line:
            y = _centre(draw, y, line, _font("kai", 44), ink, width) + 22
    y += 20
    draw.rectangle((margin, y, width - margin, y + 6), fill=red)
    y += 34
    date_line = " ".join(p for p in (m.date_cn, m.weekday, m.lunar) if p)
    y = _centre(draw, y, date_line, _font("body", 38), ink, width) + 18
    numbers = "  ".join(p for p in (labels("cn", cn=m.cn) if m.cn else "",
                                    labels("serial", serial=m.serial) if m.serial else "",
                                    labels("page_count", count=m.page_count) if m.page_count else "") if p)
    if numbers:
        y = _centre(draw, y, numbers, _font("sans", 30), ink, width) + 30
    draw.rectangle((margin, y, width - margin, y + 2), fill=ink)
    y += 50

    front = issue.page(1)
    headline, kicker = _font("headline", 60), _font("body", 34)
    for article in (front.articles if front else ()):
        parts = [(kicker, line) for line in wrap(draw, article.kicker or "", kicker, inner)]
        parts += [(headline, line) for line in wrap(draw, article.title, headline, inner)]
        needed = sum(font.size * 1.3 for font, _ in parts) + 40
        if y + needed > height - margin:
            break
        for font, text in parts:
            draw.text((margin, y), text, font=font, fill=ink)
            y += font.size * 1.3
        y += 40
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)      # optimize=True costs 0.3 s for 3% less
    return Cover("images/cover.png", "image/png", out.getvalue(), "generated", width, height)


def make_cover(issue: Issue, pdf: Path | None, settings: dict, labels) -> Cover:
    if pdf is not None and Path(pdf).is_file():
        return pdf_cover(Path(pdf), settings)
    return generated_cover(issue, settings, labels)
