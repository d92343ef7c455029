"""publish.check.pdf: the print preflight, on small PDFs that WeasyPrint makes here.

One good file passes every check; each broken one fails with the right line. The files
are broadsheet-sized (390 × 545 mm, 3 mm bleed, crop marks) but nearly empty, so they
render fast; each is made once per module.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pikepdf
import pytest
import weasyprint
from PIL import Image

from publish import prepress
from publish.check.pdf import check_pdf
from publish.paths import FONTS

FONT = FONTS / "NotoSerifCJKsc-Regular.otf"

PAGE_CSS = """
@font-face { font-family: Body; src: url("%(font)s") }
@page { size: 390mm 545mm; bleed: 3mm; marks: crop cross; margin: 20mm }
html { font-family: Body; font-size: 9pt }
.masthead { background: device-cmyk(0 1 1 0); height: 60mm }
section + section { break-before: page }
img { display: block; width: 100mm }
"""

TEXT = "本报讯（记者林彬）温岭市委十五届三次全体（扩大）会议召开。"


def _page(n: int, extra: str = "") -> str:
    return f'<section><h2>第{n}版</h2><p>{TEXT}</p>{extra}</section>'


def _html(body: str, css: str = "", print_css: bool = True) -> str:
    styles = (prepress.PRINT_CSS if print_css else "") + PAGE_CSS % {"font": FONT.as_uri()} + css
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>温岭日报</title>'
            '<meta name="author" content="温岭日报">'
            '<meta name="dcterms.created" content="2023-01-19T00:00:00+08:00">'
            '<meta name="dcterms.modified" content="2023-01-19T00:00:00+08:00">'
            f'<style>{styles}</style></head><body>{body}</body></html>')


def _render(folder: Path, name: str, body: str, css: str = "", *, print_css: bool = True,
            pdf_x: bool = True, finish: bool = True) -> Path:
    html = weasyprint.HTML(string=_html(body, css, print_css), base_url=str(folder))
    options = prepress.pdf_options("test-issue") if pdf_x else {}
    document = html.render(**options)
    target = folder / f"{name}.pdf"
    if finish:
        options = {**options, "finisher": prepress.finisher("test-issue")}
    document.write_pdf(target, **options)
    return target


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("check-pdf")
    photo = Image.new("RGB", (1200, 900))
    photo.putdata([(x * 255 // 1199, y * 255 // 899, 128) for y in range(900) for x in range(1200)])
    photo.save(folder / "photo-rgb.png")
    photo.resize((100, 75)).save(folder / "small-rgb.png")
    (folder / "photo.jpg").write_bytes(prepress.cmyk_image(folder / "photo-rgb.png"))   # 305 dpi at 100 mm
    (folder / "small.jpg").write_bytes(prepress.cmyk_image(folder / "small-rgb.png"))   # 25 dpi at 100 mm
    return folder


def _four_pages(first_extra: str = "") -> str:
    masthead = '<div class="masthead"></div><h1>温岭日报</h1>'
    first = (f'<section>{masthead}<p>{TEXT}<a href="#p2">详见第二版</a></p>'
             f'<img src="photo.jpg" alt="">{first_extra}</section>')
    return first + "".join(_page(n) for n in (2, 3, 4)).replace("<section>", '<section id="p2">', 1)


@pytest.fixture(scope="module")
def good(folder) -> Path:
    return _render(folder, "good", _four_pages())


def _line(lines: list[str], check: str) -> str:
    found = [line for line in lines if line.split(":", 1)[0].split(" ", 1)[1] == check]
    assert len(found) == 1, lines
    return found[0]


def _failed(lines: list[str]) -> list[str]:
    return [line.split(":", 1)[0].split(" ", 1)[1] for line in lines if line.startswith("FAIL")]


# --- the good file -------------------------------------------------------------------

def test_good_file_passes_every_check(good):
    ok, lines = check_pdf(good)
    assert ok, "\n".join(lines)
    assert [line.split(":")[0] for line in lines] == [
        "PASS pages", "PASS boxes", "PASS fonts", "PASS colour", "PASS images", "PASS resolution",
        "PASS output-intent", "PASS pdf/x", "PASS overlap", "SKIP fill", "SKIP overset"]
    assert "390 × 545 mm" in _line(lines, "boxes") and "396 × 551 mm" in _line(lines, "boxes")
    assert "FOGRA29" in _line(lines, "output-intent")


def test_good_file_with_a_clean_report(good):
    report = {"pages": [{"number": n, "overset": 0} for n in range(1, 5)]}
    ok, lines = check_pdf(good, report)
    assert ok, "\n".join(lines)
    assert _line(lines, "overset") == "PASS overset: 0 on 4 pages"
    assert "as in the report" in _line(lines, "pages")


def test_good_file_as_weasyprint_wrote_it(good):
    """What WeasyPrint 70 writes for us, read back: boxes, output intent, CMYK paint."""
    def mm(box):
        return tuple(round((float(box[i + 2]) - float(box[i])) * 25.4 / 72, 2) for i in (0, 1))

    with pikepdf.open(good) as pdf:
        page = pdf.pages[0].obj
        assert mm(page.TrimBox) == (390, 545)
        assert mm(page.MediaBox) == mm(page.BleedBox) == (396, 551)
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert intent.DestOutputProfile.read_bytes() == prepress.PROFILE.read_bytes()
        paint = [(str(i.operator), [float(v) for v in i.operands])
                 for i in pikepdf.parse_content_stream(pdf.pages[0]) if str(i.operator) == "scn"]
        assert ("scn", [0, 1, 1, 0]) in paint       # the masthead red
        assert ("scn", [0, 0, 0, 1]) in paint       # black text, K only
        image = next(x for x in page.Resources.XObject.values() if x.get("/Subtype") == "/Image")
        assert image.ColorSpace == pikepdf.Name.DeviceCMYK and image.Filter == pikepdf.Name.DCTDecode
        assert image.read_raw_bytes() == prepress.cmyk_image(good.parent / "photo-rgb.png")   # passed through
        assert b"PDF/X-4" in pdf.Root.Metadata.read_bytes()


def test_good_file_looks_like_the_paper(good):
    """Rasterised: the masthead box is red, the text is black."""
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(str(good))
    try:
        bitmap = document[0].render(scale=40 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    width, height = bitmap.size
    px_per_mm = width / 396
    r, g, b = bitmap.getpixel((int(width / 2), int((3 + 20 + 30) * px_per_mm)))     # inside the masthead
    assert r > 200 and g < 80 and b < 80
    band = bitmap.crop((int(23 * px_per_mm), int(85 * px_per_mm), int(200 * px_per_mm), int(130 * px_per_mm)))
    assert band.convert("L").getextrema()[0] < 60                                     # black text


def test_two_builds_are_byte_identical(folder, good):
    again = _render(folder, "good-again", _four_pages())
    assert again.read_bytes() == good.read_bytes()


# --- broken files ----------------------------------------------------------------------

def test_rgb_colour_fails(folder):
    pdf = _render(folder, "rgb-colour", _four_pages('<p style="color: rgb(0 0 255)">蓝色</p>'))
    ok, lines = check_pdf(pdf)
    assert not ok and _failed(lines) == ["colour"]
    line = _line(lines, "colour")
    assert "page 1: `0 0 1 rg` (DeviceRGB fill)" in line
    # and WeasyPrint's pdf/x-4 let it through with an output intent all the same
    assert "PASS output-intent" in "\n".join(lines)


def test_weasyprint_crop_marks_are_rgb_without_the_finisher(folder):
    pdf = _render(folder, "unfinished", _four_pages(), finish=False)
    ok, lines = check_pdf(pdf)
    assert not ok and _failed(lines) == ["colour"]
    line = _line(lines, "colour")
    assert "page 1 > form /x0 (object " in line and "): `0 0 0 RG` (DeviceRGB stroke)" in line


def test_ua_colours_are_reset(folder):
    body = ('<section><p><a href="https://example.org">link</a> <mark>mark</mark> <u>u</u> <ins>ins</ins></p>'
            '<table border="1" rules="all" frame="box"><tr><th>th</th><td>td</td></tr></table><hr>'
            '<fieldset><legend>f</legend><input type="checkbox" checked> <button>b</button>'
            '<select><option>o</option></select><textarea>t</textarea></fieldset>'
            '<ol><li>item</li></ol><abbr title="t">abbr</abbr><del>del</del></section>')
    ok, lines = check_pdf(_render(folder, "ua", body))
    assert "PASS colour" in _line(lines, "colour"), lines
    _, lines = check_pdf(_render(folder, "ua-unreset", body, print_css=False))
    assert "`0 0 1 rg`" in _line(lines, "colour")           # the UA's blue link


def test_rgb_image_fails(folder):
    pdf = _render(folder, "rgb-image", _four_pages('<img src="photo-rgb.png" alt="">'))
    ok, lines = check_pdf(pdf)
    assert not ok and _failed(lines) == ["images"]
    assert "page 1: image /" in _line(lines, "images") and "is DeviceRGB" in _line(lines, "images")


def test_missing_output_intent_fails(folder):
    pdf = _render(folder, "no-intent", _four_pages(), css="html { color: device-cmyk(0 0 0 1) }",
                  print_css=False, pdf_x=False)
    ok, lines = check_pdf(pdf)
    assert _line(lines, "output-intent") == "FAIL output-intent: no /OutputIntents in the document catalog"
    assert _line(lines, "pdf/x").startswith("FAIL pdf/x: no XMP metadata")


def test_wrong_page_size_fails(folder):
    pdf = _render(folder, "a4", _four_pages(), css="@page { size: A4 }")
    ok, lines = check_pdf(pdf)
    assert not ok and "boxes" in _failed(lines)
    line = _line(lines, "boxes")
    assert line == ("FAIL boxes: pages 1–4: TrimBox 210 × 297 mm, expected 390 × 545 mm; "
                    "pages 1–4: BleedBox 216 × 303 mm, expected 396 × 551 mm; "
                    "pages 1–4: MediaBox 216 × 303 mm, expected 396 × 551 mm")


def test_missing_bleed_fails(folder):
    pdf = _render(folder, "no-bleed", _four_pages(), css="@page { bleed: 0; marks: none }")
    ok, lines = check_pdf(pdf)
    assert _failed(lines) == ["boxes"]
    assert "pages 1–4: BleedBox 390 × 545 mm, expected 396 × 551 mm" in _line(lines, "boxes")


def test_low_resolution_image_fails(folder):
    pdf = _render(folder, "low-res", _four_pages('<img src="small.jpg" alt="">'))
    ok, lines = check_pdf(pdf)
    assert not ok and _failed(lines) == ["resolution"]
    line = _line(lines, "resolution")
    assert "100×75 px printed 100×75 mm: 25 dpi" in line and "page 1: image /" in line


def test_report_with_overset_fails(good):
    report = {"pages": [{"number": 1, "overset": 0}, {"number": 2, "overset": 37},
                        {"number": 3, "overset": 0}, {"number": 4, "overset": 5}]}
    ok, lines = check_pdf(good, report)
    assert not ok and _failed(lines) == ["overset"]
    assert _line(lines, "overset") == "FAIL overset: 42 in all (page 2: 37; page 4: 5): text that did not fit"


def test_report_beside_the_pdf_is_read(folder, good):
    pdf = folder / "wenling-2023-01-19.pdf"
    shutil.copy(good, pdf)
    report = {"pages": [{"number": n, "overset": 3 if n == 3 else 0} for n in range(1, 5)]}
    pdf.with_suffix(".report.json").write_text(json.dumps(report), encoding="utf-8")
    ok, lines = check_pdf(pdf)
    assert not ok and _line(lines, "overset") == "FAIL overset: 3 in all (page 3: 3): text that did not fit"
    report["pages"] = report["pages"][:3]
    ok, lines = check_pdf(pdf, report)           # a report passed in wins over the file
    assert _line(lines, "pages") == "FAIL pages: 4 pages, expected 3 (as in the report)"


def test_unreadable_report_beside_the_pdf_fails(folder, good):
    pdf = folder / "broken-report.pdf"
    shutil.copy(good, pdf)
    pdf.with_suffix(".report.json").write_text("{not json", encoding="utf-8")
    ok, lines = check_pdf(pdf)
    assert not ok and _line(lines, "overset").startswith("FAIL overset: cannot read broken-report.report.json:")


def test_report_without_overset_figures_fails(good):
    ok, lines = check_pdf(good, {"pages": [{"number": n} for n in range(1, 5)]})
    assert _line(lines, "overset") == "FAIL overset: no overset figure for page 1, 2, 3, 4 in the report"


def test_a_picture_printed_over_text_fails_overlap(folder):
    over = ('<div style="position:absolute; top:300mm; left:20mm; width:150mm">' + TEXT * 3 + '</div>'
            '<img src="photo.jpg" alt="" style="position:absolute; top:295mm; left:30mm; width:60mm">')
    pdf = _render(folder, "overlap", _four_pages(over))
    ok, lines = check_pdf(pdf)
    assert not ok and _failed(lines) == ["overlap"]
    assert _line(lines, "overlap").startswith("FAIL overlap: page 1: a picture covers “")


def _made_up(warned: list[int]) -> dict:
    """A build report of the make-up for the nearly empty good file: every page short."""
    whole = {"kind": "article", "articles": ["x"], "column": 1, "span": 8, "row": 1, "rows": 115}
    return {"pages": [{"number": n, "overset": 0, "modules": [whole]} for n in range(1, 5)],
            "warnings": [f"page {n} is short (fill 0.05): an empty area of 8 columns × 90 lines" for n in warned]}


def test_a_short_page_fails_fill_unless_the_build_warned(good):
    ok, lines = check_pdf(good, _made_up([1, 2, 3]))
    assert not ok and _failed(lines) == ["fill"]
    line = _line(lines, "fill")
    assert line.startswith("FAIL fill: page 4 filled 0.") and "not warned" in line and "page 1" not in line
    ok, lines = check_pdf(good, _made_up([1, 2, 3, 4]))
    assert ok, lines
    assert _line(lines, "fill").count("(short, warned)") == 4


def test_page_count_from_the_format(folder):
    pdf = _render(folder, "one-page", _page(1))
    ok, lines = check_pdf(pdf)
    assert _failed(lines) == ["pages"]
    assert _line(lines, "pages") == "FAIL pages: 1 page, expected 4 (the format's page_count)"


# --- broken by hand: what WeasyPrint does not make ---------------------------------------

def _edit(source: Path, target: Path, change) -> Path:
    with pikepdf.open(source) as pdf:
        change(pdf)
        pdf.save(target)
    return target


def test_font_without_embedded_file_fails(folder, good):
    def strip(pdf):
        for font in pdf.pages[0].obj.Resources.Font.values():
            for descendant in font.get("/DescendantFonts", []):
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descendant.FontDescriptor:
                        del descendant.FontDescriptor[key]
        pdf.pages[1].obj.Resources.Font["/Helv"] = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    ok, lines = check_pdf(_edit(good, folder / "fonts.pdf", strip))
    assert _failed(lines) == ["fonts"]
    line = _line(lines, "fonts")
    assert "+Body: not embedded (no FontFile, FontFile2 or FontFile3)" in line     # the @font-face family
    assert "font /Helv /Helvetica: not embedded (no font descriptor)" in line


def test_rgb_inside_forms_patterns_and_inline_images_fails(folder, good):
    def paint(pdf):
        page = pdf.pages[1]
        icc_rgb = pdf.make_stream(b"", N=3)
        inner = pdf.make_stream(
            b"q 200 0 0 100 0 0 cm BI /W 2 /H 1 /CS /RGB /BPC 8 ID \xff\x00\x00\x00\xff\x00 EI Q "
            b"/CS0 cs 1 0 0 scn 0 0 10 10 re f",
            Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 300, 300],
            Resources=pikepdf.Dictionary(ColorSpace=pikepdf.Dictionary(CS0=pikepdf.Array([
                pikepdf.Name.ICCBased, icc_rgb]))))
        outer = pdf.make_stream(b"/Inner Do", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                                BBox=[0, 0, 300, 300],
                                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Inner=inner)))
        page.obj.Resources.XObject["/Outer"] = outer
        page.contents_add(pdf.make_stream(b"q 1 0 0 1 100 100 cm /Outer Do Q"), prepend=False)
    ok, lines = check_pdf(_edit(good, folder / "nested.pdf", paint))
    assert sorted(_failed(lines)) == ["colour", "images", "resolution"]
    colour = _line(lines, "colour")
    assert "page 2 > form /Outer (object " in colour and "> form /Inner (object " in colour
    assert "): `/CS0 cs` (/CS0 = ICCBased (N=3))" in colour
    assert "): `1 0 0 scn` (/CS0 = ICCBased (N=3))" in colour
    assert "> form /Inner (object " in _line(lines, "images")
    assert "): image inline image is DeviceRGB" in _line(lines, "images")
    assert "image inline image 2×1 px printed 71×35 mm: 1 dpi" in _line(lines, "resolution")


def test_not_a_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7 nothing else")
    ok, lines = check_pdf(path)
    assert not ok and len(lines) == 1 and lines[0].startswith("FAIL open:")
