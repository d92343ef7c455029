"""The broadsheet format, read from `layouts/broadsheet/format.toml`.

The planner works in grid units (columns, rows of body type); this turns them
into points for the writer. Every number of the format lives in the data file.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import LAYOUTS

MM = 72 / 25.4          # points per millimetre
FORMAT_FILE = LAYOUTS / "broadsheet" / "format.toml"


@dataclass(frozen=True)
class HeadlineStyle:
    ranks: tuple[tuple[float, ...], ...]
    continuation: tuple[float, ...]
    title_max_lines: int
    kicker_pt: dict[float, float]
    title_leading: float
    small_leading: float
    space_rows: int
    max_extra_rows: int

    def title_sizes(self, rank: int) -> tuple[float, ...]:
        return self.ranks[min(rank, len(self.ranks) - 1)]

    def small_size(self, title_pt: float) -> float:
        """Kicker and subtitle size for a title size (the nearest entry at or below)."""
        known = sorted(self.kicker_pt)
        below = [s for s in known if s <= title_pt]
        return self.kicker_pt[below[-1] if below else known[0]]


@dataclass(frozen=True)
class Broadsheet:
    trim_width_mm: float
    trim_height_mm: float
    bleed_mm: float
    page_count: int
    margin_top_mm: float
    columns: int
    column_em: float
    gutter_em: float
    rows: int
    body_pt: float
    pitch_pt: float
    indent_em: float
    module_gap_rows: int
    masthead_rows: int
    masthead_span: int
    paper_name_pt: float
    running_head_rows: int
    banner_rows: int
    image_span: tuple[int, ...]     # columns a picture takes in a module of 1..8 columns
    headline: HeadlineStyle
    type: dict
    colors: dict
    rules: dict

    # -- derived geometry, in points ------------------------------------------------
    @property
    def column_pt(self) -> float:
        return self.column_em * self.body_pt

    @property
    def gutter_pt(self) -> float:
        return self.gutter_em * self.body_pt

    @property
    def type_width_pt(self) -> float:
        return self.columns * self.column_pt + (self.columns - 1) * self.gutter_pt

    @property
    def type_height_pt(self) -> float:
        return self.rows * self.pitch_pt

    @property
    def margin_left_mm(self) -> float:
        return (self.trim_width_mm - self.type_width_pt / MM) / 2

    def span_pt(self, span: int) -> float:
        """Width of `span` merged columns: 13n + (n-1) em of body type."""
        return span * self.column_pt + (span - 1) * self.gutter_pt

    def column_x(self, column: int) -> float:
        """Left edge of a 0-based column, from the type area's left edge."""
        return column * (self.column_pt + self.gutter_pt)

    def row_y(self, row: int) -> float:
        return row * self.pitch_pt

    def rows_for(self, points: float) -> int:
        """Whole rows needed to hold `points` of height (a hair of tolerance)."""
        whole = int(points // self.pitch_pt)
        return whole if points - whole * self.pitch_pt < 0.01 else whole + 1

    def cmyk(self, name: str) -> str:
        c, m, y, k = self.colors[name]
        return f"device-cmyk({c:g} {m:g} {y:g} {k:g})"


def _load(path: Path) -> Broadsheet:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    page, grid, furniture, head = data["page"], data["grid"], data["furniture"], data["headline"]
    headline = HeadlineStyle(
        ranks=tuple(tuple(float(s) for s in sizes) for sizes in head["ranks"]),
        continuation=tuple(float(s) for s in head["continuation"]),
        title_max_lines=head["title_max_lines"],
        kicker_pt={float(k): float(v) for k, v in head["kicker_pt"].items()},
        title_leading=head["title_leading"], small_leading=head["small_leading"],
        space_rows=head["space_rows"], max_extra_rows=head["max_extra_rows"])
    return Broadsheet(
        trim_width_mm=page["trim_width_mm"], trim_height_mm=page["trim_height_mm"],
        bleed_mm=page["bleed_mm"], page_count=page["page_count"], margin_top_mm=page["margin_top_mm"],
        columns=grid["columns"], column_em=grid["column_em"], gutter_em=grid["gutter_em"],
        rows=grid["rows"], body_pt=grid["body_pt"], pitch_pt=grid["pitch_pt"],
        indent_em=grid["indent_em"], module_gap_rows=grid["module_gap_rows"],
        masthead_rows=furniture["masthead_rows"], masthead_span=furniture["masthead_span"],
        paper_name_pt=furniture["paper_name_pt"], running_head_rows=furniture["running_head_rows"],
        banner_rows=furniture["banner_rows"], image_span=tuple(grid["image_span"]),
        headline=headline, type=data["type"], colors=data["colors"], rules=data["rules"])


@lru_cache(maxsize=None)
def broadsheet(path: Path = FORMAT_FILE) -> Broadsheet:
    return _load(path)
