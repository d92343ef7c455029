"""The importer's working state, handed from rule to rule.

The model (`publish.model`) has no room for input line numbers or for
half-rebuilt paragraphs, and the import report needs both, so the rules work
on this draft and only `finish` turns it into an `Issue`. Articles are known
by the line of their first headline, which never changes as rules run.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .text import glue, narrow

# Kinds of blocks, from the extractor's Markdown-like marks.
TEXT, PAPER, HEADLINE, BANNER = "text", "paper", "headline", "banner"


@dataclass(frozen=True)
class Block:
    """One non-blank input line: the unit that the report accounts for."""

    line: int
    kind: str
    text: str
    more: tuple[int, ...] = ()    # further lines read into it (a headline printed on several)


@dataclass(frozen=True)
class Para:
    """A paragraph being rebuilt from one or more blocks of text."""

    lines: tuple[int, ...]
    pieces: tuple[str, ...]
    text: str
    run: int = 0                  # key of the run it was found in
    byline: str | None = None     # a prefix of `text`
    teaser: int | None = None     # a teaser line, pointing at this page
    kind: str = "text"            # a model.PARAGRAPH_KINDS key; verse keeps its lines apart

    @classmethod
    def of(cls, block: Block, run: int) -> Para:
        text = narrow(block.text)
        return cls((block.line,), (text,), text, run)

    @property
    def line(self) -> int:
        return self.lines[0]

    @property
    def body(self) -> str:
        """The text without its byline."""
        return self.text[len(self.byline):].strip() if self.byline else self.text

    def joined(self, other: Para) -> Para:
        text = f"{self.text}\n{other.text}" if self.kind == "verse" else glue(self.text, other.text)
        return replace(self, lines=self.lines + other.lines, pieces=self.pieces + other.pieces, text=text)


@dataclass(frozen=True)
class Run:
    """Paragraphs that stood together in the input, in input order.

    `origin` is the article (its headline line) the run stood under, None for
    text under no headline. `own` marks the text directly under a headline;
    the others are starts found later (a byline in the middle of an article)
    or loose text, which the reassemble rule places.
    """

    key: int
    paras: tuple[Para, ...]
    origin: int | None
    own: bool = False

    @property
    def start(self) -> bool:
        """Does the run open with a byline (after a picture's lines or a box label)?"""
        first = next((p for p in self.paras if p.kind == "text"), None)
        return first is not None and first.byline is not None


@dataclass(frozen=True)
class DraftArticle:
    line: int                     # line of its first headline: its identity in the draft
    headline: str
    runs: tuple[Run, ...] = ()
    kicker: str | None = None
    title: str = ""
    subtitle: str | None = None
    column: str | None = None
    teaser: int | None = None
    repeats: tuple[int, ...] = ()  # lines of the same headline found again
    head_lines: tuple[int, ...] = ()  # further lines its headline was printed on

    def paras(self) -> tuple[Para, ...]:
        return tuple(p for run in self.runs for p in run.paras)


def with_runs(article: DraftArticle, runs: tuple[Run, ...]) -> DraftArticle:
    """The article with other runs; the same object if they are the same runs
    (most rules change few articles, and big inputs have many)."""
    if len(runs) == len(article.runs) and all(a is b for a, b in zip(runs, article.runs)):
        return article
    return replace(article, runs=runs)


@dataclass(frozen=True)
class MastheadFields:
    paper: str = ""
    paper_line: int = 0
    organ: str = ""
    publisher: str = ""
    date: dt.date | None = None
    weekday: str = ""
    lunar: str = ""
    cn: str = ""
    serial: int = 0
    page_count: int = 0
    page: int = 0                 # from a running head: 第2版 综合, A2, 2版
    page_name: str = ""
    page_line: int = 0
    editors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    source: str
    lines: tuple[str, ...]
    blocks: tuple[Block, ...] = ()
    masthead: MastheadFields = MastheadFields()
    banners: tuple[Block, ...] = ()
    articles: tuple[DraftArticle, ...] = ()
    loose: tuple[Run, ...] = ()   # text no rule could place under a headline

    def all_runs(self) -> list[Run]:
        return [run for article in self.articles for run in article.runs] + list(self.loose)
