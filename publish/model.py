"""The issue model: the one thing every stage of the pipeline shares.

Readers build it, cleanup rules return changed copies of it, the make-up and
the writers only read it. Everything is frozen so that no stage can quietly
edit what another stage already relied on; use `dataclasses.replace`.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

#: The issue format's limits, shared by every reader and edition: pages in one
#: issue (a big weekend paper has 48), and the columns of the page grid a
#: story's `placement` names (the broadsheet's `grid.columns` in its format.toml
#: must agree; layout/format.py checks that when it reads the format). Kept here,
#: not in the layout's data, so that readers do not depend on the make-up.
MAX_PAGES = 64
GRID_COLUMNS = 8

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# What a paragraph is, as a printed paper shows it. Writers style each kind; the
# source format marks every kind but "text" with a `{kind}` tag (readers/source.py).
PARAGRAPH_KINDS = {
    "text": "body text",
    "intertitle": "小标题: a heading inside the story",
    "caption": "图片说明: a picture's caption standing in the text",
    "credit": "摄影: a photo credit (郭兆瑞摄)",
    "note": "数据来源, 注: a source or note, set smaller",
    "label": "a box label (核心阅读)",
    "author": "作者: an author line (文/潮生, （作者为…）)",
    "verse": "诗行: a stanza, its lines kept as written (separated by newlines)",
}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article. In a verse paragraph `text` holds the lines of
    a stanza separated by newlines; every other kind is one run of text."""

    text: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in PARAGRAPH_KINDS:
            raise ValueError(f"unknown paragraph kind {self.kind!r} (known: {', '.join(PARAGRAPH_KINDS)})")

    @property
    def lines(self) -> tuple[str, ...]:
        """The lines as written: a stanza's verse lines, else the one text."""
        return tuple(self.text.split("\n")) if self.kind == "verse" else (self.text,)


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
    paragraphs: tuple[Paragraph, ...] = ()
    images: tuple[Image, ...] = ()
    teaser: int | None = None
    order: int = 0
    placement: Placement | None = None
    verse: bool = False             # a poem: its text paragraphs are stanzas set line for line
    # Where the article came from, for messages; not part of its identity.
    source: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Plain strings are body text: readers and tests may hand them in as such.
        if any(not isinstance(p, Paragraph) for p in self.paragraphs):
            object.__setattr__(self, "paragraphs", tuple(
                p if isinstance(p, Paragraph) else Paragraph(p) for p in self.paragraphs))

    def texts(self) -> tuple[str, ...]:
        """The paragraphs' texts, whatever their kind."""
        return tuple(p.text for p in self.paragraphs)

    @property
    def is_teaser(self) -> bool:
        """A front-page pointer (详见第二版) rather than a story with a body."""
        return self.teaser is not None

    def headline_text(self) -> str:
        return "".join(p for p in (self.kicker, self.title, self.subtitle) if p)


SUPPLEMENT_NAME = "副刊"


@dataclass(frozen=True)
class Page:
    number: int
    name: str | None = None
    editors: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()
    # A 副刊 (literary supplement) page: author lines under titles, and news never
    # jumps onto it. None means "decide by the name" (a name containing 副刊).
    supplement: bool | None = None

    @property
    def is_supplement(self) -> bool:
        if self.supplement is not None:
            return self.supplement
        return self.name is not None and SUPPLEMENT_NAME in self.name


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


IMPRINT_FIELDS = {
    "address": "社址",
    "postcode": "邮编",
    "telephone": "电话",
    "printer": "印刷",
    "price": "定价",
    "advertising_licence": "广告经营许可证",
    "distribution_code": "邮发代号",
}


@dataclass(frozen=True)
class Imprint:
    """版本记录: the paper's imprint, printed at the foot of the last page."""

    address: str = ""
    postcode: str = ""
    telephone: str = ""
    printer: str = ""
    price: str = ""
    advertising_licence: str = ""
    distribution_code: str = ""

    def entries(self) -> list[tuple[str, str]]:
        """(label, value) of the fields given, in the order papers print them."""
        return [(label, getattr(self, name)) for name, label in IMPRINT_FIELDS.items() if getattr(self, name)]


@dataclass(frozen=True)
class Issue:
    masthead: Masthead
    pages: tuple[Page, ...] = ()
    imprint: Imprint | None = None

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
