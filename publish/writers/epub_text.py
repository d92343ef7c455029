"""Inline markup of Chinese text for reading systems that each break lines their own way.

The EPUB cannot compose lines as the print composer does: every reading
system breaks them itself. What markup can do is mark the few places where
engines go wrong, with classes the stylesheet styles (no `:lang()` selector,
which MuPDF and older Adobe engines ignore):

- `keep` (white-space: nowrap): a run of dashes or ellipses (—— ……) stays
  whole, on the line of the character before it and with the closing marks
  after it; the last two characters of a body paragraph stay together, so no
  engine ends a paragraph with one character alone on its line, even one
  without `text-wrap: pretty`.
- `squeeze`: the mark whose blank half is removed where two marks meet
  (。” ，“ ）、), which `text-spacing-trim` does in the engines that have it; the
  stylesheet applies the font's `halt`/`vhal` feature to it only where
  `text-spacing-trim` is not supported.
- In vertical text, `tcy` (縦中横): one or two digits set across the column
  (1月19日, 今日4版); `upright`: in display text (headlines, folios, the
  contents, the masthead) any other Latin run stands upright letter by letter
  (2023年, CN33-0106) rather than lying on its side. Body text keeps longer
  Latin runs sideways, as vertical books set them.

Everything is escaped here: the result is Markup that templates print as is.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from .epub_layout import xml_safe

DASHES = "\u2014\u2015\u2e3a\u2e3b"
ELLIPSES = "\u2026\u22ef"
# Marks whose blank half is on their end side (they close) and on their start side (they open).
CLOSING = set("。，、；：）］｝」』”’》〉】〗〕")
OPENING = set("（［｛「『“‘《〈【〖〔")
# What may follow a dash or ellipsis run on its line: closing marks, ！ and ？.
_TRAILING = CLOSING | set("！？!?.,;:)]}")

_ASCII_RUN = re.compile(r"[\x21-\x7e]+")
_SHORT_NUMBER = re.compile(r"(?<![\x21-\x7e])[0-9]{1,2}(?![\x21-\x7e])")
_BREAKS = re.compile(f"[{DASHES}]+|[{ELLIPSES}]+")


def _atoms(text: str, vertical: bool, display: bool) -> list[tuple[str, str | None]]:
    """The text cut into atoms: single characters, and upright runs kept whole."""
    if not vertical:
        return [(ch, None) for ch in text]
    pattern = _ASCII_RUN if display else _SHORT_NUMBER
    atoms: list[tuple[str, str | None]] = []
    last = 0
    for found in pattern.finditer(text):
        atoms += [(ch, None) for ch in text[last:found.start()]]
        run = found.group()
        atoms.append((run, "tcy" if run.isdigit() and len(run) <= 2 else "upright"))
        last = found.end()
    return atoms + [(ch, None) for ch in text[last:]]


def _is_punctuation(atom: tuple[str, str | None]) -> bool:
    return atom[1] is None and (atom[0] in CLOSING or atom[0] in OPENING or atom[0] in "！？")


def _keeps(atoms: list[tuple[str, str | None]], last_two: bool) -> list[tuple[int, int]]:
    """Atom ranges [start, end) to keep on one line, merged where they overlap."""
    text_index, offsets = [], 0
    for atom in atoms:
        text_index.append(offsets)
        offsets += len(atom[0])
    by_offset = {offset: i for i, offset in enumerate(text_index)}
    text = "".join(a[0] for a in atoms)
    ranges = []
    for found in _BREAKS.finditer(text):
        start = by_offset[found.start()]
        end = by_offset.get(found.end(), len(atoms))
        if start > 0 and not atoms[start - 1][0].isspace():
            start -= 1
        while end < len(atoms) and atoms[end][1] is None and atoms[end][0] in _TRAILING:
            end += 1
        ranges.append((start, end))
    if last_two:
        end, start = len(atoms), len(atoms)
        while start > 0 and _is_punctuation(atoms[start - 1]):
            start -= 1
        words = 0
        while start > 0 and words < 2 and not atoms[start - 1][0].isspace():
            start -= 1
            words += not _is_punctuation(atoms[start])
        if words == 2 and start > 0:
            ranges.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _squeezed(atoms: list[tuple[str, str | None]]) -> set[int]:
    """Atoms that lose their blank half where two marks meet: the first of a
    pair when it closes (。” ）、 ，“), else the second when it opens (“《)."""
    squeezed = set()
    for i in range(len(atoms) - 1):
        a, b = atoms[i], atoms[i + 1]
        if a[1] is not None or b[1] is not None:
            continue
        if a[0] in CLOSING and (b[0] in CLOSING or b[0] in OPENING):
            squeezed.add(i)
        elif a[0] in OPENING and b[0] in OPENING:
            squeezed.add(i + 1)
    return squeezed


def inline(text: str, *, vertical: bool, display: bool = False, body: bool = False) -> Markup:
    """`text` as escaped XHTML with the spans above. `display`: headline, folio,
    contents or masthead text; `body`: a body paragraph (its last characters kept)."""
    atoms = _atoms(xml_safe(text), vertical, display)
    keeps = _keeps(atoms, last_two=body)
    squeezed = _squeezed(atoms)
    starts = {start for start, _ in keeps}
    ends = {end for _, end in keeps}
    out = []
    for i, (atom, cls) in enumerate(atoms):
        if i in ends:
            out.append("</span>")
        if i in starts:
            out.append('<span class="keep">')
        if cls:
            out.append(f'<span class="{cls}">{escape(atom)}</span>')
        elif i in squeezed:
            out.append(f'<span class="squeeze">{escape(atom)}</span>')
        else:
            out.append(str(escape(atom)))
    if len(atoms) in ends:
        out.append("</span>")
    return Markup("".join(out))
