"""The newspaper make-up: the issue's articles become modules on broadsheet pages.

    plan_issue(issue, root) -> IssuePlan

Pages are planned in order. What a page cannot hold moves on: the article cut
at the foot of a stack continues on the next page (下转/上接), and whole
articles that find no room are carried to the next page and reported. A page
left short takes a story up from the next page when that page stays full;
a page still short is reported (`IssuePlan.warnings`) with its empty area and
what would fill it. News never moves or jumps onto a 副刊 page. The build
fails only when the last page is full and something is still left, and then
says which pages are over and by how much.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import FitError
from ..model import Article, Issue, Page
from .blocks import INFEASIBLE, ArticleItem, GroupItem, Item, TeaserItem, Typesetter, column_rules
from .format import Broadsheet, broadsheet
from .headline import prepare as prepare_headlines
from .plan import IssuePlan, Module, PagePlan, Rule, TextBlock
from .planner import STAGGER, PagePlanner, Placed, least_area, natural_area, respaced
from .white import white_over_headlines

__all__ = ["plan_issue", "IssuePlan", "PagePlan", "Module", "broadsheet"]

PACKING = 0.9       # share of a page's area that articles of fixed length can fill
MOVE_TRIES = 3      # stories of the next page tried on a short page
FULL_AFTER_MOVE = 0.8   # ... only when what stays there takes this much of it at natural size


def page_items(ts: Typesetter, page: Page, cap_pt: float | None = None) -> list[Item]:
    """The page's articles as items in reading order: teasers become boxes, and
    consecutive articles under one 栏目 become one framed group."""
    items: list[Item] = []
    rank = 0
    articles = list(page.articles)
    supplement, front = page.is_supplement, page.number == 1

    def article_item(rank: int, article: Article) -> ArticleItem:
        return ArticleItem(ts, rank, article, supplement=supplement, front=front, cap_pt=cap_pt)

    i = 0
    while i < len(articles):
        article = articles[i]
        if article.is_teaser:
            items.append(TeaserItem(ts, max(rank, 1), article))
            i += 1
            continue
        if article.column:
            members: list[ArticleItem] = []
            while i < len(articles) and articles[i].column == article.column and not articles[i].is_teaser:
                members.append(article_item(max(rank, 2) + len(members), articles[i]))
                i += 1
            items.append(GroupItem(ts, max(rank, 2), article.column, members))
            rank += 1
            continue
        items.append(article_item(rank, article))
        rank += 1
        i += 1
    return items


def _stack_rules(fmt: Broadsheet, modules: list[Module]) -> list[Rule]:
    """A hairline in the blank row between modules stacked in the same columns."""
    rules = []
    for upper in modules:
        for lower in modules:
            if lower.column == upper.column and lower.span == upper.span \
                    and lower.row == upper.row + upper.rows + fmt.module_gap_rows:
                y = fmt.row_y(lower.row) - fmt.pitch_pt * fmt.module_gap_rows / 2 - fmt.pitch_pt * 0.1
                rules.append(Rule(fmt.column_x(upper.column), y,
                                  fmt.column_x(upper.column) + fmt.span_pt(upper.span), y,
                                  fmt.rules["column_rule_pt"]))
    return rules


def _free_cells(fmt: Broadsheet, page: PagePlan, foot: int) -> list[list[bool]]:
    """free[row][column] below the page's furniture and above `foot`: not in a
    module nor in the blank row under one."""
    free = [[True] * fmt.columns for _ in range(fmt.rows)]
    for row in range(page.top_rows + fmt.module_gap_rows):
        free[row] = [False] * fmt.columns
    for row in range(foot, fmt.rows):
        free[row] = [False] * fmt.columns
    for module in page.modules:
        for row in range(module.row, min(fmt.rows, module.row + module.rows + fmt.module_gap_rows)):
            for column in range(module.column, module.column + module.span):
                free[row][column] = False
    return free


def largest_empty(fmt: Broadsheet, page: PagePlan, foot: int | None = None) -> dict | None:
    """The largest empty rectangle of the page (columns x rows), or None."""
    free = _free_cells(fmt, page, fmt.rows if foot is None else foot)
    heights = [0] * fmt.columns
    best = None
    for row in range(fmt.rows):
        heights = [h + 1 if free[row][c] else 0 for c, h in enumerate(heights)]
        for left in range(fmt.columns):
            low = heights[left]
            for right in range(left, fmt.columns):
                low = min(low, heights[right])
                if not low:
                    break
                area = low * (right - left + 1)
                if best is None or area > best["columns"] * best["rows"]:
                    best = {"column": left + 1, "columns": right - left + 1, "row": row - low + 2, "rows": low}
    return best


def empty_areas(fmt: Broadsheet, page: PagePlan, foot: int | None = None) -> list[dict]:
    """Runs of more than `hole_rows` empty rows in a column inside the type area."""
    limit = fmt.fill["hole_rows"]
    free = _free_cells(fmt, page, fmt.rows if foot is None else foot)
    found = []
    for column in range(fmt.columns):
        run_start = None
        for row in range(fmt.rows + 1):
            empty = row < fmt.rows and free[row][column]
            if empty and run_start is None:
                run_start = row
            elif not empty and run_start is not None:
                if row - run_start > limit:
                    found.append({"column": column + 1, "row": run_start + 1, "rows": row - run_start})
                run_start = None
    return found


def _framed(module: Module) -> bool:
    return any(box.stroke for box in module.boxes)


def _butting(fmt: Broadsheet, modules: list[Module]) -> list[tuple[str, str]]:
    pairs = []
    for left in modules:
        for right in modules:
            if right.column != left.column + left.span or not left.headline_rows or not right.headline_rows:
                continue
            if _framed(left) or _framed(right):
                continue            # a headline inside a frame (栏目, 导读, 加框) stands apart
            a, b = left.headline_rows, right.headline_rows
            if a[0] < b[1] and b[0] < a[1]:
                pairs.append((left.ids[0], right.ids[0]))
    return pairs




def _fill(fmt: Broadsheet, modules, top: int, foot: int) -> float:
    area = (foot - top) * fmt.columns
    used = sum(m.rows * m.span for m in modules) if modules and hasattr(modules[0], "rows") else 0
    return min(1.0, used / area) if area else 1.0


def _layout_fill(fmt: Broadsheet, layout, top: int, foot: int) -> float:
    """Share of the page its modules cover, less the white the planner left in them."""
    area = (foot - top) * fmt.columns
    used = sum((p.rows + fmt.module_gap_rows) * p.span for p in layout.placed) - layout.holes
    return max(0.0, min(1.0, used / area)) if area else 1.0


class _IssuePlanner:
    def __init__(self, issue: Issue, root: Path, fmt: Broadsheet):
        self.issue, self.fmt = issue, fmt
        self.ts = Typesetter(fmt, Path(root))
        self.numbers = [p.number for p in issue.pages]
        self.cap_pt: float | None = None
        self.moved_up: dict[int, list[str]] = {}        # page -> article ids taken by the page before
        self._items: dict[tuple, list[Item]] = {}
        self._layouts: dict[tuple, object] = {}
        prepare_headlines(text for article in issue.articles()
                          for text in (article.title, article.kicker, article.subtitle) if text)

    def foot(self, page: Page) -> int:
        """The last row modules may use: the imprint band sits under it on the last page."""
        if page.number == self.numbers[-1] and self.issue.imprint and self.issue.imprint.entries():
            return self.fmt.rows - self.imprint_rows() - self.fmt.module_gap_rows
        return self.fmt.rows

    def imprint_rows(self) -> int:
        return self.fmt.imprint["rows"]

    def next_takes_news(self, page: Page) -> bool:
        """Whether what this page cannot hold may go on: a next page of the same kind."""
        following = self.issue.page(page.number + 1)
        return following is not None and (following.is_supplement == page.is_supplement)

    def items(self, page: Page) -> list[Item]:
        """The page's items (measured once: each keeps its heights at every width)."""
        key = (page.number, self.cap_pt)
        if key not in self._items:
            self._items[key] = page_items(self.ts, page, self.cap_pt)
        skip = set(self.moved_up.get(page.number, ()))
        return [item for item in self._items[key] if not set(item.ids) & skip]

    def room_after(self, page: Page) -> int:
        """Body lines the next page could still take after its own articles: what a
        jump from this page may send there without crowding it."""
        following = self.issue.page(page.number + 1)
        if following is None:
            return 0
        fmt = self.fmt
        capacity = (fmt.rows - fmt.top_rows(following.number) - fmt.module_gap_rows) * fmt.columns
        used = sum(least_area(item) for item in self.items(following))
        return max(0, int(capacity * PACKING - used))

    def plan_page(self, page: Page, queue: list[Item], continuations: list[Item]):
        """The page's layout for these items (the same question is answered once)."""
        key = (page.number, tuple(map(id, queue)),
               tuple((c.ids, c.body_line_count) for c in continuations))
        if key not in self._layouts:
            self._layouts[key] = self._plan_page(page, queue, continuations)
        return self._layouts[key]

    def _plan_page(self, page: Page, queue: list[Item], continuations: list[Item]):
        fmt = self.fmt
        top = fmt.top_rows(page.number)
        height = self.foot(page) - top - fmt.module_gap_rows
        room = self.room_after(page) if self.next_takes_news(page) else 0
        planner = PagePlanner(fmt, height, top + fmt.module_gap_rows, self.next_takes_news(page), room,
                              front=page.number == self.numbers[0])
        return planner.plan(queue, continuations)

    def try_moving_up(self, page: Page, queue, continuations, layout):
        """A short page takes a story from the next page when that page stays full."""
        fmt = self.fmt
        following = self.issue.page(page.number + 1)
        if following is None or following.is_supplement != page.is_supplement or layout.carried:
            return layout, None
        top, foot = fmt.top_rows(page.number), self.foot(page)
        target = fmt.fill_target(page.number)
        if _layout_fill(fmt, layout, top, foot) >= target:
            return layout, None
        candidates = [item for item in self.items(following)[1:] if item.kind != "teaser"]
        room = (self.foot(following) - fmt.top_rows(following.number) - fmt.module_gap_rows) * fmt.columns
        there = sum(natural_area(item, fmt.module_gap_rows) for item in self.items(following))
        for item in list(reversed(candidates))[:MOVE_TRIES]:
            if there - natural_area(item, fmt.module_gap_rows) < room * FULL_AFTER_MOVE:
                continue            # the next page would not stay full: not worth planning
            trial = self.plan_page(page, queue + [item], continuations)
            if trial.carried or _layout_fill(fmt, trial, top, foot) <= _layout_fill(fmt, layout, top, foot) + 0.02:
                continue
            rest = [i for i in self.items(following) if i is not item]
            after = self.plan_page(following, rest, [])
            if after.carried or _layout_fill(fmt, after, fmt.top_rows(following.number),
                                             self.foot(following)) < fmt.fill_target(following.number):
                continue
            return trial, item
        return layout, None


def plan_issue(issue: Issue, root: Path, fmt: Broadsheet | None = None) -> IssuePlan:
    fmt = fmt or broadsheet()
    planner = _IssuePlanner(issue, root, fmt)
    ts = planner.ts
    pending: dict[int, list[Item]] = {}
    carried: list[Item] = []
    stranded: list[Item] = []               # news that may not go on onto a 副刊 page
    pages: list[PagePlan] = []
    jumps: list[dict] = []
    placed_chars: dict[str, int] = {}
    total_chars = {a.id: sum(len(line.text) for line in ts.body_lines(a)) for a in issue.articles()
                   if not a.is_teaser}
    demand: dict[int, tuple[int, int]] = {}   # page -> (cells wanted, cells there)

    for page in issue.pages:
        top = fmt.top_rows(page.number)
        foot = planner.foot(page)
        own = planner.items(page)
        continuations = pending.pop(page.number, [])
        moved = list(carried)
        queue = own[:1] + moved + own[1:]
        carried = []
        demand[page.number] = (sum(least_area(i) + fmt.module_gap_rows * 3 for i in queue + continuations
                                   if least_area(i) < INFEASIBLE),
                               (foot - top - fmt.module_gap_rows) * fmt.columns)
        layout = planner.plan_page(page, queue, continuations)
        layout, taken = planner.try_moving_up(page, queue, continuations, layout)
        plan = PagePlan(page.number, page.name, top)
        plan.moved_in = [label for item in moved for label in item.ids]
        if taken is not None:
            planner.moved_up.setdefault(page.number + 1, []).extend(taken.ids)
            plan.moved_in += list(taken.ids)
            queue = queue + [taken]
        order = {id(item): index for index, item in enumerate(queue + continuations)}
        realized = _realized_with_room(fmt, page.number, top, sorted(
            layout.placed, key=lambda p: order.get(id(getattr(p.item, "inner", p.item)), len(order))))
        for placed, (module, rest) in realized:
            target = page.number + 1 if placed.cut else None
            plan.modules.append(module)
            for article_id, chars in module.placed_chars.items():
                placed_chars[article_id] = placed_chars.get(article_id, 0) + chars
            if rest is not None:
                assert target is not None       # only a story cut at the foot leaves a rest
                pending.setdefault(target, []).append(rest)
                jumps.append({"article": rest.article.id, "from": page.number, "to": target,
                              "lines_here": module.lines_placed, "lines_continued": len(rest.lines)})
        if page.number == 1 and planner.cap_pt is None:
            lead = next((m for m in plan.modules if m.kind == "article" and m.headline_pt
                         and isinstance(m, Module)), None)
            front_lead = next((item for item in queue if isinstance(item, ArticleItem) and item.rank == 0), None)
            if lead is not None and front_lead is not None and front_lead.article.id in lead.ids:
                planner.cap_pt = lead.headline_pt
        rules = column_rules(fmt, plan.modules) + _stack_rules(fmt, plan.modules)
        if plan.modules:
            plan.modules[0].rules.extend(rules)
        if foot < fmt.rows:
            plan.modules.append(_imprint_module(ts, issue, foot))
        carried = list(layout.carried)
        if carried and not planner.next_takes_news(page):
            stranded += carried
            carried = []
        plan.ran_out_of_text = not carried and not pending and all(
            not p.articles for p in issue.pages if p.number > page.number)
        plan.empty_areas = empty_areas(fmt, plan, foot)
        plan.largest_empty = largest_empty(fmt, plan, foot)
        plan.butting = _butting(fmt, plan.modules)
        plan.fill = _fill(fmt, [m for m in plan.modules if m.kind != "imprint"], top, foot)
        pages.append(plan)

    left = [label for item in stranded + carried for label in item.ids]
    left += [label for items in pending.values() for item in items for label in item.ids]
    if left:
        raise FitError(_overfull_message(fmt, issue, demand, left))
    overset = {aid: max(0, total - placed_chars.get(aid, 0)) for aid, total in total_chars.items()}
    warnings = [_short_page_warning(fmt, plan) for plan in pages
                if plan.fill < fmt.fill_target(plan.number) and plan.largest_empty]
    return IssuePlan(pages, {k: v for k, v in overset.items() if v}, jumps, warnings)


def _realize(number: int, placed: list[Placed]) -> list[tuple[Placed, tuple[Module, Item | None]]]:
    found = []
    for p in placed:
        target = number + 1 if p.cut else None
        if p.top_picture:
            assert isinstance(p.item, ArticleItem)      # only an article is headed by its picture
            found.append((p, p.item.realize(p.column, p.span, p.row, p.rows, number, target, top_picture=True)))
        else:
            found.append((p, p.item.realize(p.column, p.span, p.row, p.rows, number, target)))
    return found


def _close_headlines(modules: list[Module]) -> int:
    """Bare headlines side by side within STAGGER rows of one height."""
    count = 0
    for left in modules:
        for right in modules:
            if right.column != left.column + left.span or not left.headline_rows or not right.headline_rows \
                    or _framed(left) or _framed(right):
                continue
            a, b = left.headline_rows, right.headline_rows
            count += a[0] < b[1] + STAGGER and b[0] < a[1] + STAGGER
    return count


def _white_faults(fmt: Broadsheet, modules: list[Module], top: int) -> int:
    return len(white_over_headlines(fmt, modules, _stack_rules(fmt, modules), top))


def _realized_with_room(fmt: Broadsheet, number: int, top: int, placed: list[Placed]):
    """The page's modules, painted; where a headline has too much white over it
    (white.py), the page again with that story's headline room handed on
    (planner.respaced), if that leaves less white and no headlines closer."""
    realized = _realize(number, placed)
    modules = [module for _, (module, _) in realized]
    faults = white_over_headlines(fmt, modules, _stack_rules(fmt, modules), top)
    tries = 0
    while faults and tries < 8:
        count, close = len(faults), _close_headlines(modules)
        better = None
        for index in faults:
            for trial in respaced([p for p, _ in realized], index, fmt.module_gap_rows):
                tries += 1
                again = _realize(number, trial)
                trial_modules = [module for _, (module, _) in again]
                if _white_faults(fmt, trial_modules, top) < count and _close_headlines(trial_modules) <= close:
                    better = again
                    break
            if better is not None:
                break
        if better is None:
            break
        realized = better
        modules = [module for _, (module, _) in realized]
        faults = white_over_headlines(fmt, modules, _stack_rules(fmt, modules), top)
    return realized


def _short_page_warning(fmt: Broadsheet, plan: PagePlan) -> str:
    hole = plan.largest_empty
    assert hole is not None                 # warned only where there is one
    chars = hole["columns"] * hole["rows"] * int(fmt.column_em)
    span = hole["columns"]
    return (f"page {plan.number} is short (fill {plan.fill:.2f}): an empty area of {span} column"
            f"{'s' * (span != 1)} × {hole['rows']} lines from row {hole['row']}, column {hole['column']}; "
            f"about {chars:,} characters of text, or a picture {span} column{'s' * (span != 1)} wide and "
            f"{hole['rows']} lines deep, would fill it")


def _overfull_message(fmt: Broadsheet, issue: Issue, demand: dict, left: list[str]) -> str:
    over = []
    for number, (wanted, there) in demand.items():
        if wanted > there:
            lines = wanted - there
            over.append(f"page {number} is over by about {lines} lines (cut about "
                        f"{lines * int(fmt.column_em):,} characters)")
    if not over:
        number = issue.pages[-1].number
        extra = sum(1 for _ in left)
        over.append(f"page {number} has no room for {extra} stor{'ies' if extra != 1 else 'y'}")
    return (f"the issue does not fit in its {len(issue.pages)} pages: " + "; ".join(over)
            + f"; no room for {', '.join(dict.fromkeys(left))}")


def _imprint_module(ts: Typesetter, issue: Issue, foot: int) -> Module:
    """版本记录: the imprint's entries in a band across the foot of the last page."""
    fmt = ts.fmt
    size = fmt.imprint["pt"]
    assert issue.imprint is not None        # the foot leaves room only for an imprint
    text = "　".join(f"{label}：{value}" for label, value in issue.imprint.entries())
    row = foot + fmt.module_gap_rows
    rows = fmt.rows - row
    lines = ts.lines(text, "body", size, fmt.type_width_pt, align="center")
    pitch = size * 1.4
    y = fmt.row_y(row) + (rows * fmt.pitch_pt - len(lines) * pitch) / 2
    module = Module("imprint", (), 0, fmt.columns, row, rows, None, title="版本记录")
    module.texts.append(TextBlock(0, y, fmt.type_width_pt, size, pitch, lines, "center", "body", "imprint"))
    rule_y = fmt.row_y(row) - fmt.pitch_pt * fmt.module_gap_rows / 2
    module.rules.append(Rule(0, rule_y, fmt.type_width_pt, rule_y, fmt.rules["column_rule_pt"]))
    return module
