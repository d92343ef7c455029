"""Reading a built broadsheet PDF back: glyphs grouped into the body lines of
each grid column, measured in the trim box's coordinates.

Everything here is measured from the PDF itself (pdfplumber), never taken from
the planner, so the tests that use it check what a reader would see.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pikepdf

from publish.layout.format import MM, broadsheet

FMT = broadsheet()
NO_START = set("。，、；：？！）］｝」』”’》〉】〗〕·～")
NO_END = set("（［｛「『“‘《〈【〖〔")
# Half of a compressible mark's em box is blank: it may stand that much past the edge.
HALF_WIDTH_MARKS = NO_START | NO_END


@dataclass
class BodyLine:
    page: int
    column: int          # 0-based grid column
    top: float
    x0: float            # from the column's left edge, pt
    x1: float            # right edge of the last glyph's ink box, pt from the column's left edge
    text: str
    size: float
    last_char_x0: float

    @property
    def right_edge(self) -> float:
        """Where the line's advance ends. pdfplumber reports a halt-compressed mark
        as full width, so a mark at the end may stand up to half an em beyond."""
        return self.x1


@lru_cache(maxsize=4)
def trim_box(path: Path) -> tuple[float, float, float, float]:
    """The first page's TrimBox in PDF user space. pdfplumber's x0 is in user space;
    a glyph's baseline is the f of its text matrix, also in user space."""
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0].obj
        return tuple(float(v) for v in page.get("/TrimBox", page.MediaBox))


def type_area_origin() -> tuple[float, float]:
    return FMT.margin_left_mm * MM, FMT.margin_top_mm * MM


def page_chars(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [list(page.chars) for page in pdf.pages]


def text_counter(path: Path, modules_only: bool = True) -> Counter:
    """Characters printed in the PDF. With `modules_only`, only below the page's top
    furniture (masthead band, running head), so a headline repeated in the 导读
    digest or a running head cannot stand in for one lost from its article."""
    _, _, _, trim_y1 = trim_box(path)
    _, oy = type_area_origin()
    counts: Counter = Counter()
    for number, chars in enumerate(page_chars(path), start=1):
        top_rows = FMT.masthead_rows if number == 1 else FMT.running_head_rows
        limit = top_rows * FMT.pitch_pt
        for c in chars:
            baseline = trim_y1 - c["matrix"][5] - oy
            if modules_only and baseline <= limit:
                continue
            counts.update(ch for ch in c["text"] if not ch.isspace())   # "——" is one glyph
    return counts


def body_lines(path: Path, size: float = FMT.body_pt) -> list[BodyLine]:
    """Lines of body-size type, one per grid column and baseline."""
    trim_x0, _, _, trim_y1 = trim_box(path)
    ox, oy = type_area_origin()
    step = FMT.column_pt + FMT.gutter_pt
    lines = []
    with pdfplumber.open(path) as pdf:
        pages = [list(page.chars) for page in pdf.pages]
    for number, chars in enumerate(pages, start=1):
        rows: dict[int, list[dict]] = {}
        for c in chars:
            if abs(c["size"] - size) > 0.05 or c["text"].isspace():
                continue
            baseline = trim_y1 - c["matrix"][5] - oy     # the same for every face on a line
            rows.setdefault(round(baseline), []).append(c)
        for baseline, glyphs in rows.items():
            for run in _runs(sorted(glyphs, key=lambda c: c["x0"]), size):
                # a compressed opening bracket at a line start sits half an em left of its column
                x = run[0]["x0"] - trim_x0 - ox + (size / 2 if run[0]["text"][0] in NO_END else 0)
                column = int((x + FMT.gutter_pt / 2) // step)
                left = column * step
                shift = trim_x0 + ox + left
                width = run[-1]["x1"] - run[0]["x0"]
                if not 0 <= column < FMT.columns or width > FMT.column_pt + size * 0.6:
                    continue    # not a column's line: a caption or furniture across columns
                lines.append(BodyLine(number, column, float(baseline), run[0]["x0"] - shift,
                                      run[-1]["x1"] - shift, "".join(c["text"] for c in run), size,
                                      run[-1]["x0"] - shift))
    lines.sort(key=lambda line: (line.page, line.column, line.top))
    return lines


def _runs(glyphs: list[dict], size: float) -> list[list[dict]]:
    """Split one baseline's glyphs where a gutter (about an em of white) parts them."""
    runs: list[list[dict]] = []
    for glyph in glyphs:
        if runs and glyph["x0"] - runs[-1][-1]["x1"] < 0.75 * size:
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    return runs


def followed_by_continuation(lines: list[BodyLine]) -> list[BodyLine]:
    """Lines that are certainly not the last of their paragraph: the line one
    pitch below in the same column starts at the column edge, not indented."""
    by_place = {(line.page, line.column, round(line.top)): line for line in lines}
    found = []
    for line in lines:
        below = by_place.get((line.page, line.column, round(line.top + FMT.pitch_pt)))
        if below is not None and below.x0 < FMT.body_pt * 0.6:
            found.append(line)
    return found


def is_flush(line: BodyLine, tolerance_em: float = 0.25) -> bool:
    edge = FMT.column_pt
    tolerance = tolerance_em * line.size
    if abs(line.x1 - edge) <= tolerance:
        return True
    # a compressed mark at the end: its box is reported full width
    return line.text[-1] in HALF_WIDTH_MARKS and abs(line.x1 - line.size / 2 - edge) <= tolerance
