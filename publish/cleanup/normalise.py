"""normalise: make every line plain text, so later rules compare like with like.

Extraction leaves invisible marks (byte-order marks, zero-width spaces,
control codes, Unicode noncharacters), odd spaces (no-break, tabs) and
Markdown hard breaks (two trailing spaces). Two copies of one paragraph that
differ only by these would not be recognised as duplicates.

Spaces inside a line come in two widths, and the difference is kept: a
single space, and a wide one (an ideographic space U+3000, a tab, or two
spaces and more), which becomes one U+3000. In a headline line a single space
separates the printed lines the extractor joined, while a wide one is a
pause printed inside one line (还清白者清白  为担当者担当 is one title); in
a byline it pads a two-character name (颜  珂). Body text gets single spaces
back when paragraphs are built.

Private-use characters (U+E000…, what a PDF gives for a glyph it has no
Unicode for) cannot be printed or read back from an issue folder; each
becomes 〓 (U+3013 GETA MARK, the mark Chinese typesetting uses for a missing
character) with a warning naming its line, so an editor can put the right
character in. The text is otherwise left alone: no Unicode normal form,
since NFC would rewrite CJK compatibility ideographs the paper printed on
purpose.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .draft import Draft
from .journal import Journal
from .text import WIDE_SPACE

MISSING = "\u3013"       # 〓
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad\ufdd0-\ufdef"
                        "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]"
                        "|[\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff"
                        "\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff"
                        "\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff"
                        "\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff"
                        "\U0010fffe\U0010ffff]")
_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_WIDE = re.compile(r"\s*[\u3000\t]\s*|\s{2,}")
_NARROW = re.compile(r"[^\S\u3000]")
_NEEDS_WORK = re.compile(_INVISIBLE.pattern + "|" + _PRIVATE.pattern + r"|^\s|\s$|\s\s|[^\S ]")

INVISIBLE = "removed invisible characters"
TRIMMED = "trimmed spaces at the ends"
ODD = "made odd spaces one space, wide ones one ideographic space"
PRIVATE = "replaced private-use characters with 〓"


def normalise_line(line: str) -> tuple[str, set[str]]:
    """The normalised line and what was wrong with it."""
    if not _NEEDS_WORK.search(line):
        return line, set()
    reasons = set()
    text = _INVISIBLE.sub("", line)
    if text != line:
        reasons.add(INVISIBLE)
    private = _PRIVATE.sub(MISSING, text)
    if private != text:
        reasons.add(PRIVATE)
    stripped = private.strip()
    if stripped != private:
        reasons.add(TRIMMED)
    collapsed = _NARROW.sub(" ", _WIDE.sub(WIDE_SPACE, stripped))
    if collapsed != stripped:
        reasons.add(ODD)
    return collapsed, reasons


def apply(draft: Draft, journal: Journal) -> Draft:
    lines = []
    changed: dict[str, list[int]] = {}
    for number, line in enumerate(draft.lines, 1):
        text, reasons = normalise_line(line)
        lines.append(text)
        for reason in reasons:
            changed.setdefault(reason, []).append(number)
        if PRIVATE in reasons:
            codes = sorted({f"U+{ord(c):04X}" for c in _PRIVATE.findall(line)})
            journal.warn(number, f"private-use character(s) {', '.join(codes)} have no meaning a font "
                                 f"can print; replaced with 〓 for an editor to correct")
    for reason in sorted(changed):
        journal.record(reason, changed[reason])
    return replace(draft, lines=tuple(lines))
