"""Widths read from the font a role paints with, via HarfBuzz, cached per role.

Nothing is assumed: an ideograph is 1 em because the font says so, `——` in Noto CJK
is one 1.69-em glyph because the font's `ccmp` joins the two dashes, a kai quote
mark is 0.35 em because LXGW WenKai draws it proportional. Each unit is shaped the
way WeasyPrint/Pango will paint it (kerning and ligatures off, see paint.LINE_CSS),
so the composer's sums are the painted widths.

Half-width punctuation is measured too: a mark is compressible when shaping it with
the OpenType `halt` feature gives a narrower advance, and the x-offset tells on
which side its blank half sits (opening brackets carry their blank on the left).
A font without `halt` (the kai font has no GPOS) simply has no compressible marks.

A character the role's font lacks is measured in the face that will draw it
(publish.fonts.face_for: the same stand-in face the PDF embeds and the EPUB
carries), so a fallback glyph is measured like any other.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import uharfbuzz as hb

from ..fonts import Face, cmap, face_for, font_for

# The features Pango would apply that the painter switches off (font-kerning: none,
# font-variant-ligatures: none). Everything else (ccmp, locl ...) stays as painted.
PAINT_FEATURES = {"kern": False, "liga": False, "clig": False, "dlig": False, "calt": False}
HALT_FEATURES = {**PAINT_FEATURES, "halt": True}
LANGUAGE = "zh-cn"

# Which side of its em box a compressible mark's blank half is on.
NO_BLANK, BLANK_RIGHT, BLANK_LEFT = 0, 1, 2


class FontMetrics:
    """Advances (in em) of text painted in one role's font."""

    def __init__(self, role: str):
        self.role = role
        self.path = font_for(role).path
        self._covered = cmap(self.path)
        self._font, self._upem = _hb_font(self.path, 0)
        self._advance: dict[str, float] = {}
        self._halt: dict[str, tuple[float, int]] = {}

    def _shape(self, text: str, features: dict) -> tuple[float, float]:
        """(total advance, x-offset of the first glyph) in em, each character in
        the face that draws it."""
        covered = self._covered
        if all(ord(c) in covered for c in text):
            return _shape(self._font, self._upem, text, features)
        total, first = 0.0, None
        for face, run in self._runs(text):
            font, upem = (self._font, self._upem) if face is None else _hb_font(face.path, face.index)
            width, offset = _shape(font, upem, run, features)
            total += width
            first = offset if first is None else first
        return total, first or 0.0

    def _runs(self, text: str) -> list[tuple[Face | None, str]]:
        """`text` cut where the drawing face changes (None: the role's own font,
        also for a character no font has, drawn as its .notdef). Combining marks
        and selectors stay with the character before them."""
        runs: list[tuple[Face | None, str]] = []
        for char in text:
            if runs and (unicodedata.combining(char) or 0xFE00 <= ord(char) <= 0xFE0F):
                runs[-1] = (runs[-1][0], runs[-1][1] + char)
                continue
            face = None
            if ord(char) not in self._covered:
                found = face_for(self.role, char)
                face = None if found is None or found.path == self.path else found
            if runs and runs[-1][0] == face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        return runs

    def advance(self, text: str) -> float:
        """Width of `text` painted as one piece."""
        width = self._advance.get(text)
        if width is None:
            width = self._advance[text] = self._shape(text, PAINT_FEATURES)[0]
        return width

    def halt(self, mark: str) -> tuple[float, int]:
        """(advance with `halt`, side of the blank it removed) for one mark; the
        side is NO_BLANK when the font does not compress it."""
        found = self._halt.get(mark)
        if found is None:
            full = self.advance(mark)
            half, offset = self._shape(mark, HALT_FEATURES)
            if half >= full - 1e-6:
                found = (full, NO_BLANK)
            elif offset < -1e-6 and abs(offset + (full - half)) < 1e-3:
                found = (half, BLANK_LEFT)       # ink pulled left over the removed blank
            elif abs(offset) < 1e-6:
                found = (half, BLANK_RIGHT)
            else:                                # centred marks (・): blank on both sides
                found = (full, NO_BLANK)
            self._halt[mark] = found
        return found


def _shape(font, upem: int, text: str, features: dict) -> tuple[float, float]:
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.language = LANGUAGE
    hb.shape(font, buf, features)
    positions = buf.glyph_positions
    if not positions:
        return 0.0, 0.0
    return sum(p.x_advance for p in positions) / upem, positions[0].x_offset / upem


@lru_cache(maxsize=None)
def _hb_font(path, index: int):
    """A HarfBuzz font of one face, loaded once per process."""
    face = hb.Face(hb.Blob.from_file_path(str(path)), index)
    return hb.Font(face), face.upem


@lru_cache(maxsize=None)
def metrics_for(role: str) -> FontMetrics:
    """The (module-wide, lazily loaded) metrics of a font role."""
    return FontMetrics(role)
