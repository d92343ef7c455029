"""The page planner: each page's items become rectangles on the 8-column grid.

A page is cut like a guillotine, recursively. A region of the grid is filled
in one of three ways:

- a **stack**: its items one under the other across the region's full width;
  the last one may be cut, its rest jumping to the next page (下转/上接);
- a **band**: one item on top (alone, or with a few small items in a stack
  beside it), and the rest of the region filled below it;
- a **split**: the region divided into two or three column ranges side by
  side, each filled recursively.

Items keep the page's reading order: each sub-region takes a consecutive run
of the queue, so the lead (头条) is always the top-left module. Every region
must reach its foot: slack is taken up by headline spacing, what is left is a
hole. The search is a memoised dynamic programme over (run of items, region)
and scores holes, jumps, articles carried to the next page, headlines side by
side (碰题) and badly proportioned modules. Heights come from exact line
counts, so no trial renders are needed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .blocks import Item
from .format import Broadsheet

# Ways to divide a region's columns (only spans that sum to the region's span are used).
SPLITS = {
    8: ((5, 3), (3, 5), (4, 4), (6, 2), (2, 6), (3, 3, 2), (2, 3, 3), (3, 2, 3), (2, 4, 2)),
    7: ((4, 3), (3, 4), (5, 2), (2, 5), (2, 3, 2)),
    6: ((3, 3), (4, 2), (2, 4), (2, 2, 2)),
    5: ((3, 2), (2, 3)),
    4: ((2, 2),),
}
LEAD_SPANS = (8, 6, 5, 4)         # widths a band's top item may take
CUT_SHARES = (0.35, 0.45, 0.55, 0.65, 0.75, 0.85)   # heights at which a band's top item may be cut
MAX_SIDE_ITEMS = 3
MAX_DEPTH = 4                     # nesting of bands and splits
MAX_ITEMS = 14                    # a broadsheet page holds no more modules than this

# Costs. A hole is worst, then moving a whole article on, then jumps.
HOLE_ROW = 12.0             # per row x column of unabsorbed slack
BIG_HOLE = 400.0            # ... and per column when a hole is deeper than HOLE_LIMIT rows
HOLE_LIMIT = 4
JUMP = 400.0
CONTINUED_LINE = 0.5        # per line sent to the next page ...
CROWDING_LINE = 12.0        # ... and per line beyond the room the next page has left
SHARE_CONTINUED = 600.0     # per tenth of a story beyond the first third sent away
CARRY = 900.0               # per item moved whole to the next page ...
CARRY_ROW = 2.0             # ... and per row x column it would have filled
BUTT = 500.0                # two bare headlines side by side at the top of neighbouring regions
TALL_NARROW = 3.0           # per row above 45 of a module 1-2 columns wide
SHALLOW_WIDE = 40.0         # an article of under 10 rows spread over 5+ columns
NARROW_LEAD = 60.0          # per column the lead is narrower than 4


@dataclass(frozen=True)
class Placed:
    item: Item
    column: int
    span: int
    row: int
    rows: int
    cut: bool = False


@dataclass(frozen=True)
class PageLayout:
    placed: tuple[Placed, ...]
    carried: tuple[Item, ...]       # items left for the next page
    cost: float
    holes: int                      # unabsorbed slack, rows x columns


@dataclass(frozen=True)
class _Solution:
    cost: float
    holes: int
    # What is placed, relative to the region's top-left: (row offset, column offset, part),
    # a part being a stack's Placed tuple or a sub-solution. Kept as a tree so that the
    # search never copies placements; `_placements` flattens the winner.
    parts: tuple
    left_bare: bool                 # a bare headline at the region's top-left / top-right
    right_bare: bool


def _placements(solution: _Solution, rows: int = 0, columns: int = 0) -> list[Placed]:
    found: list[Placed] = []
    for drow, dcol, part in solution.parts:
        if isinstance(part, _Solution):
            found += _placements(part, rows + drow, columns + dcol)
        else:
            found += [Placed(p.item, p.column + columns + dcol, p.span, p.row + rows + drow, p.rows, p.cut)
                      for p in part]
    return found


def _fits_placement(item: Item, column: int, span: int) -> bool:
    placement = getattr(getattr(item, "article", None), "placement", None)
    if placement is None:
        return True
    if placement.span is not None and placement.span != span:
        return False
    return placement.column is None or placement.column - 1 == column


def _shape_cost(item: Item, span: int, rows: int) -> float:
    cost = 0.0
    if span <= 2 and rows > 45:
        cost += TALL_NARROW * (rows - 45)
    if span >= 5 and item.kind in ("article", "continuation") and rows < 10:
        cost += SHALLOW_WIDE
    if item.rank == 0 and item.kind == "article" and span < 4:
        cost += NARROW_LEAD * (4 - span)
    return cost


def _hole_cost(slack: int, span: int) -> float:
    if slack <= 0:
        return 0.0
    return HOLE_ROW * slack * span + (BIG_HOLE * span if slack > HOLE_LIMIT else 0.0)


class PagePlanner:
    """Searches the layouts of one page."""

    def __init__(self, fmt: Broadsheet, height: int, top: int, has_next_page: bool,
                 next_room_lines: int = 10 ** 6):
        self.fmt, self.height, self.top, self.has_next = fmt, height, top, has_next_page
        self.next_room = next_room_lines
        self.gap = fmt.module_gap_rows
        self._memo: dict[tuple, _Solution | None] = {}
        self.items: Sequence[Item] = ()

    # -- entry -------------------------------------------------------------------------
    def plan(self, items: Sequence[Item], tail: Sequence[Item] = ()) -> PageLayout:
        """Lay out `items` (the page's own, in reading order) followed by `tail`
        (continuations, which must be placed here). Own items that find no room
        are carried, from the last one up. Boxed items (teasers, 栏目 groups) may
        also be tried right after the lead, where a box beside the lead keeps two
        headlines from butting."""
        own = tuple(items)
        boxed = [item for item in own[1:] if item.boxed]
        best = self._plan(own, tuple(tail))
        if boxed and own[1] is not boxed[0]:
            promoted = own[:1] + tuple(boxed) + tuple(i for i in own[1:] if not i.boxed)
            other = self._plan(promoted, tuple(tail))
            if other.cost < best.cost:
                best = other
        return best

    def _plan(self, own: tuple[Item, ...], tail: tuple[Item, ...]) -> PageLayout:
        self._placed_anywhere = any(getattr(getattr(i, "article", None), "placement", None)
                                    for i in own + tail)
        if not own and not tail:
            return PageLayout((), (), 0.0, self.height * self.fmt.columns)
        self.items = own + tail
        n = self._most_that_could_fit(len(own))
        must = n if not self.has_next else 0
        best: PageLayout | None = None
        for count in range(n, must - 1, -1):
            carried = own[count:]
            carry_cost = sum(CARRY + CARRY_ROW * item.natural_rows(3) * 3 for item in carried)
            if best is not None and carry_cost >= best.cost:
                break
            self.items = own[:count] + tail
            self._memo.clear()
            if not self.items:
                continue
            found = self._best(0, len(self.items), 0, self.fmt.columns, self.height, 0)
            if found is None:
                continue
            layout = PageLayout(tuple(_placements(found, self.top)), tuple(carried), found.cost + carry_cost,
                                found.holes)
            if best is None or layout.cost < best.cost:
                best = layout
        if best is None:
            return PageLayout((), own, float("inf"), self.height * self.fmt.columns)
        return best

    def _most_that_could_fit(self, own: int) -> int:
        """How many own items the search considers: no more than those whose smallest
        area (with the continuations) already fills the page half again."""
        capacity = self.height * self.fmt.columns
        area = sum(self._least_area(item) for item in self.items[own:])
        for count, item in enumerate(self.items[:min(own, MAX_ITEMS)], start=1):
            area += self._least_area(item)
            if area > capacity * 1.5:
                return count
        return min(own, MAX_ITEMS)

    @staticmethod
    def _least_area(item: Item) -> int:
        return min(item.natural_rows(span) * span for span in (2, 3, 4, 5, 8))

    # -- the dynamic programme --------------------------------------------------------------
    def _best(self, i: int, j: int, column: int, span: int, rows: int, depth: int) -> _Solution | None:
        key = (i, j, column if self._placed_anywhere else -1, span, rows, depth)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = None          # guards against re-entry while computing
        options = [self._stack(i, j, column, span, rows)]
        if j - i == 1:
            options.append(self._alone(i, column, span, rows))
        if depth < MAX_DEPTH and j - i >= 2:
            options += self._bands(i, j, column, span, rows, depth)
            options += self._splits(i, j, column, span, rows, depth)
        found = min((o for o in options if o is not None), key=lambda o: o.cost, default=None)
        self._memo[key] = found
        return found

    def _stack(self, i: int, j: int, column: int, span: int, rows: int) -> _Solution | None:
        """Items i..j-1 one under the other; the last may be cut at the foot."""
        key = ("stack", i, j, column if self._placed_anywhere else -1, span, rows)
        if key not in self._memo:
            self._memo[key] = self._set_stack(i, j, column, span, rows)
        return self._memo[key]

    def _set_stack(self, i: int, j: int, column: int, span: int, rows: int) -> _Solution | None:
        if i >= j or rows <= 0:
            return None
        placed, row, cost, elastic = [], 0, 0.0, 0
        for k in range(i, j):
            item = self.items[k]
            if not _fits_placement(item, column, span):
                return None
            need = item.natural_rows(span)
            last = k == j - 1
            if row + need > rows:
                room = rows - row
                if not (last and self.has_next and item.can_jump and item.cut_fits(span, room)):
                    return None
                placed.append(Placed(item, 0, span, row, room, True))
                cost += self._jump_cost(item, span, room) + _shape_cost(item, span, room)
                return _Solution(cost, 0, ((0, 0, tuple(self._spread(placed, rows))),), *self._bare(self.items[i]))
            placed.append(Placed(item, 0, span, row, need))
            cost += _shape_cost(item, span, need)
            elastic += item.elastic_rows(span)
            row += need + (self.gap if not last else 0)
        slack = max(0, rows - row - elastic)
        cost += _hole_cost(slack, span)
        return _Solution(cost, slack * span, ((0, 0, tuple(self._spread(placed, rows))),),
                         *self._bare(self.items[i]))

    def _alone(self, i: int, column: int, span: int, rows: int) -> _Solution | None:
        """One item whose editor fixed it narrower than its region: it goes where it
        was asked, and the rest of the region is a hole."""
        placement = getattr(getattr(self.items[i], "article", None), "placement", None)
        if placement is None or placement.span is None or placement.span >= span:
            return None
        left = placement.column - 1 if placement.column is not None else column
        if not column <= left <= column + span - placement.span:
            return None
        found = self._stack(i, i + 1, left, placement.span, rows)
        if found is None:
            return None
        empty = (span - placement.span) * rows
        return _Solution(found.cost + HOLE_ROW * empty + BIG_HOLE * (span - placement.span), found.holes + empty,
                         ((0, left - column, found),), found.left_bare, found.right_bare)

    def _jump_cost(self, item: Item, span: int, rows: int) -> float:
        """A jump costs, and more the more of the story it sends away: a reader
        should find most of the story under its headline."""
        lines = item.continued_lines(span, rows)
        share = lines / max(1, item.body_line_count)
        return (JUMP + CONTINUED_LINE * lines + CROWDING_LINE * max(0, lines - self.next_room)
                + SHARE_CONTINUED * 10 * max(0.0, share - 1 / 3))

    def _spread(self, placed: list[Placed], rows: int) -> list[Placed]:
        """Share a stack's slack out by elasticity, top first; positions follow."""
        if placed and placed[-1].cut:
            return placed
        used = sum(p.rows for p in placed) + self.gap * (len(placed) - 1)
        slack = rows - used
        out, row = [], placed[0].row if placed else 0
        for p in placed:
            grow = min(slack, p.item.elastic_rows(p.span))
            slack -= grow
            out.append(Placed(p.item, p.column, p.span, row, p.rows + grow, p.cut))
            row += p.rows + grow + self.gap
        return out

    def _bare(self, item: Item) -> tuple[bool, bool]:
        bare = not item.boxed
        return bare, bare

    def _bands(self, i, j, column, span, rows, depth):
        """The top item across part or all of the region, small items beside it,
        and the rest of the region below."""
        top = self.items[i]
        for width in LEAD_SPANS:
            if width > span or (width < span and span - width < 2):
                continue
            if not _fits_placement(top, column, width):
                continue
            natural = top.natural_rows(width)
            heights = [(natural + e, False) for e in sorted({0, top.elastic_rows(width)})]
            if self.has_next and top.can_jump and i == 0 and depth == 0:   # only the lead is cut mid-page
                heights += [(int(rows * share), True) for share in CUT_SHARES
                            if int(rows * share) < natural and top.cut_fits(width, int(rows * share))]
            for band_rows, cut in heights:
                below = rows - band_rows - self.gap
                if below < 6:
                    continue
                sides = [i + 1] if width == span else range(i + 2, min(j, i + 1 + MAX_SIDE_ITEMS) + 1)
                for k in sides:
                    if k >= j:
                        continue
                    found = self._band(i, k, j, column, span, width, band_rows, cut, below, depth)
                    if found is not None:
                        yield found

    def _band(self, i, k, j, column, span, width, band_rows, cut, below, depth):
        top = self.items[i]
        cost = _shape_cost(top, width, band_rows)
        parts = [(0, 0, (Placed(top, 0, width, 0, band_rows, cut),))]
        holes = 0
        if cut:
            cost += self._jump_cost(top, width, band_rows)
        else:
            cost += _hole_cost(band_rows - top.natural_rows(width) - top.elastic_rows(width), width)
        right_bare = not top.boxed
        if k > i + 1:
            side = self._stack(i + 1, k, column + width, span - width, band_rows)
            if side is None or any(p.cut for p in side.parts[0][2]):
                return None
            cost += side.cost + (BUTT if side.left_bare and not top.boxed else 0)
            holes += side.holes
            parts.append((0, width, side))
            right_bare = side.right_bare
        rest = self._best(k, j, column, span, below, depth + 1)
        if rest is None:
            return None
        parts.append((band_rows + self.gap, 0, rest))
        return _Solution(cost + rest.cost, holes + rest.holes, tuple(parts), not top.boxed, right_bare)

    def _splits(self, i, j, column, span, rows, depth):
        for pattern in SPLITS.get(span, ()):
            parts = len(pattern)
            if j - i < parts:
                continue
            for cuts in _cut_points(i, j, parts):
                total, holes, parts, edges = 0.0, 0, [], []
                start, left = i, column
                ok = True
                for width, stop in zip(pattern, cuts):
                    part = self._best(start, stop, left, width, rows, depth + 1)
                    if part is None:
                        ok = False
                        break
                    total += part.cost
                    holes += part.holes
                    parts.append((0, left - column, part))
                    edges.append((part.left_bare, part.right_bare))
                    start, left = stop, left + width
                if not ok:
                    continue
                total += BUTT * sum(1 for a, b in zip(edges, edges[1:]) if a[1] and b[0])
                yield _Solution(total, holes, tuple(parts), edges[0][0], edges[-1][1])


def _cut_points(i: int, j: int, parts: int):
    """Ends of `parts` consecutive non-empty runs covering i..j-1."""
    if parts == 1:
        yield (j,)
        return
    for stop in range(i + 1, j - parts + 2):
        for rest in _cut_points(stop, j, parts - 1):
            yield (stop,) + rest
