"""The newspaper make-up: the issue's articles become modules on broadsheet pages.

    plan_issue(issue, root) -> IssuePlan

Pages are planned in order. What a page cannot hold moves on: the article cut
at the foot of a stack continues on the next page (下转/上接), and whole
articles that find no room are carried to the next page and reported. The
build fails only when the last page is full and something is still left.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import FitError
from ..model import Issue, Page
from .blocks import ArticleItem, GroupItem, Item, TeaserItem, Typesetter, column_rules
from .format import Broadsheet, broadsheet
from .plan import IssuePlan, Module, PagePlan, Rule
from .planner import PagePlanner

__all__ = ["plan_issue", "IssuePlan", "PagePlan", "Module", "broadsheet"]

PACKING = 0.9       # share of a page's area that articles of fixed length can fill


def page_items(ts: Typesetter, page: Page) -> list[Item]:
    """The page's articles as items in reading order: teasers become boxes, and
    consecutive articles under one 栏目 become one framed group."""
    items: list[Item] = []
    rank = 0
    articles = list(page.articles)
    i = 0
    while i < len(articles):
        article = articles[i]
        if article.is_teaser:
            items.append(TeaserItem(ts, max(rank, 1), article))
            i += 1
            continue
        if article.column:
            members = []
            while i < len(articles) and articles[i].column == article.column and not articles[i].is_teaser:
                members.append(ArticleItem(ts, max(rank, 2) + len(members), articles[i]))
                i += 1
            items.append(GroupItem(ts, max(rank, 2), article.column, members))
            rank += 1
            continue
        items.append(ArticleItem(ts, rank, article))
        rank += 1
        i += 1
    return items


def _top_rows(fmt: Broadsheet, number: int) -> int:
    return fmt.masthead_rows if number == 1 else fmt.running_head_rows


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


def _ink_rows(fmt: Broadsheet, module: Module) -> dict[int, set[int]]:
    """Rows of each column that hold something: text lines, pictures, boxes."""
    inked: dict[int, set[int]] = {}

    def mark(x: float, width: float, y: float, height: float) -> None:
        first_row = int(y // fmt.pitch_pt)
        last_row = int((y + height - 0.01) // fmt.pitch_pt)
        for column in range(fmt.columns):
            left = fmt.column_x(column)
            if left < x + width - 0.5 and x < left + fmt.column_pt - 0.5:
                inked.setdefault(column, set()).update(range(first_row, last_row + 1))

    for text in module.texts:
        mark(text.x, text.width, text.y, len(text.lines) * text.pitch)
    for image in module.images:
        mark(image.x, image.width, image.y, image.height)
    for box in module.boxes:
        mark(box.x, box.width, box.y, box.height)
    if module.headline_rows:       # a headline's spacing rows belong to it
        start, end = module.headline_rows
        mark(fmt.column_x(module.column), fmt.span_pt(module.span), fmt.row_y(start),
             (end - start) * fmt.pitch_pt)
    return inked


def empty_areas(fmt: Broadsheet, page: PagePlan, limit: int = 4) -> list[dict]:
    """Runs of more than `limit` empty rows in a column inside the type area."""
    inked: dict[int, set[int]] = {c: set() for c in range(fmt.columns)}
    for module in page.modules:
        for column, rows in _ink_rows(fmt, module).items():
            inked[column] |= rows
    found = []
    for column in range(fmt.columns):
        run_start = None
        for row in range(page.top_rows + 1, fmt.rows + 1):
            empty = row < fmt.rows and row not in inked[column] and not _is_gap_row(fmt, page, column, row)
            if empty and run_start is None:
                run_start = row
            elif not empty and run_start is not None:
                if row - run_start > limit:
                    found.append({"column": column + 1, "row": run_start, "rows": row - run_start})
                run_start = None
    return found


def _is_gap_row(fmt: Broadsheet, page: PagePlan, column: int, row: int) -> bool:
    """The blank row between two stacked modules is spacing, not a hole."""
    for module in page.modules:
        if module.column <= column < module.column + module.span and \
                module.row + module.rows <= row < module.row + module.rows + fmt.module_gap_rows:
            return True
    return False


def _butting(fmt: Broadsheet, modules: list[Module]) -> list[tuple[str, str]]:
    pairs = []
    for left in modules:
        for right in modules:
            if right.column != left.column + left.span or not left.headline_rows or not right.headline_rows:
                continue
            if left.kind in ("group", "teaser") or right.kind in ("group", "teaser"):
                continue
            a, b = left.headline_rows, right.headline_rows
            if a[0] < b[1] and b[0] < a[1]:
                pairs.append((left.ids[0], right.ids[0]))
    return pairs


def _room_after(ts: Typesetter, issue: Issue, number: int) -> int:
    """Body lines the next page could still take after its own articles: what a
    jump from this page may send there without crowding it."""
    following = issue.page(number + 1)
    if following is None:
        return 0
    fmt = ts.fmt
    top = _top_rows(fmt, following.number)
    capacity = (fmt.rows - top - fmt.module_gap_rows) * fmt.columns
    # a page is never packed perfectly: count its articles at a typical width, its
    # capacity with a margin for what does not fit exactly
    used = sum(sum(item.natural_rows(s) * s for s in (3, 4, 5)) / 3 for item in page_items(ts, following))
    return max(0, int(capacity * PACKING - used))


def plan_issue(issue: Issue, root: Path, fmt: Broadsheet | None = None) -> IssuePlan:
    fmt = fmt or broadsheet()
    ts = Typesetter(fmt, Path(root))
    pending: dict[int, list[Item]] = {}
    carried: list[Item] = []
    pages: list[PagePlan] = []
    jumps: list[dict] = []
    placed_chars: dict[str, int] = {}
    last_page = issue.pages[-1].number if issue.pages else 0
    total_chars = {a.id: sum(len(line.text) for line in ts.body_lines(a)) for a in issue.articles()
                   if not a.is_teaser}

    for page in issue.pages:
        top = _top_rows(fmt, page.number)
        own = page_items(ts, page)
        continuations = pending.pop(page.number, [])
        moved = list(carried)
        queue = own[:1] + moved + own[1:]
        carried = []
        height = fmt.rows - top - fmt.module_gap_rows
        planner = PagePlanner(fmt, height, top + fmt.module_gap_rows, page.number < last_page,
                              _room_after(ts, issue, page.number))
        layout = planner.plan(queue, continuations)
        plan = PagePlan(page.number, page.name, top)
        plan.moved_in = [label for item in moved for label in item.ids]
        order = {id(item): index for index, item in enumerate(queue + continuations)}
        # modules in reading order: the page's own articles as listed, then the continuations
        for placed in sorted(layout.placed, key=lambda p: order.get(id(p.item), len(order))):
            target = page.number + 1 if placed.cut else None
            module, rest = placed.item.realize(placed.column, placed.span, placed.row, placed.rows,
                                               page.number, target)
            plan.modules.append(module)
            for article_id, chars in module.placed_chars.items():
                placed_chars[article_id] = placed_chars.get(article_id, 0) + chars
            if rest is not None:
                pending.setdefault(target, []).append(rest)
                jumps.append({"article": rest.article.id, "from": page.number, "to": target,
                              "lines_here": module.lines_placed, "lines_continued": len(rest.lines)})
        rules = column_rules(fmt, plan.modules) + _stack_rules(fmt, plan.modules)
        if plan.modules:
            plan.modules[0].rules.extend(rules)
        carried = list(layout.carried)
        plan.ran_out_of_text = not carried and not pending and all(
            not p.articles for p in issue.pages if p.number > page.number)
        plan.empty_areas = [] if plan.ran_out_of_text else empty_areas(fmt, plan)
        plan.butting = _butting(fmt, plan.modules)
        pages.append(plan)

    left = [label for item in carried for label in item.ids]
    left += [item.article.id for items in pending.values() for item in items]
    if left:
        raise FitError(f"the issue does not fit in its {len(issue.pages)} pages: "
                       f"no room for {', '.join(dict.fromkeys(left))}")
    overset = {aid: max(0, total - placed_chars.get(aid, 0)) for aid, total in total_chars.items()}
    return IssuePlan(pages, {k: v for k, v in overset.items() if v}, jumps)

