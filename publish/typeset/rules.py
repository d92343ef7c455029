"""Check lines of text against the line-breaking rules, however they were set.

For the composer's own tests and for reading a finished PDF back: give the text of
consecutive lines of one paragraph (as composed, or as extracted from the page)
and get one message per fault. A line may end in spaces (a space at a break).
"""
from __future__ import annotations

from typing import Sequence

from .classes import AS_SPACE, DASHES, ELLIPSES, LATIN, NO_END, NO_START, PUNCT, SPACE, kind_of, units

_BREAKING_SPACES = "".join(map(chr, AS_SPACE)) + " "


def faults(lines: Sequence[str]) -> list[str]:
    """Kinsoku faults between consecutive lines of one paragraph (GB/T 15834 §5)."""
    found = []
    for number, (text, following) in enumerate(zip(lines, lines[1:]), 1):
        shown = text.rstrip(_BREAKING_SPACES)
        if not shown or not following:
            continue
        last, first = shown[-1], following[0]
        if last in NO_END:
            found.append(f"line {number} ends with the opening mark {last}")
        if first in NO_START:
            found.append(f"line {number + 1} starts with the closing mark {first}")
        if last in DASHES and first in DASHES:
            found.append(f"lines {number}-{number + 1} split a dash ——")
        if last in ELLIPSES and first in ELLIPSES:
            found.append(f"lines {number}-{number + 1} split an ellipsis ……")
        if shown == text and kind_of(last) == LATIN and kind_of(first) == LATIN:
            found.append(f"lines {number}-{number + 1} split a Latin word or number "
                         f"({shown[-8:]}|{following[:8]})")
    return found


def widow(lines: Sequence[str]) -> bool:
    """A 孤字: the paragraph's last line (of two or more) holds a single character,
    ideograph or Latin word, with nothing else but punctuation and spaces."""
    if len(lines) < 2:
        return False
    content = [unit for unit in units(lines[-1]) if kind_of(unit) not in (PUNCT, SPACE)]
    return len(content) <= 1
