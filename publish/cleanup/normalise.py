"""normalise: make every line plain text, so later rules compare like with like.

Extraction leaves invisible marks (byte-order marks, zero-width spaces,
control codes), odd spaces (no-break, ideographic, tabs) and Markdown hard
breaks (two trailing spaces). Two copies of one paragraph that differ only
by these would not be recognised as duplicates. The text itself is left
alone: no Unicode normal form, since NFC would rewrite CJK compatibility
ideographs the paper may have printed on purpose.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .draft import Draft
from .journal import Journal

_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad\ufffe\uffff"
                        "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_NEEDS_WORK = re.compile(_INVISIBLE.pattern + r"|^\s|\s$|\s\s|[^\S ]")


def normalise_line(line: str) -> tuple[str, set[str]]:
    """The normalised line and what was wrong with it."""
    if not _NEEDS_WORK.search(line):
        return line, set()
    reasons = set()
    text = _INVISIBLE.sub("", line)
    if text != line:
        reasons.add("removed invisible characters")
    stripped = text.strip()
    if stripped != text:
        reasons.add("trimmed spaces at the ends")
    collapsed = _SPACES.sub(" ", stripped)
    if collapsed != stripped:
        reasons.add("made odd or repeated spaces one space")
    return collapsed, reasons


def apply(draft: Draft, journal: Journal) -> Draft:
    lines = []
    changed: dict[str, list[int]] = {}
    for number, line in enumerate(draft.lines, 1):
        text, reasons = normalise_line(line)
        lines.append(text)
        for reason in reasons:
            changed.setdefault(reason, []).append(number)
    for reason in sorted(changed):
        journal.record(reason, changed[reason])
    return replace(draft, lines=tuple(lines))
