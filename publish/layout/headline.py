"""Where a headline may break: between phrases or words, never inside one.

A desk breaks a two-line title at the space between its clauses, after a
punctuation mark, or between two words, and keeps the lines about even; it
never leaves 全市群众 split as 全市群 / 众.

Between two words, here, means a place no word of the dictionary spans: the
words are jieba's dictionary (its `dict.txt`), but jieba's segmenter is not
loaded — building its prefix dictionary costs a second per process and writes
a cache file. Instead the dictionary text is scanned once, with one regular
expression, for the words made only of the characters of the headlines asked
about (`prepare`), and a break is allowed only where none of those words
crosses it. That is stricter than any one segmentation (every such place is a
word boundary of jieba's cut as well) and needs no word frequencies. A number
stays with what follows it (3月, 10800个) and Latin letters or digits are
never split.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..words import jieba_dictionary

BREAK_AFTER = set("，、；：！？。”’）》」』…—")
NO_LINE_START = set("，、；：！？。”’）》」』")
LONGEST_WORD = 12           # characters: longer dictionary entries are not looked for

# Preference of a break by what stands there: lower is better.
AT_SPACE, AFTER_MARK, AT_WORD = 0, 1, 3


class Lexicon:
    """The dictionary's words that can occur in the texts prepared so far."""

    def __init__(self, path: Path | None):
        self.path = path
        self.words: set[str] = set()
        self.covered: set[str] = set()          # characters the words were looked for with

    def prepare(self, texts) -> None:
        """Look up, in one pass over the dictionary, the words made of these texts'
        characters (and of those already covered)."""
        wanted = {ch for text in texts for ch in text if _is_han(ch)} - self.covered
        if not wanted or self.path is None:
            return
        self.covered |= wanted
        chars = "".join(sorted(re.escape(ch) for ch in self.covered))
        text = "\n" + self.path.read_text(encoding="utf-8")
        pattern = re.compile(r"\n([%s]{2,%d}) " % (chars, LONGEST_WORD))
        self.words = set(pattern.findall(text))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every dictionary word of two or more characters in `text`."""
        self.prepare((text,))
        found = []
        for start in range(len(text)):
            for end in range(start + 2, min(len(text), start + LONGEST_WORD) + 1):
                if text[start:end] in self.words:
                    found.append((start, end))
        return found


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process's lexicon, read lazily (a long-running batch shares it)."""
    return Lexicon(jieba_dictionary())


def prepare(texts) -> None:
    """Read, in one pass, the words the issue's display texts can hold."""
    lexicon().prepare(texts)


@lru_cache(maxsize=4096)
def word_boundaries(text: str) -> frozenset[int]:
    """Offsets in `text` (0 < offset < len) that no dictionary word crosses, that
    split no run of Latin letters or digits and do not follow a digit."""
    inside: set[int] = set()
    for start, end in lexicon().spans(text):
        inside.update(range(start + 1, end))
    bounds = set()
    for at in range(1, len(text)):
        before, after = text[at - 1], text[at]
        if at in inside or before.isspace() or after.isspace():
            continue
        if before.isdigit() or (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
            continue
        bounds.add(at)
    return frozenset(bounds)


def break_points(text: str) -> dict[int, int]:
    """Offset -> preference of every place a line of `text` may end. At a space the
    space is dropped (the next line starts after it)."""
    points: dict[int, int] = {}
    for i, char in enumerate(text):
        if i == 0:
            continue
        if char == " " or char == "\u3000":
            points[i] = AT_SPACE
        elif text[i - 1] in BREAK_AFTER and char not in NO_LINE_START:
            points.setdefault(i, AFTER_MARK)
    if len(text) > 1:
        for at in word_boundaries(text):
            if text[at] not in NO_LINE_START and text[at - 1] not in "“‘（《「『":
                points.setdefault(at, AT_WORD)
    return points


def split_lines(text: str, at: tuple[int, ...]) -> list[str]:
    """`text` cut at the offsets `at`, spaces at a cut dropped."""
    lines, start = [], 0
    for cut in at + (len(text),):
        lines.append(text[start:cut].strip(" \u3000"))
        start = cut
    return [line for line in lines if line]


@lru_cache(maxsize=4096)
def candidates(text: str, max_lines: int) -> tuple[tuple[float, tuple[str, ...]], ...]:
    """Ways to set `text` in 1..max_lines lines, each with a badness: the kind of
    break and how uneven the lines are. Sorted best first within each line count."""
    text = text.strip()
    found: list[tuple[float, tuple[str, ...]]] = [(0.0, (text,))]
    if max_lines < 2 or len(text) < 4:
        return tuple(found)
    points = break_points(text)
    for at, kind in points.items():
        lines = split_lines(text, (at,))
        if len(lines) != 2 or min(len(line) for line in lines) < 2:
            continue
        uneven = abs(len(lines[0]) - len(lines[1])) / max(len(lines[0]), len(lines[1]))
        found.append((kind + 4 * uneven, tuple(lines)))
    if max_lines >= 3 and len(text) >= 9:
        spots = sorted(points)
        for a in spots:
            for b in spots:
                if b <= a:
                    continue
                lines = split_lines(text, (a, b))
                if len(lines) != 3 or min(len(line) for line in lines) < 2:
                    continue
                sizes = [len(line) for line in lines]
                uneven = (max(sizes) - min(sizes)) / max(sizes)
                found.append((points[a] + points[b] + 4 * uneven, tuple(lines)))
    found.sort(key=lambda c: (len(c[1]), c[0]))
    return tuple(found)
