"""What the composer takes and gives: runs of text in, lines of pieces out.

All lengths are in em of the paragraph's type size, so a composition holds at any
point size. A Line is complete: the painter draws it without deciding anything.
"""
from __future__ import annotations

from dataclasses import dataclass

# Piece.compress values
HALT = "halt"   # painted with the OpenType `halt` feature: the mark's blank half removed
DROP = "drop"   # a space at a line break: kept in the text, zero width, not painted


@dataclass(frozen=True, slots=True)
class Run:
    """Text in one font role (body, headline, sans, kai)."""

    text: str
    role: str = "body"


@dataclass(frozen=True, slots=True, init=False)
class Piece:
    """A unit painted together: one ideograph or mark, a whole Latin word or number,
    `——`, `……`, or a run of spaces."""

    text: str
    role: str
    advance: float                 # em, after compression
    compress: str | None = None    # None, HALT or DROP
    gap_after: float = 0.0         # em of space after it (justification + Han–Latin space)

    def __init__(self, text: str, role: str, advance: float, compress: str | None = None,
                 gap_after: float = 0.0):
        # Slots written through their descriptors, three times faster than the
        # generated frozen __init__ (Line does the same): an issue makes tens of
        # thousands of pieces, and creating them was a third of composing a new text.
        _set_text(self, text)
        _set_role(self, role)
        _set_advance(self, advance)
        _set_compress(self, compress)
        _set_gap_after(self, gap_after)


@dataclass(frozen=True, slots=True, init=False)
class Line:
    """One composed line: its pieces in order, each with its advance and the space
    after it, so that indent + advances + gaps == width (== the measure for every
    justified line but the last)."""

    pieces: tuple[Piece, ...]
    indent: float      # em of blank before the first piece (first-line indent, centring)
    width: float       # em the painted line occupies: indent + advances + gaps
    last: bool         # the paragraph's last line

    def __init__(self, pieces: tuple[Piece, ...], indent: float, width: float, last: bool):
        _set_pieces(self, pieces)
        _set_indent(self, indent)
        _set_width(self, width)
        _set_last(self, last)

    @property
    def text(self) -> str:
        """The line's characters exactly as in the input (a space at the break
        included, as a DROP piece), so the lines of a paragraph join to its text."""
        return "".join(p.text for p in self.pieces)

    @property
    def gaps(self) -> float:
        """Em of space added between pieces."""
        return sum(p.gap_after for p in self.pieces)


# The raw slot setters the two __init__ use (bypassing the frozen __setattr__).
_set_text, _set_role, _set_advance, _set_compress, _set_gap_after = (
    getattr(Piece, f).__set__ for f in ("text", "role", "advance", "compress", "gap_after"))
_set_pieces, _set_indent, _set_width, _set_last = (
    getattr(Line, f).__set__ for f in ("pieces", "indent", "width", "last"))
