"""The edition folder as written: its files, pictures, faces, links, metadata,
escaping and the markup of every paragraph kind, read back from disk."""
from __future__ import annotations

import io
import re
import urllib.parse
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from web.edition_files import html_files

pytestmark = pytest.mark.slow


def doc(path: Path):
    return lxml.html.document_fromstring(path.read_bytes())


def stories(issue):
    return [a for a in issue.articles() if not a.is_teaser]


def test_one_page_view_per_printed_page_and_one_page_per_story(edition):
    folder, issue = edition["folder"], edition["issue"]
    assert folder.name == issue.slug and folder.parent == edition["out"]
    names = {p.name for p in html_files(folder)}
    assert {"index.html", "page-1.html", "page-2.html", "page-3.html", "page-4.html"} <= names
    assert len([n for n in names if n.startswith("page-")]) == len(issue.pages) == 4
    titles = sorted(doc(folder / n).findtext(".//main//h1") for n in names if n.startswith("article-"))
    assert titles == sorted(a.title for a in stories(issue))
    assert not list(edition["out"].glob(".*")), "a temporary folder was left behind"


def test_page_pictures_are_webp_at_1500_and_3000_pixels_showing_the_trimmed_page(edition):
    folder = edition["folder"]
    for number in range(1, 5):
        page = doc(folder / f"page-{number}.html")
        image = page.find(".//img[@class='page-image']")
        one, two = image.get("src"), image.get("srcset").split(", ")[1].split(" ")[0]
        assert image.get("srcset").split(", ")[0] == f"{one} 1x"
        with Image.open(folder / one) as small, Image.open(folder / two) as large:
            assert small.format == large.format == "WEBP"
            assert small.size == (1500, int(image.get("height"))) and int(image.get("width")) == 1500
            assert large.size == (3000, 2 * small.height)
            # The TrimBox's proportions (390 x 545 mm), not the bleed box's.
            assert abs(small.height / small.width - 545 / 390) < 0.002
            # A trimmed page has no crop marks: its corners are paper white.
            rgb = large.convert("RGB")
            for corner in ((2, 2), (2997, 2), (2, rgb.height - 3), (2997, rgb.height - 3)):
                assert min(rgb.getpixel(corner)) > 235


def test_faces_are_woff2_subsets_holding_the_characters_the_pages_show(edition):
    from fontTools.ttLib import TTFont

    folder = edition["folder"]
    css = (folder / "assets" / "edition.css").read_text(encoding="utf-8")
    faces = re.findall(r'src: url\("([^"]+)"\) format\("woff2"\)', css)
    assert len(faces) == 4
    shown = set()
    for article in stories(edition["issue"]):
        shown |= set("".join(article.texts()))
    covered = set()
    for href in faces:
        data = (folder / "assets" / href).read_bytes()
        assert data[:4] == b"wOF2"
        font = TTFont(io.BytesIO(data))
        assert font.flavor == "woff2"
        covered |= {chr(c) for c in font.getBestCmap()}
    missing = {c for c in shown if not c.isspace()} - covered
    assert not missing, f"no face of the edition has {sorted(missing)[:10]}"


def _targets(path: Path) -> list[str]:
    page = doc(path)
    found = [e.get("href") for e in page.iter("a", "link") if e.get("href")]
    found += [e.get("src") for e in page.iter("img", "script") if e.get("src")]
    found += [part.strip().split(" ")[0] for e in page.iter("img") if e.get("srcset")
              for part in e.get("srcset").split(",")]
    return found


def test_every_link_resolves_to_a_file_and_element_inside_the_folder(edition, small_edition):
    for built in (edition, small_edition):
        folder = built["folder"].resolve()
        ids = {p.name: {e.get("id") for e in doc(p).iter() if isinstance(e.tag, str) and e.get("id")}
               for p in html_files(folder)}
        checked = 0
        for path in html_files(folder):
            for target in _targets(path):
                parts = urllib.parse.urlsplit(target)
                assert not parts.scheme and not parts.netloc, f"{path.name}: {target} leaves the folder"
                file = (path.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else path
                assert file.is_relative_to(folder) and file.is_file(), f"{path.name}: {target} is missing"
                if parts.fragment:
                    assert parts.fragment in ids[file.name], f"{path.name}: {target}: no such element"
                checked += 1
        for sheet in folder.glob("assets/*.css"):
            for url in re.findall(r"url\(\"?([^\")]+)\"?\)", sheet.read_text(encoding="utf-8")):
                assert (sheet.parent / url).resolve().is_file(), f"{sheet.name}: {url} is missing"
                checked += 1
        assert checked > 100


def test_metadata_language_csp_and_open_graph_on_every_document(edition):
    folder = edition["folder"]
    for path in html_files(folder):
        page = doc(path)
        assert page.get("lang") == "zh-CN"
        assert page.findtext(".//title").strip()
        meta = {e.get("name") or e.get("property") or e.get("http-equiv"): e.get("content")
                for e in page.iter("meta")}
        assert meta["description"].strip()
        policy = meta["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "http" not in policy and "*" not in policy
        image = meta["og:image"]
        assert (folder / image).is_file() and image.endswith(".webp")
        assert meta["og:title"] and meta["og:locale"] == "zh_CN"


def test_the_jumped_story_is_one_page_with_both_printed_pages_and_all_its_text(edition):
    issue, folder = edition["issue"], edition["folder"]
    jump = edition["report"]["jumps"][0]
    article = next(a for a in issue.articles() if a.id == jump["article"])
    page = doc(folder / f"article-{article.id}.html")
    text = [p.text_content() for p in page.find(".//div[@class='text']")]
    assert text == list(article.texts())
    folios = [a.get("href") for a in page.find(".//p[@class='folio']").iter("a")]
    assert folios == [f"page-{jump['from']}.html#zone-{jump['from']}-{article.id}",
                      f"page-{jump['to']}.html#zone-{jump['to']}-{article.id}"]
    for number in (jump["from"], jump["to"]):
        zones = doc(folder / f"page-{number}.html").findall(".//a[@data-article]")
        assert article.id in [z.get("data-article") for z in zones]


def test_paragraph_kinds_verse_pictures_and_imprint_are_marked_up(small_edition):
    folder = small_edition["folder"]
    page = doc(folder / "article-s1-01.html")
    body = page.find(".//div[@class='text']")
    assert [(e.tag, e.get("class")) for e in body] == [
        ("p", "label"), ("p", "text"), ("h2", "intertitle"), ("p", "text"), ("p", "caption"), ("p", "credit"),
        ("p", "text"), ("p", "note")]
    hgroup = page.find(".//hgroup")
    assert [e.text_content() for e in hgroup] == ["引题：年终盘点", "城乡融合发展的新路径", "副题：三个关键词"]
    assert page.find(".//p[@class='byline']").text == "本报记者 示例"
    poem = doc(folder / "article-s2-01.html")
    stanzas = poem.findall(".//p[@class='verse']")
    assert [[t.strip() for t in s.itertext()] for s in stanzas] == [
        ["灯笼挂在船头", "海风吹过石塘", "归港的人", "数着年的脚步"], ["潮水退了又涨", "一盏灯", "照亮回家的路"]]
    assert all(len(s.findall("br")) == len(list(s.itertext())) - 1 for s in stanzas)
    assert poem.find(".//p[@class='author']").text == "文/示例"
    pictured = doc(folder / "article-s2-02.html")
    figure = pictured.find(".//figure")
    assert figure.find("img").get("alt") == "渔船停在港口，桅杆上挂着红灯笼"
    assert figure.find("figcaption").text_content() == "东屿渔港的红灯笼 示例 摄"
    with Image.open(folder / figure.find("img").get("src")) as picture:
        assert picture.size == (int(figure.find("img").get("width")), int(figure.find("img").get("height")))
    assert "社址：示例路1号" in doc(folder / "index.html").find(".//footer").text_content()


def test_user_text_is_escaped_everywhere(small_edition):
    from web.small_issue import HOSTILE_TITLE

    folder = small_edition["folder"]
    for path in html_files(folder):
        page = doc(path)
        assert [s.get("src") for s in page.iter("script")] == ["assets/edition.js"], path.name
        assert not page.findall(".//b") and not page.findall(".//body//title"), path.name
    page = doc(folder / "article-s1-02.html")
    assert page.findtext(".//main//h1") == HOSTILE_TITLE
    assert page.find(".//div[@class='text']/p").text.startswith("<b>不是粗体</b> & 也不是实体 &amp; ")
    assert page.findtext(".//title").startswith(HOSTILE_TITLE)
    zone = doc(folder / "page-1.html").find(".//a[@data-article='s1-02']")
    assert zone.get("title") == HOSTILE_TITLE and zone.text_content() == HOSTILE_TITLE


def test_the_edition_alone_builds_its_own_pdf_and_reports_none(small_edition):
    report = small_edition["report"]
    assert list(report["outputs"]) == ["html"]
    assert "preflight" not in report and small_edition["pdf"] is None
    assert not list(small_edition["out"].glob("*.pdf"))
    assert report["outputs"]["html"]["pages"] == 2 and report["outputs"]["html"]["articles"] == 4


def test_same_input_gives_byte_identical_files(edition, tmp_path):
    """The edition written twice from the same PDF and plan: every file equal."""
    from publish.build import BuildContext, BuildOptions
    from publish.readers import load_issue
    from publish.outputs import MARKER
    from publish.writers import html
    from support import EXAMPLE

    first = edition["folder"]
    context = BuildContext(load_issue(EXAMPLE), tmp_path, BuildOptions(formats=("html",)))
    context.outputs["pdf"] = edition["pdf"]
    html.write(context, tmp_path / "again")
    # The build adds its record of what it wrote (outputs.MARKER); html.write alone does not.
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and p.name != MARKER)
    assert files == sorted(p.relative_to(tmp_path / "again") for p in (tmp_path / "again").rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (tmp_path / "again" / f).read_bytes()]
    assert not different


def test_a_rebuild_replaces_an_edition_but_never_a_folder_it_did_not_write(small_edition, tmp_path):
    from publish.build import BuildOptions, build
    from publish.errors import OutputError
    from web.small_issue import write_small_issue

    issue = write_small_issue(tmp_path / "issue")
    out = tmp_path / "out"
    foreign = out / small_edition["issue"].slug
    foreign.mkdir(parents=True)
    (foreign / "mine.txt").write_text("the user's file", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder this tool wrote"):
        build(issue, out, BuildOptions(formats=("html",)))
    assert (foreign / "mine.txt").read_text(encoding="utf-8") == "the user's file"
    assert sorted(p.name for p in out.iterdir()) == [foreign.name]
