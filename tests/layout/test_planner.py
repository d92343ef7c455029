"""Geometry of page plans: pure functions on stub items of known size, no rendering."""
from __future__ import annotations

import math

from publish.layout.blocks import Item, cut_allowed, jumpable
from publish.layout.format import broadsheet
from publish.layout.planner import PagePlanner

FMT = broadsheet()
HEIGHT = FMT.rows - FMT.running_head_rows - FMT.module_gap_rows


class _TS:
    fmt = FMT


class Stub(Item):
    """An article of `lines` body lines under a headline of `head` rows."""

    def __init__(self, name: str, lines: int, head: int = 5, rank: int = 1, boxed: bool = False,
                 span: int | None = None, column: int | None = None):
        super().__init__(_TS(), rank)
        self.name, self.lines, self.head, self.boxed = name, lines, head, boxed
        self.can_jump = jumpable(FMT, lines)
        self.fixed_span, self.fixed_column = span, column

    @property
    def ids(self):
        return (self.name,)

    @property
    def article(self):
        from publish.model import Article, Placement
        placement = None
        if self.fixed_span or self.fixed_column:
            placement = Placement(column=self.fixed_column, span=self.fixed_span)
        return Article(id=self.name, title=self.name, placement=placement)

    def head_rows(self, span):
        return self.head

    def _measure(self, span):
        return self.head + math.ceil(self.lines / span)

    @property
    def body_line_count(self):
        return self.lines

    def continued_lines(self, span, rows):
        return self.lines - ((rows - self.head) * span - 1)

    def cut_fits(self, span, rows):
        placed = (rows - self.head) * span - 1
        return self.can_jump and cut_allowed(FMT, self.lines, placed)


def plan(items, height=HEIGHT, has_next=True):
    return PagePlanner(FMT, height, 0, has_next).plan(items)


def rectangles(layout):
    for p in layout.placed:
        yield p.item, p.column, p.span, p.row, p.rows


def test_modules_are_rectangles_inside_the_grid_that_never_overlap():
    items = [Stub("lead", 160, head=8, rank=0)] + [Stub(f"a{i}", n) for i, n in enumerate([90, 60, 120, 45, 80])]
    layout = plan(items)
    cells = set()
    for item, column, span, row, rows in rectangles(layout):
        assert 0 <= column and column + span <= FMT.columns and rows > 0
        assert 0 <= row and row + rows <= HEIGHT
        for c in range(column, column + span):
            for r in range(row, row + rows):
                assert (c, r) not in cells, f"{item.name} overlaps at column {c + 1}, row {r}"
                cells.add((c, r))


def test_the_lead_is_the_top_left_module():
    items = [Stub("lead", 160, head=8, rank=0)] + [Stub(f"a{i}", n) for i, n in enumerate([90, 60, 120, 45])]
    first = min(rectangles(plan(items)), key=lambda r: (r[3], r[1]))
    assert first[0].name == "lead" and first[1] == 0 and first[3] == 0


def test_every_stack_reaches_the_foot_of_a_full_page():
    items = [Stub("lead", 160, head=8, rank=0)] + [Stub(f"a{i}", n) for i, n in enumerate([90, 60, 120, 45, 80, 70])]
    layout = plan(items)
    assert layout.holes == 0
    for column in range(FMT.columns):
        mine = sorted((p.row, p.rows) for p in layout.placed if p.column <= column < p.column + p.span)
        assert mine[0][0] == 0, f"column {column + 1} starts at row {mine[0][0]}"
        for (row, rows), (next_row, _) in zip(mine, mine[1:]):
            assert next_row == row + rows + FMT.module_gap_rows, f"column {column + 1} has a gap at {row + rows}"
        assert mine[-1][0] + mine[-1][1] == HEIGHT, f"column {column + 1} ends at {mine[-1][0] + mine[-1][1]}"


def test_an_overfull_page_jumps_or_carries_and_loses_nothing():
    items = [Stub("lead", 300, head=8, rank=0)] + [Stub(f"a{i}", n) for i, n in enumerate([200, 200, 150, 120])]
    layout = plan(items)
    cut = [p for p in layout.placed if p.cut]
    assert cut or layout.carried
    for p in cut:
        assert p.item.cut_fits(p.span, p.rows)
    placed = [p.item.name for p in layout.placed] + [item.name for item in layout.carried]
    assert sorted(placed) == sorted(item.name for item in items)


def test_a_slightly_overfull_page_jumps_its_lead_rather_than_moving_an_article():
    items = [Stub("lead", 420, head=8, rank=0)] + [Stub(f"a{i}", n) for i, n in enumerate([110, 100, 90])]
    layout = plan(items)
    assert not layout.carried
    (cut,) = [p for p in layout.placed if p.cut]
    assert cut.item.name == "lead"


def test_a_cut_never_leaves_a_headline_without_lines():
    stub = Stub("x", 100, head=6)
    assert not stub.cut_fits(4, 6)            # no room under the headline
    assert not stub.cut_fits(4, 11)           # 19 lines: too few to leave under a headline
    assert stub.cut_fits(4, 13)               # 27 lines here, 73 continued
    assert not stub.cut_fits(4, 29)           # 91 lines here: 9 continued are not worth a jump
    assert not Stub("brief", 60).cut_fits(2, 20)   # briefs never jump


def test_nothing_jumps_from_the_last_page():
    items = [Stub("lead", 300, head=8, rank=0)] + [Stub(f"a{i}", n) for i, n in enumerate([300, 300, 300, 300])]
    layout = plan(items, has_next=False)
    assert not any(p.cut for p in layout.placed)
    assert layout.carried, "what does not fit is left over, for the build to report"


def test_items_that_do_not_fit_are_carried_in_order():
    items = [Stub("lead", 160, head=8, rank=0)] + [Stub(f"a{i}", 30, head=5) for i in range(40)]
    layout = plan(items)
    carried = [item.name for item in layout.carried]
    assert carried and carried == [f"a{i}" for i in range(40 - len(carried), 40)]


def test_explicit_placement_is_honoured():
    items = [Stub("lead", 160, head=8, rank=0), Stub("fixed", 90, span=2, column=7),
             Stub("a", 120), Stub("b", 100)]
    placed = {item.name: (column, span) for item, column, span, _, _ in rectangles(plan(items))}
    assert placed["fixed"] == (6, 2)


def test_bare_headlines_are_not_set_side_by_side_when_a_box_can_go_beside_them():
    items = [Stub("lead", 200, head=8, rank=0), Stub("box", 30, head=3, boxed=True),
             Stub("a", 160), Stub("b", 140), Stub("c", 120)]
    layout = plan(items)
    assert any(span < FMT.columns for _, _, span, _, _ in rectangles(layout)), "modules side by side"
    spans = []
    for item, column, span, row, _rows in rectangles(layout):
        if not item.boxed:
            spans.append((column, span, row, row + item.head))
    for c1, s1, top1, bottom1 in spans:
        for c2, _s2, top2, bottom2 in spans:
            if c2 == c1 + s1:
                assert not (top1 < bottom2 and top2 < bottom1), "headlines butt side by side"


def test_a_lone_article_placed_narrower_than_the_page_goes_where_it_was_asked():
    layout = plan([Stub("only", 60, span=2, column=4, rank=0)])
    (placed,) = layout.placed
    assert (placed.column, placed.span) == (3, 2)
    assert not layout.carried
