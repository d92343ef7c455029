"""Where each article sits on its printed page: the zones of the page views.

A zone is the rectangle of the article's module in the page plan, the same
rectangle the PDF writer painted, so it lies over exactly the article's text
in the page picture. Coordinates are points from the top-left corner of the
trimmed page (the TrimBox, which the page picture shows). A 栏目 group shows
several articles stacked in its frame; each member gets the band from its own
headline down to the next member's, found from the composed text blocks in
the order the group painted them. A story that jumps has a zone on each page.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..layout.format import MM, Broadsheet
from ..layout.plan import IssuePlan, Module

LINKED_KINDS = ("article", "group", "teaser", "continuation")
HEADLINE_KINDS = ("kicker", "title", "subtitle")


@dataclass(frozen=True)
class Zone:
    article: str        # the article id the zone shows
    page: int
    kind: str           # article | teaser | continuation | member (of a 栏目 group)
    left: float         # points from the trimmed page's left edge
    top: float
    width: float
    height: float

    def percent(self, page_width: float, page_height: float) -> dict[str, str]:
        """The rectangle as CSS percentages of the page picture."""
        def share(value: float, whole: float) -> str:
            return f"{100 * value / whole:.4f}".rstrip("0").rstrip(".") + "%"
        return {"left": share(self.left, page_width), "top": share(self.top, page_height),
                "width": share(self.width, page_width), "height": share(self.height, page_height)}


def trim_size(fmt: Broadsheet) -> tuple[float, float]:
    """The trimmed page in points."""
    return fmt.trim_width_mm * MM, fmt.trim_height_mm * MM


def _member_tops(module: Module, fmt: Broadsheet) -> list[float] | None:
    """The top of each member's first headline block in a group, in member
    order, or None when the blocks do not split into one run per member."""
    tops, previous = [], None
    for block in module.texts:
        if block.kind == "banner":
            continue
        starts = block.kind in ("kicker", "title") and previous not in HEADLINE_KINDS
        if starts:
            tops.append(block.y)
        previous = block.kind
    return tops if len(tops) == len(module.ids) else None


def module_zones(module: Module, page: int, fmt: Broadsheet, gutter_share: float,
                 row_share: float) -> list[Zone]:
    pad, pad_y = fmt.gutter_pt * gutter_share, fmt.pitch_pt * row_share
    origin_x, origin_y = fmt.margin_left_mm * MM, fmt.margin_top_mm * MM
    left = origin_x + fmt.column_x(module.column) - pad
    width = fmt.span_pt(module.span) + 2 * pad
    top = origin_y + fmt.row_y(module.row) - pad_y
    bottom = origin_y + fmt.row_y(module.row + module.rows) + pad_y
    if module.kind != "group" or len(module.ids) == 1:
        kind = "member" if module.kind == "group" else module.kind
        return [Zone(article, page, kind, left, top, width, bottom - top) for article in module.ids]
    tops = _member_tops(module, fmt)
    if tops is None:            # unknown painting order: each member gets the whole frame
        return [Zone(article, page, "member", left, top, width, bottom - top) for article in module.ids]
    # Members stand a gap row apart: each band ends half way into the gap above the next.
    gap = fmt.module_gap_rows * fmt.pitch_pt / 2
    edges = [top] + [origin_y + t - gap for t in tops[1:]] + [bottom]
    return [Zone(article, page, "member", left, edges[i], width, edges[i + 1] - edges[i])
            for i, article in enumerate(module.ids)]


def issue_zones(plan: IssuePlan, fmt: Broadsheet, gutter_share: float,
                row_share: float) -> dict[int, list[Zone]]:
    """Page number -> the zones on it, in the plan's reading order."""
    return {page.number: [zone for module in page.modules if module.kind in LINKED_KINDS
                          for zone in module_zones(module, page.number, fmt, gutter_share, row_share)]
            for page in plan.pages}
