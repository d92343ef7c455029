"""Items of a page and their shapes on the grid, measured with the line composer.

An item is what the planner places as one rectangle: an article, a 栏目 group
of articles, a teaser box, or the rest of a jumped article. For any column
span an item knows its natural height in rows, how many rows it can grow by
without looking empty (headline spacing), and whether it can be cut for a
jump. All of it comes from exact line counts, so planning needs no rendering.
`realize` then turns the chosen rectangle into positioned text, images and
rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article
from ..numerals import chinese_numeral
from ..typeset import Composer, Line, Run
from .format import Broadsheet
from .plan import Box, ImageBlock, Module, Rule, TextBlock


# Jumps are for long stories: a brief is never jumped, a headline keeps a real
# share of its story under it, and a continuation is worth turning the page for.
MIN_LINES_TO_JUMP = 90        # about 1,100 characters
MIN_LINES_BEFORE_JUMP = 20
MIN_SHARE_BEFORE_JUMP = 0.25
MIN_LINES_AFTER_JUMP = 10


def jumpable(lines: int) -> bool:
    return lines >= MIN_LINES_TO_JUMP


def cut_allowed(lines: int, placed: int) -> bool:
    """Whether an article of `lines` lines may be cut after `placed` of them."""
    return (jumpable(lines) and placed >= max(MIN_LINES_BEFORE_JUMP, MIN_SHARE_BEFORE_JUMP * lines)
            and lines - placed >= MIN_LINES_AFTER_JUMP)


@dataclass(frozen=True)
class Headline:
    """A headline set for one width: its blocks relative to its own top-left."""

    blocks: tuple[TextBlock, ...]
    height: float           # points of ink and leading, without the blank rows around it
    title_pt: float

    def rows(self, fmt: Broadsheet) -> int:
        return fmt.rows_for(self.height) + 2 * fmt.headline.space_rows


class Typesetter:
    """Composes and caches every text the make-up measures."""

    def __init__(self, fmt: Broadsheet, root: Path):
        self.fmt = fmt
        self.root = root
        self.composer = Composer()
        self._body: dict[str, tuple[Line, ...]] = {}
        self._headlines: dict[tuple, Headline] = {}
        self._images: dict[str, tuple[int, int]] = {}

    # -- text ----------------------------------------------------------------------
    def body_lines(self, article: Article) -> tuple[Line, ...]:
        """Every line of the article's body at one column's measure, each paragraph
        kind styled as print sets it (layout/body.py); the byline starts the first
        text paragraph in 楷体, as 本报讯（记者…） does in print."""
        from .body import body_lines

        if article.id not in self._body:
            self._body[article.id] = tuple(body_lines(self.composer, article, self.fmt.column_em,
                                                      self.fmt.indent_em))
        return self._body[article.id]

    def lines(self, text: str, role: str, size: float, width: float, align: str = "start",
              indent: float = 0) -> tuple[Line, ...]:
        return tuple(self.composer.compose([Run(text, role)], width / size, indent=indent, align=align))

    def headline(self, article: Article, width: float, rank: int, continuation: bool = False) -> Headline:
        key = (article.id, round(width, 2), rank, continuation)
        if key not in self._headlines:
            self._headlines[key] = self._set_headline(article, width, rank, continuation)
        return self._headlines[key]

    def _set_headline(self, article: Article, width: float, rank: int, continuation: bool) -> Headline:
        style = self.fmt.headline
        sizes = style.continuation if continuation else style.title_sizes(rank)
        role = "headline" if continuation or rank < 3 else "sans"
        chosen = None
        for size in sizes:
            lines = self.lines(article.title, role, size, width, align="center")
            if chosen is None or len(lines) < len(chosen[1]):
                chosen = (size, lines)
            if len(lines) == 1:
                break
        for size in sizes:          # no size sets in one line: the largest that sets in the maximum
            lines = self.lines(article.title, role, size, width, align="center")
            if len(chosen[1]) > 1 and len(lines) <= style.title_max_lines:
                chosen = (size, lines)
                break
        title_pt, title_lines = chosen
        small = style.small_size(title_pt)
        small_role = "sans" if role == "headline" else "headline"
        blocks: list[TextBlock] = []
        y = 0.0
        if article.kicker and not continuation:
            kicker = self.lines(article.kicker, small_role, small, width, align="center")
            blocks.append(TextBlock(0, y, width, small, small * style.small_leading, kicker, "center",
                                    small_role, "kicker"))
            y += len(kicker) * small * style.small_leading + 0.25 * title_pt
        blocks.append(TextBlock(0, y, width, title_pt, title_pt * style.title_leading, title_lines,
                                "center", role, "title", None if continuation else article.title))
        y += len(title_lines) * title_pt * style.title_leading
        if article.subtitle and not continuation:
            y += 0.25 * title_pt
            subtitle = self.lines(article.subtitle, small_role, small, width, align="center")
            blocks.append(TextBlock(0, y, width, small, small * style.small_leading, subtitle, "center",
                                    small_role, "subtitle"))
            y += len(subtitle) * small * style.small_leading
        return Headline(tuple(blocks), y, title_pt)

    # -- images --------------------------------------------------------------------
    def image_pixels(self, path: str) -> tuple[int, int]:
        if path not in self._images:
            from PIL import Image as PILImage
            with PILImage.open(self.root / path) as image:
                self._images[path] = image.size
        return self._images[path]


def _shift(block: TextBlock, dx: float, dy: float) -> TextBlock:
    return TextBlock(block.x + dx, block.y + dy, block.width, block.size, block.pitch, block.lines,
                     block.align, block.role, block.kind, block.bookmark)


def _text_capacity(offsets: list[int], rows: int) -> int:
    return sum(max(0, rows - o) for o in offsets)


def _rows_for_lines(offsets: list[int], lines: int) -> int:
    """The fewest body rows whose columns (starting `offsets` rows down) hold `lines`."""
    rows = max(offsets) if lines == 0 else 0
    while _text_capacity(offsets, rows) < lines:
        rows += 1
    return rows


@dataclass
class Body:
    """A body set in `span` columns, possibly under a picture in the first columns."""

    offsets: list[int]                        # rows above the text in each column (a picture)
    figure_rows: int                          # rows of picture + caption
    figure: list = field(default_factory=list)  # (ImageBlock, caption TextBlock|None) relative


class Item:
    """Something the planner places as one rectangle. Subclasses measure themselves."""

    kind = "article"
    can_jump = False
    boxed = False           # framed or picture-first: does not count as a headline for butting

    def __init__(self, ts: Typesetter, rank: int):
        self.ts, self.fmt, self.rank = ts, ts.fmt, rank
        self._natural: dict[int, int] = {}

    @property
    def ids(self) -> tuple[str, ...]:
        raise NotImplementedError

    @property
    def label(self) -> str:
        return self.ids[0]

    def natural_rows(self, span: int) -> int:
        if span not in self._natural:
            self._natural[span] = self._measure(span)
        return self._natural[span]

    def elastic_rows(self, span: int) -> int:
        return self.fmt.headline.max_extra_rows

    def cut_fits(self, span: int, rows: int) -> bool:
        return False

    def continued_lines(self, span: int, rows: int) -> int:
        """Lines that go on to the next page when cut to `rows`."""
        return 0

    @property
    def body_line_count(self) -> int:
        return 0

    def _measure(self, span: int) -> int:
        raise NotImplementedError

    def realize(self, column: int, span: int, row: int, rows: int, page: int,
                jump_to: int | None) -> tuple[Module, "Item | None"]:
        raise NotImplementedError


class ArticleItem(Item):
    """An article: headline over its body, a picture at the top of the body."""

    def __init__(self, ts: Typesetter, rank: int, article: Article, lines: tuple[Line, ...] | None = None,
                 continued_from: int | None = None):
        super().__init__(ts, rank)
        self.article = article
        self.lines = ts.body_lines(article) if lines is None else lines
        self.continued_from = continued_from
        self.kind = "continuation" if continued_from else "article"
        self.can_jump = continued_from is None and jumpable(len(self.lines))

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.article.id,)

    @property
    def body_line_count(self) -> int:
        return len(self.lines)

    @property
    def text_chars(self) -> int:
        return sum(len(line.text) for line in self.lines)

    def headline(self, span: int) -> Headline:
        return self.ts.headline(self.article, self.fmt.span_pt(span), self.rank,
                                continuation=self.continued_from is not None)

    def head_rows(self, span: int) -> int:
        rows = self.headline(span).rows(self.fmt)
        return rows + (1 if self.continued_from else 0)     # the （上接第N版） line

    def body(self, span: int) -> Body:
        images = [i for i in self.article.images] if self.continued_from is None else []
        if not images:
            return Body([0] * span, 0)
        fmt = self.fmt
        image_span = min(span, fmt.image_span[span - 1])
        width = fmt.span_pt(image_span)
        y, figure = 0.0, []
        for image in images:
            px_w, px_h = self.ts.image_pixels(image.path)
            height = width * px_h / px_w
            block = ImageBlock(image.path, 0, y, width, height, image.alt or image.caption)
            y += height + 0.4 * fmt.pitch_pt
            caption = None
            words = "　".join(t for t in (image.caption, image.credit) if t)
            if words:
                size = fmt.type["caption_pt"]
                lines = self.ts.lines(words, "kai", size, width, align="justify", indent=0)
                caption = TextBlock(0, y, width, size, fmt.pitch_pt, lines, "justify", "kai", "caption")
                y += len(lines) * fmt.pitch_pt
            figure.append((block, caption))
            y += fmt.pitch_pt          # a blank row under each figure
        rows = fmt.rows_for(y)
        offsets = [rows if c < image_span else 0 for c in range(span)]
        return Body(offsets, rows, figure)

    def _measure(self, span: int) -> int:
        body = self.body(span)
        text_rows = _rows_for_lines(body.offsets, len(self.lines)) if self.lines else 0
        return self.head_rows(span) + max(text_rows, body.figure_rows)

    def cut_fits(self, span: int, rows: int) -> bool:
        return self.can_jump and cut_allowed(len(self.lines), self._lines_in(span, rows))

    def continued_lines(self, span: int, rows: int) -> int:
        return len(self.lines) - self._lines_in(span, rows)

    def _lines_in(self, span: int, rows: int) -> int:
        """Body lines that fit in `rows` when the article is cut (one line goes to 下转)."""
        body = self.body(span)
        return _text_capacity(body.offsets, rows - self.head_rows(span)) - 1

    def realize(self, column, span, row, rows, page, jump_to):
        fmt = self.fmt
        x0, y0 = fmt.column_x(column), fmt.row_y(row)
        head = self.headline(span)
        natural = self.natural_rows(span)
        cut = rows < natural
        extra = 0 if cut else min(rows - natural, self.elastic_rows(span))
        head_rows = head.rows(fmt) + extra
        module = Module(self.kind, self.ids, column, span, row, rows, head.title_pt,
                        title=self.article.title, jump_from=self.continued_from)
        top = y0 + (head_rows * fmt.pitch_pt - head.height) / 2
        module.texts += [_shift(b, x0, top) for b in head.blocks]
        ink_top = int((top - y0) // fmt.pitch_pt)
        module.headline_rows = (row + ink_top, row + fmt.rows_for(top - y0 + head.height))
        y_body = y0 + head_rows * fmt.pitch_pt
        if self.continued_from:
            note = self.ts.lines(f"（上接第{self.continued_from}版）", "body", fmt.body_pt, fmt.column_pt)
            module.texts.append(TextBlock(x0, y_body, fmt.column_pt, fmt.body_pt, fmt.pitch_pt, note,
                                          "start", "body", "jump"))
            y_body += fmt.pitch_pt
            head_rows += 1
        body = self.body(span)
        for image, caption in body.figure:
            module.images.append(ImageBlock(image.path, x0 + image.x, y_body + image.y, image.width,
                                            image.height, image.alt))
            if caption is not None:
                module.texts.append(_shift(caption, x0, y_body))
        body_rows = rows - head_rows
        lines = list(self.lines)
        rest = None
        if cut:
            placed = _text_capacity(body.offsets, body_rows) - 1
            lines, rest_lines = lines[:placed], tuple(lines[placed:])
            rest = ArticleItem(self.ts, max(self.rank, 3), self.article, rest_lines, continued_from=page)
            balanced = body_rows
        else:
            balanced = max(_rows_for_lines(body.offsets, len(lines)), 0) if lines else 0
        module.lines_placed = len(lines)
        module.placed_chars[self.article.id] = sum(len(line.text) for line in lines)
        remaining = lines
        for c in range(span):
            room = max(0, balanced - body.offsets[c])
            chunk, remaining = remaining[:room], remaining[room:]
            if cut and c == span - 1:
                chunk = chunk[:room - 1] if len(chunk) >= room else chunk
            if chunk:
                module.texts.append(TextBlock(x0 + fmt.column_x(c), y_body + body.offsets[c] * fmt.pitch_pt,
                                              fmt.column_pt, fmt.body_pt, fmt.pitch_pt, tuple(chunk)))
        if cut:
            note = self.ts.lines(f"（下转第{jump_to}版）", "body", fmt.body_pt, fmt.column_pt)
            last_y = y_body + (body_rows - 1) * fmt.pitch_pt
            module.texts.append(TextBlock(x0 + fmt.column_x(span - 1), last_y, fmt.column_pt, fmt.body_pt,
                                          fmt.pitch_pt, note, "end", "body", "jump"))
            module.jump_to = jump_to
        return module, rest


class TeaserItem(Item):
    """A front-page pointer (导读 box): kicker, title and 详见第N版 in a tinted box."""

    kind = "teaser"
    boxed = True

    def __init__(self, ts: Typesetter, rank: int, article: Article):
        super().__init__(ts, rank)
        self.article = article

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.article.id,)

    def _blocks(self, span: int) -> tuple[list[TextBlock], float]:
        fmt, a = self.fmt, self.article
        width = fmt.span_pt(span) - 2 * fmt.gutter_pt
        size = fmt.type["teaser_title_pt"]
        small = fmt.headline.small_size(size)
        blocks, y = [], 0.0
        if a.kicker:
            lines = self.ts.lines(a.kicker, "sans", small, width, align="center")
            blocks.append(TextBlock(0, y, width, small, small * 1.4, lines, "center", "sans", "kicker"))
            y += len(lines) * small * 1.4 + 4
        lines = self.ts.lines(a.title, "headline", size, width, align="center")
        blocks.append(TextBlock(0, y, width, size, size * 1.2, lines, "center", "headline", "title", a.title))
        y += len(lines) * size * 1.2
        if a.subtitle:
            lines = self.ts.lines(a.subtitle, "sans", small, width, align="center")
            blocks.append(TextBlock(0, y, width, small, small * 1.4, lines, "center", "sans", "subtitle"))
            y += len(lines) * small * 1.4
        y += 6
        size = fmt.type["pointer_pt"]
        pointer = self.ts.lines(f"详见第{chinese_numeral(a.teaser)}版", "kai", size, width, align="center")
        blocks.append(TextBlock(0, y, width, size, size * 1.35, pointer, "center", "kai", "pointer"))
        y += size * 1.35
        return blocks, y

    def _measure(self, span: int) -> int:
        _, height = self._blocks(span)
        return self.fmt.rows_for(height) + 2

    def elastic_rows(self, span: int) -> int:
        return 4

    def realize(self, column, span, row, rows, page, jump_to):
        fmt = self.fmt
        x0, y0 = fmt.column_x(column), fmt.row_y(row)
        blocks, height = self._blocks(span)
        module = Module("teaser", self.ids, column, span, row, rows, fmt.type["teaser_title_pt"],
                        title=self.article.title)
        box_h = rows * fmt.pitch_pt - fmt.pitch_pt * 0.5
        module.boxes.append(Box(x0, y0, fmt.span_pt(span), box_h, fmt.rules["box_rule_pt"], "banner", "tint"))
        top = y0 + (box_h - height) / 2
        module.texts += [_shift(b, x0 + fmt.gutter_pt, top) for b in blocks]
        return module, None


class GroupItem(Item):
    """A 栏目: a banner over articles that share a column, framed together."""

    kind = "group"
    boxed = True

    def __init__(self, ts: Typesetter, rank: int, column: str, members: list[ArticleItem]):
        super().__init__(ts, rank)
        self.column, self.members = column, members
        self.can_jump = members[-1].can_jump

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(m.article.id for m in self.members)

    def _overhead(self) -> int:
        return 1 + self.fmt.banner_rows + (len(self.members) - 1) * self.fmt.module_gap_rows + 1

    def _measure(self, span: int) -> int:
        return self._overhead() + sum(m.natural_rows(span) for m in self.members)

    def elastic_rows(self, span: int) -> int:
        return sum(m.elastic_rows(span) for m in self.members)

    def cut_fits(self, span: int, rows: int) -> bool:
        before = self._overhead() + sum(m.natural_rows(span) for m in self.members[:-1])
        return self.members[-1].cut_fits(span, rows - before)

    @property
    def body_line_count(self) -> int:
        return self.members[-1].body_line_count

    def continued_lines(self, span: int, rows: int) -> int:
        before = self._overhead() + sum(m.natural_rows(span) for m in self.members[:-1])
        return self.members[-1].continued_lines(span, rows - before)

    def realize(self, column, span, row, rows, page, jump_to):
        fmt = self.fmt
        x0, y0 = fmt.column_x(column), fmt.row_y(row)
        module = Module("group", self.ids, column, span, row, rows, None, title=self.column)
        half = fmt.gutter_pt / 2
        frame_h = rows * fmt.pitch_pt - fmt.pitch_pt * 0.5
        module.boxes.append(Box(x0 - half, y0, fmt.span_pt(span) + 2 * half, frame_h,
                                fmt.rules["box_rule_pt"], "banner"))
        size = fmt.type["banner_pt"]
        banner_w = min(fmt.span_pt(span), len(self.column) * size * 1.25 + 2 * size)
        module.boxes.append(Box(x0 - half, y0, banner_w, fmt.banner_rows * fmt.pitch_pt, 0, "banner", "banner"))
        label = self.ts.lines(self.column, "sans", size, banner_w, align="center")
        module.texts.append(TextBlock(x0 - half, y0 + (fmt.banner_rows * fmt.pitch_pt - size * 1.2) / 2,
                                      banner_w, size, size * 1.2, label, "center", "sans", "banner"))
        natural = self.natural_rows(span)
        spare = max(0, rows - natural)
        current = row + 1 + fmt.banner_rows
        rest = None
        for index, member in enumerate(self.members):
            last = index == len(self.members) - 1
            own = member.natural_rows(span)
            if last:
                own = row + rows - 1 - current
            else:
                grow = min(spare, member.elastic_rows(span))
                own += grow
                spare -= grow
            part, rest_part = member.realize(column, span, current, own, page, jump_to)
            module.texts += part.texts
            module.images += part.images
            module.lines_placed += part.lines_placed
            module.placed_chars.update(part.placed_chars)
            if rest_part is not None:
                rest = rest_part
                module.jump_to = jump_to
            if index == 0:
                module.headline_rows = part.headline_rows
            current += own + fmt.module_gap_rows
        return module, rest


def column_rules(fmt: Broadsheet, modules: list[Module]) -> list[Rule]:
    """Hairlines in the gutters between modules that sit side by side (栏线)."""
    rules = []
    weight = fmt.rules["column_rule_pt"]
    for left in modules:
        right_edge = left.column + left.span
        if right_edge >= fmt.columns:
            continue
        for right in modules:
            if right.column != right_edge:
                continue
            top = max(left.row, right.row)
            bottom = min(left.row + left.rows, right.row + right.rows)
            if bottom - top >= 2:
                x = fmt.column_x(right_edge) - fmt.gutter_pt / 2
                rules.append(Rule(x, fmt.row_y(top) + 2, x, fmt.row_y(bottom) - fmt.pitch_pt * 0.6, weight))
    return rules

