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
must reach its foot: slack is taken up by headline spacing and picture crops,
what is left is a hole. The search is a memoised dynamic programme over (run
of items, width, height) and scores holes, jumps, articles carried to the next
page, headlines side by side (碰题) and badly proportioned modules. Heights come
from exact line counts, so no trial renders are needed.

The search is kept small the way a desk keeps its choices few:

- a split shares the items between its column ranges by area: only the one or
  two runs whose area comes nearest each range's share of the width are tried;
- a band's top item takes only a few heights: where it and the stack beside it
  both fit exactly, its natural height, its least and its largest;
- a region stops looking once it has a layout that costs nothing;
- nesting is shallow (a band or split inside a part, one more inside that), and
  deeper regions try fewer shapes.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from .blocks import INFEASIBLE, ArticleItem, FramedItem, Intervals, Item, add, best_at_most, decompose, merge
from .format import Broadsheet

# Ways to divide a region's columns (only spans that sum to the region's span are used).
SPLITS = {
    8: ((5, 3), (3, 5), (4, 4), (6, 2), (2, 6), (3, 3, 2), (2, 3, 3), (3, 2, 3), (2, 4, 2)),
    7: ((4, 3), (3, 4), (5, 2), (2, 5), (2, 3, 2)),
    6: ((3, 3), (4, 2), (2, 4), (2, 2, 2)),
    5: ((3, 2), (2, 3)),
    4: ((2, 2),),
}
LEAD_SPANS = (8, 6, 5, 4)         # widths a band's top item may take on the page
MAX_SIDE_ITEMS = 3
MAX_DEPTH = 3                     # nesting of bands and splits
MAX_ITEMS = 14                    # a broadsheet page holds no more modules than this
PLAIN, PICTURE_FIRST, FRAMED = 0, 1, 2    # how a stack's first item stands
FIRSTS = (PLAIN, PICTURE_FIRST, FRAMED)
STACK_SLACK = 2                   # rows a stack may end short of its region's foot
# Tiers of slack (rows at the page's foot, rows above a module) tried in turn while a page
# carries a story on or keeps a hole; then any slack at the foot, then anywhere.
TIERS = ((STACK_SLACK, 0), (12, STACK_SLACK))
BAND_HEIGHTS = 3                  # heights tried for a band's top item

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
FRONT_CARRY = 6000.0        # per item the front page moves on: its stories are the editors' choice
STRANDED = 10 ** 6          # per item left over where nothing follows: the issue would not build
CARRY_FROM_SHORT = 10 ** 5  # moving a story on from a page that keeps a hole
BUTT = 30000.0              # two bare headlines side by side at one height (碰题): worse than any hole
STAGGER = 2                 # rows by which neighbouring headlines must be staggered
TOP_HEADLINE_ROWS = 8       # a headline starting this near a region's top meets its neighbour's
TALL_NARROW = 3.0           # per row above 45 of a module 1-2 columns wide
SHALLOW_WIDE = 20.0         # per row an article of 4+ columns is shallower than 3 rows a column
FRAME = 150.0               # an article framed (加框) to keep its headline from a neighbour's
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


def _top_heads(heads: Heads) -> int:
    return sum(1 for a, _ in heads if a < TOP_HEADLINE_ROWS)


def _placements(solution: _Solution, rows: int = 0, columns: int = 0) -> list[Placed]:
    found: list[Placed] = []
    for drow, dcol, part in solution.parts:
        if isinstance(part, _Solution):
            found += _placements(part, rows + drow, columns + dcol)
        else:
            found += [Placed(p.item, p.column + columns + dcol, p.span, p.row + rows + drow, p.rows, p.cut,
                             p.top_picture) for p in part]
    return found


def _placement(item: Item):
    """Where the editor fixed the item (a 栏目 group: where its first story was)."""
    members = getattr(item, "members", None)
    if members:
        item = members[0]
    return getattr(getattr(item, "article", None), "placement", None)


def _fits_placement(item: Item, column: int, span: int) -> bool:
    placement = _placement(item)
    if placement is None:
        return True
    if placement.span is not None and placement.span != span:
        return False
    return placement.column is None or placement.column - 1 == column


def _shape_cost(item: Item, span: int, rows: int) -> float:
    cost = 0.0
    if span <= 2 and rows > 45:
        cost += TALL_NARROW * (rows - 45)
    if span >= 4 and item.kind in ("article", "continuation", "group"):
        shallow = 3 * span * len(getattr(item, "members", (item,))) - rows
        if shallow > 0:             # a story spread thin across the page reads badly
            cost += SHALLOW_WIDE * shallow
    if item.rank == 0 and item.kind == "article" and span < 4:
        cost += NARROW_LEAD * (4 - span)
    return cost


def _hole_cost(slack: int, span: int) -> float:
    if slack <= 0:
        return 0.0
    return HOLE_ROW * slack * span + (BIG_HOLE * span if slack > HOLE_LIMIT else 0.0)


def _few(intervals: Intervals, natural: int, limit: int = 4) -> list[int]:
    """A few heights of `intervals`: nearest the natural height, the least, the
    largest, and the ends of the interval nearest the natural one."""
    if not intervals:
        return []
    near = min(intervals, key=lambda iv: 0 if iv[0] <= natural <= iv[1] else min(abs(iv[0] - natural),
                                                                                 abs(iv[1] - natural)))
    found = [min(max(natural, near[0]), near[1]), near[1], intervals[0][0], intervals[-1][1], near[0]]
    return list(dict.fromkeys(found))[:limit]


def _intersect(a: Intervals, b: Intervals) -> Intervals:
    out = []
    for lo, hi in a:
        for lo2, hi2 in b:
            if max(lo, lo2) <= min(hi, hi2):
                out.append((max(lo, lo2), min(hi, hi2)))
    return tuple(sorted(out))


class PagePlanner:
    """Searches the layouts of one page, in two passes.

    First, for each run of items and each region width, the heights the run can
    fill without a hole (`_fits`: unions of intervals, no height dimension in the
    table). Then the cheapest layout at the page's height (`_best`), which only
    walks into regions at heights they can fill, so every path it takes ends in
    a full region. A page whose items cannot reach its foot is laid out at the
    tallest height they fill, the rest left as an empty band at the foot (the
    build then warns about it)."""

    def __init__(self, fmt: Broadsheet, height: int, top: int, has_next_page: bool,
                 next_room_lines: int = 10 ** 6, front: bool = False):
        self.fmt, self.height, self.top, self.has_next = fmt, height, top, has_next_page
        self.carry = FRONT_CARRY if front else CARRY
        self.next_room = next_room_lines
        self.gap = fmt.module_gap_rows
        self._memo: dict[tuple, tuple[_Solution | None, _Solution | None]] = {}
        self._fitting: dict[tuple, Intervals] = {}
        self._band_cache: dict[tuple, list[tuple[int, int, Intervals, bool]]] = {}
        self._split_cache: dict[tuple, list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
        self._stacks: dict[tuple, _Solution | None] = {}
        self._reaches: dict[tuple, Intervals] = {}
        self.items: Sequence[Item] = ()
        self._area: list[float] = [0.0]
        self._placed_anywhere = False
        self.slack = STACK_SLACK
        self.inner = 0

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
        if boxed and own[1] is not boxed[0] and best.cost > 0:
            promoted = own[:1] + tuple(boxed) + tuple(i for i in own[1:] if not i.boxed)
            other = self._plan(promoted, tuple(tail))
            if other.cost < best.cost:
                best = other
        return best

    # -- the finished page: headlines staggered ------------------------------------------
    def _heads(self, placed: Placed) -> tuple[int, int] | None:
        if placed.item.boxed:
            return None
        head = placed.item.head_rows(placed.span)
        above = _picture_rows(placed.item, placed.span, placed.rows) if placed.top_picture else 0
        return placed.row + above + 1, placed.row + above + max(2, head - 1)

    def _butting(self, placed: list[Placed]) -> list[tuple[int, int]]:
        found = []
        for a, left in enumerate(placed):
            for b, right in enumerate(placed):
                if right.column != left.column + left.span:
                    continue
                x, y = self._heads(left), self._heads(right)
                if x and y and x[0] < y[1] + STAGGER and y[0] < x[1] + STAGGER:
                    found.append((a, b))
        return found

    def _staggered(self, layout: PageLayout) -> PageLayout:
        """Headlines the search left side by side, moved apart where the stories
        allow: a row or a few taken from the story above one of them in its column
        range and given to it (or back), within both stories' heights."""
        placed = list(layout.placed)
        pairs = self._butting(placed)
        for a, b in pairs:
            for index in (b, a):
                moved = self._shift(placed, index) or self._frame(placed, index)
                if moved is not None:
                    placed = moved
                    break
        left = len(self._butting(placed))
        if left < len(pairs):
            return replace(layout, placed=tuple(placed), cost=layout.cost - (BUTT - FRAME) * (len(pairs) - left))
        return layout

    def _frame(self, placed: list[Placed], index: int) -> list[Placed] | None:
        """The story framed (加框) in the rows it has, where it sets a row shorter."""
        item = placed[index]
        if item.cut or item.top_picture or not isinstance(item.item, ArticleItem):
            return None
        before = len(self._butting(placed))
        for grown in [placed] + self._grown(placed, index):
            story = grown[index]
            if isinstance(story.item, ArticleItem) and _holds(story.item.heights(story.span), story.rows - 1):
                trial = list(grown)
                trial[index] = replace(story, item=self._framed(story.item))
                if len(self._butting(trial)) < before:
                    return trial
        return None

    def _stacked_above(self, placed: list[Placed], index: int) -> list[int]:
        """The story and the stories stacked over it in its column range, nearest first."""
        item = placed[index]
        chain = [index]
        while True:
            upper = next((k for k, p in enumerate(placed) if p.column == item.column and p.span == item.span
                          and p.row + p.rows + self.gap == placed[chain[-1]].row), None)
            if upper is None:
                return chain
            chain.append(upper)

    def _grown(self, placed: list[Placed], index: int) -> list[list[Placed]]:
        """The page with the story one to three rows taller, taken from a story above
        it in its column range (the ones between moving up)."""
        item = placed[index]
        chain = self._stacked_above(placed, index)
        found = []
        for grow in (1, 2, 3):
            for depth in range(1, len(chain)):
                giver = placed[chain[depth]]
                if giver.cut or giver.top_picture or not _holds(giver.item.heights(giver.span), giver.rows - grow):
                    continue
                trial = list(placed)
                trial[chain[depth]] = replace(giver, rows=giver.rows - grow)
                for k in chain[1:depth]:
                    trial[k] = replace(placed[k], row=placed[k].row - grow)
                trial[index] = replace(item, row=item.row - grow, rows=item.rows + grow)
                found.append(trial)
                break
        return found

    def _framed(self, item: ArticleItem) -> FramedItem:
        return framed(item)

    def _shift(self, placed: list[Placed], index: int) -> list[Placed] | None:
        """The story moved down (or up) by a few rows: a story above it in its column
        range grows (or shrinks) by as many, the ones between move with it, and it
        gives (or takes) them, all within their heights."""
        item = placed[index]
        chain = self._stacked_above(placed, index)
        if len(chain) < 2 or any(placed[k].cut or placed[k].top_picture for k in chain):
            return None
        before = len(self._butting(placed))
        for shift in (3, -3, 4, -4, 2, -2, 5, -5, 6, -6, 1, -1):
            if not _holds(item.item.heights(item.span), item.rows - shift):
                continue
            for depth in range(1, len(chain)):
                giver = placed[chain[depth]]
                if not _holds(giver.item.heights(giver.span), giver.rows + shift):
                    continue
                trial = list(placed)
                trial[chain[depth]] = replace(giver, rows=giver.rows + shift)
                for k in chain[1:depth]:
                    trial[k] = replace(placed[k], row=placed[k].row + shift)
                trial[index] = replace(item, row=item.row + shift, rows=item.rows - shift)
                if len(self._butting(trial)) < before:
                    return trial
        return None

    def _plan(self, own: tuple[Item, ...], tail: tuple[Item, ...]) -> PageLayout:
        """The page's layout where stacks end at most STACK_SLACK rows short; when
        that carries a story or leaves a hole, the cheapest where they may end
        shorter (TIERS), and at worst anywhere."""
        self._placed_anywhere = any(_placement(i) for i in own + tail)
        if not own and not tail:
            return PageLayout((), (), 0.0, self.height * self.fmt.columns)
        best = None
        tiers = [(foot, inner) for foot, inner in TIERS] + [(self.height, STACK_SLACK), (self.height, self.height)]
        for number, (foot, inner) in enumerate(tiers):
            if best is not None and best.placed:
                full = not best.carried and best.holes <= HOLE_LIMIT * self.fmt.columns
                stuck = best.carried and (not self.has_next or self.carry > CARRY
                                          or best.holes > HOLE_LIMIT * self.fmt.columns)
                if full or (number >= len(TIERS) and not stuck) or number == len(tiers) - 1:
                    break
            found = self._plan_with(own, tail, foot, inner)
            if best is None or found.cost < best.cost:
                best = found
        assert best is not None             # (tiers is never empty)
        return best

    def _plan_with(self, own: tuple[Item, ...], tail: tuple[Item, ...], slack: int, inner: int) -> PageLayout:
        self.slack, self.inner = slack, inner
        self._memo.clear()
        self._fitting.clear()
        self._band_cache.clear()
        self._split_cache.clear()
        self._stacks.clear()
        self._reaches.clear()
        self.items = own + tail
        n = self._most_that_could_fit(len(own))
        best: PageLayout | None = None
        columns = self.fmt.columns
        for count in range(n, -1, -1):
            carried = own[count:]
            carry_cost = sum((self.carry if self.has_next else STRANDED) + CARRY_ROW * least_area(item)
                             for item in carried)
            if best is not None and carry_cost >= best.cost:
                break
            self._start(own[:count] + tail)
            if not self.items:
                continue
            reach = best_at_most(self._fits(0, len(self.items), 0, columns, 0, True), self.height)
            if reach is None:
                continue
            found = self._best(0, len(self.items), 0, columns, reach, 0, True)[0]
            if found is None:
                continue
            short = self.height - reach
            # white left in one band across the foot (room a desk fills with an
            # advertisement or a notice) costs less than a hole inside the page
            cost = found.cost + carry_cost + HOLE_ROW * short * columns + (BIG_HOLE if short > HOLE_LIMIT else 0)
            layout = self._staggered(PageLayout(tuple(_placements(found, self.top)), tuple(carried), cost,
                                                found.holes + short * columns))
            if layout.holes > HOLE_LIMIT * columns and any(p.cut for p in layout.placed):
                continue            # a story jumps only from a page it fills ...
            if layout.holes > HOLE_LIMIT * columns and carried:
                layout = replace(layout, cost=layout.cost + CARRY_FROM_SHORT)    # ... and moves on from one
            if best is None or layout.cost < best.cost:
                best = layout
        if best is None:
            return PageLayout((), own, float("inf"), self.height * self.fmt.columns)
        return best

    def _start(self, items: tuple[Item, ...]) -> None:
        """The run of items to lay out. Tables are keyed by the items themselves
        (first, last, count), so runs shared by the next, shorter run keep theirs."""
        self.items = items
        self._area = [0.0]
        for item in items:
            self._area.append(self._area[-1] + natural_area(item, self.gap))

    def _slack(self, foot: bool) -> int:
        """Rows a stack may end short of its region: at the page's foot, the tier's
        slack; above a module, where the white would stand over its headline, the
        tier's inner slack (none on the first try)."""
        return self.slack if foot else self.inner

    def _run(self, i: int, j: int) -> tuple:
        return (id(self.items[i]), id(self.items[j - 1]), j - i)

    def _most_that_could_fit(self, own: int) -> int:
        """How many own items the search considers: no more than those whose smallest
        area (with the continuations) already fills the page a quarter again."""
        capacity = self.height * self.fmt.columns
        area = sum(least_area(item) for item in self.items[own:])
        for count, item in enumerate(self.items[:min(own, MAX_ITEMS)], start=1):
            area += least_area(item)
            if area > capacity * 1.25:
                return count
        return min(own, MAX_ITEMS)

    # -- pass one: the heights each run fills ----------------------------------------------
    def _fits(self, i: int, j: int, column: int, span: int, depth: int, foot: bool) -> Intervals:
        """Every height at which items i..j-1 fill a region `span` wide with no hole
        (a stack may end up to STACK_SLACK rows short)."""
        key = (self._run(i, j), column if self._placed_anywhere else -1, span, depth, foot)
        found = self._fitting.get(key)
        if found is not None:
            return found
        self._fitting[key] = ()             # guards against re-entry while computing
        heights: list[tuple[int, int]] = []
        for first in FIRSTS:
            heights += self._stack_fits(i, j, column, span, first, foot)
        if j - i == 1:
            heights += self._alone_fits(i, column, span)
        if depth < MAX_DEPTH and j - i >= 2:
            for _width, k, top, _ in self._band_shapes(i, j, column, span, depth):
                rest = self._fits(k, j, column, span, depth + 1, foot)
                if rest:
                    heights += add(top, _plus(rest, self.gap))
            for pattern, cuts in self._split_shapes(i, j, span, depth):
                common: Intervals | None = None
                start, left = i, column
                for width, stop in zip(pattern, cuts + (j,)):
                    part = self._fits(start, stop, left, width, depth + 1, foot)
                    common = part if common is None else _intersect(common, part)
                    if not common:
                        break
                    start, left = stop, left + width
                heights += common or ()
        found = merge(h for h in heights if h[0] <= self.height)
        found = tuple((lo, min(hi, self.height)) for lo, hi in found)
        self._fitting[key] = found
        return found

    def _stack_fits(self, i: int, j: int, column: int, span: int, first: int, foot: bool) -> Intervals:
        key = ("stack", self._run(i, j), column if self._placed_anywhere else -1, span, first, foot)
        if key not in self._fitting:
            self._fitting[key] = self._set_stack_fits(i, j, column, span, first, foot)
        return self._fitting[key]

    def _set_stack_fits(self, i: int, j: int, column: int, span: int, first: int, foot: bool) -> Intervals:
        parts = self._parts(i, j, column, span, first)
        if parts is None:
            return ()
        gaps = self.gap * (j - i - 1)
        whole = _plus(self._reach(i, j, span, first, parts), gaps)
        found = list(add(whole, ((0, self._slack(foot)),)))
        last = self.items[j - 1]
        if self.has_next and last.can_jump and not (first and j - i == 1):
            cut = _cut_heights(last, span, self.height)
            if cut:
                before = self._reach(i, j - 1, span, first, parts[:-1]) if j - i > 1 else ((0, 0),)
                found += add(_plus(before, gaps), cut)
        return merge(found)

    def _alone_width(self, i: int, span: int) -> int | None:
        """The width of an item set narrower than its region, the rest white: the
        one its editor fixed, or (when holes are allowed) the widest it sets at."""
        placement = _placement(self.items[i])
        if placement is not None and placement.span is not None:
            return placement.span if placement.span < span else None
        if self.slack < self.height:
            return None
        return next((w for w in range(span - 1, 0, -1) if self.items[i].heights(w)), None)

    def _alone_fits(self, i: int, column: int, span: int) -> Intervals:
        width = self._alone_width(i, span)
        heights = self.items[i].heights(width) if width else ()
        return ((heights[0][0], self.height),) if heights else ()

    # -- pass two: the cheapest layout at a height ------------------------------------------
    def _best(self, i: int, j: int, column: int, span: int, rows: int, depth: int,
              foot: bool) -> tuple[_Solution | None, _Solution | None]:
        """The cheapest layouts of items i..j-1 filling the region: on its own, and
        with a neighbour on its left whose top holds a headline (where a bare
        headline at this region's top-left would butt it)."""
        key = (self._run(i, j), column if self._placed_anywhere else -1, span, rows, depth, foot)
        found = self._memo.get(key)
        if found is not None:
            return found
        self._memo[key] = (None, None)      # guards against re-entry while computing
        plain = beside = None
        plain_cost = beside_cost = float("inf")
        for option in self._options(i, j, column, span, rows, depth, foot):
            if option is None:
                continue
            if option.cost < plain_cost:
                plain, plain_cost = option, option.cost
            cost = option.cost + BUTT * _top_heads(option.left)
            if cost < beside_cost:
                beside, beside_cost = option, cost
            if beside_cost <= 0:
                break                       # nothing beats a layout that costs nothing
        self._memo[key] = (plain, beside)
        return plain, beside

    def _options(self, i, j, column, span, rows, depth, foot):
        for first in FIRSTS:
            if _holds(self._stack_fits(i, j, column, span, first, foot), rows):
                yield self._stack(i, j, column, span, rows, first, foot)
        if j - i == 1 and _holds(self._alone_fits(i, column, span), rows):
            yield self._alone(i, column, span, rows)
        if depth < MAX_DEPTH and j - i >= 2:
            yield from self._bands(i, j, column, span, rows, depth, foot)
            yield from self._splits(i, j, column, span, rows, depth, foot)

    # -- stacks ------------------------------------------------------------------------
    def _stack(self, i: int, j: int, column: int, span: int, rows: int,
               first: int = PLAIN, foot: bool = True) -> _Solution | None:
        """Items i..j-1 one under the other; the last may be cut at the foot. The
        first may stand under its picture (PICTURE_FIRST) or in a frame (FRAMED)."""
        key = (self._run(i, j), column if self._placed_anywhere else -1, span, rows, first, foot)
        if key not in self._stacks:
            self._stacks[key] = self._set_stack(i, j, column, span, rows, first, foot)
        return self._stacks[key]

    def _first(self, i: int, first: int) -> Item | None:
        """Item i as the first of a stack: itself, or framed (articles only)."""
        item = self.items[i]
        if first == FRAMED:
            return self._framed(item) if isinstance(item, ArticleItem) else None
        if first == PICTURE_FIRST and not isinstance(item, ArticleItem):
            return None             # only an article sets a picture over its headline
        return item

    def _parts(self, i: int, j: int, column: int, span: int, first: int) -> list[Intervals] | None:
        lead = self._first(i, first)
        if lead is None:
            return None
        parts = []
        for k in range(i, j):
            item = self.items[k]
            if self._placed_anywhere and not _fits_placement(item, column, span):
                return None
            if k == i and first == PICTURE_FIRST and isinstance(lead, ArticleItem):    # (_first: always)
                heights = lead.top_heights(span)
            elif k == i and first == FRAMED:
                heights = lead.heights(span)
            else:
                heights = item.heights(span)
            if not heights:
                return None
            parts.append(heights)
        return parts

    def _reach(self, i: int, j: int, span: int, first: int, parts: list[Intervals]) -> Intervals:
        """Every total height of items i..j-1 at `span` (gaps not counted)."""
        key = (self._run(i, j), span, first)
        if key not in self._reaches:
            if j - i == 1:
                total = parts[0]
            elif not first:
                total = add(self._reach(i, j - 1, span, PLAIN, parts[:-1]), parts[-1])
            else:
                total = add(parts[0], self._reach(i + 1, j, span, PLAIN, parts[1:]))
            self._reaches[key] = total
        return self._reaches[key]

    def _set_stack(self, i: int, j: int, column: int, span: int, rows: int,
                   first: int = PLAIN, foot: bool = True) -> _Solution | None:
        """Heights from each item's intervals that fill the region exactly, else up
        to STACK_SLACK rows short, else with the last item cut to jump."""
        parts = self._parts(i, j, column, span, first)
        lead = self._first(i, first)
        if parts is None or lead is None:
            return None
        items = (lead,) + tuple(self.items[i + 1:j])
        target = rows - self.gap * (len(items) - 1)
        naturals = [item.natural_rows(span) for item in items]
        best = best_at_most(self._reach(i, j, span, first, parts), target)
        cost, cut = 0.0, False
        if best is not None and target - best <= self._slack(foot):
            heights = decompose(parts, naturals, best)
            assert heights is not None      # best is a total the parts reach
            slack = target - best
        else:
            last = items[-1]
            if not self.has_next or not last.can_jump or (first and len(items) == 1):
                return None
            cuts = _cut_heights(last, span, self.height)
            heights = decompose(parts[:-1] + [cuts], naturals[:-1] + [self.height], target) if cuts else None
            if heights is None:
                return None
            slack, cut = 0, True
            cost += self._jump_cost(last, span, heights[-1])
        placed, row, heads = [], 0, []
        for k, (item, height) in enumerate(zip(items, heights)):
            is_cut = cut and k == len(items) - 1
            on_top = first == PICTURE_FIRST and k == 0
            placed.append(Placed(item, 0, span, row, height, is_cut, on_top))
            cost += _shape_cost(item, span, height)
            if not item.boxed:
                head = item.head_rows(span)
                above = _picture_rows(item, span, height) if on_top else 0
                heads.append((row + above + 1, row + above + max(2, head - 1)))
            row += height + self.gap
        cost += _hole_cost(slack, span) + (FRAME if first == FRAMED else 0.0)
        found = tuple(heads)
        return _Solution(cost, slack * span, ((0, 0, tuple(placed)),), found, found)

    def _alone(self, i: int, column: int, span: int, rows: int) -> _Solution | None:
        """One item narrower than its region (see `_alone_width`): it goes where it
        was asked, else at the region's left, and the rest of the region is a hole."""
        placement = _placement(self.items[i])
        width = self._alone_width(i, span)
        left = placement.column - 1 if placement is not None and placement.column is not None else column
        if width is None or not column <= left <= column + span - width:
            return None
        item = self.items[i]
        height = best_at_most(item.heights(width), rows)
        if height is None:
            return None
        found = self._stack(i, i + 1, left, width, height)
        if found is None:
            return None
        empty = (span - width) * rows + (rows - height) * width
        return _Solution(found.cost + HOLE_ROW * empty + BIG_HOLE * (span - width), found.holes + empty,
                         ((0, left - column, found),), found.left if left == column else (),
                         found.right if left + width == column + span else ())

    def _jump_cost(self, item: Item, span: int, rows: int) -> float:
        """A jump costs, and more the more of the story it sends away: a reader
        should find most of the story under its headline."""
        lines = item.continued_lines(span, rows)
        share = lines / max(1, item.body_line_count)
        return (JUMP + CONTINUED_LINE * lines + CROWDING_LINE * max(0, lines - self.next_room)
                + SHARE_CONTINUED * 10 * max(0.0, share - 1 / 3))

    # -- bands -------------------------------------------------------------------------
    def _band_widths(self, span: int, depth: int) -> list[int]:
        if depth == 0:
            return [w for w in LEAD_SPANS if w <= span and (w == span or span - w >= 2)]
        if depth == 1 and span >= 6:
            return [span, span - 2, span - 3]
        return [span]

    def _band_shapes(self, i, j, column, span, depth):
        """(width, end of the side stack, heights of the top with the side stack
        beside it, cut) of each band the run can open with."""
        key = ("bands", self._run(i, j), column if self._placed_anywhere else -1, span, depth)
        if key in self._band_cache:
            return self._band_cache[key]
        top = self.items[i]
        cuttable = self.has_next and top.can_jump and i == 0 and depth == 0   # only the lead is cut mid-page
        shapes: list[tuple[int, int, Intervals, bool]] = []
        for width in self._band_widths(span, depth):
            if not _fits_placement(top, column, width) or not top.heights(width):
                continue
            own = top.heights(width)
            cut = _cut_heights(top, width, self.height) if cuttable else ()
            if width == span or self.inner >= self.height:    # (or white beside it, when holes are allowed)
                shapes.append((width, i + 1, own, False))
                if cut:
                    shapes.append((width, i + 1, cut, True))
                if width == span:
                    continue
            for k in range(i + 2, min(j - 1, i + 1 + MAX_SIDE_ITEMS) + 1):
                parts = self._parts(i + 1, k, column + width, span - width, False)
                if parts is None:
                    continue
                side = _plus(self._reach(i + 1, k, span - width, False, parts), self.gap * (k - i - 2))
                side = add(side, ((0, self._slack(False)),))
                for heights, is_cut in ((own, False), (cut, True)):
                    both = _intersect(heights, side)
                    if both:
                        shapes.append((width, k, both, is_cut))
        self._band_cache[key] = shapes
        return shapes

    def _bands(self, i, j, column, span, rows, depth, foot):
        """The top item across part or all of the region, small items beside it,
        and the rest of the region below."""
        top = self.items[i]
        for width, k, heights, cut in self._band_shapes(i, j, column, span, depth):
            rest = self._fits(k, j, column, span, depth + 1, foot)
            usable = _intersect(heights, _reflect(rest, rows - self.gap))
            natural = top.natural_rows(width)
            for band_rows in _few(usable, natural if not cut else rows, BAND_HEIGHTS):
                yield self._band(i, k, j, column, span, rows, width, band_rows, cut, depth, foot)

    def _band(self, i, k, j, column, span, rows, width, band_rows, cut, depth, foot):
        top = self.items[i]
        cost = _shape_cost(top, width, band_rows)
        parts: list[tuple[int, int, tuple[Placed, ...] | _Solution]] = [
            (0, 0, (Placed(top, 0, width, 0, band_rows, cut),))]
        holes = 0
        if cut:
            cost += self._jump_cost(top, width, band_rows)
        top_heads: Heads = () if top.boxed else ((1, max(2, top.head_rows(width) - 1)),)
        left, right = top_heads, top_heads
        if k == i + 1 and width < span:          # white beside the top item
            cost += _hole_cost(band_rows, span - width)
            holes += band_rows * (span - width)
            right = ()
        if k > i + 1:
            sides = [s for s in (self._stack(i + 1, k, column + width, span - width, band_rows, first, False)
                                 for first in FIRSTS)
                     if s is not None and not any(p.cut for p in s.parts[0][2])]
            if not sides:
                return None
            side = min(sides, key=lambda s: s.cost + BUTT * _butts(top_heads, s.left))
            cost += side.cost + BUTT * _butts(top_heads, side.left)
            holes += side.holes
            parts.append((0, width, side))
            right = side.right
        rest = self._best(k, j, column, span, rows - band_rows - self.gap, depth + 1, foot)[0]
        if rest is None:
            return None
        offset = band_rows + self.gap
        parts.append((offset, 0, rest))
        return _Solution(cost + rest.cost, holes + rest.holes, tuple(parts),
                         left + _shifted(rest.left, offset), right + _shifted(rest.right, offset))

    # -- splits ------------------------------------------------------------------------
    def _split_shapes(self, i: int, j: int, span: int, depth: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        key = ("splits", self._run(i, j), span, depth)
        if key not in self._split_cache:
            shapes: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
            for pattern in SPLITS.get(span, ()):
                count = len(pattern)
                if j - i < count or (count > 2 and depth > 1):
                    continue
                shapes += [(pattern, cuts) for cuts in self._cut_options(i, j, pattern, depth)]
            self._split_cache[key] = shapes
        return self._split_cache[key]

    def _cut_options(self, i: int, j: int, widths: tuple[int, ...], depth: int) -> list[tuple[int, ...]]:
        """Ends of the parts (but the last) that share the items' area between the
        column ranges about as their widths share the region: on each side of each
        ideal point the nearest run end (two at the top of the page)."""
        area = self._area
        total = area[j] - area[i]
        reach = 2 if depth == 0 else 1
        choices = []
        done = 0
        for width in widths[:-1]:
            done += width
            ideal = area[i] + total * done / sum(widths)
            below = max((k for k in range(i + 1, j) if area[k] <= ideal), default=i + 1)
            choices.append([k for k in range(below - reach + 1, below + reach + 1) if i < k < j])
        found: list[tuple[int, ...]] = [()]
        for options in choices:
            found = [f + (k,) for f in found for k in options if not f or k > f[-1]]
        return [f for f in found if len(f) == len(widths) - 1]

    def _splits(self, i, j, column, span, rows, depth, foot):
        for pattern, cuts in self._split_shapes(i, j, span, depth):
            start, left = i, column
            for width, stop in zip(pattern, cuts + (j,)):
                if not _holds(self._fits(start, stop, left, width, depth + 1, foot), rows):
                    break
                start, left = stop, left + width
            else:
                yield self._split(i, j, column, rows, depth, pattern, cuts, foot)

    def _split(self, i, j, column, rows, depth, pattern, cuts, foot):
        total, holes = 0.0, 0
        parts: list[tuple[int, int, _Solution]] = []
        found: list[_Solution] = []
        start, left = i, column
        for width, stop in zip(pattern, cuts + (j,)):
            part = self._best(start, stop, left, width, rows, depth + 1, foot)[1 if found else 0]
            if part is None:
                return None
            total += part.cost
            holes += part.holes
            parts.append((0, left - column, part))
            found.append(part)
            start, left = stop, left + width
        total += BUTT * sum(_butts(a.right, b.left) for a, b in zip(found, found[1:]))
        return _Solution(total, holes, tuple(parts), found[0].left, found[-1].right)


def _plus(intervals: Intervals, rows: int) -> Intervals:
    return tuple((lo + rows, hi + rows) for lo, hi in intervals)


def _reflect(intervals: Intervals, total: int) -> Intervals:
    """{total - h : h in intervals}."""
    return tuple(sorted((total - hi, total - lo) for lo, hi in intervals))


def _holds(intervals: Intervals, value: int) -> bool:
    return any(lo <= value <= hi for lo, hi in intervals)


def _cut_heights(item: Item, span: int, limit: int) -> Intervals:
    """Heights at which the item may be cut at the foot of its module (measured once)."""
    cache = item._natural
    key = ("cut", span, limit)
    if key not in cache:
        cache[key] = merge((r, r) for r in range(1, limit + 1) if item.cut_fits(span, r)) \
            if item.can_jump else ()
    return cache[key]


def _picture_rows(item: Item, span: int, rows: int) -> int:
    """Rows of the picture an article sets over its headline, at `span` and `rows`."""
    choice = item.choose_top(span, rows) if isinstance(item, ArticleItem) else None
    if choice is None:
        raise AssertionError(f"make-up: {item.label} has no picture over its headline in {rows} rows")
    return choice.figure_rows


def natural_area(item: Item, gap: int) -> int:
    """Rows x columns the item takes at its natural height where it is most compact,
    with the blank row under it: the measure by which splits share items out."""
    cache = item._natural
    if "area" not in cache:
        areas = [(item.natural_rows(span) + gap) * span for span in range(2, 7)
                 if item.natural_rows(span) < INFEASIBLE]
        cache["area"] = min(areas) if areas else least_area(item)
    return cache["area"]


def least_area(item: Item) -> int:
    """Rows x columns the item needs at its most compact span."""
    cache = item._natural
    if "least area" not in cache:
        areas = [heights[0][0] * span for span in (2, 3, 4, 5, 6, 8) if (heights := item.heights(span))]
        cache["least area"] = min(areas) if areas else item.natural_rows(3) * 3
    return cache["least area"]


def framed(item: ArticleItem) -> FramedItem:
    """The article in a frame (加框), one per article (its measures are kept)."""
    key = ("framed",)
    if key not in item._natural:
        item._natural[key] = FramedItem(item)
    return item._natural[key]


def _movable(placed: Placed, rows: int) -> bool:
    """Whether the module can take `rows` rows instead of its own, in the same shape."""
    return not placed.cut and not placed.top_picture and _holds(placed.item.heights(placed.span), rows)


def respaced(placed: Sequence[Placed], index: int, gap: int) -> list[list[Placed]]:
    """The page with one story's headline given less room: a row it takes for its
    headline handed to a story stacked under it in its columns (those between
    moving up) or to the one over it (it moving down); else the story framed
    (加框) in its rows, the frame taking the row. Trials for a headline with too
    much white over it, nearest first."""
    placed = list(placed)
    story = placed[index]
    found = []
    if _movable(story, story.rows - 1):
        below, at = [], story.row + story.rows + gap
        while True:
            k = next((k for k, p in enumerate(placed) if p.column == story.column and p.span == story.span
                      and p.row == at), None)
            if k is None:
                break
            below.append(k)
            at = placed[k].row + placed[k].rows + gap
        for depth, taker in enumerate(below):
            if not _movable(placed[taker], placed[taker].rows + 1):
                continue
            trial = list(placed)
            trial[index] = replace(story, rows=story.rows - 1)
            for k in below[:depth]:
                trial[k] = replace(placed[k], row=placed[k].row - 1)
            trial[taker] = replace(placed[taker], row=placed[taker].row - 1, rows=placed[taker].rows + 1)
            found.append(trial)
        upper = next((k for k, p in enumerate(placed) if p.column == story.column and p.span == story.span
                      and p.row + p.rows + gap == story.row), None)
        if upper is not None and _movable(placed[upper], placed[upper].rows + 1):
            trial = list(placed)
            trial[upper] = replace(placed[upper], rows=placed[upper].rows + 1)
            trial[index] = replace(story, row=story.row + 1, rows=story.rows - 1)
            found.append(trial)
    if isinstance(story.item, ArticleItem) and not story.cut and not story.top_picture \
            and _holds(story.item.heights(story.span), story.rows - 1):
        trial = list(placed)
        trial[index] = replace(story, item=framed(story.item))
        found.append(trial)
    return found
