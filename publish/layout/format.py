"""The broadsheet format, read from `layouts/broadsheet/format.toml`.

The planner works in grid units (columns, rows of body type); this turns them
into points for the writer. Every number of the format lives in the data file,
and the file is checked when read: a missing key or a value of the wrong kind
is one error naming the key and the file:line, never a KeyError later.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import PublishError
from ..paths import LAYOUTS
from ..model import GRID_COLUMNS
from ..readers.toml_lines import key_lines, line_of

MM = 72 / 25.4          # points per millimetre
FORMAT_FILE = LAYOUTS / "broadsheet" / "format.toml"


class FormatError(PublishError):
    """The layout's data file is wrong (a packaging or editing mistake)."""


@dataclass(frozen=True)
class HeadlineStyle:
    front_lead: tuple[float, ...]
    ranks: tuple[tuple[float, ...], ...]
    continuation: tuple[float, ...]
    title_max_lines: int
    small_max_lines: int
    kicker_pt: dict[float, float]
    title_leading: float
    small_leading: float
    small_gap: float
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
    paper_name_depth: float         # the name block's depth, in multiples of paper_name_pt
    organ_gap_pt: float             # organ line under the paper's name
    cn_gap_pt: float                # CN line under the paper's name
    dateline_rows: float
    running_head_rows: int
    folio_top_rows: float
    folio_rows: float
    section_left: float             # in multiples of the page number's size
    banner_rows: int
    image_span: tuple[int, ...]     # columns a picture takes in a module of 1..8 columns
    headline: HeadlineStyle
    type: dict
    colors: dict
    rules: dict
    picture: dict
    jump: dict
    fill: dict
    teaser: dict
    banner: dict
    imprint: dict
    wide: dict

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

    def top_rows(self, page_number: int) -> int:
        """Rows of the page's furniture: the masthead band on page 1, else the running head."""
        return self.masthead_rows if page_number == 1 else self.running_head_rows

    def fill_target(self, page_number: int) -> float:
        return self.fill["front_page"] if page_number == 1 else self.fill["page"]

    def cmyk(self, name: str) -> str:
        c, m, y, k = self.colors[name]
        return f"device-cmyk({c:g} {m:g} {y:g} {k:g})"


# -- the schema: table -> key -> kind ----------------------------------------------------

NUMBER, INT, SIZES, INTS, CMYK, SIZE_MAP = "a number", "an integer", "a list of sizes", \
    "a list of integers", "four numbers from 0 to 1", "a table of size = size"
SCHEMA: dict[str, dict[str, str]] = {
    "page": {"trim_width_mm": NUMBER, "trim_height_mm": NUMBER, "bleed_mm": NUMBER, "page_count": INT,
             "margin_top_mm": NUMBER},
    "grid": {"columns": INT, "column_em": NUMBER, "gutter_em": NUMBER, "rows": INT, "body_pt": NUMBER,
             "pitch_pt": NUMBER, "indent_em": NUMBER, "module_gap_rows": INT, "image_span": INTS},
    "furniture": {"masthead_rows": INT, "masthead_span": INT, "paper_name_pt": NUMBER,
                  "paper_name_depth": NUMBER, "organ_gap_pt": NUMBER, "cn_gap_pt": NUMBER,
                  "dateline_rows": NUMBER, "running_head_rows": INT, "folio_top_rows": NUMBER,
                  "folio_rows": NUMBER, "section_left": NUMBER, "banner_rows": INT},
    "headline": {"front_lead": SIZES, "ranks": "a list of lists of sizes", "continuation": SIZES,
                 "title_max_lines": INT, "small_max_lines": INT, "kicker_pt": SIZE_MAP,
                 "title_leading": NUMBER, "small_leading": NUMBER, "small_gap": NUMBER, "space_rows": INT,
                 "max_extra_rows": INT},
    "picture": {"crop_min": NUMBER, "crop_max": NUMBER, "min_dpi": NUMBER, "caption_gap": NUMBER},
    "jump": {"min_lines": INT, "min_lines_before": INT, "min_share_before": NUMBER, "min_lines_after": INT},
    "fill": {"page": NUMBER, "front_page": NUMBER, "hole_rows": INT, "column_foot_rows": INT},
    "teaser": {"title_leading": NUMBER, "small_leading": NUMBER, "small_gap_pt": NUMBER,
               "pointer_gap_pt": NUMBER, "pointer_leading": NUMBER, "padding_rows": INT,
               "max_extra_rows": INT},
    "banner": {"char_width": NUMBER, "padding_em": NUMBER},
    "imprint": {"pt": NUMBER, "rows": INT},
    "wide": {"span": INT, "min_lines": INT},
    "type": {"caption_pt": NUMBER, "banner_pt": NUMBER, "teaser_title_pt": NUMBER, "pointer_pt": NUMBER,
             "running_head_pt": NUMBER, "page_number_pt": NUMBER},
    "colors": {"masthead": CMYK, "text": CMYK, "rule": CMYK, "banner": CMYK, "tint": CMYK, "knockout": CMYK},
    "rules": {"column_rule_pt": NUMBER, "box_rule_pt": NUMBER, "head_rule_pt": NUMBER},
}


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def _fits(kind: str, value) -> bool:
    if kind == NUMBER:
        return _is_number(value)
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if kind == SIZES:
        return isinstance(value, list) and bool(value) and all(_is_number(v) and v > 0 for v in value)
    if kind == INTS:
        return isinstance(value, list) and bool(value) and all(_fits(INT, v) for v in value)
    if kind == CMYK:
        return isinstance(value, list) and len(value) == 4 and all(_is_number(v) and v <= 1 for v in value)
    if kind == SIZE_MAP:
        return isinstance(value, dict) and bool(value) and all(_is_number(v) for v in value.values()) \
            and all(_number_key(k) for k in value)
    return isinstance(value, list) and bool(value) and all(_fits(SIZES, v) for v in value)


def _number_key(key: str) -> bool:
    try:
        return float(key) > 0
    except ValueError:
        return False


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def validate(data: dict, text: str, path: Path) -> None:
    """Every key of the schema present with a value of its kind, else FormatError
    with `file:line: key: expected ..., found ...` (all problems, one per line)."""
    lines = key_lines(text)
    problems = []
    for table, keys in SCHEMA.items():
        section = data.get(table)
        if not isinstance(section, dict):
            problems.append(f"{path}:{line_of(lines, (table,)) or 1}: [{table}]: expected a table, "
                            f"found {'nothing' if section is None else _shown(section)}")
            continue
        for key, kind in keys.items():
            where = line_of(lines, (table, key)) or line_of(lines, (table,)) or 1
            if key not in section:
                problems.append(f"{path}:{where}: {table}.{key}: expected {kind}, found nothing")
            elif not _fits(kind, section[key]):
                problems.append(f"{path}:{where}: {table}.{key}: expected {kind}, found {_shown(section[key])}")
    grid = data.get("grid", {})
    if not problems and len(grid["image_span"]) != grid["columns"]:
        problems.append(f"{path}:{line_of(lines, ('grid', 'image_span'))}: grid.image_span: expected "
                        f"{grid['columns']} entries (one per module width), found {len(grid['image_span'])}")
    if not problems and grid["columns"] != GRID_COLUMNS:
        problems.append(f"{path}:{line_of(lines, ('grid', 'columns'))}: grid.columns: expected "
                        f"{GRID_COLUMNS} (the columns a story's placement names in the issue format), "
                        f"found {grid['columns']}")
    if problems:
        raise FormatError("\n".join(problems))


def _load(path: Path) -> Broadsheet:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FormatError(f"{path}: {error}") from None
    validate(data, text, path)
    page, grid, furniture, head = data["page"], data["grid"], data["furniture"], data["headline"]
    headline = HeadlineStyle(
        front_lead=tuple(float(s) for s in head["front_lead"]),
        ranks=tuple(tuple(float(s) for s in sizes) for sizes in head["ranks"]),
        continuation=tuple(float(s) for s in head["continuation"]),
        title_max_lines=head["title_max_lines"], small_max_lines=head["small_max_lines"],
        kicker_pt={float(k): float(v) for k, v in head["kicker_pt"].items()},
        title_leading=head["title_leading"], small_leading=head["small_leading"], small_gap=head["small_gap"],
        space_rows=head["space_rows"], max_extra_rows=head["max_extra_rows"])
    return Broadsheet(
        trim_width_mm=page["trim_width_mm"], trim_height_mm=page["trim_height_mm"],
        bleed_mm=page["bleed_mm"], page_count=page["page_count"], margin_top_mm=page["margin_top_mm"],
        columns=grid["columns"], column_em=grid["column_em"], gutter_em=grid["gutter_em"],
        rows=grid["rows"], body_pt=grid["body_pt"], pitch_pt=grid["pitch_pt"],
        indent_em=grid["indent_em"], module_gap_rows=grid["module_gap_rows"],
        masthead_rows=furniture["masthead_rows"], masthead_span=furniture["masthead_span"],
        paper_name_pt=furniture["paper_name_pt"], paper_name_depth=furniture["paper_name_depth"],
        organ_gap_pt=furniture["organ_gap_pt"], cn_gap_pt=furniture["cn_gap_pt"],
        dateline_rows=furniture["dateline_rows"], running_head_rows=furniture["running_head_rows"],
        folio_top_rows=furniture["folio_top_rows"], folio_rows=furniture["folio_rows"],
        section_left=furniture["section_left"],
        banner_rows=furniture["banner_rows"], image_span=tuple(grid["image_span"]),
        headline=headline, type=data["type"], colors=data["colors"], rules=data["rules"],
        picture=data["picture"], jump=data["jump"], fill=data["fill"], teaser=data["teaser"],
        banner=data["banner"], imprint=data["imprint"], wide=data["wide"])


@lru_cache(maxsize=None)
def broadsheet(path: Path = FORMAT_FILE) -> Broadsheet:
    return _load(path)
