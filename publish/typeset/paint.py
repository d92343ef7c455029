"""Composed lines -> inline HTML that WeasyPrint paints exactly as composed.

The PDF writer puts each line in its own fixed-width block (`<div class="ln">`)
and inserts `line_html(line)`. Measured in WeasyPrint 70 / Pango:

- `letter-spacing` on a span adds its amount after every character of the span,
  the last one included, and once per glyph cluster (`——` is one): so a run of
  one-character pieces with the same gap is one span with that letter-spacing.
- A piece of several characters (a Latin word, `……`) must not be letter-spaced
  inside: it is its own span and its gap is a `margin-right`, which is exact.
- `font-feature-settings: "halt"` on a one-mark span paints it at half width
  (an opening bracket keeps its ink and loses its left half).
- The indent is a `margin-left` on the first span.
- Spaces at a line break (Piece.compress == DROP) are not painted; other white
  space is painted as U+0020 under `white-space: pre`, as the composer measured it.
- A line with nothing to paint (a blank row) is one space, so its block keeps
  the height of a row.

Lengths are rounded to 4 decimals of an em: at most 0.0001 em per gap.
"""
from __future__ import annotations

from html import escape

from .classes import AS_SPACE
from .lines import DROP, HALT, Line

_SPACES = frozenset(map(chr, AS_SPACE)) | {" "}

LINE_CLASS = "ln"

# The rules the markup relies on. Fonts are not mapped here: the writer maps each
# role class (r-body, r-headline, r-sans, r-kai) to its font family.
LINE_CSS = f"""\
.{LINE_CLASS} {{ white-space: pre; font-kerning: none; font-variant-ligatures: none;
  letter-spacing: 0; word-spacing: 0; text-indent: 0; text-align: left;
  text-transform: none; hyphens: manual; overflow-wrap: normal; }}
.{LINE_CLASS} .halt {{ font-feature-settings: "halt"; }}
"""


def _em(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def line_html(line: Line) -> str:
    """Inline markup for one composed line (see the module docstring)."""
    spans: list[list] = []   # [role, halt, letter-spacing, margin-right, texts]
    for piece in line.pieces:
        if piece.compress == DROP:
            continue
        text = piece.text
        if piece.text[0] in _SPACES:
            text = text.translate(AS_SPACE)
        gap = round(piece.gap_after, 4)
        halt = piece.compress == HALT
        if len(text) == 1:
            last = spans[-1] if spans else None
            if (last and last[0] == piece.role and last[1] == halt and last[2] == gap
                    and last[3] is None):
                last[4].append(text)
            else:
                spans.append([piece.role, halt, gap, None, [text]])
        else:
            spans.append([piece.role, halt, 0.0, gap, [text]])
    out = []
    for index, (role, halt, spacing, margin, texts) in enumerate(spans):
        classes = f"r-{role} halt" if halt else f"r-{role}"
        style = []
        if index == 0 and line.indent:
            style.append(f"margin-left:{_em(line.indent)}em")
        if spacing:
            style.append(f"letter-spacing:{_em(spacing)}em")
        if margin:
            style.append(f"margin-right:{_em(margin)}em")
        attrs = f' style="{";".join(style)}"' if style else ""
        out.append(f'<span class="{classes}"{attrs}>{escape("".join(texts))}</span>')
    # A line with nothing to paint (a blank row between stanzas) still takes its
    # row: an empty block would have no height.
    return "".join(out) or " "
