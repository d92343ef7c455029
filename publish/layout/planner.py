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

from .blocks import Intervals, Item, add, best_at_most, contains, decompose
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
MAX_DEPTH = 3                     # nesting of bands and splits
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
BUTT = 3000.0               # two bare headlines side by side at one height (碰题)
STAGGER = 2                 # rows by which neighbouring headlines must be staggered
TOP_HEADLINE_ROWS = 8       # a headline starting this near a region's top meets its neighbour's
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
    top_picture: bool = False       # the article's picture stands above its headline


@dataclass(frozen=True)
class PageLayout:
    placed: tuple[Placed, ...]
    carried: tuple[Item, ...]       # items left for the next page
    cost: float
    holes: int                      # unabsorbed slack, rows x columns


Heads = tuple[tuple[int, int], ...]     # rows (from, to) of bare headlines along an edge


@dataclass(frozen=True)
class _Solution:
    cost: float
    holes: int
    # What is placed, relative to the region's top-left: (row offset, column offset, part),
    # a part being a stack's Placed tuple or a sub-solution. Kept as a tree so that the
    # search never copies placements; `_placements` flattens the winner.
    parts: tuple
    left: Heads                     # bare headlines touching the region's left edge
    right: Heads                    # ... and its right edge


def _shifted(heads: Heads, rows: int) -> Heads:
    return tuple((a + rows, b + rows) for a, b in heads)


def _butts(left: Heads, right: Heads) -> int:
    """Pairs of headlines side by side at (nearly) one height across a shared edge."""
    return sum(1 for a0, a1 in left for b0, b1 in right if a0 < b1 + STAGGER and b0 < a1 + STAGGER)


def _placements(solution: _Solution, rows: int = 0, columns: int = 0) -> list[Placed]:
    found: list[Placed] = []
    for drow, dcol, part in solution.parts:
        if isinstance(part, _Solution):
            found += _placements(part, rows + drow, columns + dcol)
        else:
            found += [Placed(p.item, p.column + columns + dcol, p.span, p.row + rows + drow, p.rows, p.cut,
                             p.top_picture) for p in part]
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
            carry_cost = sum(CARRY + CARRY_ROW * self._least_area(item) for item in carried)
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
            if area > capacity * 1.25:
                return count
        return min(own, MAX_ITEMS)

    @staticmethod
    def _least_area(item: Item) -> int:
        return least_area(item)

    # -- the dynamic programme --------------------------------------------------------------
    def _best(self, i: int, j: int, column: int, span: int, rows: int, depth: int,
              beside: bool = False) -> _Solution | None:
        """The cheapest layout of items i..j-1 in the region. `beside`: the region has
        a neighbour on its left whose top holds a headline, so a bare headline at
        this region's top-left would butt it."""
        key = (i, j, column if self._placed_anywhere else -1, span, rows, depth, beside)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = None          # guards against re-entry while computing
        options = [self._stack(i, j, column, span, rows), self._stack(i, j, column, span, rows, True)]
        if j - i == 1:
            options.append(self._alone(i, column, span, rows))
        if depth < MAX_DEPTH and j - i >= 2:
            options += self._bands(i, j, column, span, rows, depth)
            options += self._splits(i, j, column, span, rows, depth)
        def cost(o: _Solution) -> float:
            return o.cost + (BUTT * sum(1 for a, _ in o.left if a < TOP_HEADLINE_ROWS) if beside else 0)
        found = min((o for o in options if o is not None), key=cost, default=None)
        self._memo[key] = found
        return found

    def _stack(self, i: int, j: int, column: int, span: int, rows: int,
               top_picture: bool = False) -> _Solution | None:
        """Items i..j-1 one under the other; the last may be cut at the foot. With
        `top_picture` the first stands under its picture."""
        key = ("stack", i, j, column if self._placed_anywhere else -1, span, rows, top_picture)
        if key not in self._memo:
            self._memo[key] = self._set_stack(i, j, column, span, rows, top_picture)
        return self._memo[key]

    def _set_stack(self, i: int, j: int, column: int, span: int, rows: int,
                   top_picture: bool = False) -> _Solution | None:
        """Heights from each item's intervals that fill the region exactly; else the
        fullest setting (the rest a hole), or the last item cut to jump."""
        if i >= j or rows <= 0:
            return None
        items = self.items[i:j]
        parts = []
        for k, item in enumerate(items):
            if not _fits_placement(item, column, span):
                return None
            if k == 0 and top_picture:
                heights = item.top_heights(span) if hasattr(item, "top_heights") else ()
            else:
                heights = item.heights(span)
            if not heights:
                return None
            parts.append(heights)
        gaps = self.gap * (len(items) - 1)
        target = rows - gaps
        reach = self._reach(i, j, span, parts) if not top_picture else \
            add(parts[0], self._reach(i + 1, j, span, parts[1:]))
        naturals = [item.natural_rows(span) for item in items]
        best = best_at_most(reach, target)
        cost, cut = 0.0, False
        if best is not None:
            heights = decompose(parts, naturals, best)
            slack = target - best
            if slack > 0 and self.has_next and items[-1].can_jump and len(items) >= 1:
                pass                # it fits: no reason to cut
        else:
            last = items[-1]
            before = [p[0][0] for p in parts[:-1]]
            room = target - sum(before)
            if top_picture and len(items) == 1 or not (
                    self.has_next and last.can_jump and room > 0 and last.cut_fits(span, room)):
                return None
            heights, slack, cut = before + [room], 0, True
            cost += self._jump_cost(last, span, room)
        placed, row, left = [], 0, []
        for k, (item, height) in enumerate(zip(items, heights)):
            is_cut = cut and k == len(items) - 1
            on_top = top_picture and k == 0
            placed.append(Placed(item, 0, span, row, height, is_cut, on_top))
            cost += _shape_cost(item, span, height)
            if not item.boxed:
                head = item.head_rows(span)
                above = item.choose_top(span, height).figure_rows if on_top else 0
                left.append((row + above + 1, row + above + max(2, head - 1)))
            row += height + self.gap
        cost += _hole_cost(slack, span)
        heads = tuple(left)
        return _Solution(cost, slack * span, ((0, 0, tuple(placed)),), heads, heads)

    def _reach(self, i: int, j: int, span: int, parts: list) -> Intervals:
        key = ("reach", i, j, span)
        if key not in self._memo:
            total: Intervals = ((0, 0),)
            for part in parts:
                total = add(total, part)
            self._memo[key] = total
        return self._memo[key]

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
                         ((0, left - column, found),), found.left if left == column else (),
                         found.right if left + placement.span == column + span else ())

    def _jump_cost(self, item: Item, span: int, rows: int) -> float:
        """A jump costs, and more the more of the story it sends away: a reader
        should find most of the story under its headline."""
        lines = item.continued_lines(span, rows)
        share = lines / max(1, item.body_line_count)
        return (JUMP + CONTINUED_LINE * lines + CROWDING_LINE * max(0, lines - self.next_room)
                + SHARE_CONTINUED * 10 * max(0.0, share - 1 / 3))

    def _band_heights(self, top: Item, width: int, rows: int, cuttable: bool) -> list[tuple[int, bool]]:
        """Heights to try for a band's top item: the ends and a few points of each of
        its intervals, and for the lead some cuts."""
        found = set()
        for lo, hi in top.heights(width):
            found.update((lo, hi))
            if hi - lo > 8:
                found.add((lo + hi) // 2)
        natural = top.natural_rows(width)
        found.add(natural) if contains(top.heights(width), natural) else None
        heights = [(h, False) for h in sorted(found)]
        if cuttable:
            heights += [(int(rows * share), True) for share in CUT_SHARES
                        if int(rows * share) < natural and top.cut_fits(width, int(rows * share))]
        return heights

    def _bands(self, i, j, column, span, rows, depth):
        """The top item across part or all of the region, small items beside it,
        and the rest of the region below."""
        top = self.items[i]
        for width in LEAD_SPANS:
            if width > span or (width < span and span - width < 2):
                continue
            if not _fits_placement(top, column, width) or not top.heights(width):
                continue
            cuttable = self.has_next and top.can_jump and i == 0 and depth == 0   # only the lead is cut mid-page
            for band_rows, cut in self._band_heights(top, width, rows, cuttable):
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
        top_heads: Heads = () if top.boxed else ((1, max(2, top.head_rows(width) - 1)),)
        left, right = top_heads, top_heads
        if k > i + 1:
            sides = [s for s in (self._stack(i + 1, k, column + width, span - width, band_rows),
                                 self._stack(i + 1, k, column + width, span - width, band_rows, True))
                     if s is not None and not any(p.cut for p in s.parts[0][2])]
            if not sides:
                return None
            side = min(sides, key=lambda s: s.cost + BUTT * _butts(top_heads, s.left))
            cost += side.cost + BUTT * _butts(top_heads, side.left)
            holes += side.holes
            parts.append((0, width, side))
            right = side.right
        rest = self._best(k, j, column, span, below, depth + 1)
        if rest is None:
            return None
        offset = band_rows + self.gap
        parts.append((offset, 0, rest))
        return _Solution(cost + rest.cost, holes + rest.holes, tuple(parts),
                         left + _shifted(rest.left, offset), right + _shifted(rest.right, offset))

    def _splits(self, i, j, column, span, rows, depth):
        for pattern in SPLITS.get(span, ()):
            count = len(pattern)
            if j - i < count or (count > 2 and depth > 0):
                continue
            for cuts in _cut_points(i, j, count):
                total, holes, parts, found = 0.0, 0, [], []
                start, left = i, column
                ok = True
                for width, stop in zip(pattern, cuts):
                    part = self._best(start, stop, left, width, rows, depth + 1, bool(found))
                    if part is None:
                        ok = False
                        break
                    total += part.cost
                    holes += part.holes
                    parts.append((0, left - column, part))
                    found.append(part)
                    start, left = stop, left + width
                if not ok:
                    continue
                total += BUTT * sum(_butts(a.right, b.left) for a, b in zip(found, found[1:]))
                yield _Solution(total, holes, tuple(parts), found[0].left, found[-1].right)


def least_area(item: Item) -> int:
    """Rows x columns the item needs at its most compact span."""
    areas = [heights[0][0] * span for span in (2, 3, 4, 5, 6, 8) if (heights := item.heights(span))]
    return min(areas) if areas else item.natural_rows(3) * 3


def _cut_points(i: int, j: int, parts: int):
    """Ends of `parts` consecutive non-empty runs covering i..j-1."""
    if parts == 1:
        yield (j,)
        return
    for stop in range(i + 1, j - parts + 2):
        for rest in _cut_points(stop, j, parts - 1):
            yield (stop,) + rest
