"""`publish typeset`: the composed lines as text, with what was done to fit each.

For an editor checking a tricky paragraph in a terminal: one row per line, the
line as set (a terminal column is half an em: ideographs take two), then its
width and adjustments: marks set at half width (½), the space added per gap,
the Han–Latin spaces, and anything wrong (a line wider than the measure).
"""
from __future__ import annotations

import unicodedata
from collections import Counter

from .classes import NO_END, NO_START
from .compose import Composer
from .lines import DROP, HALT, Line

_COMPOSER = Composer()


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in text)


def _shown(line: Line) -> str:
    """The line as a terminal shows it: indent as spaces, half-width marks as
    they are (the details column names them), Han–Latin spaces as a space."""
    out = [" " * round(line.indent * 2)]
    for piece in line.pieces:
        if piece.compress == DROP:
            continue
        out.append(piece.text.replace("\t", " ").replace("\n", " "))
    return "".join(out)


def _where(pieces, i: int) -> str:
    """Why a mark inside a line was halved: next to another mark (a pair), or alone."""
    if i == 0:
        return "start"
    if i == len(pieces) - 1:
        return "end"
    marks = NO_START | NO_END
    if pieces[i - 1].text in marks or pieces[i + 1].text in marks:
        return "pair"
    return "in"


def describe(line: Line, measure: float, justify: bool = True) -> str:
    """The adjustments of one line, in words."""
    notes = [f"{line.width:6.3f} em"]
    shown = [p for p in line.pieces if p.compress != DROP]
    halves = [(i, p) for i, p in enumerate(shown) if p.compress == HALT]
    if halves:
        notes.append("½ " + " ".join(f"{p.text}({_where(shown, i)})" for i, p in halves))
    gaps = Counter(round(p.gap_after, 4) for p in shown[:-1])
    gaps.pop(0.0, None)
    if gaps:
        notes.append("gaps " + ", ".join(f"+{g:.3f}×{n}" for g, n in sorted(gaps.items())))
    if line.width > measure + 0.01:
        notes.append(f"OVERFULL by {line.width - measure:.3f} em")
    elif justify and not line.last and line.width < measure - 0.01:
        notes.append(f"short by {measure - line.width:.3f} em")
    if line.last:
        notes.append("last")
    return "  ".join(notes)


def preview(text: str, width: float, indent: bool = True) -> str:
    """The composed lines of `text` at `width` em, one per row, with their adjustments."""
    lines = _COMPOSER.compose(text, width, indent=2.0 if indent else 0.0)
    if not lines:
        return f"measure {width:g} em: nothing to set"
    column = max([round(width * 2)] + [_columns(_shown(line)) for line in lines])
    rows = [f"measure {width:g} em, indent {2 if indent else 0} em, {len(lines)} line(s)"]
    for number, line in enumerate(lines, 1):
        shown = _shown(line)
        pad = " " * (column - _columns(shown))
        rows.append(f"{number:3} │{shown}{pad}│ {describe(line, width)}")
    return "\n".join(rows)
