"""White over a headline, measured on the page as realized.

A headline stands under the blank row between modules and its own spacing
row; a row more (its share of the headline's extra rows) is fine. What a desk
would not print is more: a module above whose columns stop short over the
headline's text (the remainder of its lines, a picture's caption ending left
of it) adding to that extra row. The planner cannot see those rows from
heights alone, so the page's modules are looked at once painted: each line's
ink (from its composed width), pictures, frames and rules, exactly where the
PDF will hold them.
"""
from __future__ import annotations

from .format import Broadsheet
from .plan import Module

HEADLINE_KINDS = ("kicker", "title", "subtitle", "author")
MARGIN = 0.4        # rows kept short of the limit: glyph boxes sit a little inside their lines


def _framed(module: Module) -> bool:
    return any(box.stroke for box in module.boxes)


def _line_boxes(block) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of each painted line of a text block: the glyphs' em box
    centred in the line's pitch."""
    found = []
    inset = (block.pitch - block.size) / 2
    for index, line in enumerate(block.lines):
        if not line.text.strip():
            continue
        top = block.y + index * block.pitch + inset
        found.append((block.x + line.indent * block.size, top, block.x + line.width * block.size,
                      top + block.size))
    return found


def _ink(fmt: Broadsheet, modules: list[Module], rules) -> list[tuple[float, float, float, float]]:
    ink, rules = [], list(rules)
    for module in modules:
        for block in module.texts:
            ink += _line_boxes(block)
        ink += [(i.x, i.y, i.x + i.width, i.y + i.height) for i in module.images]
        for box in module.boxes:
            if box.stroke or box.fill:
                ink += [(box.x, box.y, box.x + box.width, box.y),
                        (box.x, box.y + box.height, box.x + box.width, box.y + box.height)]
        rules += module.rules
    ink += [(min(r.x1, r.x2), min(r.y1, r.y2), max(r.x1, r.x2), max(r.y1, r.y2)) for r in rules
            if abs(r.y1 - r.y2) < 1]
    return ink


def white_over_headlines(fmt: Broadsheet, modules: list[Module], rules=(), top_rows: int = 0) -> list[int]:
    """Indexes of the modules whose bare headline has more white over its text than the
    blank row, the headline's spacing and one row more (ink to ink, in the columns
    of the headline's own lines); headlines at the top of the page's type area and
    framed ones are not counted."""
    limit = (fmt.module_gap_rows + fmt.headline.space_rows + 1 + 1.5 - MARGIN) * fmt.pitch_pt
    ink = _ink(fmt, modules, rules)
    page_top = fmt.row_y(top_rows)
    faults = []
    for index, module in enumerate(modules):
        if module.kind not in ("article", "continuation") or _framed(module):
            continue
        heads = [box for block in module.texts if block.kind in HEADLINE_KINDS for box in _line_boxes(block)]
        if not heads:
            continue
        x0, x1 = min(h[0] for h in heads), max(h[2] for h in heads)
        top = min(h[1] for h in heads)
        above = [i[3] for i in ink if i[3] <= top + 0.5 and i[3] > page_top and min(i[2], x1) > max(i[0], x0)]
        if above and top - max(above) > limit:
            faults.append(index)
    return faults
