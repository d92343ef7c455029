"""Each ebooklib 0.20 trap of docs/design.md §8, caught on our output.

Every test first shows the trap is real in the installed ebooklib (so a test
that passes is not passing because the trap went away unnoticed), then checks
that our book does not fall into it."""
from __future__ import annotations

import datetime as dt
import time
import uuid
import zipfile
from pathlib import PurePosixPath

import pytest
from ebooklib import epub
from ebooklib.utils import get_pages_for_items
from lxml import etree

from publish.build import BuildOptions, build
from publish.writers.epub_package import FixedWriter, XhtmlItem, write_package, zip_time
from support import EXAMPLE

NS = {"opf": "http://www.idpf.org/2007/opf", "x": "http://www.w3.org/1999/xhtml",
      "epub": "http://www.idpf.org/2007/ops"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    context = build(EXAMPLE, tmp_path_factory.mktemp("traps"), BuildOptions(formats=("epub",)))
    path = context.outputs["epub"]
    with zipfile.ZipFile(path) as z:
        files = {info.filename: z.read(info) for info in z.infolist()}
        infos = z.infolist()
    return dict(path=path, files=files, infos=infos, opf=etree.fromstring(files["EPUB/content.opf"]),
                timestamp=context.timestamp)


def _documents(book):
    opf = book["opf"]
    return {f"EPUB/{i.get('href')}": etree.fromstring(book["files"][f"EPUB/{i.get('href')}"])
            for i in opf.iterfind("opf:manifest/opf:item[@media-type='application/xhtml+xml']", NS)}


def _resolve(document: str, href: str) -> str:
    parts = []
    for part in (PurePosixPath(document).parent / href).parts:
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def test_trap_stylesheet_href_from_a_sub_folder(book):
    # the trap: a document in text/ gets the bare href of the stylesheet
    trap = epub.EpubHtml(file_name="text/a.xhtml")
    trap.add_item(epub.EpubItem(file_name="styles/epub.css", media_type="text/css"))
    assert trap.links[0]["href"] == "styles/epub.css"
    # ours: every document's stylesheet link resolves to the stylesheet
    css = next(f"EPUB/{i.get('href')}" for i in book["opf"].iterfind("opf:manifest/opf:item", NS)
               if i.get("media-type") == "text/css")
    documents = _documents(book)
    assert any("/text/" in name for name in documents) and "EPUB/nav.xhtml" in documents
    for name, root in documents.items():
        links = root.findall("x:head/x:link[@rel='stylesheet']", NS)
        assert [_resolve(name, link.get("href")) for link in links] == [css], name


def test_trap_head_and_html_attributes_dropped_by_reparsing(book):
    # the trap: EpubHtml re-parses our document and drops the head and html/body attributes
    page = book["files"]["EPUB/text/page-1.xhtml"]
    trap = epub.EpubHtml(file_name="text/page-1.xhtml", content=page)
    trap.book = epub.EpubBook()
    reparsed = etree.fromstring(trap.get_content())
    assert reparsed.get("class") is None and reparsed.find("{*}body").get("{http://www.idpf.org/2007/ops}type") is None
    # ours: written byte for byte as rendered
    for name, root in _documents(book).items():
        assert root.get(XML_LANG) == "zh-CN" and root.get("lang") == "zh-CN" and root.get("class"), name
        head = root.find("x:head", NS)
        assert head.find("x:meta[@charset='utf-8']", NS) is not None and head.find("x:title", NS).text, name
        assert root.find("x:body", NS).get("{http://www.idpf.org/2007/ops}type"), name


def test_trap_page_list_takes_every_element_with_epub_type_and_id(book):
    documents = _documents(book)
    # the trap: ebooklib's page detection, given our spine documents, finds more than page breaks
    items = [epub.EpubHtml(file_name=name, content=book["files"][name]) for name in documents]
    found = get_pages_for_items(items)
    assert any(not ref.startswith("page-") for _, ref, _ in found), found
    # ours: the page-list holds exactly the four doc-pagebreak markers
    nav = documents["EPUB/nav.xhtml"]
    page_list = nav.find(".//x:nav[@epub:type='page-list']", NS)
    targets = [a.get("href") for a in page_list.iterfind(".//x:a", NS)]
    markers = [f"{name[5:]}#{e.get('id')}" for name, root in documents.items()
               for e in root.iterfind(".//*[@role='doc-pagebreak']")]
    assert targets == markers and len(targets) == 4


def test_trap_no_xml_lang_on_package(book, tmp_path):
    # the trap
    plain = epub.EpubBook()
    plain.set_identifier("x")
    plain.set_title("t")
    plain.set_language("zh-CN")
    plain.add_item(epub.EpubNcx())
    epub.write_epub(str(tmp_path / "plain.epub"), plain)
    with zipfile.ZipFile(tmp_path / "plain.epub") as z:
        assert etree.fromstring(z.read("EPUB/content.opf")).get(XML_LANG) is None
    # ours
    assert book["opf"].get(XML_LANG) == "zh-CN"


def test_trap_spine_toc_is_hard_coded(book, tmp_path):
    # the trap: toc="ncx" on the spine even when no item has that id
    plain = epub.EpubBook()
    plain.set_identifier("x")
    plain.set_title("t")
    epub.write_epub(str(tmp_path / "plain.epub"), plain)
    with zipfile.ZipFile(tmp_path / "plain.epub") as z:
        assert etree.fromstring(z.read("EPUB/content.opf")).find("{*}spine").get("toc") == "ncx"
    # ours: the spine's toc is the NCX item's id ...
    spine = book["opf"].find("opf:spine", NS)
    ncx = book["opf"].find("opf:manifest/opf:item[@media-type='application/x-dtbncx+xml']", NS)
    assert spine.get("toc") == ncx.get("id")
    # ... and no toc attribute when a book has no NCX
    bare = epub.EpubBook()
    bare.set_identifier("urn:uuid:00000000-0000-5000-8000-000000000000")
    bare.add_item(XhtmlItem("a", "a.xhtml", "application/xhtml+xml", b"<html/>"))
    bare.spine = [bare.items[0]]
    write_package(bare, tmp_path / "bare.epub", mtime=dt.datetime(2023, 1, 19, tzinfo=dt.timezone.utc), lang="zh-CN")
    with zipfile.ZipFile(tmp_path / "bare.epub") as z:
        assert etree.fromstring(z.read("EPUB/content.opf")).find("{*}spine").get("toc") is None


def test_trap_zip_times_and_random_identifier(book, tmp_path, monkeypatch):
    # the traps: a random uuid4 identifier, entries stamped with the current time
    assert epub.EpubBook().uid != epub.EpubBook().uid
    # ours: every entry carries the build timestamp; the identifier is a uuid5 of paper and date
    assert {info.date_time for info in book["infos"]} == {zip_time(book["timestamp"])}
    assert {info.create_system for info in book["infos"]} == {3}
    identifier = book["opf"].find("{*}metadata/{http://purl.org/dc/elements/1.1/}identifier").text
    assert identifier == "urn:uuid:" + str(uuid.uuid5(uuid.UUID("6f1c2f3e-8d4b-5a0e-9c61-2b7e4d9a0c15"),
                                                      "温岭日报/2023-01-19"))     # the horizontal edition
    # and a build a day later (by the clock) with other random ids is the same file
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86400)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=12345))
    again = build(EXAMPLE, tmp_path, BuildOptions(formats=("epub",))).outputs["epub"]
    monkeypatch.undo()
    assert again.read_bytes() == book["path"].read_bytes()


def test_fixed_writer_keeps_ebooklib_in_charge_of_the_package(book):
    """The package is still ebooklib's: generator aside, its metadata and manifest writers made it."""
    assert issubclass(FixedWriter, epub.EpubWriter)
    assert book["opf"].get("version") == "3.0" and book["opf"].get("prefix") is None
