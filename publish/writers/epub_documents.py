"""What the EPUB holds and in which order: its documents, pictures and navigation.

One content document per article, not per printed page. A reading system
paginates each document on its own, so every story opens on a fresh screen
with its headline on top, the way a news app shows it; the table of contents
and the NCX then point at whole documents, which every reading system
(including old NCX-only ones) follows reliably, where fragment links into a
long page document land mid-screen on some; a small document also opens fast
on an e-ink reader. A story that jumps in print (下转第2版) is one article in the
model and so one document here. Each printed page gets a short opener
document (第2版 综合, its editors, a digest of its stories and teasers) that
carries the page's `doc-pagebreak` marker: the page-list has a target for every
printed page even when a page has no stories, and the reader turning from page
1 to page 2 sees the page change as the paper's reader does.

Spine: masthead (the text cover), table of contents, then page 1 opener,
its articles, page 2 opener, ... This module only plans; templates render.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PublishError
from ..numerals import chinese_numeral
from ..model import Article, Issue, Page

TEXT_DIR = "text"
IMAGE_DIR = "images"
NAV_HREF = "nav.xhtml"
NCX_HREF = "toc.ncx"

# Media types EPUB 3.3 reading systems must show; anything else is converted to PNG.
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}

# One or two digits standing alone among Chinese characters: upright in vertical text.
_SHORT_NUMBER = re.compile(r"(?<![\x21-\x7e])[0-9]{1,2}(?![\x21-\x7e])")


def upright_runs(text: str, vertical: bool) -> list[tuple[str, bool]]:
    """Split a paragraph into (text, upright) runs; only vertical text has upright runs."""
    if not vertical:
        return [(text, False)]
    runs, last = [], 0
    for found in _SHORT_NUMBER.finditer(text):
        if found.start() > last:
            runs.append((text[last:found.start()], False))
        runs.append((found.group(), True))
        last = found.end()
    if last < len(text):
        runs.append((text[last:], False))
    return runs


@dataclass(frozen=True)
class Picture:
    source: Path          # the file in the issue folder
    href: str             # where it goes, relative to the OPF folder
    media_type: str
    convert: bool         # not a core media type: re-encode as PNG


def link(source: str, target: str) -> str:
    """`target` as seen from document `source` (both relative to the OPF folder)."""
    path, _, fragment = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(source) or ".")
    return f"{relative}#{fragment}" if fragment else relative


@dataclass(frozen=True)
class Doc:
    id: str               # manifest id
    href: str             # relative to the OPF folder
    title: str
    kind: str             # masthead | nav | page | article
    template: str
    epub_type: str
    values: dict = field(default_factory=dict, compare=False)


@dataclass
class Plan:
    docs: list[Doc]                    # in spine order
    pictures: list[Picture]
    toc: list[dict]                    # [{label, href, css, children: [...]}], hrefs from the OPF folder
    pages: list[dict]                  # [{label, value, href}] of the page-list
    landmarks: list[dict]              # [{type, label, href}]


def article_href(article: Article) -> str:
    return f"{TEXT_DIR}/article-{article.id}.xhtml"


def page_href(page: Page) -> str:
    return f"{TEXT_DIR}/page-{page.number}.xhtml"


MASTHEAD_HREF = f"{TEXT_DIR}/masthead.xhtml"


def teaser_target(issue: Issue, number: int) -> str:
    """Where a teaser (详见第二版) leads: the main (first) story of that page,
    else the page's opener when the page has no story."""
    page = issue.page(number)
    if page is None:
        raise PublishError(f"a teaser points at page {number}, which the issue does not have")
    story = next((a for a in page.articles if not a.is_teaser), None)
    return article_href(story) if story else page_href(page)


def _picture(root: Path, article: Article, index: int, path: str) -> Picture:
    """The picture's file, refused when it is not inside the issue folder."""
    base = root.resolve()
    source = (root / path).resolve()
    if not source.is_relative_to(base) or not source.is_file():
        raise PublishError(f"{article.source or article.id}: image '{path}' is not a file inside "
                           f"the issue folder {root}")
    suffix = source.suffix.lower()
    media_type = IMAGE_TYPES.get(suffix)
    convert = media_type is None
    extension = ".png" if convert else (".jpg" if suffix == ".jpeg" else suffix)
    return Picture(source, f"{IMAGE_DIR}/{article.id}-{index}{extension}",
                   "image/png" if convert else media_type, convert)


def _masthead(issue: Issue, layout) -> dict:
    m = issue.masthead
    numbers = [layout.label("cn", cn=m.cn) if m.cn else "",
               layout.label("serial", serial=m.serial) if m.serial else "",
               layout.label("page_count", count=m.page_count) if m.page_count else ""]
    return dict(paper=m.paper, organ=m.organ, publisher=m.publisher, date_iso=m.date.isoformat(),
                date_cn=m.date_cn, day_parts=[p for p in (m.weekday, m.lunar) if p],
                numbers=[n for n in numbers if n])


def _page(issue: Issue, page: Page, layout) -> dict:
    """The opener's values: heading, editors, a digest of stories and teasers."""
    href = page_href(page)
    entries = []
    for article in page.articles:
        target = teaser_target(issue, article.teaser) if article.is_teaser else article_href(article)
        entries.append(dict(
            column=article.column, kicker=article.kicker, title=article.title, href=link(href, target),
            summary="".join(article.texts()) if article.is_teaser else "",
            jump=layout.label("teaser", numeral=chinese_numeral(article.teaser)) if article.is_teaser else None))
    marker = f"page-{page.number}"
    return dict(title=layout.label("page", number=page.number), name=page.name, editors=list(page.editors),
                entries=entries, marker_id=marker, heading_id=f"{marker}-title", label=str(page.number),
                digest_label=layout.label("digest"))


def _article(article: Article, folio: str, figures: list[dict], vertical: bool) -> dict:
    return dict(element_id=article.id, heading_id=f"{article.id}-title", folio=folio, column=article.column,
                kicker=article.kicker, title=article.title, subtitle=article.subtitle, byline=article.byline,
                figures=figures, paragraphs=[upright_runs(p.text, vertical) for p in article.paragraphs])


def plan_issue(issue: Issue, root: Path, layout, vertical: bool, stylesheet: str) -> Plan:
    """Every document with its template values, pictures and navigation."""
    docs: list[Doc] = []
    pictures: list[Picture] = []

    def add(doc_id, href, title, kind, template, epub_type, **values) -> Doc:
        doc = Doc(doc_id, href, title, kind, template, epub_type)
        doc.values.update(values, vertical=vertical, doc=dict(
            title=title, kind=kind, epub_type=epub_type, stylesheet=link(href, stylesheet)))
        docs.append(doc)
        return doc

    m = issue.masthead
    add("masthead", MASTHEAD_HREF, f"{m.paper} {m.date_cn}", "masthead", "masthead.xhtml.j2", "frontmatter",
        m=_masthead(issue, layout))
    nav_doc = add("nav", NAV_HREF, layout.label("toc"), "nav", "nav.xhtml.j2", "frontmatter")
    toc = [dict(label=layout.label("cover"), href=MASTHEAD_HREF, css="toc-page", children=[])]
    pages = []
    for page in issue.pages:
        values = _page(issue, page, layout)
        label = f"{values['title']} {page.name or ''}".strip()
        add(f"page-{page.number}", page_href(page), label, "page", "page.xhtml.j2", "bodymatter", page=values)
        pages.append(dict(label=values["label"], value=page.number, href=f"{page_href(page)}#{values['marker_id']}"))
        children = []
        for article in page.articles:
            if article.is_teaser:
                continue
            href = article_href(article)
            figures = []
            for index, image in enumerate(article.images, 1):
                picture = _picture(root, article, index, image.path)
                pictures.append(picture)
                figures.append(dict(id=f"{article.id}-figure-{index}", src=link(href, picture.href),
                                    alt=image.alt or image.caption or layout.label("image_alt", title=article.title),
                                    caption=image.caption, credit=image.credit))
            add(f"article-{article.id}", href, article.title, "article", "article.xhtml.j2", "bodymatter",
                a=_article(article, label, figures, vertical))
            children.append(dict(label=article.title, href=href, css="toc-article"))
        toc.append(dict(label=label, href=page_href(page), css="toc-page", children=children))

    landmarks = [dict(type="cover", label=layout.label("cover"), href=MASTHEAD_HREF),
                 dict(type="toc", label=layout.label("toc"), href=f"{NAV_HREF}#toc")]
    if issue.pages:
        landmarks.append(dict(type="bodymatter", label=layout.label("bodymatter"), href=page_href(issue.pages[0])))
    nav_doc.values["nav"] = dict(
        toc_label=layout.label("toc"), landmarks_label=layout.label("landmarks"),
        page_list_label=layout.label("page_list"),
        entries=[dict(e, href=link(NAV_HREF, e["href"]),
                      children=[dict(c, href=link(NAV_HREF, c["href"])) for c in e["children"]]) for e in toc],
        landmarks=[dict(mark, href=link(NAV_HREF, mark["href"])) for mark in landmarks],
        pages=[dict(p, href=link(NAV_HREF, p["href"])) for p in pages])
    return Plan(docs, pictures, toc, pages, landmarks)

def picture_bytes(picture: Picture) -> bytes:
    """The picture as the book stores it, in its manifest media type, through the
    one picture path every writer shares (publish.pictures): decoded fully, upright,
    without EXIF, XMP, comments or text chunks; the editor's credit and alt text
    are the only metadata kept, when the plan carries them."""
    from ..pictures import web_bytes

    return web_bytes(picture.source, picture.media_type, credit=getattr(picture, "credit", None),
                     alt=getattr(picture, "alt", None))
