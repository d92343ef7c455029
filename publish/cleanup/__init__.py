"""Cleanup of raw extracted text: an ordered list of named rules.

Like markdown-it's core chain, each rule is a function from the draft to a
new draft with one job, and the order is written down here rather than
discovered: later rules rely on what earlier ones settled (paragraphs are
rebuilt before copies are compared; teasers are read once every line has
found its article). Every rule records what it changed, with input line
numbers, in the journal that becomes the import report. Each rule's module
says why it does what it does.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import (blocks, breaks, bylines, columns, duplicates, headlines, kinds, masthead, normalise, reassemble, rejoin,
               seams, sections, shapes, teasers)
from .draft import Draft
from .journal import Journal


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[Draft, Journal], Draft]
    does: str


RULES: tuple[Rule, ...] = (
    Rule("normalise", normalise.apply, "invisible characters and odd spaces"),
    Rule("blocks", blocks.apply, "one block per non-blank line: paper, headline, banner or text"),
    Rule("shapes", shapes.apply, "text without # marks: paper, headlines and banners by the shape of lines"),
    Rule("masthead", masthead.apply, "paper, organ, publisher, date, weekday, lunar date, CN, serial, pages"),
    Rule("sections", sections.apply, "a headline opens an article; the text under it is its first run"),
    Rule("headlines", headlines.apply, "kicker / title / subtitle"),
    Rule("bylines", bylines.apply, "本报讯（记者…） and the like, at the start of paragraphs"),
    Rule("kinds", kinds.apply, "credits, captions, notes, labels, author lines, intertitles, verse"),
    Rule("rejoin", rejoin.apply, "paragraphs broken at column edges, narrow-column shreds"),
    Rule("reassemble", reassemble.apply, "repeated headlines, misplaced starts, text under no headline"),
    Rule("columns", columns.apply, "### banners become the column of the articles under them"),
    Rule("duplicates", duplicates.apply, "copies and broken-off pieces of kept paragraphs"),
    Rule("seams", seams.apply, "paragraphs broken where two places of text meet"),
    Rule("recheck", duplicates.apply_after_seams, "copies among the paragraphs the seams made"),
    Rule("breaks", breaks.apply, "a cut sentence's rest found further down or under another headline"),
    Rule("teasers", teasers.apply, "详见第二版 becomes a teaser link"),
)
FINISH = "finish"    # what building the issue records (headlines without text)


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as an editor numbers them: CRLF and old Mac CR line ends count as one break."""
    text = text.replace("\r\n", "\n")
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def clean(text: str, source: str, rules: tuple[Rule, ...] = RULES) -> tuple[Draft, Journal]:
    """Run `rules` in order over raw text; `source` names it in messages."""
    draft = Draft(source=source, lines=split_lines(text))
    journal = Journal(source)
    for rule in rules:
        journal.rule = rule.name
        draft = rule.apply(draft, journal)
    return draft, journal


def rules_until(name: str) -> tuple[Rule, ...]:
    """The rules up to and including `name`: what a test of that rule runs."""
    names = [rule.name for rule in RULES]
    return RULES[: names.index(name) + 1]
