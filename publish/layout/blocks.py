"""Items of a page and their shapes on the grid, measured with the line composer.

An item is what the planner places as one rectangle: an article, a 栏目 group
of articles, a teaser box, or the rest of a jumped article. For any column
span an item knows the heights (in rows) it can take without a hole: its
*configurations* — headline spacing, and for an article with pictures the
picture's width in columns and its height, cropped to the module within the
format's limits. Heights are unions of whole-row intervals, all from exact
line counts, so planning needs no rendering. `realize` turns the chosen
rectangle into positioned text, images and rules, at exactly the rows chosen.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from ..model import Article
from ..numerals import chinese_numeral
from ..typeset import Composer, Line, Run
from ..typeset.segment import prepare as prepare_runs
from .format import Broadsheet
from .headline import candidates
from .plan import Box, ImageBlock, Module, Rule, TextBlock

INFEASIBLE = 10 ** 5        # the height of an item that cannot be set at a span

Intervals = tuple[tuple[int, int], ...]


def merge(intervals) -> Intervals:
    """Sorted, disjoint, adjacent ones joined."""
    out: list[list[int]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return tuple((lo, hi) for lo, hi in out)


def add(a: Intervals, b: Intervals) -> Intervals:
    return merge((x0 + y0, x1 + y1) for x0, x1 in a for y0, y1 in b)


def best_at_most(intervals: Intervals, target: int) -> int | None:
    """The largest value of `intervals` not above `target`."""
    found = None
    for lo, hi in intervals:
        if lo <= target:
            found = min(hi, target)
    return found


def contains(intervals: Intervals, value: int) -> bool:
    return any(lo <= value <= hi for lo, hi in intervals)


def decompose(parts: list[Intervals], naturals: list[int], total: int) -> list[int] | None:
    """Heights, one from each part's intervals, summing to `total`, each as near
    its natural height as the others allow (extra shared out from the first)."""
    reach: list[Intervals] = [((0, 0),)]
    for part in parts:
        reach.append(add(reach[-1], part))
    if not contains(reach[-1], total):
        return None
    chosen = [0] * len(parts)
    left = total
    for k in range(len(parts) - 1, -1, -1):
        options = []
        for lo, hi in parts[k]:
            for value in {lo, hi, min(max(naturals[k], lo), hi)}:
                options.append(value)
        # any value v with left - v reachable by the parts before; prefer near natural
        best = None
        for lo, hi in parts[k]:
            for plo, phi in reach[k]:
                # v in [lo, hi] and left - v in [plo, phi]  ->  v in [left - phi, left - plo]
                a, b = max(lo, left - phi), min(hi, left - plo)
                if a > b:
                    continue
                v = min(max(naturals[k], a), b)
                if best is None or abs(v - naturals[k]) < abs(best - naturals[k]):
                    best = v
        if best is None:
            return None
        chosen[k] = best
        left -= best
    return chosen


@dataclass(frozen=True)
class HeadlinePart:
    """One block of a headline (kicker, title, subtitle, author) as measured: its
    lines' texts (or, when it could not be broken between words, the whole text
    as the composer sets it) and where it stands."""

    y: float
    size: float
    pitch: float
    texts: tuple[str, ...]
    whole: bool             # texts is one text the composer breaks where it must
    lines: int
    role: str
    kind: str
    bookmark: str | None = None


class Headline:
    """A headline set for one width: its height is known from the measuring alone;
    its blocks (relative to its own top-left) are composed only when painted."""

    def __init__(self, ts: "Typesetter", width: float, parts: tuple[HeadlinePart, ...], height: float,
                 title_pt: float, fits: bool = True):
        self.ts, self.width, self.parts = ts, width, parts
        self.height = height        # points of ink and leading, without the blank rows around it
        self.title_pt = title_pt
        self.fits = fits            # every part within its line limit, broken between words

    def rows(self, fmt: Broadsheet) -> int:
        return fmt.rows_for(self.height) + 2 * fmt.headline.space_rows

    @cached_property
    def blocks(self) -> tuple[TextBlock, ...]:
        found = []
        for part in self.parts:
            if part.whole:
                lines = self.ts.lines(part.texts[0], part.role, part.size, self.width, align="center")
            else:                   # one line each (the composer keeps any turn-over it needs)
                lines = tuple(line for text in part.texts
                              for line in self.ts.lines(text, part.role, part.size, self.width, align="center"))
            found.append(TextBlock(0, part.y, self.width, part.size, part.pitch, lines, "center", part.role,
                                   part.kind, part.bookmark))
        return tuple(found)


class Typesetter:
    """Composes and caches every text the make-up measures."""

    def __init__(self, fmt: Broadsheet, root: Path):
        self.fmt = fmt
        self.root = root
        self.composer = Composer()
        self._body: dict[str, tuple[Line, ...]] = {}
        self._headlines: dict[tuple, Headline] = {}
        self._images: dict[str, tuple[int, int]] = {}
        self._single: dict[tuple[str, str], float] = {}

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

    def display_lines(self, text: str, role: str, size: float, width: float,
                      max_lines: int) -> tuple[tuple[Line, ...], bool]:
        """A display text (title, kicker, subtitle) centred in `width`, broken only
        between phrases or words, in at most `max_lines` lines: the fewest lines,
        then the most even. The flag says whether that was possible; if not, the
        text is set as the composer would, so it still prints whole."""
        texts, ok, _ = self.display_parts(text, role, size, width, max_lines)
        if not ok:
            return self.lines(text, role, size, width, align="center"), False
        return tuple(line for part in texts for line in self.lines(part, role, size, width, align="center")), True

    def one_line_measure(self, text: str, role: str) -> float:
        """The measure (em) at which `text` surely sets in one line: its natural
        width, the sum of its advances in the role's font (the composer may squeeze
        a line's punctuation a little more; the make-up does not count on that).
        Every width and size a headline is tried at is then one comparison."""
        key = (text, role)
        if key not in self._single:
            prepared = prepare_runs([Run(text, role)])
            self._single[key] = prepared.W[prepared.n] + 0.001 if prepared.n else 0.0
        return self._single[key]

    def headline(self, article: Article, width: float, sizes: tuple[float, ...], role: str,
                 continuation: bool = False, author: str | None = None, largest: bool = False) -> Headline:
        key = (article.id, round(width, 2), sizes, role, continuation, author, largest)
        if key not in self._headlines:
            self._headlines[key] = self._set_headline(article, width, sizes, role, continuation, author,
                                                      largest)
        return self._headlines[key]

    def display_parts(self, text: str, role: str, size: float, width: float,
                      max_lines: int) -> tuple[tuple[str, ...], bool, int]:
        """(lines' texts, whether broken between words within `max_lines`, line count)
        of a display text, measured without composing it."""
        measure = width / size
        for _, parts in candidates(text, max_lines):
            if all(self.one_line_measure(part, role) <= measure for part in parts):
                return parts, True, len(parts)
        return (text,), False, self.composer.count_lines([Run(text, role)], measure, indent=0, align="center")

    def _set_headline(self, article: Article, width: float, sizes: tuple[float, ...], role: str,
                      continuation: bool, author: str | None, largest: bool) -> Headline:
        """`largest`: the front page's lead takes its largest size that sets within
        the line limit, even in two lines; other titles prefer one line."""
        style = self.fmt.headline
        chosen = None
        for size in sizes if not largest else ():   # the first size that sets in one line
            texts, ok, _ = self.display_parts(article.title, role, size, width, 1)
            if ok:
                chosen = (size, texts)
                break
        if chosen is None:          # else the largest that sets within the limit
            for size in sizes:
                texts, ok, _ = self.display_parts(article.title, role, size, width, style.title_max_lines)
                if ok:
                    chosen = (size, texts)
                    break
        fits = chosen is not None
        if chosen is None:
            chosen = (sizes[-1], self.display_parts(article.title, role, sizes[-1], width,
                                                    style.title_max_lines)[0])
        title_pt, title_texts = chosen
        small = style.small_size(title_pt)
        small_role = "sans" if role == "headline" else "headline"
        parts: list[HeadlinePart] = []
        y = 0.0

        def small_part(text: str, kind: str) -> bool:
            nonlocal y
            texts, ok, count = self.display_parts(text, small_role, small, width, style.small_max_lines)
            parts.append(HeadlinePart(y, small, small * style.small_leading, texts, not ok, count,
                                      small_role, kind))
            y += count * small * style.small_leading
            return ok

        if article.kicker and not continuation:
            fits = small_part(article.kicker, "kicker") and fits
            y += style.small_gap * title_pt
        if len(title_texts) == 1 and not fits:
            count = self.composer.count_lines([Run(title_texts[0], role)], width / title_pt, indent=0,
                                              align="center")
        else:
            count = len(title_texts)
        parts.append(HeadlinePart(y, title_pt, title_pt * style.title_leading, tuple(title_texts), not fits,
                                  count, role, "title", None if continuation else article.title))
        y += count * title_pt * style.title_leading
        if article.subtitle and not continuation:
            y += style.small_gap * title_pt
            fits = small_part(article.subtitle, "subtitle") and fits
        if author and not continuation:     # 副刊: 文/某某 on its own line under the title
            y += style.small_gap * title_pt
            size = self.fmt.body_pt + 1.5
            count = self.composer.count_lines([Run(author, "kai")], width / size, indent=0, align="center")
            parts.append(HeadlinePart(y, size, size * style.small_leading, (author,), True, count, "kai",
                                      "author"))
            y += count * size * style.small_leading
        return Headline(self, width, tuple(parts), y, title_pt, fits)

    # -- images --------------------------------------------------------------------
    def image_pixels(self, path: str) -> tuple[int, int]:
        if path not in self._images:
            from PIL import Image as PILImage
            with PILImage.open(self.root / path) as image:
                width, height = image.size
                try:
                    turned = image.getexif().get(0x0112) in (5, 6, 7, 8)   # EXIF: a quarter turn
                except Exception:  # noqa: BLE001 - a broken EXIF block: the pixels print as stored
                    turned = False
                # The writers print the picture upright (pictures.decode applies the turn).
                self._images[path] = (height, width) if turned else (width, height)
        return self._images[path]


def _shift(block: TextBlock, dx: float, dy: float) -> TextBlock:
    return replace(block, x=block.x + dx, y=block.y + dy)


def _text_capacity(offsets: list[int], rows: int) -> int:
    return sum(max(0, rows - o) for o in offsets)


def _rows_for_lines(offsets: list[int], lines: int) -> int:
    """The fewest body rows whose columns (starting `offsets` rows down) hold `lines`."""
    if lines <= 0:
        return 0
    low = min(offsets)
    if low == 0 and len(set(offsets)) <= 2:     # columns under a picture and beside it
        down = max(offsets)
        beside = sum(1 for o in offsets if o == 0)
        rows = -(-lines // beside)
        if rows <= down:
            return rows
        return -(-(lines + down * (len(offsets) - beside)) // len(offsets))
    low, high = -(-lines // len(offsets)), max(offsets) + lines
    while low < high:                       # capacity grows with rows: bisect
        middle = (low + high) // 2
        if _text_capacity(offsets, middle) >= lines:
            high = middle
        else:
            low = middle + 1
    return low


def _even_lengths(total: int, capacity: list[int]) -> list[int]:
    """`total` lines shared out over columns of these capacities as evenly as they
    allow (the fallback when no balanced setting keeps every rule): no column
    left empty while another is fuller than it need be."""
    lengths = [0] * len(capacity)
    left = total
    while left > 0:
        open_ = [k for k, c in enumerate(capacity) if lengths[k] < c]
        if not open_:
            raise AssertionError(f"make-up: {left} lines do not fit the columns")
        share = max(1, left // len(open_))
        for k in open_:
            take = min(share, capacity[k] - lengths[k], left)
            lengths[k] += take
            left -= take
            if not left:
                break
    return lengths


def column_lengths(lines: tuple[Line, ...], offsets: list[int], rows: int,
                   most_short: int = 2) -> list[int] | None:
    """How many lines each column takes in `rows` body rows: every column full
    or up to `most_short` lines short (never a last column of one or two lines
    beside full ones), and as few paragraphs' last lines alone at a column's top
    as can be."""
    capacity = [max(0, rows - o) for o in offsets]
    total = len(lines)
    used = [k for k, c in enumerate(capacity) if c > 0]
    if not used or sum(capacity) < total:
        return None
    # dynamic programme over columns: (column index, lines placed so far) -> (cost, lengths)
    states: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}
    for c in capacity:
        nxt: dict[int, tuple[float, tuple[int, ...]]] = {}
        for placed, (cost, lengths) in states.items():
            for short in ((0,) if c == 0 else range(most_short + 1)):
                n = c - short
                if n < 0 or placed + n > total:
                    continue
                extra = short * 1.0 + 4.0 * max(0, short - 1)
                start = placed + n
                if 0 < start < total and lines[start].last and not lines[start - 1].last:
                    extra += 10.0           # a widow: a paragraph's last line alone at the top
                if n < 3 and c >= 3 and placed + n == total and total > n:
                    extra += 1000.0         # a last column of one or two lines
                if n == 0 and c > 0 and placed < total:
                    extra += 1000.0         # an empty column inside the story
                candidate = (cost + extra, lengths + (n,))
                if start not in nxt or candidate[0] < nxt[start][0]:
                    nxt[start] = candidate
        states = nxt
    if total not in states:
        return None
    cost, lengths = states[total]
    return list(lengths) if cost < 1000 else None


@dataclass(frozen=True)
class FigureOption:
    """Pictures in the first `span` columns of a module, `lo`..`hi` rows tall
    (cropped), `natural` rows uncropped: stacked one under another, or (`row`)
    side by side at one height under one caption, as a desk sets two or three
    photos of one story."""

    span: int
    lo: int
    hi: int
    natural: int
    row: bool = False


@dataclass(frozen=True)
class Choice:
    """One configuration of an article at one span and height."""

    figure: FigureOption | None
    figure_rows: int
    text_rows: int
    extra: int              # blank rows added around the headline (split above / below)
    foot: int = 0           # rows the columns may stop short of the module's foot


class Item:
    """Something the planner places as one rectangle. Subclasses measure themselves."""

    kind = "article"
    can_jump = False
    boxed = False           # framed: its headline does not butt a neighbour's

    def __init__(self, ts: Typesetter, rank: int):
        self.ts, self.fmt, self.rank = ts, ts.fmt, rank
        self._natural: dict = {}           # per span (and per ("what", span)): measures kept
        self._heights: dict[int | tuple[str, int], Intervals] = {}      # per span (and per ("what", span))

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

    def heights(self, span: int) -> Intervals:
        """Every height the item can take at `span` without a hole."""
        if span not in self._heights:
            self._heights[span] = self._height_options(span)
        return self._heights[span]

    def _height_options(self, span: int) -> Intervals:
        natural = self.natural_rows(span)
        if natural >= INFEASIBLE:
            return ()
        return ((natural, natural + self.elastic_rows(span)),)

    def elastic_rows(self, span: int) -> int:
        return self.fmt.headline.max_extra_rows

    def head_rows(self, span: int) -> int:
        return 0

    def cut_fits(self, span: int, rows: int) -> bool:
        return False

    def continued_lines(self, span: int, rows: int) -> int:
        """Lines that go on to the next page when cut to `rows`."""
        return 0

    @property
    def body_line_count(self) -> int:
        return 0

    @property
    def text_chars(self) -> int:
        return 0

    def _measure(self, span: int) -> int:
        raise NotImplementedError

    def realize(self, column: int, span: int, row: int, rows: int, page: int,
                jump_to: int | None) -> tuple[Module, "Item | None"]:
        raise NotImplementedError


def _jump_rules(fmt: Broadsheet):
    j = fmt.jump
    return j["min_lines"], j["min_lines_before"], j["min_share_before"], j["min_lines_after"]


def jumpable(fmt: Broadsheet, lines: int) -> bool:
    return lines >= fmt.jump["min_lines"]


def cut_allowed(fmt: Broadsheet, lines: int, placed: int) -> bool:
    """Whether an article of `lines` lines may be cut after `placed` of them."""
    least, before, share, after = _jump_rules(fmt)
    return lines >= least and placed >= max(before, share * lines) and lines - placed >= after


class ArticleItem(Item):
    """An article: headline over its body, pictures at the top left of the body."""

    def __init__(self, ts: Typesetter, rank: int, article: Article, lines: tuple[Line, ...] | None = None,
                 continued_from: int | None = None, supplement: bool = False, front: bool = False,
                 cap_pt: float | None = None):
        super().__init__(ts, rank)
        self.supplement, self.front, self.cap_pt = supplement, front, cap_pt
        self.author = None
        if supplement and continued_from is None:
            article, self.author = _author_apart(article)
        self.article = article
        self.lines = ts.body_lines(article) if lines is None else lines
        self.continued_from = continued_from
        self.kind = "continuation" if continued_from else "article"
        self.can_jump = continued_from is None and jumpable(self.fmt, len(self.lines))

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.article.id,)

    @property
    def body_line_count(self) -> int:
        return len(self.lines)

    @property
    def text_chars(self) -> int:
        return sum(len(line.text) for line in self.lines)

    # -- headline ------------------------------------------------------------------
    def title_sizes(self) -> tuple[float, ...]:
        style = self.fmt.headline
        if self.continued_from:
            return style.continuation
        sizes = style.front_lead if self.front and self.rank == 0 else style.title_sizes(self.rank)
        if self.cap_pt is not None and not (self.front and self.rank == 0):
            capped = tuple(s for s in sizes if s < self.cap_pt)
            sizes = capped or (min(sizes + style.continuation),)
        return sizes

    def headline(self, span: int) -> Headline:
        key = ("headline", span)
        if key not in self._natural:
            self._natural[key] = self._headline(span)
        return self._natural[key]

    def _headline(self, span: int) -> Headline:
        role = "headline" if self.continued_from or self.rank < 3 else "sans"
        return self.ts.headline(self.article, self.fmt.span_pt(span), self.title_sizes(), role,
                                continuation=self.continued_from is not None, author=self.author,
                                largest=self.front and self.rank == 0 and not self.continued_from)

    def head_rows(self, span: int) -> int:
        key = ("head", span)
        if key not in self._natural:
            rows = self.headline(span).rows(self.fmt)
            self._natural[key] = rows + (1 if self.continued_from else 0)     # the （上接第N版） line
        return self._natural[key]

    # -- pictures ------------------------------------------------------------------
    def _pictures(self):
        return self.article.images if self.continued_from is None else ()

    def _figure_layout(self, image_span: int) -> tuple[float, float, list]:
        """(natural picture height in pt, fixed height of captions and gaps in pt,
        [(image, natural height, caption lines)]) for pictures `image_span` columns wide
        (measured once)."""
        key = ("figure layout", image_span)
        if key not in self._natural:
            self._natural[key] = self._measure_figures(image_span)
        return self._natural[key]

    def _measure_figures(self, image_span: int) -> tuple[float, float, list]:
        fmt = self.fmt
        width = fmt.span_pt(image_span)
        pictures, fixed, heights = [], 0.0, 0.0
        for image in self._pictures():
            px_w, px_h = self.ts.image_pixels(image.path)
            height = width * px_h / px_w
            words = "　".join(t for t in (image.caption, image.credit) if t)
            caption = self.ts.lines(words, "kai", fmt.type["caption_pt"], width, align="justify") if words else ()
            fixed += fmt.picture["caption_gap"] * fmt.pitch_pt + len(caption) * fmt.pitch_pt + fmt.pitch_pt
            heights += height
            pictures.append((image, height, caption))
        return heights, fixed, pictures

    def _row_layout(self, image_span: int) -> tuple[float, float, list, tuple]:
        """The pictures side by side across `image_span` columns at one height:
        (natural height in pt, fixed height of the caption and gaps in pt,
        [(image, x offset, width)], the caption's lines: every picture's words),
        measured once."""
        key = ("row layout", image_span)
        if key not in self._natural:
            self._natural[key] = self._measure_row(image_span)
        return self._natural[key]

    def _measure_row(self, image_span: int) -> tuple[float, float, list, tuple]:
        fmt = self.fmt
        width = fmt.span_pt(image_span)
        images = self._pictures()
        aspects = []
        for image in images:
            px_w, px_h = self.ts.image_pixels(image.path)
            aspects.append(px_w / px_h)
        height = (width - (len(images) - 1) * fmt.gutter_pt) / sum(aspects)
        placed, x = [], 0.0
        for image, aspect in zip(images, aspects):
            placed.append((image, x, height * aspect))
            x += height * aspect + fmt.gutter_pt
        words = "　".join(t for image in images for t in (image.caption, image.credit) if t)
        caption = self.ts.lines(words, "kai", fmt.type["caption_pt"], width, align="justify") if words else ()
        fixed = fmt.picture["caption_gap"] * fmt.pitch_pt + len(caption) * fmt.pitch_pt + fmt.pitch_pt
        return height, fixed, placed, caption

    def _row_resolution_ok(self, image_span: int, stretch: float) -> bool:
        _, _, placed, _ = self._row_layout(image_span)
        for image, _, width in placed:
            px_w, _ = self.ts.image_pixels(image.path)
            if width < self.fmt.column_pt or \
                    px_w / max(1.0, stretch) / (width / 72) < self.fmt.picture["min_dpi"]:
                return False
        return True

    def _resolution_ok(self, image_span: int, stretch: float) -> bool:
        """Every picture keeps min_dpi at this width and crop (a taller crop cuts the sides)."""
        width_in = self.fmt.span_pt(image_span) / 72
        for image in self._pictures():
            px_w, _ = self.ts.image_pixels(image.path)
            if px_w / max(1.0, stretch) / width_in < self.fmt.picture["min_dpi"]:
                return False
        return True

    def figures(self, span: int) -> list[FigureOption]:
        """The pictures' settings in a module `span` columns wide (measured once)."""
        key = ("figures", span)
        if key not in self._natural:
            self._natural[key] = self._figures(span)
        return self._natural[key]

    def _figures(self, span: int) -> list[FigureOption]:
        if not self._pictures():
            return []
        options = []
        for image_span in range(1, span + 1):
            if image_span == 1 and span > 2:
                continue        # a one-column picture beside wide text is a stamp
            for row in (False, True) if len(self._pictures()) > 1 else (False,):
                option = self._figure_option(image_span, row)
                if option is not None:
                    options.append(option)
        if not options:
            # A picture too coarse for min_dpi at every width still prints, at the
            # narrowest (one column, uncropped): the preflight reports its resolution.
            option = self._figure_option(1, False, coarse=True)
            options += [option] if option is not None else []
        return options

    def _figure_option(self, image_span: int, row: bool, coarse: bool = False) -> FigureOption | None:
        fmt = self.fmt
        crop_min, crop_max = fmt.picture["crop_min"], fmt.picture["crop_max"]
        ok = self._row_resolution_ok if row else self._resolution_ok
        if coarse:
            crop_max = 1.0

            def ok(image_span: int, stretch: float) -> bool:
                return stretch <= 1.0
        if not ok(image_span, 1.0):
            return None
        heights, fixed = (self._row_layout(image_span) if row else self._figure_layout(image_span))[:2]
        top = crop_max
        while top > 1.0 and not ok(image_span, top):
            top = max(1.0, top - 0.05)
        lo = fmt.rows_for(heights * crop_min + fixed)
        hi = int((heights * top + fixed) // fmt.pitch_pt)
        natural = fmt.rows_for(heights + fixed)
        return FigureOption(image_span, lo, hi, min(max(natural, lo), hi), row) if lo <= hi else None

    def _text_rows(self, span: int, figure: FigureOption | None, figure_rows: int) -> int:
        offsets = [figure_rows if figure and c < figure.span else 0 for c in range(span)]
        return _rows_for_lines(offsets, len(self.lines))

    def _choices(self, span: int) -> list[tuple[FigureOption | None, int, int]]:
        """(figure, figure rows, body rows) of every configuration without a hole:
        text beside a picture reaches (nearly) the picture's foot. A story too
        short for its picture at every width (a photo with a caption-long text),
        or at the width its editor fixed, may leave white beside the picture
        rather than not print."""
        key = ("choices", span)
        if key not in self._natural:
            found = self._configurations(span)
            placement = self.article.placement
            if not found and self._pictures() and (placement is not None and placement.span == span or not any(
                    self._configurations(s) for s in range(2, self.fmt.columns + 1) if self._headline_ok(s))):
                found = self._configurations(span, white=True)
            self._natural[key] = found
        return self._natural[key]

    def _configurations(self, span: int, white: bool = False) -> list[tuple[FigureOption | None, int, int]]:
        found: list[tuple[FigureOption | None, int, int]] = []
        options = self.figures(span)
        if not options:
            return [] if self._pictures() else [(None, 0, self._text_rows(span, None, 0))]
        for figure in options:
            for rows in range(figure.lo, figure.hi + 1):
                text = self._text_rows(span, figure, rows)
                if figure.span < span and text < rows - 2 and self.lines and not white:
                    continue        # white beside the picture
                if figure.span >= self.fmt.wide["span"] and 0 < text - rows < self.fmt.wide["min_lines"]:
                    continue        # a strip of a few lines under a wide picture
                found.append((figure, rows, max(rows, text)))
        return found

    def _height_options(self, span: int) -> Intervals:
        if not self._headline_ok(span) or self._thin(span):
            return ()
        head_rows = self.head_rows(span)
        extra = self.fmt.headline.max_extra_rows + self.fmt.fill["column_foot_rows"]
        return merge((head_rows + body, head_rows + body + extra) for _, _, body in self._choices(span))

    def _thin(self, span: int) -> bool:
        """A story too short to be set this wide: a few lines a column over five or
        more columns reads as a strip across the page."""
        wide, least = self.fmt.wide["span"], self.fmt.wide["min_lines"]
        placement = self.article.placement
        if placement is not None and placement.span == span:
            return False            # the editor asked for this width

        def thin(width: int) -> bool:
            return width >= wide and bool(self.lines) and len(self.lines) < least * width
        # ... and a story whose headline sets only wide goes wide rather than nowhere
        return thin(span) and any(self._headline_ok(s) and not thin(s) for s in range(1, self.fmt.columns + 1))

    # -- a picture over the headline ---------------------------------------------------
    def _top_choices(self, span: int) -> list[tuple[FigureOption, int, int]]:
        """(figure, figure rows, body rows) with the one picture across the whole
        module above the headline: a module that starts with a picture, whose
        headline never stands beside a neighbour's (碰题)."""
        if len(self._pictures()) != 1 or self.continued_from:
            return []
        text = -(-len(self.lines) // span) if self.lines else 0
        return [(f, rows, rows + text) for f in self.figures(span) if f.span == span
                for rows in range(f.lo, f.hi + 1)]

    def top_heights(self, span: int) -> Intervals:
        key = ("top", span)
        if key not in self._heights:
            rows = self.head_rows(span)
            extra = self.fmt.headline.max_extra_rows + self.fmt.fill["column_foot_rows"]
            self._heights[key] = () if not self._headline_ok(span) or self._thin(span) else merge(
                (rows + body, rows + body + extra) for _, _, body in self._top_choices(span))
        return self._heights[key]

    def choose_top(self, span: int, rows: int) -> Choice | None:
        head = self.head_rows(span)
        best, best_key = None, None
        for figure, figure_rows, body in self._top_choices(span):
            extra = self._headline_extra(rows - head - body)
            if extra is None:
                continue
            key = (extra, abs(figure_rows - figure.natural))
            if best_key is None or key < best_key:
                best = Choice(figure, figure_rows, body - figure_rows, extra, rows - head - body - extra)
                best_key = key
        return best

    def _headline_extra(self, leftover: int) -> int | None:
        """Of `leftover` rows beyond what a configuration needs, those that go around
        the headline: the columns' feet take up to column_foot_rows first (a story's
        columns stopping a line or two short of its foot, all alike), the headline
        the rest, up to max_extra_rows; None if that is more than both take."""
        foot, extra = self.fmt.fill["column_foot_rows"], self.fmt.headline.max_extra_rows
        if not 0 <= leftover <= foot + extra:
            return None
        return max(0, leftover - foot)

    def _headline_ok(self, span: int) -> bool:
        """The headline keeps its line limit, broken between words, at `span`; or it
        does at no width (a title longer than any line limit allows: it prints set
        as the composer breaks it rather than not at all)."""
        key = ("headline ok", span)
        if key not in self._natural:
            self._natural[key] = self.headline(span).fits or not any(
                self.headline(s).fits for s in range(1, self.fmt.columns + 1))
        return self._natural[key]

    def _measure(self, span: int) -> int:
        if not self._headline_ok(span):
            return INFEASIBLE
        head = self.head_rows(span)
        figures = self.figures(span)
        if self._pictures() and not figures:
            return INFEASIBLE
        if not figures:
            return head + self._text_rows(span, None, 0)
        natural_span = min(span, self.fmt.image_span[span - 1])
        figure = min(figures, key=lambda f: abs(f.span - natural_span))
        return head + max(figure.natural, self._text_rows(span, figure, figure.natural))

    def choose(self, span: int, rows: int) -> Choice | None:
        """The configuration that fills `rows` exactly, nearest the natural one."""
        head = self.head_rows(span)
        natural_span = min(span, self.fmt.image_span[span - 1])
        best, best_cost = None, None
        for figure, figure_rows, body in self._choices(span):
            extra = self._headline_extra(rows - head - body)
            if extra is None:
                continue
            cost = extra * 2.0 + (rows - head - body - extra) * 1.0
            if figure is not None:
                cost += abs(figure.span - natural_span) * 3 + abs(figure_rows - figure.natural) * 0.2
            if best_cost is None or cost < best_cost:
                best, best_cost = Choice(figure, figure_rows, body, extra), cost
        return best

    # -- jumps ---------------------------------------------------------------------
    def _cut_figure(self, span: int) -> FigureOption | None:
        figures = self.figures(span)
        if not figures:
            return None
        natural_span = min(span, self.fmt.image_span[span - 1])
        return min(figures, key=lambda f: (abs(f.span - natural_span), f.span))

    def _cut_offsets(self, span: int) -> list[int]:
        figure = self._cut_figure(span)
        return [figure.lo if figure and c < figure.span else 0 for c in range(span)]

    def _lines_in(self, span: int, rows: int) -> int:
        """Body lines that fit in `rows` when the article is cut (one line goes to 下转)."""
        body = rows - self.head_rows(span)
        figure = self._cut_figure(span)
        if figure is not None and figure.lo > body - 2:
            return -1               # the pictures must stand whole above the cut
        return _text_capacity(self._cut_offsets(span), body) - 1

    def cut_fits(self, span: int, rows: int) -> bool:
        return self.can_jump and self._headline_ok(span) and \
            cut_allowed(self.fmt, len(self.lines), self._lines_in(span, rows))

    def continued_lines(self, span: int, rows: int) -> int:
        return len(self.lines) - self._lines_in(span, rows)

    # -- painting ------------------------------------------------------------------
    def _most_short(self) -> int:
        """Lines a column may stop short of the module's foot."""
        return self.fmt.fill["column_foot_rows"] + 1

    def realize(self, column, span, row, rows, page, jump_to, top_picture: bool = False):
        fmt = self.fmt
        x0, y0 = fmt.column_x(column), fmt.row_y(row)
        head = self.headline(span)
        cut = jump_to is not None
        if top_picture:
            return self._realize_top(column, span, row, rows)
        choice: Choice | None
        if cut:
            figure = self._cut_figure(span)
            choice = Choice(figure, figure.lo if figure else 0, rows - self.head_rows(span), 0)
        else:
            choice = self.choose(span, rows)
            if choice is None:
                raise AssertionError(f"make-up: {self.article.id} cannot take {rows} rows at {span} columns")
        head_rows = head.rows(fmt) + choice.extra
        module = Module(self.kind, self.ids, column, span, row, rows, head.title_pt,
                        title=self.article.title, jump_from=self.continued_from)
        above = choice.extra // 2
        top = y0 + (fmt.headline.space_rows + above) * fmt.pitch_pt \
            + (fmt.rows_for(head.height) * fmt.pitch_pt - head.height) / 2
        module.texts += [_shift(b, x0, top) for b in head.blocks]
        module.headline_rows = (row + fmt.headline.space_rows + above,
                                row + fmt.headline.space_rows + above + fmt.rows_for(head.height))
        y_body = y0 + head_rows * fmt.pitch_pt
        if self.continued_from:
            note = self.ts.lines(f"（上接第{self.continued_from}版）", "body", fmt.body_pt, fmt.column_pt)
            module.texts.append(TextBlock(x0, y_body, fmt.column_pt, fmt.body_pt, fmt.pitch_pt, note,
                                          "start", "body", "jump"))
            y_body += fmt.pitch_pt
            head_rows += 1
        offsets = [0] * span
        if choice.figure is not None:
            offsets = self._paint_figure(module, choice.figure, choice.figure_rows, x0, y_body)
        body_rows = rows - head_rows
        lines = list(self.lines)
        rest = None
        lengths: list[int] | None
        if cut:
            placed = _text_capacity(offsets, body_rows) - 1
            lines, rest_lines = lines[:placed], tuple(lines[placed:])
            rest = ArticleItem(self.ts, max(self.rank, 3), self.article, rest_lines, continued_from=page,
                               cap_pt=self.cap_pt)
            lengths = [max(0, body_rows - o) for o in offsets]
            lengths[-1] -= 1
        else:
            lengths = None
            text_rows = _rows_for_lines(offsets, len(lines))
            for candidate in range(body_rows, text_rows - 1, -1):   # the columns as even as they go
                lengths = column_lengths(tuple(lines), offsets, candidate, self._most_short())
                if lengths is not None:
                    break
            if lengths is None:     # no balanced setting: as even as the columns allow
                lengths = _even_lengths(len(lines), [max(0, body_rows - o) for o in offsets])
        module.lines_placed = len(lines)
        module.placed_chars[self.article.id] = sum(len(line.text) for line in lines)
        remaining = lines
        for c in range(span):
            chunk, remaining = remaining[:lengths[c]], remaining[lengths[c]:]
            if chunk:
                module.texts.append(TextBlock(x0 + fmt.column_x(c), y_body + offsets[c] * fmt.pitch_pt,
                                              fmt.column_pt, fmt.body_pt, fmt.pitch_pt, tuple(chunk)))
        if remaining:
            raise AssertionError(f"make-up: {len(remaining)} lines of {self.article.id} left over")
        if cut:
            note = self.ts.lines(f"（下转第{jump_to}版）", "body", fmt.body_pt, fmt.column_pt)
            last_y = y_body + (body_rows - 1) * fmt.pitch_pt
            module.texts.append(TextBlock(x0 + fmt.column_x(span - 1), last_y, fmt.column_pt, fmt.body_pt,
                                          fmt.pitch_pt, note, "end", "body", "jump"))
            module.jump_to = jump_to
        return module, rest

    def _realize_top(self, column, span, row, rows):
        fmt = self.fmt
        choice = self.choose_top(span, rows)
        if choice is None:
            raise AssertionError(f"make-up: {self.article.id} cannot take {rows} rows under its picture")
        x0, y0 = fmt.column_x(column), fmt.row_y(row)
        head = self.headline(span)
        module = Module(self.kind, self.ids, column, span, row, rows, head.title_pt, title=self.article.title)
        assert choice.figure is not None        # a picture over the headline is one of its choices
        self._paint_figure(module, choice.figure, choice.figure_rows, x0, y0)
        head_row = row + choice.figure_rows
        above = choice.extra // 2
        top = fmt.row_y(head_row) + (fmt.headline.space_rows + above) * fmt.pitch_pt \
            + (fmt.rows_for(head.height) * fmt.pitch_pt - head.height) / 2
        module.texts += [_shift(b, x0, top) for b in head.blocks]
        start = head_row + fmt.headline.space_rows + above
        module.headline_rows = (start, start + fmt.rows_for(head.height))
        y_body = fmt.row_y(head_row + head.rows(fmt) + choice.extra)
        lines = self.lines
        lengths = next((found for rows_ in range(choice.text_rows + choice.foot, choice.text_rows - 1, -1)
                        if (found := column_lengths(tuple(lines), [0] * span, rows_, self._most_short()))),
                       None) or _even_lengths(len(lines), [choice.text_rows + choice.foot] * span)
        remaining = list(lines)
        for c in range(span):
            chunk, remaining = remaining[:lengths[c]], remaining[lengths[c]:]
            if chunk:
                module.texts.append(TextBlock(x0 + fmt.column_x(c), y_body, fmt.column_pt, fmt.body_pt,
                                              fmt.pitch_pt, tuple(chunk)))
        module.lines_placed = len(lines)
        module.placed_chars[self.article.id] = sum(len(line.text) for line in lines)
        return module, None

    def _paint_figure(self, module: Module, figure: FigureOption, figure_rows: int, x0: float,
                      y_body: float) -> list[int]:
        """Pictures cropped to fill exactly `figure_rows` rows; the body's offsets."""
        fmt = self.fmt
        if figure.row:
            return self._paint_row(module, figure, figure_rows, x0, y_body)
        heights, fixed, pictures = self._figure_layout(figure.span)
        scale = (figure_rows * fmt.pitch_pt - fixed) / heights
        width = fmt.span_pt(figure.span)
        y = y_body
        for image, natural, caption in pictures:
            height = natural * scale
            crop = None             # cropped to the module by us, so the PDF holds what shows
            if scale < 0.999:
                crop = (0.0, (1 - scale) / 2, 1.0, 1 - (1 - scale) / 2)
            elif scale > 1.001:
                crop = ((1 - 1 / scale) / 2, 0.0, 1 - (1 - 1 / scale) / 2, 1.0)
            module.images.append(ImageBlock(image.path, x0, y, width, height, image.alt or image.caption, crop))
            y += height + fmt.picture["caption_gap"] * fmt.pitch_pt
            if caption:
                module.texts.append(TextBlock(x0, y, width, fmt.type["caption_pt"], fmt.pitch_pt, caption,
                                              "justify", "kai", "caption"))
                y += len(caption) * fmt.pitch_pt
            y += fmt.pitch_pt
        return [figure_rows if c < figure.span else 0 for c in range(module.span)]

    def _paint_row(self, module: Module, figure: FigureOption, figure_rows: int, x0: float,
                   y_body: float) -> list[int]:
        fmt = self.fmt
        natural, fixed, placed, caption = self._row_layout(figure.span)
        height = figure_rows * fmt.pitch_pt - fixed
        scale = height / natural
        crop = None
        if scale < 0.999:
            crop = (0.0, (1 - scale) / 2, 1.0, 1 - (1 - scale) / 2)
        elif scale > 1.001:
            crop = ((1 - 1 / scale) / 2, 0.0, 1 - (1 - 1 / scale) / 2, 1.0)
        for image, dx, width in placed:
            module.images.append(ImageBlock(image.path, x0 + dx, y_body, width, height,
                                            image.alt or image.caption, crop))
        if caption:
            y = y_body + height + fmt.picture["caption_gap"] * fmt.pitch_pt
            module.texts.append(TextBlock(x0, y, fmt.span_pt(figure.span), fmt.type["caption_pt"], fmt.pitch_pt,
                                          caption, "justify", "kai", "caption"))
        return [figure_rows if c < figure.span else 0 for c in range(module.span)]


def _author_apart(article: Article) -> tuple[Article, str | None]:
    """On a 副刊 page the author line (文/潮生: the byline, or a leading `author`
    paragraph) stands on its own line under the title, not in the text."""
    author = article.byline
    paragraphs = article.paragraphs
    if paragraphs and paragraphs[0].kind == "author":
        author = " ".join(filter(None, (author, paragraphs[0].text)))
        paragraphs = paragraphs[1:]
    if author is None:
        return article, None
    return replace(article, byline=None, paragraphs=tuple(paragraphs)), author


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
        fmt, a, t = self.fmt, self.article, self.fmt.teaser
        width = fmt.span_pt(span) - 2 * fmt.gutter_pt
        size = fmt.type["teaser_title_pt"]
        small = fmt.headline.small_size(size)
        blocks, y = [], 0.0
        if a.kicker:
            lines, _ = self.ts.display_lines(a.kicker, "sans", small, width, fmt.headline.small_max_lines)
            blocks.append(TextBlock(0, y, width, small, small * t["small_leading"], lines, "center", "sans",
                                    "kicker"))
            y += len(lines) * small * t["small_leading"] + t["small_gap_pt"]
        lines, _ = self.ts.display_lines(a.title, "headline", size, width, fmt.headline.title_max_lines + 1)
        blocks.append(TextBlock(0, y, width, size, size * t["title_leading"], lines, "center", "headline",
                                "title", a.title))
        y += len(lines) * size * t["title_leading"]
        if a.subtitle:
            lines, _ = self.ts.display_lines(a.subtitle, "sans", small, width, fmt.headline.small_max_lines)
            blocks.append(TextBlock(0, y, width, small, small * t["small_leading"], lines, "center", "sans",
                                    "subtitle"))
            y += len(lines) * small * t["small_leading"]
        y += t["pointer_gap_pt"]
        size = fmt.type["pointer_pt"]
        assert a.teaser is not None             # a teaser item stands for an article with a teaser
        pointer = self.ts.lines(f"详见第{chinese_numeral(a.teaser)}版", "kai", size, width, align="center")
        blocks.append(TextBlock(0, y, width, size, size * t["pointer_leading"], pointer, "center", "kai",
                                "pointer"))
        y += size * t["pointer_leading"]
        return blocks, y

    def _measure(self, span: int) -> int:
        _, height = self._blocks(span)
        return self.fmt.rows_for(height) + self.fmt.teaser["padding_rows"]

    def elastic_rows(self, span: int) -> int:
        return self.fmt.teaser["max_extra_rows"]

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

    @property
    def text_chars(self) -> int:
        return sum(m.text_chars for m in self.members)

    def _overhead(self) -> int:
        return 1 + self.fmt.banner_rows + (len(self.members) - 1) * self.fmt.module_gap_rows + 1

    def _measure(self, span: int) -> int:
        return self._overhead() + sum(m.natural_rows(span) for m in self.members)

    def _height_options(self, span: int) -> Intervals:
        total: Intervals = ((self._overhead(), self._overhead()),)
        for member in self.members:
            total = add(total, member.heights(span))
            if not total:
                return ()
        return total

    def head_rows(self, span: int) -> int:
        return 1 + self.fmt.banner_rows + self.members[0].head_rows(span)

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
        banner_w = min(fmt.span_pt(span),
                       len(self.column) * size * fmt.banner["char_width"] + fmt.banner["padding_em"] * size)
        module.boxes.append(Box(x0 - half, y0, banner_w, fmt.banner_rows * fmt.pitch_pt, 0, "banner", "banner"))
        label = self.ts.lines(self.column, "sans", size, banner_w, align="center")
        module.texts.append(TextBlock(x0 - half, y0 + (fmt.banner_rows * fmt.pitch_pt - size * 1.2) / 2,
                                      banner_w, size, size * 1.2, label, "center", "sans", "banner"))
        inner = rows - self._overhead()
        if jump_to is None:
            heights = decompose([m.heights(span) for m in self.members],
                                [m.natural_rows(span) for m in self.members], inner)
            if heights is None:
                raise AssertionError(f"make-up: group {self.column} cannot take {rows} rows")
        else:
            heights = [m.natural_rows(span) for m in self.members[:-1]]
            heights.append(inner - sum(heights))
        current = row + 1 + fmt.banner_rows
        rest = None
        for index, (member, own) in enumerate(zip(self.members, heights)):
            last = index == len(self.members) - 1
            part, rest_part = member.realize(column, span, current, own, page, jump_to if last else None)
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


class FramedItem(Item):
    """An article in a thin frame (加框): how a desk keeps a headline from standing
    bare beside a neighbour's at one height (碰题). The frame runs in the middle
    of the gutters around the module and half a row under its last line."""

    kind = "article"
    boxed = True

    def __init__(self, inner: ArticleItem):
        super().__init__(inner.ts, inner.rank)
        self.inner = inner
        self.article = inner.article

    @property
    def ids(self) -> tuple[str, ...]:
        return self.inner.ids

    @property
    def body_line_count(self) -> int:
        return self.inner.body_line_count

    @property
    def text_chars(self) -> int:
        return self.inner.text_chars

    def _measure(self, span: int) -> int:
        return self.inner.natural_rows(span) + 1

    def _height_options(self, span: int) -> Intervals:
        return tuple((lo + 1, hi + 1) for lo, hi in self.inner.heights(span))

    def head_rows(self, span: int) -> int:
        return self.inner.head_rows(span)

    def realize(self, column, span, row, rows, page, jump_to):
        fmt = self.fmt
        module, _ = self.inner.realize(column, span, row, rows - 1, page, None)
        module.rows = rows
        half = fmt.gutter_pt / 2
        module.boxes.append(Box(fmt.column_x(column) - half, fmt.row_y(row), fmt.span_pt(span) + 2 * half,
                                rows * fmt.pitch_pt - fmt.pitch_pt * 0.5, fmt.rules["box_rule_pt"], "rule"))
        return module, None


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
