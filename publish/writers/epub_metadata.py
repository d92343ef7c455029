"""The package metadata: what a library, a store and an assistive reader learn
about the issue before opening it.

The identifier is a UUID5 of paper, date and edition: the same issue rebuilt
is the same publication to a reading system, and its horizontal and vertical
(竖排) editions are two books, which a library or device keeps side by side
rather than taking one for a copy of the other. The vertical edition also
names its writing mode (`primary-writing-mode`), which calibre and Kindle read
before any stylesheet. The paper is
the `belongs-to-collection` series and the serial (总第7478期) its position. The
print edition is named both as `dc:source` (what DAISY Ace asks for) and as
EPUB 3.3's `pageBreakSource`, since the page-list follows its pages.
"""
from __future__ import annotations

import uuid

from ebooklib import epub

from .. import __version__
from ..model import Issue
from .epub_layout import xml_safe

LANG = "zh-CN"


def identifier(issue: Issue, settings: dict, vertical: bool = False) -> str:
    """urn:uuid of uuid5(namespace, "<paper>/<date>"), with "/vertical" for the vertical edition."""
    namespace = uuid.UUID(settings["package"]["identifier_namespace"])
    m = issue.masthead
    name = f"{m.paper}/{m.date.isoformat()}" + ("/vertical" if vertical else "")
    return f"urn:uuid:{uuid.uuid5(namespace, name)}"


def publisher_name(publisher: str) -> str:
    """温岭市融媒体中心出版 -> 温岭市融媒体中心: mastheads print the verb, metadata wants the name."""
    return publisher[:-2] if publisher.endswith("出版") and len(publisher) > 2 else publisher


def _generator() -> str:
    return f"publish {__version__}"


def describe(book: epub.EpubBook, issue: Issue, layout, *, has_pictures: bool, vertical: bool) -> str:
    """Set every metadata field of `book`; returns the title."""
    m = issue.masthead
    settings = layout.settings

    def add(namespace, name, value, attributes=None):
        # lxml refuses control characters and ebooklib then drops the field silently.
        book.add_metadata(namespace, name, xml_safe(value), attributes)

    suffix = "" if m.serial else "_no_serial"
    title = layout.label("title" + suffix, paper=m.paper, date_cn=m.date_cn, serial=m.serial)
    book.metadata[epub.NAMESPACES["OPF"]]["generator"] = [("", {"name": "generator", "content": _generator()})]
    book.IDENTIFIER_ID = "pub-id"
    book.set_identifier(identifier(issue, settings, vertical))
    book.set_title(xml_safe(title))
    book.set_language(LANG)
    add("DC", "creator", m.paper, {"id": "creator"})
    if m.publisher:
        add("DC", "publisher", publisher_name(m.publisher))
    add("DC", "date", m.date.isoformat())
    source = layout.label("print_source" + suffix, paper=m.paper, date_cn=m.date_cn, serial=m.serial)
    add("DC", "source", source, {"id": "print-source"})
    add(None, "meta", source, {"property": "pageBreakSource"})
    add(None, "meta", m.paper, {"property": "belongs-to-collection", "id": "paper"})
    add(None, "meta", settings["package"]["collection_type"],
                      {"refines": "#paper", "property": "collection-type"})
    if m.serial:
        add(None, "meta", str(m.serial), {"refines": "#paper", "property": "group-position"})

    # An EPUB 2 style meta that calibre maps to the AZW3's writing mode (EXTH 525).
    add(None, "meta", "", {"name": "primary-writing-mode", "content": "vertical-rl" if vertical else "horizontal-lr"})

    a11y = settings["accessibility"]
    modes = ["textual"] + (["visual"] if has_pictures else [])
    for mode in modes:
        add(None, "meta", mode, {"property": "schema:accessMode"})
    add(None, "meta", "textual", {"property": "schema:accessModeSufficient"})
    features = list(a11y["features"]) + (["alternativeText"] if has_pictures else [])
    for feature in features:
        add(None, "meta", feature, {"property": "schema:accessibilityFeature"})
    for hazard in a11y["hazards"]:
        add(None, "meta", hazard, {"property": "schema:accessibilityHazard"})
    add(None, "meta", a11y["summary"], {"property": "schema:accessibilitySummary"})
    return title
