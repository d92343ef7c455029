"""Where a headline may break: between phrases or words, never inside one.

A desk breaks a two-line title at the space between its clauses, after a
punctuation mark, or at a word boundary, and keeps the lines about even; it
never leaves 全市群众 split as 全市群 / 众. Word boundaries come from jieba
(a dictionary segmenter), loaded only when some title needs more than one line.
"""
from __future__ import annotations

from functools import lru_cache

BREAK_AFTER = set("，、；：！？。”’）》」』…—")
NO_LINE_START = set("，、；：！？。”’）》」』")

# Preference of a break by what stands there: lower is better.
AT_SPACE, AFTER_MARK, AT_WORD = 0, 1, 3


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba


@lru_cache(maxsize=4096)
def word_boundaries(text: str) -> frozenset[int]:
    """Offsets in `text` between two words (jieba, dictionary only, no guessing of
    unknown words: a wrong guess could glue two words into one)."""
    bounds, at = set(), 0
    for word in _jieba().cut(text, HMM=False):
        at += len(word)
        bounds.add(at)
    bounds.discard(len(text))
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
            if 0 < at < len(text) and text[at] not in NO_LINE_START and text[at] != " " \
                    and text[at - 1] != " ":
                points.setdefault(at, AT_WORD)
    return points


def split_lines(text: str, at: tuple[int, ...]) -> list[str]:
    """`text` cut at the offsets `at`, spaces at a cut dropped."""
    lines, start = [], 0
    for cut in at + (len(text),):
        lines.append(text[start:cut].strip(" \u3000"))
        start = cut
    return [line for line in lines if line]


def candidates(text: str, max_lines: int) -> list[tuple[float, list[str]]]:
    """Ways to set `text` in 1..max_lines lines, each with a badness: the kind of
    break and how uneven the lines are. Sorted best first within each line count."""
    text = text.strip()
    found: list[tuple[float, list[str]]] = [(0.0, [text])]
    if max_lines < 2 or len(text) < 4:
        return found
    points = break_points(text)
    for at, kind in points.items():
        lines = split_lines(text, (at,))
        if len(lines) != 2 or min(len(line) for line in lines) < 2:
            continue
        uneven = abs(len(lines[0]) - len(lines[1])) / max(len(lines[0]), len(lines[1]))
        found.append((kind + 4 * uneven, lines))
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
                found.append((points[a] + points[b] + 4 * uneven, lines))
    found.sort(key=lambda c: (len(c[1]), c[0]))
    return found
