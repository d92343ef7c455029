"""The page planner: each page's items become rectangles on the 8-column grid.

A page is cut like a guillotine: under the top furniture, a lead band holds
the page's first article (头条) with, beside it, a stack of smaller items; a
second band fills the rest of the page with vertical stacks of modules. Every
stack must reach the foot of the page: slack is taken up by headline spacing,
and a stack that overflows has its last article cut, the rest jumping to the
next page (下转 / 上接). Candidate patterns are searched exhaustively with
pruning and scored: holes, jumps, articles moved on, headlines side by side
(碰题) and badly proportioned modules all cost.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .blocks import Item
from .format import Broadsheet

# Span patterns (columns of each stack, left to right).
LEAD_BANDS = ((8,), (6, 2), (5, 3), (4, 4))
FILL_BANDS = ((8,), (5, 3), (3, 5), (4, 4), (6, 2), (2, 6), (3, 3, 2), (2, 3, 3), (3, 2, 3), (2, 4, 2))
MAX_SIDE_ITEMS = 3          # items beside the lead
SIDE_LOOKAHEAD = 5          # how far down the queue side items may come from

# Costs. A hole is worst, then moving a whole article on, then jumps.
HOLE_ROW = 12.0             # per row x column of unabsorbed slack
BIG_HOLE = 400.0            # a hole deeper than HOLE_LIMIT rows in a stack
HOLE_LIMIT = 4
JUMP = 120.0
CARRY = 900.0               # per article moved to the next page ...
CARRY_ROW = 2.0             # ... and per row x column it would have filled
BUTT = 150.0                # two bare headlines side by side
TALL_NARROW = 3.0           # per body row above 45 in a stack of 1-2 columns
SHALLOW_WIDE = 40.0         # a body of fewer than 5 rows spread over 5+ columns
UNUSED_TOP = 60.0           # per rank step an item sits below a less important one at the top


@dataclass(frozen=True)
class StackPlan:
    column: int
    span: int
    items: tuple[Item, ...]
    rows: tuple[int, ...]           # rows given to each item
    cut: bool                       # the last item is cut and jumps


@dataclass(frozen=True)
class BandPlan:
    row: int
    rows: int
    stacks: tuple[StackPlan, ...]


@dataclass(frozen=True)
class PageLayout:
    bands: tuple[BandPlan, ...]
    carried: tuple[Item, ...]       # items left for the next page
    cost: float
    holes: int                      # unabsorbed slack rows x columns


def _fits_placement(item: Item, column: int, span: int) -> bool:
    placement = getattr(getattr(item, "article", None), "placement", None)
    if placement is None:
        return True
    if placement.span is not None and placement.span != span:
        return False
    return placement.column is None or placement.column - 1 == column


class _Stack:
    """One stack being filled during the search."""

    __slots__ = ("column", "span", "items", "used", "cut")

    def __init__(self, column: int, span: int):
        self.column, self.span, self.items, self.used, self.cut = column, span, [], 0, False


def _stack_cost(fmt: Broadsheet, stack: _Stack, height: int, final_band: bool, out_of_text: bool) -> tuple[float, int]:
    """Cost of one finished stack and its unabsorbed slack (rows x columns)."""
    if not stack.items:
        slack = height
        return (0.0 if out_of_text else HOLE_ROW * slack * stack.span + BIG_HOLE * stack.span), slack * stack.span
    cost = 0.0
    if stack.cut:
        cost += JUMP
        slack = 0
    else:
        slack = height - stack.used
        elastic = sum(item.elastic_rows(stack.span) for item in stack.items)
        slack = max(0, slack - elastic)
        if slack and not (final_band and out_of_text):
            cost += HOLE_ROW * slack * stack.span
            if slack > HOLE_LIMIT:
                cost += BIG_HOLE * stack.span
    for item in stack.items:
        rows = item.natural_rows(stack.span)
        if stack.span <= 2 and rows > 45:
            cost += TALL_NARROW * (rows - 45)
        if stack.span >= 5 and item.kind in ("article", "continuation") and rows < 10:
            cost += SHALLOW_WIDE
    return cost, slack * stack.span


def _butting(fmt: Broadsheet, stacks: Sequence[_Stack], top: int) -> int:
    """Pairs of bare headlines side by side whose rows overlap."""
    spans = []
    for stack in stacks:
        rows, current = [], top
        for item in stack.items:
            head = item.head_rows(stack.span) if hasattr(item, "head_rows") else 0
            if not item.boxed and head:
                rows.append((current, current + head))
            current += item.natural_rows(stack.span) + fmt.module_gap_rows
        spans.append(rows)
    count = 0
    for left, right in zip(spans, spans[1:]):
        count += sum(1 for a in left for b in right if a[0] < b[1] and b[0] < a[1])
    return count


class PagePlanner:
    """Searches the layouts of one page."""

    def __init__(self, fmt: Broadsheet, height: int, top: int, has_next_page: bool):
        self.fmt, self.height, self.top, self.has_next = fmt, height, top, has_next_page
        self.gap = fmt.module_gap_rows

    # -- one band of stacks that must reach a given height ------------------------------
    def fill_band(self, items: Sequence[Item], height: int, top: int, out_of_text: bool,
                  pinned_first: Item | None = None):
        """Best assignment of `items` (in order) to the stacks of some pattern, all of
        height `height`. Items that do not fit are carried (a suffix of the queue)."""
        best = None
        for pattern in FILL_BANDS:
            if len(pattern) > max(1, len(items) + (1 if pinned_first else 0)):
                continue
            columns = [sum(pattern[:i]) for i in range(len(pattern))]
            stacks = [_Stack(c, s) for c, s in zip(columns, pattern)]
            if pinned_first is not None:
                if not self._push(stacks[0], pinned_first, height):
                    continue
            found = self._search(items, 0, stacks, height, top, out_of_text)
            if found and (best is None or found[0] < best[0]):
                best = found
        return best

    def _push(self, stack: _Stack, item: Item, height: int) -> bool:
        if stack.cut or not _fits_placement(item, stack.column, stack.span):
            return False
        need = item.natural_rows(stack.span) + (self.gap if stack.items else 0)
        if stack.used + need <= height:
            stack.items.append(item)
            stack.used += need
            return True
        room = height - stack.used - (self.gap if stack.items else 0)
        if self.has_next and item.can_jump and item.cut_fits(stack.span, room):
            stack.items.append(item)
            stack.used = height
            stack.cut = True
            return True
        return False

    def _search(self, items, index, stacks, height, top, out_of_text):
        best = None
        if index == len(items) or self._can_carry(items[index:]):
            carried = tuple(items[index:])
            cost, holes = self._score(stacks, height, top, out_of_text and not carried)
            cost += sum(CARRY + CARRY_ROW * it.natural_rows(3) * 3 for it in carried)
            snapshot = tuple(StackPlan(s.column, s.span, tuple(s.items), (), s.cut) for s in stacks)
            best = (cost, holes, snapshot, carried)
        if index == len(items):
            return best
        item = items[index]
        tried_empty_spans = set()
        for stack in stacks:
            if not stack.items:
                if stack.span in tried_empty_spans:
                    continue
                tried_empty_spans.add(stack.span)
            saved = (len(stack.items), stack.used, stack.cut)
            if self._push(stack, item, height):
                found = self._search(items, index + 1, stacks, height, top, out_of_text)
                if found and (best is None or found[0] < best[0]):
                    best = found
                del stack.items[saved[0]:]
                stack.used, stack.cut = saved[1], saved[2]
        return best

    def _can_carry(self, rest: Sequence[Item]) -> bool:
        return self.has_next and all(item.kind != "continuation" for item in rest)

    def _score(self, stacks, height, top, out_of_text) -> tuple[float, int]:
        cost, holes = 0.0, 0
        for stack in stacks:
            c, h = _stack_cost(self.fmt, stack, height, True, out_of_text)
            cost += c
            holes += h
        cost += BUTT * _butting(self.fmt, stacks, top)
        # the most important items belong at the top of the band
        tops = [s.items[0].rank for s in stacks if s.items]
        for rank in tops[1:]:
            if tops and rank < tops[0]:
                cost += UNUSED_TOP * (tops[0] - rank)
        return cost, holes

    # -- the whole page -----------------------------------------------------------------
    def plan(self, items: Sequence[Item]) -> PageLayout:
        if not items:
            return PageLayout((), (), 0.0, self.height * self.fmt.columns)
        lead, rest = items[0], list(items[1:])
        candidates: list[PageLayout] = []
        # one band: the lead heads the first stack, everything else fills the page
        single = self.fill_band(rest, self.height, self.top, True, pinned_first=lead)
        if single:
            candidates.append(self._layout([(self.top, self.height, single)], single))
        # two bands: the lead with items beside it, then the rest of the page
        for pattern in LEAD_BANDS:
            lead_span = pattern[0]
            lead_rows = lead.natural_rows(lead_span)
            if lead_rows + self.gap >= self.height:
                continue
            for side in self._side_choices(rest, pattern):
                band1 = self._lead_band(lead, pattern, side)
                if band1 is None:
                    continue
                band_rows, band_cost, band_holes, stacks1 = band1
                remaining = [it for it in rest if all(it is not s for s in side)]
                below = self.height - band_rows - self.gap
                if below < 8:
                    continue
                second = self.fill_band(remaining, below, self.top + band_rows + self.gap, True)
                if second is None:
                    continue
                total = (band_cost + second[0], band_holes + second[1], stacks1, second)
                candidates.append(self._layout([(self.top, band_rows, (band_cost, band_holes, stacks1, ())),
                                                (self.top + band_rows + self.gap, below, second)], total))
        if not candidates:
            return PageLayout((), tuple(items), float("inf"), self.height * self.fmt.columns)
        return min(candidates, key=lambda layout: layout.cost)

    def _side_choices(self, rest: list[Item], pattern: tuple[int, ...]):
        if len(pattern) == 1:
            yield ()
            return
        window = rest[:SIDE_LOOKAHEAD]
        slots = len(pattern) - 1
        # each side stack takes a consecutive run of one or more items from the window
        def choose(start: int, remaining_slots: int, chosen: list):
            if remaining_slots == 0:
                yield tuple(chosen)
                return
            for first in range(start, len(window)):
                for count in range(1, MAX_SIDE_ITEMS + 1):
                    group = window[first:first + count]
                    if len(group) < count:
                        break
                    yield from choose(first + count, remaining_slots - 1, chosen + [tuple(group)])
        for choice in choose(0, slots, []):
            yield choice

    def _lead_band(self, lead: Item, pattern: tuple[int, ...], side: tuple[tuple[Item, ...], ...]):
        """The lead band: its height is the tallest stack, the others absorb the rest."""
        columns = [sum(pattern[:i]) for i in range(len(pattern))]
        stacks = [_Stack(columns[0], pattern[0])]
        if not self._push(stacks[0], lead, self.height):
            return None
        if stacks[0].cut:
            return None
        for (column, span), group in zip(zip(columns[1:], pattern[1:]), side):
            stack = _Stack(column, span)
            for item in group:
                if not self._push(stack, item, self.height) or stack.cut:
                    return None
            stacks.append(stack)
        rows = max(s.used for s in stacks)
        # the band may be a little taller than the lead if the lead can grow into it
        cost, holes = self._score(stacks, rows, self.top, False)
        snapshot = tuple(StackPlan(s.column, s.span, tuple(s.items), (), s.cut) for s in stacks)
        return rows, cost, holes, snapshot

    def _layout(self, bands, total) -> PageLayout:
        plans, carried = [], ()
        for row, rows, found in bands:
            cost, holes, stacks, carried_here = found
            if carried_here:
                carried = carried_here
            plans.append(BandPlan(row, rows, tuple(self._distribute(s, rows) for s in stacks)))
        return PageLayout(tuple(plans), tuple(carried), total[0], total[1])

    def _distribute(self, stack: StackPlan, height: int) -> StackPlan:
        """Rows of each item: natural, plus slack shared out by elasticity, top first;
        a cut last item takes whatever is left."""
        naturals = [item.natural_rows(stack.span) for item in stack.items]
        gaps = self.gap * max(0, len(stack.items) - 1)
        if stack.cut:
            rows = naturals[:-1] + [height - sum(naturals[:-1]) - gaps]
            return StackPlan(stack.column, stack.span, stack.items, tuple(rows), True)
        slack = height - sum(naturals) - gaps
        rows = list(naturals)
        for i, item in enumerate(stack.items):
            grow = min(slack, item.elastic_rows(stack.span))
            rows[i] += grow
            slack -= grow
        return StackPlan(stack.column, stack.span, stack.items, tuple(rows), False)
