"""The EPUB of the example issue, horizontal and vertical: valid (EPUBCheck 5.3
with --failonwarnings), structured like a newspaper, fonts covering every
character it shows, reproducible, small and fast. Each book is built once."""
from __future__ import annotations

import io
import re
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import PurePosixPath

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from publish.build import BuildOptions, build
from publish.check.epub import check_epub
from publish.model import PARAGRAPH_KINDS
from support import EXAMPLE

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


class Book:
    """An EPUB opened for reading: its files, package document and navigation."""

    def __init__(self, path):
        self.path = path
        with zipfile.ZipFile(path) as z:
            self.infos = z.infolist()
            self.files = {info.filename: z.read(info) for info in self.infos}
        container = etree.fromstring(self.files["META-INF/container.xml"])
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.folder = str(PurePosixPath(self.opf_path).parent)
        self.opf = etree.fromstring(self.files[self.opf_path])
        self.items = {i.get("id"): i for i in self.opf.iterfind("opf:manifest/opf:item", NS)}
        nav_item = next(i for i in self.items.values() if "nav" in (i.get("properties") or "").split())
        self.nav_href = nav_item.get("href")
        self.nav = self.xml(self.nav_href)

    def name(self, href: str, base: str = "") -> str:
        """Zip name of `href`, relative to the OPF folder or to document `base`."""
        start = PurePosixPath(self.folder) / PurePosixPath(base).parent
        parts = []
        for part in (start / href.partition("#")[0]).parts:
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        return "/".join(parts)

    def xml(self, href: str, base: str = ""):
        return etree.fromstring(self.files[self.name(href, base)])

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]

    def spine(self) -> list[str]:
        return [self.items[r.get("idref")].get("href") for r in self.opf.iterfind("opf:spine/opf:itemref", NS)]

    def documents(self) -> dict[str, etree._Element]:
        return {i.get("href"): self.xml(i.get("href")) for i in self.items.values()
                if i.get("media-type") == "application/xhtml+xml"}

    def fonts(self) -> dict[str, TTFont]:
        return {i.get("href"): TTFont(io.BytesIO(self.files[self.name(i.get("href"))]))
                for i in self.items.values() if i.get("media-type", "").startswith("font/")}


def _build(folder, vertical=False):
    context = build(EXAMPLE, folder, BuildOptions(formats=("epub",), vertical=vertical))
    return Book(context.outputs["epub"])


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    return {"horizontal": _build(tmp_path_factory.mktemp("h")),
            "vertical": _build(tmp_path_factory.mktemp("v"), vertical=True)}


@pytest.fixture(scope="module")
def book(books):
    return books["horizontal"]


@pytest.fixture(scope="module")
def checked(books):
    """EPUBCheck on both books at once (two JVMs on two cores)."""
    with ThreadPoolExecutor(2) as pool:
        runs = {mode: pool.submit(check_epub, b.path) for mode, b in books.items()}
        return {mode: run.result() for mode, run in runs.items()}


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["horizontal", "vertical"])
def test_epubcheck_reports_no_fatal_error_or_warning(checked, mode):
    ok, lines = checked[mode]
    assert ok, "\n".join(lines)
    assert re.search(r"EPUBCheck 5\.3\.\d+: 0 fatal, 0 errors, 0 warnings", lines[-1]), lines[-1]


# ---- package document ----

def test_package_language_title_and_identifier(book, example_issue):
    assert book.opf.get(XML_LANG) == "zh-CN"
    assert book.dc("language") == ["zh-CN"]
    assert book.dc("title") == ["温岭日报 2023年1月19日 第7478期"]
    assert book.dc("publisher") == ["温岭市融媒体中心"]
    assert book.dc("date") == ["2023-01-19"]
    identifier = book.opf.find(f"opf:metadata/dc:identifier[@id='{book.opf.get('unique-identifier')}']", NS).text
    assert identifier.startswith("urn:uuid:") and uuid.UUID(identifier[9:]).version == 5
    assert book.meta("dcterms:modified") == ["2023-01-18T16:00:00Z"]    # 2023-01-19 00:00 in Beijing


def test_collection_is_the_paper_with_the_serial_as_position(book):
    collection = book.opf.find("opf:metadata/opf:meta[@property='belongs-to-collection']", NS)
    assert collection.text == "温岭日报"
    refines = {m.get("property"): m.text for m in
               book.opf.iterfind(f"opf:metadata/opf:meta[@refines='#{collection.get('id')}']", NS)}
    assert refines == {"collection-type": "series", "group-position": "7478"}


def test_accessibility_metadata(book):
    assert set(book.meta("schema:accessMode")) == {"textual", "visual"}
    assert book.meta("schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "pageBreakMarkers", "pageNavigation",
            "alternativeText"} <= set(book.meta("schema:accessibilityFeature"))
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert len(book.meta("schema:accessibilitySummary")[0]) > 40


def test_print_edition_is_named_as_the_page_break_source(book):
    source = book.meta("pageBreakSource")
    assert source == book.dc("source") and "印刷版" in source[0] and "温岭日报" in source[0]


def test_cover_image_is_set(book):
    covers = [i for i in book.items.values() if i.get("properties") == "cover-image"]
    assert len(covers) == 1 and covers[0].get("media-type") in ("image/png", "image/jpeg")
    assert book.files[book.name(covers[0].get("href"))][:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")


def test_spine_starts_with_cover_masthead_contents_then_pages_and_their_articles(book, example_issue):
    expected = ["text/cover.xhtml", "text/masthead.xhtml", "nav.xhtml"]
    for page in example_issue.pages:
        expected.append(f"text/page-{page.number}.xhtml")
        expected += [f"text/article-{a.id}.xhtml" for a in page.articles if not a.is_teaser]
    assert book.spine() == expected
    assert book.opf.find("opf:spine", NS).get("page-progression-direction") == "ltr"


def test_masthead_document_shows_every_masthead_field(book):
    text = "".join(book.xml("text/masthead.xhtml").itertext())
    for part in ("温岭日报", "中共温岭市委机关报", "温岭市融媒体中心出版", "2023年1月19日", "星期四",
                 "农历壬寅年十二月廿八", "总第7478期", "今日4版", "CN33-0106"):
        assert part in text, part
    assert book.xml("text/masthead.xhtml").find(".//x:h1", NS).text == "温岭日报"


# ---- navigation ----

def _links(nav, nav_type):
    element = nav.find(f".//x:nav[@epub:type='{nav_type}']", NS)
    return element, [(a.get("href"), "".join(a.itertext()), a.get(EPUB_TYPE)) for a in element.iterfind(".//x:a", NS)]


def test_toc_lists_pages_then_their_articles(book, example_issue):
    toc, _ = _links(book.nav, "toc")
    assert toc.get("role") == "doc-toc"
    entries = toc.findall("x:ol/x:li", NS)
    assert "".join(entries[0].find("x:a", NS).itertext()) == "报头"
    assert entries[0].find("x:a", NS).get("href") == "text/masthead.xhtml"
    for page, li in zip(example_issue.pages, entries[1:], strict=True):
        label = "".join(li.find("x:a", NS).itertext())
        assert label == f"第{page.number}版 {page.name}"
        children = [("".join(a.itertext()), a.get("href")) for a in li.iterfind("x:ol/x:li/x:a", NS)]
        assert children == [(a.title, f"text/article-{a.id}.xhtml") for a in page.articles if not a.is_teaser]
    assert "".join(entries[1].find("x:a", NS).itertext()) == "第1版 要闻"


def test_landmarks_and_guide_name_the_cover_page_not_the_masthead(book):
    _, links = _links(book.nav, "landmarks")
    assert [(kind, href) for href, _, kind in links] == [
        ("cover", "text/cover.xhtml"), ("toc", "nav.xhtml#toc"), ("bodymatter", "text/page-1.xhtml")]
    guide = {r.get("type"): r.get("href") for r in book.opf.iterfind("opf:guide/opf:reference", NS)}
    assert guide == {"cover": "text/cover.xhtml", "toc": "nav.xhtml#toc", "text": "text/page-1.xhtml"}
    assert "masthead" not in " ".join(guide.values())


def test_page_list_points_at_the_pagebreak_markers_of_the_four_printed_pages(book):
    page_list, links = _links(book.nav, "page-list")
    assert page_list.get("role") == "doc-pagelist"
    assert [label for _, label, _ in links] == ["1", "2", "3", "4"]
    for href, label, _ in links:
        document, fragment = href.split("#")
        marker = book.xml(document).find(f".//*[@id='{fragment}']")
        assert marker.get("role") == "doc-pagebreak" and marker.get(EPUB_TYPE) == "pagebreak"
        assert marker.get("aria-label") == label


def test_ncx_mirrors_the_nav_with_the_book_identifier(book):
    ncx_item = next(i for i in book.items.values() if i.get("media-type") == "application/x-dtbncx+xml")
    ncx = book.xml(ncx_item.get("href"))
    uid = ncx.find("ncx:head/ncx:meta[@name='dtb:uid']", NS).get("content")
    assert uid == book.dc("identifier")[0]
    toc, _ = _links(book.nav, "toc")
    nav_targets = [a.get("href") for a in toc.iterfind(".//x:a", NS)]
    ncx_targets = [c.get("src") for c in ncx.iterfind(".//ncx:navPoint/ncx:content", NS)]
    assert ncx_targets == nav_targets
    assert [p.get("value") for p in ncx.iterfind(".//ncx:pageTarget", NS)] == ["1", "2", "3", "4"]
    orders = [int(p.get("playOrder")) for p in ncx.iterfind(".//ncx:navPoint", NS)]
    assert orders == sorted(orders)


# ---- articles ----

def test_article_headline_is_one_header_group_with_the_byline_apart(book):
    article = book.xml("text/article-p2-01.xhtml")
    group = article.find(".//x:header/x:hgroup", NS)
    assert [(e.tag.split("}")[1], e.get("class"), e.text) for e in group] == [
        ("p", "kicker", "盘点2022温岭教育"), ("h1", None, "这一年，实心实意"),
        ("p", "subtitle", "新增学位10800个 课后服务全覆盖 教共体覆盖每所乡村学校")]
    byline = article.find(".//x:header/x:p[@class='byline']", NS)
    assert byline.text == "本报记者 方晓岚 通讯员 郑一鸣" and byline.getparent().tag.endswith("header")
    assert len(article.findall(".//x:h1", NS)) == 1 and not article.findall(".//x:h2", NS)


def test_images_have_alt_text_and_captions(book, example_issue):
    for article in example_issue.articles():
        if not article.images:
            continue
        figures = book.xml(f"text/article-{article.id}.xhtml").findall(".//x:figure", NS)
        assert len(figures) == len(article.images)
        for figure, image in zip(figures, article.images):
            img = figure.find("x:img", NS)
            assert img.get("alt") == (image.alt or image.caption)
            assert book.name(img.get("src"), f"text/article-{article.id}.xhtml") in book.files
            if image.caption:
                assert image.caption in "".join(figure.find("x:figcaption", NS).itertext())


def test_column_banners_are_shown(book, example_issue):
    banners = [a for a in example_issue.articles() if a.column and not a.is_teaser]
    assert banners
    for article in banners:
        column = book.xml(f"text/article-{article.id}.xhtml").find(".//x:header/x:p[@class='column']", NS)
        assert column.text == article.column


def test_teaser_links_to_the_main_article_of_its_page(book, example_issue):
    teaser = next(a for a in example_issue.articles() if a.is_teaser)
    page = next(p for p in example_issue.pages if teaser in p.articles)
    jump = book.xml(f"text/page-{page.number}.xhtml").find(".//x:a[@class='jump']", NS)
    assert jump.text == "详见第二版"
    target = book.xml(jump.get("href"), f"text/page-{page.number}.xhtml")
    assert target.find(".//x:h1", NS).text == "这一年，实心实意"
    assert target.find(".//x:p[@class='kicker']", NS).text == "盘点2022温岭教育"


def test_every_paragraph_of_every_article_is_in_one_document(book, example_issue):
    for article in example_issue.articles():
        if article.is_teaser:
            continue
        root = book.xml(f"text/article-{article.id}.xhtml")
        paragraphs = [e for e in root.find(".//x:article", NS) if e.get("class") in PARAGRAPH_KINDS]
        assert [(_text_with_breaks(e), e.get("class")) for e in paragraphs] == \
            [(p.text, p.kind) for p in article.paragraphs]


def _text_with_breaks(element) -> str:
    """An element's text with each <br/> read as the line break it stands for (verse)."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == f"{{{NS['x']}}}br" else "".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


@pytest.mark.parametrize("mode", ["horizontal", "vertical"])
def test_every_document_is_chinese_with_a_title_and_the_stylesheet(books, mode):
    for href, root in books[mode].documents().items():
        assert root.get(XML_LANG) == "zh-CN" and root.get("lang") == "zh-CN", href
        assert root.find("x:head/x:title", NS).text, href
        assert root.find("x:head/x:link[@rel='stylesheet']", NS) is not None, href
        assert not root.xpath("//@dir"), href


# ---- fonts ----

def _shown_characters(root) -> set[str]:
    body = root.find("x:body", NS)
    return {ch for ch in "".join(body.itertext()) if ch not in "\n\r\t"}


@pytest.mark.parametrize("mode", ["horizontal", "vertical"])
def test_every_character_shown_is_in_an_embedded_font(books, mode):
    book = books[mode]
    covered = set()
    for font in book.fonts().values():
        covered |= set(font.getBestCmap())
    shown = set()
    for root in book.documents().values():
        shown |= _shown_characters(root)
    assert {ch for ch in shown if ord(ch) not in covered} == set()


def test_each_face_carries_the_characters_of_its_role(book):
    fonts = {href: set(font.getBestCmap()) for href, font in book.fonts().items()}
    article = book.xml("text/article-p2-01.xhtml")

    def chars(elements):
        return {ord(ch) for e in elements for ch in "".join(e.itertext()) if not ch.isspace()}

    assert chars(article.iterfind(".//x:h1", NS)) <= fonts["fonts/headline.otf"]
    assert chars(article.iterfind(".//x:p[@class='byline']", NS)) <= fonts["fonts/kai.ttf"]
    assert chars(article.iterfind(".//x:article/x:p[@class='text']", NS)) <= fonts["fonts/body.otf"]
    # and nothing more: the kai face is cut to bylines, captions and editors, not the whole issue
    assert len(fonts["fonts/kai.ttf"]) < len(fonts["fonts/body.otf"]) / 4


def test_fonts_are_declared_with_explicit_families_and_apple_display_options(book):
    css = book.files[book.name("styles/epub.css")].decode()
    assert css.count("@font-face") == len(book.fonts())
    for family in re.findall(r"font-family:\s*([^;]+);", css):
        assert family.strip().split(",")[0].strip() not in ("serif", "sans-serif"), family
    options = etree.fromstring(book.files["META-INF/com.apple.ibooks.display-options.xml"])
    assert options.find(".//option[@name='specified-fonts']").text == "true"


# ---- CJK styles ----

def test_chinese_text_is_justified_between_characters_with_strict_breaking(book):
    css = book.files[book.name("styles/epub.css")].decode()
    for declaration in ("text-justify: inter-character", "text-align: justify", "text-indent: 2em",
                        "-epub-line-break: strict", "-webkit-line-break: strict", "line-break: strict",
                        "text-emphasis-style: filled dot", "text-emphasis-position: under right"):
        assert declaration in css, declaration
    assert re.search(r"\np, h1, h2, ol, ul, li, hgroup \{[^}]*margin: 0;", css)
    assert re.search(r"\np\.text \{[^}]*text-indent: 2em;[^}]*text-align: justify;", css)
    assert ":lang(" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S)     # MuPDF ignores :lang()


def test_vertical_book_sets_vertical_rl_and_right_to_left_pages(books):
    book = books["vertical"]
    css = book.files[book.name("styles/epub.css")].decode()
    html_rule = re.search(r"\nhtml \{([^}]*)\}", css).group(1)
    for declaration in ("-epub-writing-mode: vertical-rl", "-webkit-writing-mode: vertical-rl",
                        "writing-mode: vertical-rl"):
        assert declaration in html_rule
    assert book.opf.find("opf:spine", NS).get("page-progression-direction") == "rtl"
    assert "vertical-rl" not in books["horizontal"].files[books["horizontal"].name("styles/epub.css")].decode()


# ---- container, reproducibility, budget ----

def test_mimetype_is_first_and_stored(book):
    first = book.infos[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert book.files["mimetype"] == b"application/epub+zip" and first.extra == b""


def test_rebuild_is_byte_identical(book, tmp_path):
    again = _build(tmp_path)
    assert again.path.read_bytes() == book.path.read_bytes()


def test_source_date_epoch_sets_modified_and_zip_times(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    book = _build(tmp_path)
    assert book.meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]
    assert {info.date_time for info in book.infos} == {(2023, 11, 14, 22, 13, 20)}


def test_example_is_under_2_mb(book):
    assert book.path.stat().st_size < 2 * 1024 * 1024


# ---- editions, cover, page pictures, back links ----

def test_each_edition_has_its_own_stable_identifier_and_the_vertical_names_its_writing_mode(books, tmp_path):
    horizontal, vertical = books["horizontal"], books["vertical"]
    ids = {mode: b.dc("identifier")[0] for mode, b in books.items()}
    namespace = uuid.UUID("6f1c2f3e-8d4b-5a0e-9c61-2b7e4d9a0c15")
    assert ids == {"horizontal": f"urn:uuid:{uuid.uuid5(namespace, '温岭日报/2023-01-19')}",
                   "vertical": f"urn:uuid:{uuid.uuid5(namespace, '温岭日报/2023-01-19/vertical')}"}
    assert _build(tmp_path, vertical=True).dc("identifier")[0] == ids["vertical"]     # stable across rebuilds

    def writing_mode(book):
        return [m.get("content") for m in book.opf.iterfind("opf:metadata/opf:meta[@name='primary-writing-mode']", NS)]

    assert writing_mode(vertical) == ["vertical-rl"] and writing_mode(horizontal) == ["horizontal-lr"]
    assert vertical.opf.find("opf:spine", NS).get("page-progression-direction") == "rtl"


@pytest.mark.parametrize("mode", ["horizontal", "vertical"])
def test_cover_has_a_page_of_its_own_and_the_masthead_is_ordinary_front_matter(books, mode):
    book = books[mode]
    cover = book.xml("text/cover.xhtml")
    img = cover.find(".//x:img", NS)
    cover_item = next(i for i in book.items.values() if i.get("properties") == "cover-image")
    assert book.name(img.get("src"), "text/cover.xhtml") == book.name(cover_item.get("href"))
    assert img.get("role") == "doc-cover" and img.get("alt") == "温岭日报 2023年1月19日 封面"
    assert cover.find("x:body", NS).get(EPUB_TYPE) == "cover"
    masthead = book.xml("text/masthead.xhtml")
    assert masthead.find("x:body", NS).get(EPUB_TYPE) == "frontmatter"
    assert masthead.find(".//x:img", NS) is None


def test_page_openers_show_the_page_map_and_number_their_stories(book, example_issue):
    from PIL import Image as PILImage

    for page in example_issue.pages:
        opener = book.xml(f"text/page-{page.number}.xhtml")
        img = opener.find(f".//x:div[@id='page-{page.number}-picture']/x:figure/x:img", NS)
        data = book.files[book.name(img.get("src"), f"text/page-{page.number}.xhtml")]
        picture = PILImage.open(io.BytesIO(data))
        assert picture.format == "PNG" and picture.mode == "L" and len(data) <= 300_000
        assert (int(img.get("width")), int(img.get("height"))) == picture.size
        entries = opener.findall(f".//x:ol[@id='page-{page.number}-digest']/x:li", NS)
        numbers = ["".join(e.find("x:span[@class='badge']", NS).itertext()) for e in entries]
        assert numbers == [str(n) for n in range(1, len(entries) + 1)]
        titles = ["".join(e.find("x:a[@class='digest-title']", NS).itertext()) for e in entries]
        assert titles[:len(page.articles)] == [a.title for a in page.articles]
        for number, title in zip(numbers, titles):
            assert f"{number} {title}" in img.get("alt")
    # the jumped story is listed again on the page that carries its rest (上接第二版)
    page_3 = book.xml("text/page-3.xhtml")
    continued = [li for li in page_3.iterfind(".//x:li", NS) if "上接第二版" in "".join(li.itertext())]
    assert len(continued) == 1 and "这一年，实心实意" in "".join(continued[0].itertext())


def test_page_pictures_from_the_pdf_are_greyscale_jpegs_for_e_ink(built_example):
    from PIL import Image as PILImage

    book = Book(built_example["epub"])
    report = built_example["report"]["outputs"]["epub"]["page_pictures"]
    assert [report[str(n)]["source"] for n in range(1, 5)] == ["pdf"] * 4
    for number in range(1, 5):
        data = book.files[book.name(f"images/pages/page-{number}.jpg")]
        picture = PILImage.open(io.BytesIO(data))
        assert picture.format == "JPEG" and picture.mode == "L", number
        assert len(data) <= 300_000 and picture.width >= 800, (number, len(data), picture.size)
        # the printed page itself: the paper's name in red ink reads dark, the paper light
        assert picture.getextrema()[0] < 60 and picture.getextrema()[1] > 200


def test_every_article_links_back_to_its_page_picture_and_digest(book, example_issue):
    for page in example_issue.pages:
        for article in page.articles:
            if article.is_teaser:
                continue
            href = f"text/article-{article.id}.xhtml"
            root = book.xml(href)
            links = [a.get("href") for a in root.iterfind(".//x:footer//x:a", NS)]
            assert links == [f"page-{page.number}.xhtml#page-{page.number}-picture",
                             f"page-{page.number}.xhtml#page-{page.number}-digest"]
            assert root.find(".//x:p[@class='folio']/x:a", NS).get("href") == links[0]
            for link in links:
                target, fragment = link.split("#")
                assert book.xml(target, href).find(f".//*[@id='{fragment}']") is not None, link


def test_vertical_display_text_stands_digits_upright(books):
    book = books["vertical"]

    def spans(root, cls):
        return ["".join(s.itertext()) for s in root.iterfind(f".//x:span[@class='{cls}']", NS)]

    masthead = book.xml("text/masthead.xhtml")
    assert spans(masthead, "tcy") == ["1", "19", "4"] and spans(masthead, "upright") == ["2023", "CN33-0106", "7478"]
    article = book.xml("text/article-p2-02.xhtml")
    assert "3" in spans(article.find(".//x:h1", NS), "tcy")                  # 订单排到3月
    assert spans(article.find(".//x:p[@class='folio']", NS), "tcy") == ["2"]  # 第2版
    assert "1" in spans(book.nav.find(".//x:nav[@id='toc']", NS), "tcy")       # 第1版 in the contents
    # the horizontal edition has none of it
    horizontal = books["horizontal"].xml("text/masthead.xhtml")
    assert not horizontal.findall(".//x:span[@class='tcy']", NS)
    assert not horizontal.findall(".//x:span[@class='upright']", NS)
