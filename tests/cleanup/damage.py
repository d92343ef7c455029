"""Damaged variants of a clean page, made the way PDF text extraction damages one,
and the score of an import against the clean page.

A page is written as raw text in the seed's format (render_page), then damaged
by operations that each mimic one way extraction goes wrong on a printed
page set in columns (text is cut only where a printed line ends: a column of
`width` characters, the first line of a paragraph indented by two):

- break:     a paragraph cut at a column's foot, both halves in place
- shred:     a paragraph in a narrow column, one printed line per block
- across:    an article cut at a column's foot; the rest of its text sits under
             a later article's headline (before its text, after its first
             paragraph, or at its end)
- within:    a paragraph cut at a column's foot; its rest comes after the
             next paragraph
- duplicate: a run of paragraphs extracted twice, the copy cut at a column
             edge at either end, placed after another article's paragraph
- start:     an article's first paragraph (with its byline) placed after a
             later article's text

`score` counts the clean page's paragraphs that the import recovered exactly,
in order, in the article of the same title.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from publish.cleanup.text import NO_LINE_START
from publish.model import Article, Issue

OPERATIONS = ("break", "shred", "across", "within", "duplicate", "start")


@dataclass
class Story:
    head: list[str]                       # banner and headline lines
    paras: list[str] = field(default_factory=list)


def render_masthead(issue: Issue) -> list[str]:
    m = issue.masthead
    date = f"{m.date.year}.{m.date.month}.{m.date.day}"
    numbers = [f"国内统一刊号 {m.cn}" if m.cn else "", f"总第{m.serial}期" if m.serial else "",
               f"今日{m.page_count}版"]
    return [line for line in (f"# {m.paper}", m.organ, m.publisher,
                              " ".join(x for x in (date, m.weekday, m.lunar) if x),
                              " ".join(x for x in numbers if x)) if line]


def stories(articles: list[Article]) -> list[Story]:
    out = []
    column = None
    for article in articles:
        head = []
        if article.column and article.column != column:
            head.append(f"### {article.column}")
        column = article.column
        head.append("## " + " ".join(x for x in (article.kicker, article.title, article.subtitle) if x))
        paras = list(article.texts())
        if article.byline and paras:
            paras[0] = article.byline + paras[0]
        if article.teaser is not None:
            paras.append(f"详见第{article.teaser}版")
        out.append(Story(head, paras))
    return out


def render_page(masthead: list[str], page: list[Story]) -> str:
    blocks = list(masthead)
    for story in page:
        blocks += story.head + story.paras
    return "\n\n".join(blocks) + "\n"


def _lines(text: str, width: int) -> list[str]:
    """A paragraph as printed lines of a column `width` ems wide, its first line
    indented by two (Latin letters and digits are half an em; a run of them is
    never broken, as the composer keeps it whole)."""
    lines = []
    position, room = 0, width - 2
    while position < len(text):
        end, used = position, 0.0
        while end < len(text) and used + (0.5 if text[end].isascii() else 1) <= room:
            used += 0.5 if text[end].isascii() else 1
            end += 1
        while position + 1 < end < len(text) and text[end - 1].isascii() and text[end].isascii() \
                and text[end - 1].isalnum() and text[end].isalnum():
            end -= 1
        while end < len(text) and text[end] in NO_LINE_START:      # kinsoku: pushed in
            end += 1
        lines.append(text[position:end])
        position, room = end, width
    return lines


def _cut(text: str, rng: random.Random, width: int) -> tuple[str, str] | None:
    lines = _lines(text, width)
    if len(lines) < 2:
        return None
    at = rng.randrange(1, len(lines))
    return "".join(lines[:at]), "".join(lines[at:])


def _text_stories(page: list[Story]) -> list[int]:
    return [i for i, s in enumerate(page) if s.paras and not s.paras[-1].startswith("详见")]


def damage(page: list[Story], rng: random.Random, steps: int,
           operations: tuple[str, ...] = OPERATIONS) -> tuple[list[Story], list[str]]:
    """The page damaged by `steps` operations drawn from `operations`, and their names."""
    page = [Story(list(s.head), list(s.paras)) for s in page]
    done = []
    for _ in range(steps):
        operation = rng.choice(operations)
        width = rng.randint(11, 24)
        stories_ = _text_stories(page)
        a = rng.choice(stories_)
        story = page[a]
        index = rng.randrange(len(story.paras))
        text = story.paras[index]
        if operation == "break":
            cut = _cut(text, rng, width)
            if cut:
                story.paras[index:index + 1] = list(cut)
        elif operation == "shred":
            width = rng.randint(11, 16)
            story.paras[index:index + 1] = _lines(text, width)
        elif operation == "across":
            later = [i for i in stories_ if i > a]
            cut = _cut(text, rng, width)
            if not later or not cut:
                continue
            rest = [cut[1]] + story.paras[index + 1:]
            story.paras[index:] = [cut[0]]
            target = page[rng.choice(later)]
            where = rng.choice((0, 1, len(target.paras)))
            target.paras[where:where] = rest
        elif operation == "within":
            cut = _cut(text, rng, width)
            if not cut or index + 1 >= len(story.paras):
                continue
            story.paras[index:index + 2] = [cut[0], story.paras[index + 1], cut[1]]
        elif operation == "duplicate":
            run = story.paras[index:index + rng.randint(1, 3)]
            first = _cut(run[0], rng, width)
            last = _cut(run[-1], rng, width)
            copy = list(run)
            if first and rng.random() < 0.5:
                copy[0] = first[1]
            if last and rng.random() < 0.5:
                copy[-1] = last[0] if len(copy) > 1 else _cut(copy[-1], rng, width)[0] \
                    if _cut(copy[-1], rng, width) else copy[-1]
            target = page[rng.choice(stories_)]
            where = rng.randrange(len(target.paras) + 1)
            target.paras[where:where] = copy
        elif operation == "start":
            later = [i for i in stories_ if i > a]
            if not later or index != 0 or len(story.paras) < 2:
                continue
            first = story.paras.pop(0)
            target = page[rng.choice(later)]
            target.paras.append(first)
        done.append(operation)
    return page, done


def _lcs(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


def score(expected: list[Article], got: list[Article]) -> float:
    """Paragraphs of `expected` recovered exactly, in order, in the article of the same
    title; an article's extra or missing paragraphs count against it."""
    by_title = {a.title: a for a in got}
    exact = total = 0
    for article in expected:
        mine = by_title.get(article.title)
        want = article.texts()
        have = mine.texts() if mine else ()
        exact += _lcs(want, have)
        total += max(len(want), len(have))
    return exact / total if total else 1.0
