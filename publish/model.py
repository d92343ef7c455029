"""The issue model: the one thing every stage of the pipeline shares.

Readers build it, cleanup rules return changed copies of it, the make-up and
the writers only read it. Everything is frozen so that no stage can quietly
edit what another stage already relied on; use `dataclasses.replace`.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class Image:
    """A picture of an article. `path` is relative to the issue folder."""

    path: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None


@dataclass(frozen=True)
class Placement:
    """An editor's explicit wish for where a module goes on the 8-column grid.

    Any field left as None is decided by the planner. `column` is 1-based,
    counted from the left edge of the type area.
    """

    column: int | None = None
    span: int | None = None


@dataclass(frozen=True)
class Article:
    """One story. Headline parts follow Chinese newspaper usage:
    kicker 引题 above the title 主题, subtitle 副题 below it."""

    id: str
    title: str
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    column: str | None = None
    paragraphs: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    teaser: int | None = None
    order: int = 0
    placement: Placement | None = None
    # Where the article came from, for messages; not part of its identity.
    source: str | None = field(default=None, compare=False, repr=False)

    @property
    def is_teaser(self) -> bool:
        """A front-page pointer (详见第二版) rather than a story with a body."""
        return self.teaser is not None

    def headline_text(self) -> str:
        return "".join(p for p in (self.kicker, self.title, self.subtitle) if p)


@dataclass(frozen=True)
class Page:
    number: int
    name: str | None = None
    editors: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()


@dataclass(frozen=True)
class Masthead:
    paper: str
    date: _dt.date
    organ: str = ""
    publisher: str = ""
    weekday: str = ""
    lunar: str = ""
    cn: str = ""
    serial: int = 0
    page_count: int = 0

    @property
    def date_cn(self) -> str:
        """The date as a Chinese paper prints it: 2023年1月19日."""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"


@dataclass(frozen=True)
class Issue:
    masthead: Masthead
    pages: tuple[Page, ...] = ()

    def articles(self) -> list[Article]:
        """Every article in reading order: by page, then as the page lists them."""
        return [a for p in self.pages for a in p.articles]

    def page(self, number: int) -> Page | None:
        return next((p for p in self.pages if p.number == number), None)

    @property
    def slug(self) -> str:
        """The output file stem: <paper>-<date>, e.g. 温岭日报-2023-01-19."""
        return f"{self.masthead.paper}-{self.masthead.date.isoformat()}"


def weekday_of(date: _dt.date) -> str:
    return WEEKDAYS[date.weekday()]
