"""What the edition holds: its documents with their template values.

One page view per printed page (the picture with its zones), `index.html` (the
front page at screen size), and one article page per story. A teaser
(详见第二版) has no page of its own: its zone and its 导读 entry lead to the
story it points at. A story that jumps is one article page, linked from its
zones on both printed pages. All documents sit side by side at the top of the
edition folder, so every link is a plain file name. This module only plans;
the templates render.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Article, Issue, Page
from ..numerals import chinese_numeral
from .layout import WebLayout
from .page_images import PagePicture
from .zones import Zone

_SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
INDEX = "index.html"
SUMMARY_CHARS = 80


@dataclass(frozen=True)
class Document:
    href: str
    template: str
    values: dict = field(compare=False)


@dataclass(frozen=True)
class Figure:
    src: str
    width: int
    height: int
    alt: str
    caption: str | None
    credit: str | None


def page_href(number: int) -> str:
    return f"page-{number}.html"


class Names:
    """File names and element ids of the articles: the id itself when it is a
    plain name (the source format's ids are), else its number in the issue, which no
    plain name can be (they start with a letter)."""

    def __init__(self, issue: Issue):
        self.safe = {a.id: a.id if _SAFE_ID.match(a.id) else str(i + 1)
                     for i, a in enumerate(issue.articles())}

    def article(self, article_id: str) -> str:
        return f"article-{self.safe[article_id]}.html"

    def zone(self, zone: Zone, index: int = 0) -> str:
        return f"zone-{zone.page}-{self.safe[zone.article]}" + (f"-{index + 1}" if index else "")


def teaser_target(issue: Issue, article: Article, names: Names) -> str:
    """Where a teaser leads: the first story of the page it names, else that page."""
    page = issue.page(article.teaser) if article.teaser is not None else None
    story = next((a for a in page.articles if not a.is_teaser), None) if page else None
    if story is not None:
        return names.article(story.id)
    return page_href(page.number) if page else INDEX


def _summary(article: Article) -> str:
    text = next((p.text for p in article.paragraphs if p.kind == "text"), "") or "".join(article.texts())
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS] + "…"


class EditionPlan:
    """The values every document shares, and each document's own."""

    def __init__(self, issue: Issue, zones: dict[int, list[Zone]], pictures: list[PagePicture],
                 figures: dict[str, list[Figure]], layout: WebLayout, page_size: tuple[float, float],
                 files: dict[str, str]):
        self.issue, self.zones, self.layout = issue, zones, layout
        self.pictures = {p.number: p for p in pictures}
        self.figures, self.page_size, self.files = figures, page_size, files
        self.names = Names(issue)
        m = issue.masthead
        self.stories = [a for a in issue.articles() if not a.is_teaser]
        self.articles = {a.id: a for a in issue.articles()}
        # Each page's zones with their element ids (an article's second zone on one page,
        # should a plan ever give it one, is numbered); zones of unknown articles are dropped.
        self.page_zones: dict[int, list[tuple[Zone, str]]] = {}
        # Pages each article is printed on, in page order: a jumped story has two.
        self.printed: dict[str, list[tuple[int, str]]] = {}
        for number, page_zones in zones.items():
            seen: dict[str, int] = {}
            for zone in page_zones:
                if zone.article not in self.articles:
                    continue
                index = seen.get(zone.article, 0)
                seen[zone.article] = index + 1
                element = self.names.zone(zone, index)
                self.page_zones.setdefault(number, []).append((zone, element))
                if index == 0:
                    self.printed.setdefault(zone.article, []).append((number, element))
        label = layout.label
        self.common = dict(
            lang="zh-CN", paper=m.paper, date_cn=m.date_cn, date_iso=m.date.isoformat(), weekday=m.weekday,
            lunar=m.lunar, organ=m.organ, publisher=m.publisher, cn=m.cn,
            serial=label("serial", serial=m.serial) if m.serial else "",
            site=label("site", paper=m.paper), home=INDEX, labels=layout.settings["labels"],
            stylesheet=files["stylesheet"], zones_css=files["zones"], script=files["script"],
            imprint=issue.imprint.entries() if issue.imprint else [],
            page_count=len(issue.pages),
            icon=self.pictures[issue.pages[0].number].thumb)     # the front page, small

    # -- shared parts ------------------------------------------------------------
    def page_label(self, number: int) -> str:
        return self.layout.label("page", number=number)

    def pagenav(self, current: int | None) -> list[dict]:
        entries = []
        for page in self.issue.pages:
            picture = self.pictures[page.number]
            entries.append(dict(number=page.number, label=self.page_label(page.number), name=page.name or "",
                                href=page_href(page.number), thumb=picture.thumb, width=picture.thumb_width,
                                height=picture.thumb_height, current=page.number == current))
        return entries

    def digest(self, current_page: int | None, current_article: str | None) -> list[dict]:
        """导读: every article by page; a teaser entry leads to its story."""
        pages = []
        for page in self.issue.pages:
            entries = []
            for article in page.articles:
                if article.is_teaser:
                    href = teaser_target(self.issue, article, self.names)
                    jump = self.teaser_label(article)
                else:
                    href, jump = self.names.article(article.id), None
                    if len(self.printed.get(article.id, [])) > 1:
                        jump = self.layout.label("jumped")
                entries.append(dict(kicker=article.kicker, title=article.title, href=href, jump=jump,
                                    column=article.column, current=article.id == current_article))
            pages.append(dict(number=page.number, label=self.page_label(page.number), name=page.name or "",
                              href=page_href(page.number), entries=entries,
                              current=page.number == current_page))
        return pages

    def _page(self, number: int) -> Page:
        """A page of the issue by its number (one the plan was made of)."""
        page = self.issue.page(number)
        if page is None:
            raise KeyError(f"the issue has no page {number}")
        return page

    def teaser_label(self, article: Article) -> str:
        assert article.teaser is not None       # asked of teasers only
        return self.layout.label("teaser", numeral=chinese_numeral(article.teaser))

    def page_title(self, number: int) -> str:
        page = self._page(number)
        return self.layout.label("page_title", page=self.page_label(number), name=f" {page.name}" if page.name else "")

    def _meta(self, title: str, description: str, picture: PagePicture, picture_alt: str) -> dict:
        return dict(title=title, description=description, og_image=picture.src, og_width=picture.width,
                    og_height=picture.height, og_alt=picture_alt)

    def page_alt(self, number: int) -> str:
        m, page = self.issue.masthead, self._page(number)
        return self.layout.label("page_alt", paper=m.paper, date_cn=m.date_cn, page=self.page_label(number),
                                 name=page.name or "")

    # -- documents -----------------------------------------------------------------
    def documents(self) -> list[Document]:
        docs = [self.page_view(1, INDEX)]
        docs += [self.page_view(page.number, page_href(page.number)) for page in self.issue.pages]
        docs += [self.article_page(i) for i in range(len(self.stories))]
        return docs

    def page_view(self, number: int, href: str) -> Document:
        m = self.issue.masthead
        numbers = [p.number for p in self.issue.pages]
        at = numbers.index(number)
        page, picture = self._page(number), self.pictures[number]
        zones = []
        for zone, element in self.page_zones.get(number, []):
            article = self.articles[zone.article]
            if article.is_teaser:
                target = teaser_target(self.issue, article, self.names)
                name = f"{article.title}（{self.teaser_label(article)}）"
            else:
                target, name = self.names.article(article.id), article.title
            zones.append(dict(id=element, article=zone.article, href=target, name=name, kind=zone.kind))
        index = href == INDEX
        title = (self.layout.label("title", paper=m.paper, date_cn=m.date_cn) if index
                 else f"{self.page_title(number)} - {self.layout.label('title', paper=m.paper, date_cn=m.date_cn)}")
        description = self.layout.label("description", paper=m.paper, date_cn=m.date_cn, weekday=m.weekday,
                                         count=len(self.issue.pages))
        return Document(href, "page.html.j2", dict(
            self.common, kind="index" if index else "page", href=href,
            meta=self._meta(title, description, picture, self.page_alt(number)),
            heading=self.page_title(number), number=number, editors=list(page.editors),
            picture=picture, alt=self.page_alt(number), zones=zones,
            sheet_label=self.layout.label("sheet", page=self.page_label(number)),
            previous=page_href(numbers[at - 1]) if at > 0 else None,
            next=page_href(numbers[at + 1]) if at + 1 < len(numbers) else None,
            pagenav=self.pagenav(number), digest=self.digest(number, None)))

    def article_page(self, position: int) -> Document:
        article = self.stories[position]
        m = self.issue.masthead
        printed = [dict(label=self.page_label(number), href=f"{page_href(number)}#{zone_id}",
                        name=(self._page(number).name or ""))
                   for number, zone_id in self.printed.get(article.id, [])]
        first_page = self.printed[article.id][0][0] if article.id in self.printed else \
            next(p.number for p in self.issue.pages if article in p.articles)
        folio = self.page_title(first_page)
        neighbours = {}
        for key, at in (("previous", position - 1), ("next", position + 1)):
            if 0 <= at < len(self.stories):
                other = self.stories[at]
                neighbours[key] = dict(href=self.names.article(other.id), title=other.title)
        picture = self.pictures[first_page]
        title = self.layout.label("article_title", title=article.title, paper=m.paper, date_cn=m.date_cn)
        description = _summary(article) or self.layout.label(
            "article_description", paper=m.paper, date_cn=m.date_cn, page=self.page_label(first_page),
            title=article.title)
        paragraphs = [dict(kind=p.kind, lines=list(p.lines)) for p in article.paragraphs]
        return Document(self.names.article(article.id), "article.html.j2", dict(
            self.common, kind="article", href=self.names.article(article.id),
            meta=self._meta(title, description, picture, self.page_alt(first_page)),
            folio=folio, printed=printed, jumped=len(printed) > 1, column=article.column,
            kicker=article.kicker, title=article.title, subtitle=article.subtitle, byline=article.byline,
            figures=self.figures.get(article.id, []), paragraphs=paragraphs, verse=article.verse,
            previous=neighbours.get("previous"), next=neighbours.get("next"),
            pagenav=self.pagenav(None), digest=self.digest(None, article.id)))

    def zones_css(self) -> str:
        width, height = self.page_size
        rules = []
        for page_zones in self.page_zones.values():
            for zone, element in page_zones:
                box = zone.percent(width, height)
                rules.append(f"#{element} {{ left: {box['left']}; top: {box['top']}; "
                             f"width: {box['width']}; height: {box['height']}; }}")
        return "/* Each article's zone on its page picture, from the page plan (percentages of the page). */\n" \
               + "\n".join(rules) + "\n"
