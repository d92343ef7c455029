"""The EPUB 3 writer: one issue as a reflowable, accessible, CJK-typeset book.

Stages, one module each: make the cover (epub_cover) and the picture of each
printed page (epub_pages), plan the documents (epub_documents: why one
document per article), mark up their text for engines that break lines their
own way (epub_text), render them from layouts/epub/ (epub_layout), cut the
embedded fonts to what the documents show (epub_fonts), fill the stylesheet
(epub_style), describe the book (epub_metadata), mirror the navigation as an
NCX (epub_ncx), and write the container through ebooklib with its traps
closed (epub_package). Nothing is
read from outside the issue folder, layouts/ and fonts/ (a glyph the bundled
fonts lack may come from a system font); the same source and timestamp give
the same bytes.
"""
from __future__ import annotations

from pathlib import Path

from ebooklib import epub

from ..errors import PublishError
from .epub_cover import make_cover
from .epub_documents import NCX_HREF, CoverImage, numbering, picture_bytes, plan_issue
from .epub_fonts import EmbeddedFont, embed, role_characters
from .epub_layout import load_layout
from .epub_metadata import LANG, describe, identifier
from .epub_ncx import render_ncx
from .epub_package import XhtmlItem, write_package
from .epub_pages import page_pictures
from .epub_style import render_stylesheet

EXTENSION = ".epub"
XHTML = "application/xhtml+xml"
APPLE_OPTIONS = "META-INF/com.apple.ibooks.display-options.xml"


def _stem(href: str) -> str:
    return href.rpartition("/")[2].rpartition(".")[0]


def _print_plan(context):
    """The broadsheet page plan and its format, or (None, None) when the make-up
    cannot place the issue (the EPUB is still written, without page maps)."""
    from ..layout.format import broadsheet

    try:
        return context.plan, broadsheet()
    except PublishError as error:
        context.warn(f"EPUB: the page openers show no page map: {error}")
        return None, None


def write(context, target: Path) -> dict:
    layout = load_layout()
    settings = layout.settings
    issue, vertical = context.issue, context.options.vertical
    stylesheet = settings["package"]["stylesheet"]
    pdf = context.outputs.get("pdf")
    pdf = Path(pdf) if pdf is not None and Path(pdf).is_file() else None

    cover = make_cover(issue, pdf, settings["cover"], layout.label)
    m = issue.masthead
    cover_alt = layout.label("cover_alt" if cover.source == "pdf" else "cover_alt_generated",
                             paper=m.paper, date_cn=m.date_cn)
    print_plan, fmt = _print_plan(context)
    jumps = print_plan.jumps if print_plan is not None else []
    pages = page_pictures(issue, pdf, print_plan, fmt, numbering(issue, jumps), settings["page_images"],
                          layout.label)
    plan = plan_issue(issue, context.root, layout, vertical, stylesheet,
                      cover=CoverImage(cover.href, cover_alt, cover.width, cover.height),
                      page_pictures=pages, jumps=jumps)
    rendered = [(doc, layout.render(doc.template, lang=LANG, **doc.values)) for doc in plan.docs]

    faces: list[EmbeddedFont] = []
    missing: dict[str, str] = {}
    if context.options.embed_fonts:
        characters = role_characters([data for _, data in rendered], settings["fonts"]["roles"])
        faces, missing = embed(characters, settings["fonts"]["weight"])
    for char, role in sorted(missing.items()):
        context.progress(f"warning: EPUB: no font has '{char}' (U+{ord(char):04X}, {role} text); "
                         "reading systems will draw it with a device font")

    book = epub.EpubBook()
    book.FOLDER_NAME = settings["package"]["folder"]
    title = describe(book, issue, layout, has_pictures=True, vertical=vertical)
    book.set_direction("rtl" if vertical else "ltr")
    if faces:
        book.add_item(epub.EpubItem(file_name=APPLE_OPTIONS, media_type="application/xml",
                                    content=layout.render("display-options.xml.j2"), manifest=False))
    for doc, data in rendered:
        book.add_item(XhtmlItem(doc.id, doc.href, XHTML, data, properties=("nav",) if doc.kind == "nav" else ()))
    book.spine = [item for item in book.items if item.media_type == XHTML]
    book.add_item(XhtmlItem("ncx", NCX_HREF, "application/x-dtbncx+xml",
                            render_ncx(layout, plan, identifier(issue, settings, vertical), title, LANG)))
    book.add_item(XhtmlItem("css", stylesheet, "text/css", render_stylesheet(layout, stylesheet, vertical, faces)))
    for face in faces:
        book.add_item(XhtmlItem(f"font-{_stem(face.href)}", face.href, face.media_type, face.data))
    for picture in plan.pictures:
        book.add_item(XhtmlItem(f"img-{_stem(picture.href)}", picture.href, picture.media_type,
                                picture_bytes(picture)))
    for page_picture in pages.values():
        book.add_item(XhtmlItem(f"page-picture-{page_picture.number}", page_picture.href, page_picture.media_type,
                                page_picture.data))

    # Not book.set_cover: it leaves the media type to the host's /etc/mime.types.
    cover_item = epub.EpubCover(file_name=cover.href)
    cover_item.media_type, cover_item.content = cover.media_type, cover.data
    book.add_item(cover_item)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": cover_item.id})
    # EPUB 2's guide, for reading systems that predate the landmarks; its cover
    # is the cover document, which conversions replace with their own cover.
    guide_types = {"cover": "cover", "toc": "toc", "bodymatter": "text"}
    book.guide = [dict(type=guide_types[mark["type"]], href=mark["href"], title=mark["label"])
                  for mark in plan.landmarks]

    write_package(book, target, mtime=context.timestamp, lang=LANG)
    return {
        "identifier": identifier(issue, settings, vertical),
        "vertical": vertical,
        "documents": len(plan.docs),
        "pictures": len(plan.pictures),
        "cover": cover.source,
        "page_pictures": {str(n): {"source": p.source, "bytes": len(p.data), "width": p.width, "height": p.height}
                          for n, p in sorted(pages.items())},
        "fonts": {face.href: {"family": face.family, "characters": len(face.characters), "bytes": len(face.data)}
                  for face in faces},
        "missing_glyphs": "".join(sorted(missing)),
    }
