"""The EPUB as real reading engines lay it out: MuPDF, headless Chromium, calibre's AZW3.

Measured in what each engine drew, never in our own stylesheet: MuPDF's
character boxes (2-em indents, no blank line between paragraphs) and painted
images; Chromium's line boxes (kinsoku at line starts and ends, no one-character
last line, —— and …… whole, indents), picture sizes against the screen in
vertical text, and how it orients each digit of display text; calibre's AZW3
(the masthead page kept, the writing mode declared). The example is built once
per edition; a seeded generated issue with every hard case of line endings
runs through Chromium at two screen sizes.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import zipfile

import pytest

from publish.build import BuildOptions, build
from publish.model import Article, Issue, Masthead, Page, Paragraph
from publish.writers.source import write_source
from reading_engines import (DIGITS_JS, IMAGES_JS, LINES_JS, NO_END, NO_START, PAIR_JS, PUNCTUATION, BookServer,
                             azw3_text, chromium, exth_records, mupdf_images, mupdf_pages, to_azw3)
from support import EXAMPLE

pytestmark = pytest.mark.slow

MODES = ["horizontal", "vertical"]
DISPLAY = "h1, .kicker, .subtitle, .folio, .digest-entry, .masthead p, nav#toc a, .page-title"


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    out = {}
    for mode in MODES:
        context = build(EXAMPLE, tmp_path_factory.mktemp(mode), BuildOptions(formats=("epub",),
                                                                             vertical=mode == "vertical"))
        out[mode] = context.outputs["epub"]
    return out


@pytest.fixture(scope="module")
def example(example_issue):
    return example_issue


def _documents(epub) -> list[str]:
    with zipfile.ZipFile(epub) as z:
        return sorted(n for n in z.namelist() if n.endswith(".xhtml"))


# ---- MuPDF ----

@pytest.fixture(scope="module")
def mupdf(books):
    return {mode: mupdf_pages(books[mode]) for mode in MODES}


def _body_paragraphs(pages, issue) -> list[list[tuple[int, object]]]:
    """The lines MuPDF set for each long body paragraph of the example, in
    reading order, as (page index, line, index of the line in the book): found where a line starts a
    paragraph's text and the lines after it spell the rest of it. (MuPDF's
    text blocks do not follow paragraphs, so the text itself is the guide.)"""
    texts = {p.text[:12]: p.text for a in issue.articles() for p in a.paragraphs
             if p.kind == "text" and len(p.text) > 60}
    lines = [(number, line) for number, blocks in enumerate(pages) for block in blocks for line in block.lines]
    lines = [(number, line, index) for index, (number, line) in enumerate(lines)]
    found = []
    for i, (_, line, _) in enumerate(lines):
        text = texts.get(line.text.strip()[:12])
        if text is None:
            continue
        taken, j = "", i
        while j < len(lines) and len(taken) < len(text) and text.startswith(taken + lines[j][1].text.strip()):
            taken += lines[j][1].text.strip()
            j += 1
        if taken == text:
            found.append(lines[i:j])
    return found


@pytest.mark.parametrize("mode", MODES)
def test_mupdf_indents_running_text_by_two_em(mupdf, example, mode):
    paragraphs = _body_paragraphs(mupdf[mode], example)
    assert len(paragraphs) > 100, "MuPDF's paragraphs were not found"
    measured = 0
    for paragraph in paragraphs:
        page, first, _ = paragraph[0]
        rest = [line for number, line, _ in paragraph[1:] if number == page]
        if not rest:
            continue
        left = min(line.x0 for line in rest)
        em = first.chars[0].size
        assert first.x0 - left == pytest.approx(2 * em, abs=0.5), (first.text[:20], first.x0, left, em)
        measured += 1
    assert measured > 100


@pytest.mark.parametrize("mode", MODES)
def test_mupdf_sets_no_blank_line_between_paragraphs(mupdf, example, mode):
    paragraphs = _body_paragraphs(mupdf[mode], example)
    pitches = [round(b.top - a.top, 1) for paragraph in paragraphs
               for (pa, a, _), (pb, b, _) in zip(paragraph, paragraph[1:]) if pa == pb]
    pitch = max(set(pitches), key=pitches.count)
    gaps = []
    for before, after in zip(paragraphs, paragraphs[1:]):
        (page_a, last, i), (page_b, first, j) = before[-1], after[0]
        if page_a == page_b and j == i + 1:        # one paragraph right after the other
            gaps.append(round(first.top - last.top, 1))
    assert len(gaps) > 50
    assert all(gap == pytest.approx(pitch, abs=1.0) for gap in gaps), (pitch, sorted(set(gaps)))


@pytest.mark.parametrize("mode", MODES)
def test_mupdf_paints_every_picture_inside_the_page(books, mode):
    images = mupdf_images(books[mode])
    assert len(images) >= 3 + 4 + 1        # the example's pictures, 4 page pictures, the cover
    for image in images:
        assert image.width <= 600 + 0.5 and image.height <= 800 + 0.5, image
        assert image.x >= -0.5 and image.x + image.width <= 600.5, image


def test_mupdf_draws_an_article_picture_after_its_headline(books, mupdf):
    """MuPDF 1.21 draws a <figure> that is a child of <article> before the
    article's text; the markup wraps it so the picture stays in reading order."""
    pages = mupdf["horizontal"]
    images = mupdf_images(books["horizontal"])
    byline = "本报记者 方晓岚 通讯员 郑一鸣"          # p2-01's header ends with it; its chart follows
    number, line = next((n, line) for n, blocks in enumerate(pages, 1) for b in blocks for line in b.lines
                        if line.text.strip() == byline)
    chart = [i for i in images if i.page in (number, number + 1) and i.width / i.height > 1.4]
    assert chart, "the chart of p2-01 is not painted next to its article"
    assert chart[0].page > number or chart[0].y >= line.bottom - 0.5, (chart[0], line.bottom)


# ---- Chromium ----

def _line_faults(paragraphs) -> list[str]:
    """Kinsoku, lone last characters and split dash/ellipsis runs in Chromium's lines."""
    faults = []
    for paragraph in paragraphs:
        lines = [line["text"] for line in paragraph["lines"] if line["text"].strip()]
        for k, line in enumerate(lines):
            where = f"{paragraph['cls']} line {k + 1} of {len(lines)}: {line!r}"
            if k > 0 and line[0] in NO_START:
                faults.append(f"starts with {line[0]}: {where}")
            if k < len(lines) - 1 and line[-1] in NO_END:
                faults.append(f"ends with {line[-1]}: {where}")
            if k > 0 and line[0] in "—…":
                faults.append(f"a dash or ellipsis starts the line: {where}")
            if k < len(lines) - 1 and line[-1] in "—…" and lines[k + 1][0] in "—…":
                faults.append(f"a dash or ellipsis run is split: {where}")
        if paragraph["cls"] == "text" and len(lines) > 1:
            last = [ch for ch in lines[-1] if ch not in PUNCTUATION and not ch.isspace()]
            if len(last) < 2:
                faults.append(f"a lone character on the last line: {lines[-2][-6:]!r} / {lines[-1]!r}")
    return faults


def _indent_faults(paragraphs) -> list[str]:
    faults = []
    for paragraph in paragraphs:
        if paragraph["cls"] != "text" or not paragraph["lines"]:
            continue
        indent = paragraph["lines"][0]["start"] - paragraph["contentStart"]
        if abs(indent - 2 * paragraph["fontSize"]) > 1:
            faults.append(f"indent {indent:.1f} px at font size {paragraph['fontSize']}: "
                          f"{paragraph['lines'][0]['text'][:12]!r}")
    return faults


@pytest.fixture(scope="module")
def chromium_measures(books, playwright_driver):
    """Every document of both editions opened at 600 x 800: lines of every
    paragraph, images, digits of display text, the advance of two-mark pairs."""
    measures = {}
    with chromium(playwright_driver) as browser:
        for mode in MODES:
            vertical = mode == "vertical"
            with BookServer(books[mode]) as files:
                for name in _documents(books[mode]):
                    page = browser.open(files, name)
                    measures[mode, name] = dict(
                        paragraphs=page.evaluate(LINES_JS, ["article p, article h2, .digest-entry", vertical]),
                        images=page.evaluate(IMAGES_JS),
                        digits=page.evaluate(DIGITS_JS, DISPLAY),
                        pairs={pair: page.evaluate(PAIR_JS, [pair, vertical]) for pair in ("。”", "”，")})
    return measures


@pytest.mark.parametrize("mode", MODES)
def test_chromium_lines_keep_kinsoku_whole_dashes_and_no_lone_last_character(chromium_measures, mode):
    faults, paragraphs = [], 0
    for (m, name), measured in chromium_measures.items():
        if m == mode:
            paragraphs += len(measured["paragraphs"])
            faults += [f"{name}: {fault}" for fault in _line_faults(measured["paragraphs"])]
    assert paragraphs > 170
    assert faults == []


@pytest.mark.parametrize("mode", MODES)
def test_chromium_indents_running_text_by_two_em(chromium_measures, mode):
    faults = [f"{name}: {fault}" for (m, name), measured in chromium_measures.items() if m == mode
              for fault in _indent_faults(measured["paragraphs"])]
    assert faults == []


@pytest.mark.parametrize("mode", MODES)
def test_chromium_shows_no_picture_larger_than_the_screen(chromium_measures, mode):
    images = [(name, image) for (m, name), measured in chromium_measures.items() if m == mode
              for image in measured["images"]]
    assert len(images) >= 3 + 4 + 1
    for name, image in images:
        assert image["complete"] and image["natural"] > 0, (name, image)
        assert 0 < image["width"] <= image["viewWidth"] and 0 < image["height"] <= image["viewHeight"], (name, image)


def test_chromium_sets_no_digit_of_display_text_sideways_in_vertical(chromium_measures):
    runs = [(name, run) for (m, name), measured in chromium_measures.items() if m == "vertical"
            for run in measured["digits"] if run["height"] > 0]
    places = {name.rsplit("/", 1)[-1].split("-")[0].split(".")[0] for name, _ in runs}
    assert {"masthead", "nav", "page", "article"} <= places
    sideways = []
    for name, run in runs:
        em, n = run["fontSize"], len(run["text"])
        combined = run["combine"] == "all" and n <= 2 and run["height"] <= 1.1 * em
        upright = run["orientation"] == "upright" and run["height"] >= 0.9 * n * em
        if not (combined or upright):
            sideways.append((name, run["text"], run["context"][:20], round(run["height"] / em, 2)))
    assert sideways == []
    texts = {run["text"] for _, run in runs}
    assert {"1", "19", "2023", "4", "3"} <= texts        # 1月19日, 2023年, 今日4版, 订单排到3月


@pytest.mark.parametrize("mode", MODES)
def test_chromium_squeezes_the_blank_half_where_two_marks_meet(chromium_measures, mode):
    """text-spacing-trim: 。” and ”， take one and a half em, not two (a pair at a
    line end may be stretched by justification, hence the tolerance)."""
    advances = [a for (m, _), measured in chromium_measures.items() if m == mode
                for found in measured["pairs"].values() for a in found]
    assert len(advances) >= 20
    assert [a for a in advances if a >= 1.75] == []


# ---- a generated issue with every hard case of line endings ----

def _generated_issue(seed: int) -> Issue:
    rng = random.Random(seed)
    source = "".join(p.text for a in _example_articles() for p in a.paragraphs)
    han = [ch for ch in source if "\u4e00" <= ch <= "\u9fff"]
    pieces = ["——", "……", "“嘿——”", "。”", "，“", "》）", "（", "）", "《", "》", "：", "、", "？", "！"]
    paragraphs = []
    for _ in range(60):
        text = []
        for _ in range(rng.randint(8, 160)):
            text.append(rng.choice(han) if rng.random() < 0.85 else rng.choice(pieces))
        body = "".join(text).lstrip("。，、；：？！）》”’—…")  # any of these characters
        ending = rng.choice(["。", "！", "……", "——", "。”", "？”", "臼。", ""])
        paragraphs.append(Paragraph(body + rng.choice(han) + ending))
    articles = tuple(Article(id=f"g{k}", title=f"生成的文章{k}", paragraphs=tuple(paragraphs[k::3]), order=k)
                     for k in range(3))
    return Issue(Masthead(paper="测试日报", date=dt.date(2023, 1, 19), serial=1, page_count=1),
                 pages=(Page(1, "要闻", articles=articles),))


def _example_articles():
    from publish.readers.source import read_source
    return read_source(EXAMPLE).issue.articles()


@pytest.mark.parametrize("seed", [1])
def test_chromium_line_endings_hold_on_a_generated_issue_at_two_screen_sizes(tmp_path, seed, playwright_driver):
    write_source(_generated_issue(seed), tmp_path / "issue")
    faults, paragraphs = [], 0
    with chromium(playwright_driver) as browser:
        for vertical in (False, True):
            epub = build(tmp_path / "issue", tmp_path / f"out-{vertical}",
                         BuildOptions(formats=("epub",), vertical=vertical)).outputs["epub"]
            with BookServer(epub) as files:
                for width, height in ((600, 800), (1072, 1448)):
                    for name in [n for n in _documents(epub) if "article-" in n]:
                        page = browser.open(files, name, width, height)
                        measured = page.evaluate(LINES_JS, ["article p.text", vertical])
                        paragraphs += len(measured)
                        faults += [f"{vertical} {width}: {name}: {f}" for f in _line_faults(measured)]
    assert paragraphs == 2 * 2 * 60
    assert faults == []


# ---- calibre ----

@pytest.fixture(scope="module")
def azw3(books, tmp_path_factory):
    out = {}
    for mode in MODES:
        folder = tmp_path_factory.mktemp(f"azw3-{mode}")
        path = to_azw3(books[mode], folder / "book.azw3")
        out[mode] = dict(path=path, text=azw3_text(path), exth=exth_records(path))
    return out


@pytest.mark.parametrize("mode", MODES)
def test_azw3_conversion_keeps_the_masthead_page(azw3, mode):
    text = azw3[mode]["text"]
    for part in ("中共温岭市委机关报", "CN33-0106", "总第7478期", "今日4版", "农历壬寅年十二月廿八"):
        assert part in re.sub(r"\s+", "", text), part
    assert "更加有力有序有效做好疫情防控工作" in text


def test_azw3_conversion_declares_the_writing_mode(azw3):
    # EXTH 525: primary writing mode; 527: page progression direction.
    assert azw3["vertical"]["exth"].get(525) == [b"vertical-rl"]
    assert azw3["vertical"]["exth"].get(527) == [b"rtl"]
    assert azw3["horizontal"]["exth"].get(525, [b"horizontal-lr"]) == [b"horizontal-lr"]
