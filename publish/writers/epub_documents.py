"""What the EPUB holds and in which order: its documents, pictures and navigation.

One content document per article, not per printed page. A reading system
paginates each document on its own, so every story opens on a fresh screen
with its headline on top, the way a news app shows it; the table of contents
and the NCX then point at whole documents, which every reading system
(including old NCX-only ones) follows reliably, where fragment links into a
long page document land mid-screen on some; a small document also opens fast
on an e-ink reader. A story that jumps in print (下转第2版) is one article in the
model and so one document here. Each printed page gets an opener document
(第2版 综合, its editors, the picture of the page, the 本版导读 list of its
stories numbered as the picture's badges) that carries the page's
`doc-pagebreak` marker: the page-list has a target for every printed page even
when a page has no stories, and the reader turning from page 1 to page 2 sees
the page change as the paper's reader does. Every article links back to its
page's picture and to its page's 导读.

Spine: the cover (a page of its own: the cover image), the masthead (报头,
ordinary front matter that conversions keep), the table of contents, then
page 1 opener, its articles, page 2 opener, ... This module only plans;
templates render.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..errors import PublishError
from ..model import Article, Issue, Page
from ..numerals import chinese_numeral
from .epub_text import inline

TEXT_DIR = "text"
IMAGE_DIR = "images"
NAV_HREF = "nav.xhtml"
NCX_HREF = "toc.ncx"

# Media types EPUB 3.3 reading systems must show; anything else is converted to PNG.
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}

# How each paragraph kind is marked up: the element, and whether its text is a
# body paragraph (indented, justified, its last characters kept together).
PARAGRAPH_MARKUP = {"text": ("p", True), "intertitle": ("h2", False), "caption": ("p", False),
                    "credit": ("p", False), "note": ("p", False), "label": ("p", False),
                    "author": ("p", False), "verse": ("p", False)}


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
    kind: str             # cover | masthead | nav | page | article
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


@dataclass(frozen=True)
class CoverImage:
    """The cover as the cover document shows it."""

    href: str             # relative to the OPF folder
    alt: str
    width: int
    height: int


def article_href(article: Article) -> str:
    return f"{TEXT_DIR}/article-{article.id}.xhtml"


def page_href(page: Page) -> str:
    return f"{TEXT_DIR}/page-{page.number}.xhtml"


COVER_HREF = f"{TEXT_DIR}/cover.xhtml"
MASTHEAD_HREF = f"{TEXT_DIR}/masthead.xhtml"


def picture_anchor(number: int) -> str:
    return f"page-{number}-picture"


def digest_anchor(number: int) -> str:
    return f"page-{number}-digest"


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
                   "image/png" if media_type is None else media_type, convert)


def digest(issue: Issue, page: Page, jumps: Sequence[dict] = ()) -> list[dict]:
    """The stories a page shows, in its order, numbered from 1: its articles and
    teasers, then the rest of articles continued from an earlier page (上接).
    The numbers are the badges on the page's picture."""
    entries: list[dict[str, Any]] = [dict(article=a, teaser=a.is_teaser, continued_from=None) for a in page.articles]
    continued = [j for j in jumps if j.get("to") == page.number]
    for jump in continued:
        article = next((a for a in issue.articles() if a.id == jump.get("article")), None)
        if article is not None:
            entries.append(dict(article=article, teaser=False, continued_from=jump.get("from")))
    for number, entry in enumerate(entries, 1):
        entry["number"] = number
    return entries


def numbering(issue: Issue, jumps: Sequence[dict] = ()) -> dict[int, dict[str, int]]:
    """page number -> {story id: its number in the page's digest}."""
    return {page.number: {e["article"].id: e["number"] for e in digest(issue, page, jumps)} for page in issue.pages}


def _masthead(issue: Issue, layout, vertical: bool) -> dict:
    m = issue.masthead
    numbers = [layout.label("cn", cn=m.cn) if m.cn else "",
               layout.label("serial", serial=m.serial) if m.serial else "",
               layout.label("page_count", count=m.page_count) if m.page_count else ""]

    def display(text: str):
        return inline(text, vertical=vertical, display=True)

    return dict(paper=m.paper, organ=m.organ, publisher=m.publisher, date_iso=m.date.isoformat(),
                date_cn=display(m.date_cn), day_parts=[display(p) for p in (m.weekday, m.lunar) if p],
                numbers=[display(n) for n in numbers if n])


def _page(issue: Issue, page: Page, layout, vertical: bool, jumps: list[dict], picture) -> dict:
    """The opener's values: heading, editors, the page's picture and its numbered digest."""
    href = page_href(page)

    def display(text: str | None):
        return inline(text, vertical=vertical, display=True) if text else ""

    stories = digest(issue, page, jumps)
    entries = []
    for entry in stories:
        article = entry["article"]
        if entry["teaser"]:
            target, note = teaser_target(issue, article.teaser), layout.label(
                "teaser", numeral=chinese_numeral(article.teaser))
        else:
            target = article_href(article)
            note = layout.label("continued", numeral=chinese_numeral(entry["continued_from"])) \
                if entry["continued_from"] else None
        entries.append(dict(number=display(str(entry["number"])), column=display(article.column),
                            kicker=display(article.kicker),
                            title=display(article.title), href=link(href, target),
                            summary=inline("".join(article.texts()), vertical=vertical) if entry["teaser"] else "",
                            jump=display(note) if note else None))
    marker = f"page-{page.number}"
    title = layout.label("page", number=page.number)
    image = None
    if picture is not None:
        titles = "；".join(f"{e['number']} {e['article'].title}" for e in stories)
        alt_key = "page_image_alt" if picture.source == "pdf" else "page_map_alt"
        image = dict(src=link(href, picture.href), width=picture.width, height=picture.height,
                     alt=layout.label(alt_key, number=page.number, titles=titles or page.name or ""),
                     kind=picture.source)
    return dict(title=display(title), name=display(page.name), editors=list(page.editors),
                entries=entries, marker_id=marker, heading_id=f"{marker}-title", label=str(page.number),
                digest_label=layout.label("digest"), digest_id=digest_anchor(page.number),
                picture_id=picture_anchor(page.number), image=image)


def _paragraphs(article: Article, vertical: bool) -> list[dict]:
    """Each paragraph with its element, its kind as class, and its inline markup
    (a stanza: one entry per line)."""
    out = []
    for paragraph in article.paragraphs:
        tag, body = PARAGRAPH_MARKUP[paragraph.kind]
        display = paragraph.kind == "intertitle"
        out.append(dict(tag=tag, kind=paragraph.kind,
                        lines=[inline(line, vertical=vertical, display=display, body=body)
                               for line in paragraph.lines]))
    return out


def _article(article: Article, page: Page, layout, figures: list[dict], vertical: bool) -> dict:
    def display(text: str | None):
        return inline(text, vertical=vertical, display=True) if text else ""

    href = article_href(article)
    opener = page_href(page)
    folio = f"{layout.label('page', number=page.number)} {page.name or ''}".strip()
    return dict(element_id=article.id, heading_id=f"{article.id}-title", folio=display(folio),
                folio_href=link(href, f"{opener}#{picture_anchor(page.number)}"),
                column=display(article.column), kicker=display(article.kicker), title=display(article.title),
                subtitle=display(article.subtitle), byline=article.byline, figures=figures,
                paragraphs=_paragraphs(article, vertical),
                back=dict(
                          page=display(layout.label("page_image", number=page.number)),
                          page_href=link(href, f"{opener}#{picture_anchor(page.number)}"),
                          digest=layout.label("digest"),
                          digest_href=link(href, f"{opener}#{digest_anchor(page.number)}")))


def plan_issue(issue: Issue, root: Path, layout, vertical: bool, stylesheet: str, *,
               cover: CoverImage | None = None, page_pictures: dict | None = None,
               jumps: Sequence[dict] = ()) -> Plan:
    """Every document with its template values, pictures and navigation."""
    docs: list[Doc] = []
    pictures: list[Picture] = []
    page_pictures = page_pictures or {}

    def add(doc_id, href, title, kind, template, epub_type, **values) -> Doc:
        doc = Doc(doc_id, href, title, kind, template, epub_type)
        doc.values.update(values, vertical=vertical, doc=dict(
            title=title, kind=kind, epub_type=epub_type, stylesheet=link(href, stylesheet)))
        docs.append(doc)
        return doc

    def display(text: str):
        return inline(text, vertical=vertical, display=True)

    m = issue.masthead
    if cover is not None:
        add("cover", COVER_HREF, layout.label("cover"), "cover", "cover.xhtml.j2", "cover",
            cover=dict(src=link(COVER_HREF, cover.href), alt=cover.alt, width=cover.width, height=cover.height))
    add("masthead", MASTHEAD_HREF, f"{m.paper} {m.date_cn}", "masthead", "masthead.xhtml.j2", "frontmatter",
        m=_masthead(issue, layout, vertical))
    nav_doc = add("nav", NAV_HREF, layout.label("toc"), "nav", "nav.xhtml.j2", "frontmatter")
    masthead_label = layout.label("masthead")
    toc = [dict(label=masthead_label, html=display(masthead_label), href=MASTHEAD_HREF, css="toc-page",
                children=[])]
    pages = []
    for page in issue.pages:
        values = _page(issue, page, layout, vertical, list(jumps), page_pictures.get(page.number))
        label = f"{layout.label('page', number=page.number)} {page.name or ''}".strip()
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
                a=_article(article, page, layout, figures, vertical))
            children.append(dict(label=article.title, html=display(article.title), href=href, css="toc-article"))
        toc.append(dict(label=label, html=display(label), href=page_href(page), css="toc-page", children=children))

    landmarks = []
    if cover is not None:
        landmarks.append(dict(type="cover", label=layout.label("cover"), href=COVER_HREF))
    landmarks.append(dict(type="toc", label=layout.label("toc"), href=f"{NAV_HREF}#toc"))
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
