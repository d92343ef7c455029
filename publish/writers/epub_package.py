"""The OCF container and package document, through ebooklib 0.20 with its traps closed.

ebooklib keeps the book (metadata, manifest, spine, guide) and writes the
package document and the zip. Where 0.20 goes wrong, this module steps in:

- Stylesheet hrefs from sub-folders (`EpubHtml.add_item(css)` links the bare
  file name): no document gets links from ebooklib; our templates write each
  href relative to its own document (`Doc.link`).
- `EpubHtml.get_content` re-parses the document with an HTML parser, dropping
  `<head>` content and the `html`/`body` attributes (xml:lang, epub:type):
  documents are plain `XhtmlItem`s whose bytes are written as rendered.
- Its page-list takes every element with both `epub:type` and `id`: the
  navigation document is ours too (an `XhtmlItem` with the `nav` property),
  listing only the `doc-pagebreak` markers of the printed pages.
- No `xml:lang` on `<package>`, `toc="ncx"` hard-coded on the spine whether or
  not an item has that id, and a reserved `rendition:` prefix re-declared
  (EPUBCheck OPF-007): `FixedWriter._write_opf_file` mends the tree before it is
  serialised.
- Zip entries stamped with the current time, a random uuid4 identifier, and
  `dcterms:modified` from the clock: `FixedWriter.write` writes every entry with
  one fixed time and mode, `mimetype` first and stored; the caller sets a uuid5
  identifier and passes `mtime`.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from ebooklib import epub

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCX_MEDIA_TYPE = "application/x-dtbncx+xml"
# ZIP stores no time zone and nothing before 1980 (an archive of old issues has such dates).
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class XhtmlItem(epub.EpubItem):
    """A manifest item whose bytes ebooklib writes untouched."""

    def __init__(self, uid: str, file_name: str, media_type: str, content: bytes,
                 properties: tuple[str, ...] = (), linear: bool = True):
        super().__init__(uid=uid, file_name=file_name, media_type=media_type, content=content)
        self.properties = list(properties)
        self.is_linear = linear


def zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """The fixed time every entry carries: the build timestamp in UTC, not before 1980."""
    utc = moment.astimezone(dt.timezone.utc) if moment.tzinfo else moment
    stamp = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    return max(stamp, _ZIP_EPOCH)


class FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry the same time, mode and system, whatever the
    machine and the hour, so that a rebuild is byte-identical."""

    def __init__(self, file, date_time: tuple[int, int, int, int, int, int]):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.fixed_time = date_time

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            info = zipfile.ZipInfo(name, date_time=self.fixed_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3                      # Unix, not whatever this host is
            info.external_attr = 0o100644 << 16         # -rw-r--r--
            name = info
        if compress_type is None or compress_type == zipfile.ZIP_DEFLATED:
            compresslevel = 9 if compresslevel is None else compresslevel
        super().writestr(name, data, compress_type=compress_type, compresslevel=compresslevel)


class FixedWriter(epub.EpubWriter):
    """ebooklib's writer with the package document and the zip made deterministic and valid."""

    def __init__(self, name, book, *, mtime: dt.datetime, lang: str, ncx_id: str | None):
        super().__init__(name, book, {"mtime": mtime.astimezone(dt.timezone.utc)})
        self.lang = lang
        self.ncx_id = ncx_id
        self.date_time = zip_time(mtime)

    def write(self):
        self.out = FixedTimeZip(self.file_name, self.date_time)
        try:
            self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
            self._write_container()
            self._write_opf()
            self._write_items()
        finally:
            self.out.close()

    def _write_opf_file(self, root):
        root.set(XML_LANG, self.lang)
        root.attrib.pop("prefix", None)    # we use reserved prefixes only (schema:, dcterms:)
        spine = root.find("spine")
        if self.ncx_id:
            spine.set("toc", self.ncx_id)
        else:
            spine.attrib.pop("toc", None)
        super()._write_opf_file(root)


def write_package(book: epub.EpubBook, target: Path, *, mtime: dt.datetime, lang: str) -> None:
    ncx = next((item.id for item in book.items if item.media_type == NCX_MEDIA_TYPE), None)
    writer = FixedWriter(str(target), book, mtime=mtime, lang=lang, ncx_id=ncx)
    writer.process()
    writer.write()
