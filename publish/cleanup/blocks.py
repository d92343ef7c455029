"""blocks: one block per non-blank line, tagged by the extractor's mark.

`# ` is the paper's name, `## ` a headline, `### ` (or deeper) a column
banner, anything else text. A line break inside a paragraph and a blank line
between paragraphs are treated alike, because extractors are inconsistent
about which one they emit; the rejoin rule decides where paragraphs end.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .draft import BANNER, HEADLINE, PAPER, TEXT, Block, Draft
from .journal import Journal

_HEADING = re.compile(r"(#{1,6})(?: (.*)|$)")
_CLOSING_HASHES = re.compile(r" #+$")
_KINDS = {1: PAPER, 2: HEADLINE}


def apply(draft: Draft, journal: Journal) -> Draft:
    blocks = []
    for number, line in enumerate(draft.lines, 1):
        if not line:
            journal.fate(number, "blank")
            continue
        heading = _HEADING.fullmatch(line) if line[0] == "#" else None
        if heading is None:
            blocks.append(Block(number, TEXT, line))
            continue
        text = _CLOSING_HASHES.sub("", heading.group(2) or "").strip()
        blocks.append(Block(number, _KINDS.get(len(heading.group(1)), BANNER), text))
    return replace(draft, blocks=tuple(blocks))
