"""The print edition read back from the PDF (pdfplumber, pikepdf): what a reader
and a print shop get, measured, not what the planner claims."""
from __future__ import annotations

from collections import Counter

import pikepdf
import pdfplumber
import pytest

from pdfread import FMT, NO_END, NO_START, body_lines, followed_by_continuation, is_flush, text_counter
from publish.layout.format import MM

pytestmark = pytest.mark.slow


def test_four_pages_with_a_390_by_545_mm_trim_box(built_example):
    with pikepdf.open(built_example["pdf"]) as pdf:
        assert len(pdf.pages) == 4
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
            assert round((x1 - x0) / MM, 1) == 390.0 and round((y1 - y0) / MM, 1) == 545.0


def page_text(path, number):
    with pdfplumber.open(path) as pdf:
        return "".join(c["text"] for c in pdf.pages[number - 1].chars)


def test_front_page_shows_the_masthead(built_example):
    text = page_text(built_example["pdf"], 1)
    for shown in ("温岭日报", "CN33-0106", "7478", "农历壬寅年十二月廿八", "今日4版", "中共温岭市委机关报",
                  "温岭市融媒体中心出版", "2023年1月19日", "星期四", "导读"):
        assert shown in text, shown


def test_masthead_name_is_red_and_larger_than_anything_else(built_example):
    with pdfplumber.open(built_example["pdf"]) as pdf:
        chars = pdf.pages[0].chars
    biggest = max(c["size"] for c in chars)
    name = [c for c in chars if c["size"] == biggest]
    assert "".join(c["text"] for c in name) == "温岭日报"
    assert all(tuple(c["non_stroking_color"]) == (0, 1, 1, 0) for c in name)


def test_inner_pages_carry_their_page_number_in_the_running_head(built_example):
    with pdfplumber.open(built_example["pdf"]) as pdf:
        positions = []
        for number in (2, 3, 4):
            page = pdf.pages[number - 1]
            x0, top, x1, _ = page.bbox
            head = page.crop((x0, top, x1, top + 60 * MM)).extract_text().replace(" ", "")
            assert f"第{number}版" in head
            folio = page.search(f"第{number}版")[0]
            positions.append((round(folio["x0"], 1), round(folio["top"], 1)))
    assert len(set(positions)) == 1, f"the page number moves: {positions}"


def test_every_font_is_embedded(built_example):
    with pikepdf.open(built_example["pdf"]) as pdf:
        for page in pdf.pages:
            for name, font in page.Resources.Font.items():
                fonts = [font] + list(font.get("/DescendantFonts", []))
                descriptors = [f.FontDescriptor for f in fonts if "/FontDescriptor" in f]
                assert descriptors, name
                for d in descriptors:
                    assert any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_no_character_of_the_source_is_lost(built_example):
    issue = built_example["issue"]
    wanted: Counter = Counter()
    for article in issue.articles():
        for text in (article.kicker, article.title, article.subtitle, article.byline, *article.texts()):
            wanted.update(ch for ch in (text or "") if not ch.isspace())
    missing = wanted - text_counter(built_example["pdf"])
    assert not missing, f"{sum(missing.values())} characters lost: {dict(missing.most_common(10))}"
    assert built_example["report"]["overset"] == 0
    assert all(p["overset"] == 0 for p in built_example["report"]["pages"])


def test_body_lines_break_by_the_rules(built_example):
    lines = body_lines(built_example["pdf"])
    assert len(lines) > 1500
    starts = [line for line in lines if line.text[0] in NO_START]
    ends = [line for line in lines if line.text[-1] in NO_END]
    assert not starts, [f"p{line.page} c{line.column + 1}: {line.text}" for line in starts[:5]]
    assert not ends, [f"p{line.page} c{line.column + 1}: {line.text}" for line in ends[:5]]


def test_non_final_body_lines_are_flush_on_both_sides(built_example):
    lines = body_lines(built_example["pdf"])
    inner = followed_by_continuation(lines)
    assert len(inner) > 1500
    ragged = [line for line in inner if not is_flush(line)]
    assert len(ragged) / len(inner) <= 0.02, [f"p{line.page} c{line.column + 1} {line.x1:.2f}: {line.text}"
                                              for line in ragged[:5]]
    indent = FMT.indent_em * FMT.body_pt
    left = [line for line in inner if min(abs(line.x0), abs(line.x0 - indent)) > 0.05 * FMT.body_pt
            and not (line.text[0] in NO_END and abs(line.x0 + FMT.body_pt / 2) < 0.05 * FMT.body_pt)]
    assert not left, [f"p{line.page} c{line.column + 1} {line.x0:.2f}: {line.text}" for line in left[:5]]


def test_jump_lines_match(built_example):
    report = built_example["report"]
    assert report["jumps"], "the example shows a jump"
    for jump in report["jumps"]:
        out = page_text(built_example["pdf"], jump["from"])
        into = page_text(built_example["pdf"], jump["to"])
        assert f"（下转第{jump['to']}版）" in out
        assert f"（上接第{jump['from']}版）" in into


def test_report_lists_modules_as_grid_rectangles(built_example):
    report = built_example["report"]
    assert [p["number"] for p in report["pages"]] == [1, 2, 3, 4]
    for page in report["pages"]:
        assert 0.85 <= page["fill_ratio"] <= 1.0, page["number"]
        assert page["empty_areas"] == [], page["number"]
        for module in page["modules"]:
            assert 1 <= module["column"] and module["column"] + module["span"] - 1 <= FMT.columns
            assert module["rows"] > 0
    assert report["missing_glyphs"] == []


def test_outline_lists_pages_and_their_articles(built_example):
    with pikepdf.open(built_example["pdf"]) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
            assert titles == ["第1版 要闻", "第2版 综合", "第3版 城事", "第4版 副刊"]
            first = [child.title for child in outline.root[0].children]
    issue = built_example["issue"]
    assert first == [a.title for a in issue.pages[0].articles]


def test_two_builds_are_byte_identical(built_example, tmp_path):
    from publish.build import BuildOptions, build
    from support import EXAMPLE

    again = build(EXAMPLE, tmp_path, BuildOptions(formats=("pdf",))).outputs["pdf"]
    assert again.read_bytes() == built_example["pdf"].read_bytes()


def test_the_build_preflights_what_it_wrote(built_example):
    preflight = built_example["report"]["preflight"]
    assert preflight["ok"], [line for line in preflight["checks"] if line.startswith("FAIL")]
    names = {line.split(":")[0].split()[1] for line in preflight["checks"]}
    assert {"pages", "boxes", "fonts", "colour", "images", "output-intent", "overset"} <= names


def test_pdf_metadata_comes_from_the_issue(built_example):
    with pikepdf.open(built_example["pdf"]) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "温岭日报 2023年1月19日 第7478期"
        assert str(info["/Author"]) == "温岭日报"
        assert str(info["/CreationDate"]).startswith("D:20230119")
        assert "综合" in str(info["/Keywords"])
