"""The page plan: what the make-up decided, in grid units and in points.

Writers paint it as it is; the report and the later digital edition read its
rectangles. Positions are in points from the type area's top-left corner.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..typeset import Line


@dataclass(frozen=True)
class TextBlock:
    """Composed lines painted one under the other at a fixed pitch."""

    x: float
    y: float
    width: float
    size: float             # font size in pt; line measures are in em of this size
    pitch: float            # distance between lines in pt
    lines: tuple[Line, ...]
    align: str = "justify"  # justify | start | center | end
    role: str = "body"      # the font role of the block (pieces may carry their own)
    kind: str = "body"      # body | kicker | title | subtitle | caption | jump | banner | pointer
    bookmark: str | None = None   # an entry of the PDF outline (article titles)


@dataclass(frozen=True)
class ImageBlock:
    path: str               # relative to the issue folder
    x: float
    y: float
    width: float
    height: float
    alt: str | None = None
    crop: tuple[float, float, float, float] | None = None  # visible part (left, top, right, bottom), 0-1


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    weight: float
    color: str = "rule"


@dataclass(frozen=True)
class Box:
    """A framed or tinted rectangle (栏目 group frame, teaser box, 报眼, banner)."""

    x: float
    y: float
    width: float
    height: float
    stroke: float = 0.0
    stroke_color: str = "rule"
    fill: str | None = None


@dataclass
class Module:
    """One rectangle of the grid and what is painted in it."""

    kind: str                       # article | group | teaser | continuation | imprint
    ids: tuple[str, ...]            # article ids it shows (a group shows several)
    column: int                     # 0-based first column
    span: int
    row: int                        # first row in the type area
    rows: int
    headline_pt: float | None = None
    texts: list[TextBlock] = field(default_factory=list)
    images: list[ImageBlock] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    headline_rows: tuple[int, int] | None = None   # rows of the headline block, for the butting check
    jump_to: int | None = None
    jump_from: int | None = None
    lines_placed: int = 0
    placed_chars: dict[str, int] = field(default_factory=dict)   # body characters shown, per article
    title: str | None = None        # for bookmarks


@dataclass
class PagePlan:
    number: int
    name: str | None
    top_rows: int                   # rows taken by the masthead band or the running head
    modules: list[Module] = field(default_factory=list)
    empty_areas: list[dict] = field(default_factory=list)
    butting: list[tuple[str, str]] = field(default_factory=list)
    moved_in: list[str] = field(default_factory=list)   # whole articles carried over from an earlier page
    ran_out_of_text: bool = False
    fill: float = 1.0               # share of the type area below the furniture covered by modules
    largest_empty: dict | None = None   # the largest empty rectangle: column, columns, row, rows

    def fill_ratio(self, rows: int, columns: int) -> float:
        """Share of the type area below the page's top furniture covered by modules."""
        area = (rows - self.top_rows) * columns
        used = sum(m.rows * m.span for m in self.modules)
        return round(min(used, area) / area, 4) if area else 0.0


@dataclass
class IssuePlan:
    pages: list[PagePlan]
    overset: dict[str, int] = field(default_factory=dict)      # article id -> characters not placed
    jumps: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)        # short pages: what is empty, what would fill it

    def page(self, number: int) -> PagePlan:
        return next(p for p in self.pages if p.number == number)
