"""Line breaking and fitting: the lines of a paragraph at a measure, each exactly fitted.

Every candidate line is priced by how it would be made to fit (`_fit`), in this
order of preference:

1. halve punctuation pairs (`。”`, `）、`, `，“`: the blank halves that meet);
2. halve the line-end mark (what lets a line pull up a mark that may not start
   the next one: push-in), or an opening bracket at the line start;
3. halve single marks inside the line, narrow the quarter-em Han–Latin spaces;
4. otherwise spread the shortfall evenly over the gaps between pieces (push-out).
   Ideographs are never squeezed and Latin words never letter-spaced.

Breaks are chosen to minimise the total price of the paragraph (as Knuth and
Plass do for Latin text), so one awkward spot is absorbed by the lines around it
instead of by one very loose line. The search stays small: a line can only end
at the few breaks around the measure, and line endings are visited cheapest
first, so none that costs more than the best paragraph is ever expanded.

No line that breaks a kinsoku rule is ever a candidate. A line wider than the
measure is priced above everything (it only happens when one unbreakable unit
is wider than the measure), and an emergency break inside a Latin word above any
amount of stretching.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from heapq import heappop, heappush
from typing import Sequence, cast

from .lines import DROP, HALT, Line, Piece, Run
from .segment import Prepared, prepare, unit_advance

EPS = 1e-6

# Prices (arbitrary units: only their order and ratios matter).
PAIR = 1.0            # a punctuation pair at half width
END = 2.0             # the line-end mark at half width
START = 3.0           # an opening bracket at the line start at half width
MID = 30.0            # a single mark inside the line at half width (only to avoid a
                      # push-out of half an em or more)
GLUE = 8.0            # per em the Han–Latin spaces are narrowed
STRETCH = 1000.0      # × (em added)² / gaps: convex, so looseness is shared between lines
STRETCH_CAP = 1e4
UNJUSTIFIABLE = 1e4   # + STRETCH × em: a short non-final line with no gap to widen
RAGGED = 10.0         # × (em short)², ragged (headline) lines
WIDOW = 300.0         # a last line with a single character (孤字): dearer than spreading
                      # a full line by 1.5 em (≈190) or two lines by 1 em each, cheaper
                      # than 2 em over 8 gaps (500). At 50 one paragraph in 17 ended so.
EMERGENCY = 1e6       # a break inside a Latin word
OVERFULL = 1e8        # × (1 + em over): a line wider than the measure

JUSTIFY, RAGGED_LINE, LAST_LINE = range(3)
ALIGNS = ("justify", "start", "center", "end")


def line_facts(P: Prepared, s: int, v: int, d: float, hls: float) -> tuple:
    """What `_fit` needs to know about the painted part (units s to v-1) of a line
    whose advances overshoot the measure by `d` em: d with the Han–Latin spaces,
    then what each kind of compression could save, the glue, the gap count."""
    b = v - 1
    if b > s:
        glue = (P.GLp[b] - P.GLp[s]) * hls
        inner = b > s + 1
        i, j = P.pairs_in(s, b)
        return (d + glue, j - i, P.PSp[j] - P.PSp[i], P.end_save[b],
                P.start_save[s], P.MDp[b] - P.MDp[s + 1] if inner else 0,
                P.MAp[b] - P.MAp[s + 1] if inner else 0.0, glue, P.GPp[b] - P.GPp[s])
    return d, 0, 0.0, P.end_save[s], P.start_save[s], 0, 0.0, 0.0, 0


def _fit(d: float, pairs: int, pair_save: float, end_save: float, start_save: float,
         mids: int, mid_save: float, glue: float, gaps: int, mode: int):
    """How to make a line whose natural width is `d` em over the measure fit.

    Halving marks comes in steps, tried cheapest first (pairs, the end mark, the
    start bracket, single inner marks); the Han–Latin spaces (`glue` em in all)
    narrow continuously. Returns (price, pairs halved, end halved, start halved,
    inner marks halved, em of glue taken, em left over: spread between the pieces
    when justifying, else left blank), or None when even full compression leaves
    the line too wide."""
    if d <= EPS:
        short = -d if d < 0 else 0.0
        return _price_short(short, gaps, mode), 0, False, False, 0, 0.0, short
    if d > pair_save + end_save + start_save + mid_save + glue + EPS:
        return None
    steps = [(PAIR, pair_save / pairs)] * pairs if pairs else []
    if end_save:
        steps.append((END, end_save))
    if start_save:
        steps.append((START, start_save))
    if mids:
        steps += [(MID, mid_save / mids)] * mids
    best = None
    used = price = 0.0
    for k in range(len(steps) + 1):
        if k:
            price += steps[k - 1][0]
            used += steps[k - 1][1]
        rest = d - used
        if rest > glue + EPS:
            continue
        if rest >= -EPS:
            option = (price + GLUE * max(rest, 0.0), k, max(rest, 0.0), 0.0)
        else:
            option = (price + _price_short(-rest, gaps, mode), k, 0.0, -rest)
        if best is None or option[0] < best[0]:
            best = option
        if rest < 0:
            break
    if best is None:
        return None
    price, k, narrowed, short = best
    halved_pairs = min(k, pairs)
    k -= halved_pairs
    halved_end = bool(end_save) and k > 0
    k -= halved_end
    halved_start = bool(start_save) and k > 0
    k -= halved_start
    return price, halved_pairs, halved_end, halved_start, k, narrowed, short


def _price_short(short: float, gaps: int, mode: int) -> float:
    if short <= EPS or mode == LAST_LINE:
        return 0.0
    if mode == RAGGED_LINE:
        return RAGGED * short * short
    if gaps:
        return min(STRETCH * short * short / gaps, STRETCH_CAP)
    return UNJUSTIFIABLE + STRETCH * short


def _as_runs(runs: str | Run | Sequence[Run]) -> tuple[Run, ...]:
    if isinstance(runs, str):
        return (Run(runs),)
    if isinstance(runs, Run):
        return (runs,)
    return tuple(runs)


class Composer:
    """Composes paragraphs into lines. Font metrics are loaded per role on first use
    and shared module-wide; prepared paragraphs are cached here (most recently used
    kept), because the make-up asks for the same text at several widths."""

    def __init__(self, han_latin_space: float = 0.25, lookback: int = 2, cache_size: int = 4096):
        self.han_latin_space = han_latin_space   # em between Han and Latin letters/digits (clreq)
        self.lookback = lookback                 # how many shorter line endings to try
        self._cache: OrderedDict[tuple, Prepared] = OrderedDict()
        self._cache_size = cache_size

    # -- public API -------------------------------------------------------------

    def compose(self, runs: str | Run | Sequence[Run], measure: float, indent: float = 2.0,
                align: str = "justify", hang: float = 0.0) -> list[Line]:
        """The lines of one paragraph. `measure`, `indent` (of the first line) and
        `hang` (of every other line: a verse line's turn-overs) are in em. `align`:
        justify, or ragged lines set at the start, centred or at the end."""
        measure, indent, hang = float(measure), float(indent), float(hang)
        prepared, path = self._solve(runs, measure, indent, align, hang)
        return self._build(prepared, path, measure, indent, align, hang)

    def count_lines(self, runs: str | Run | Sequence[Run], measure: float, indent: float = 2.0,
                    align: str = "justify", hang: float = 0.0) -> int:
        """len(compose(...)), without building the lines."""
        return len(self._solve(runs, float(measure), float(indent), align, float(hang))[1])

    def cut(self, runs: str | Run | Sequence[Run], measure: float, lines: int,
            indent: float = 2.0) -> int:
        """How many characters of the paragraph its first `lines` lines hold: where to
        cut it to fill that many lines (the rest continues, composed with indent=0).
        The lines before the cut stay exactly as composed, the last one flush."""
        return sum(len(line.text) for line in self.compose(runs, measure, indent)[:max(lines, 0)])

    def clear_cache(self) -> None:
        self._cache.clear()

    # -- breaking ---------------------------------------------------------------

    def _prepare(self, runs: tuple[Run, ...], measure: float, indent: float) -> Prepared:
        """`indent`: the largest indent of any line (what a Latin word must fit beside)."""
        key = tuple((r.text, r.role) for r in runs)
        prepared = self._cache.get(key)
        if prepared is None:
            prepared = prepare(runs)
            self._cache[key] = prepared
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        # Latin words that may not fit beside their neighbours get emergency break
        # points (used only when nothing else fits). Rare, so not cached.
        limit = max(measure - indent - 2.0, 0.0)
        if prepared.widest_latin > limit:
            prepared = prepare(runs, split_wider_than=limit)
        return prepared

    def _solve(self, runs, measure: float, indent: float, align: str,
               hang: float = 0.0) -> tuple[Prepared, list[int]]:
        """The paragraph and where each of its lines ends."""
        if align not in ALIGNS:
            raise ValueError(f"align must be one of {', '.join(ALIGNS)}, not {align!r}")
        P = self._prepare(_as_runs(runs), measure, max(indent, hang))
        n = P.n
        if n == 0:
            return P, []
        candidates = self._candidates(P, measure, indent, align == "justify", hang)
        # Cheapest path from the start to the end over line endings (Dijkstra): only
        # the line endings reachable at less than the best total are ever looked at,
        # which in Chinese text, where most lines cost nothing, is about 1.5 a line.
        best = {0: 0.0}
        back: dict[int, int] = {}
        queue = [(0.0, 0)]
        while queue:
            cost, s = heappop(queue)
            if s == n:
                break
            if cost > best[s]:
                continue            # reached again more cheaply since
            found = iter(candidates(s))
            for e, price in zip(found, found):      # (end, price) pairs of a flat list
                total = cost + price
                old = best.get(e)
                if old is None or total < old:
                    best[e] = total
                    back[e] = s
                    heappush(queue, (total, e))
        path = [n]
        while path[-1]:
            path.append(back[path[-1]])
        path.pop()
        path.reverse()
        return P, path

    def _candidates(self, P: Prepared, measure: float, indent: float, justify: bool,
                    hang: float = 0.0):
        """A function: start position -> [end, price, end, price …] of the lines worth
        trying (flat: the search makes thousands, and tuples would feed the GC)."""
        n = P.n
        W, B, WB, GLp, GPp = P.W, P.breaks, P.WB, P.GLp, P.GPp
        MDp, MAp, pairs, PSp = P.MDp, P.MAp, P.pairs, P.PSp
        all_pairs = PSp[-1]     # what every pair of the paragraph saves: a bound for one line
        end_save, start_save = P.end_save, P.start_save
        visible, emergency = P.visible, P.emergency
        hls = self.han_latin_space
        lookback = self.lookback
        inner_mode = JUSTIFY if justify else RAGGED_LINE
        fast = justify and not visible
        nB = len(B)

        def price(s: int, e: int) -> float | None:
            """The price of the line from s to e, None if it cannot be made to fit."""
            ind = indent if s == 0 else hang
            v = visible.get(e, e) if visible else e
            if v <= s:
                return 0.0
            last = e == n
            mode = LAST_LINE if last else inner_mode
            d = W[v] - W[s] + ind - measure
            b = v - 1
            if b > s:
                glue = (GLp[b] - GLp[s]) * hls
                d += glue
                gaps = GPp[b] - GPp[s]
                if d <= EPS and mode == JUSTIFY:       # no compression: only stretch
                    if d >= -EPS:
                        return 0.0
                    if gaps:
                        cost = STRETCH * d * d / gaps
                        return cost if cost < STRETCH_CAP else STRETCH_CAP
                    return UNJUSTIFIABLE - STRETCH * d
                inner = b > s + 1
                mids = MDp[b] - MDp[s + 1] if inner else 0
                mid_save = MAp[b] - MAp[s + 1] if inner else 0.0
                if pairs:
                    i, j = bisect_right(pairs, s), bisect_right(pairs, b)
                    key = (d, j - i, PSp[j] - PSp[i], end_save[b], start_save[s], mids, mid_save,
                           glue, gaps, mode)
                else:
                    key = (d, 0, 0.0, end_save[b], start_save[s], mids, mid_save, glue, gaps, mode)
            else:
                key = (d, 0, 0.0, end_save[s], start_save[s], 0, 0.0, 0.0, 0, mode)
            fit = _cached_fit(key)
            if fit is None:
                return None
            if last and s and P.content_units(s, v) <= 1:
                return fit[0] + WIDOW
            return fit[0]

        def overfull(s: int, e: int) -> float:
            ind = indent if s == 0 else hang
            v = visible.get(e, e) if visible else e
            d, _, pair_save, end, start, _, mid_save, glue, _ = line_facts(
                P, s, v, W[v] - W[s] + ind - measure, hls)
            return OVERFULL * (1.0 + max(d - pair_save - end - start - mid_save - glue, 0.0))

        def candidates(s: int) -> list:
            ind = indent if s == 0 else hang
            lo = bisect_right(B, s)
            # Lines ending before `hi` fit even uncompressed (their advances alone
            # do): try the longest few of them, and the next one, compressed.
            limit = W[s] + measure - ind
            hi = bisect_right(WB, limit + EPS, lo)
            found: list[float] = []     # end, cost, end, cost ...
            for i in range(hi - lookback if hi - lookback > lo else lo, hi + 1 if hi < nB else hi):
                e = B[i]
                if fast and e < n:           # a justified inner line, no hanging spaces
                    b = e - 1
                    d = W[e] - limit
                    if b > s:
                        d += (GLp[b] - GLp[s]) * hls
                    if d > (MAp[e] - MAp[s] + end_save[b] + start_save[s] + all_pairs + EPS
                            + (GLp[b] - GLp[s]) * hls):
                        continue             # too wide even with every mark halved
                    if d <= EPS:
                        if d >= -EPS:
                            cost = 0.0
                        else:
                            gaps = GPp[b] - GPp[s] if b > s else 0
                            if gaps:
                                cost = STRETCH * d * d / gaps
                                if cost > STRETCH_CAP:
                                    cost = STRETCH_CAP
                            else:
                                cost = UNJUSTIFIABLE - STRETCH * d
                        found.append(e)
                        found.append(cost)
                        continue
                priced = price(s, e)
                if priced is not None:
                    found.append(e)
                    found.append(priced)
            if found:
                return found
            fail = B[hi] if hi < nB else n
            # Nothing fits: break inside a Latin word, as far along as fits ...
            if emergency:
                first = bisect_right(emergency, s)
                j = bisect_left(emergency, fail)
                while j > first:
                    j -= 1
                    priced = price(s, emergency[j])
                    if priced is not None:
                        return [emergency[j], priced + EMERGENCY]
                if first < len(emergency) and emergency[first] < fail:
                    fail = emergency[first]
            # ... or take the shortest line there is, wider than the measure.
            return [fail, overfull(s, fail)]

        return candidates

    # -- building lines -----------------------------------------------------------

    def _build(self, P: Prepared, path: list[int], measure: float, indent: float,
               align: str, hang: float = 0.0) -> list[Line]:
        lines = []
        units, roles = P.units, P.roles
        hls = self.han_latin_space
        plain_units = P.one_role and bool(P.GPp) and P.GPp[-1] == P.n - 1   # no split Latin word
        justify = align == "justify"
        W, GLp = P.W, P.GLp
        n = P.n
        s = 0
        for e in path:
            last = e == n
            ind = indent if s == 0 else hang
            v = P.visible.get(e, e) if P.visible else e
            pieces: list[Piece] = []
            content = 0.0
            if v > s:
                b = v - 1
                mode = LAST_LINE if last else (JUSTIFY if justify else RAGGED_LINE)
                d = W[v] - W[s] + ind - measure
                if plain_units and d <= EPS and GLp[b] == GLp[s]:
                    # The common line: whole units of one role, one gap size.
                    gaps = b - s
                    spread = -d / gaps if (gaps and d < -EPS and mode == JUSTIFY) else 0.0
                    pieces = _pieces(units, s, v, roles[s], spread)
                    content = W[v] - W[s] + spread * gaps
                else:
                    facts = line_facts(P, s, v, d, hls)
                    fit = _cached_fit(facts + (mode,))
                    if fit is None:     # wider than the measure: compress all there is
                        fit = (0.0, facts[1], bool(facts[3]), bool(facts[4]), facts[5], facts[7], 0.0)
                    gaps = facts[8]
                    spread = fit[6] / gaps if (gaps and mode == JUSTIFY) else 0.0
                    if plain_units:
                        pieces = _pieces(units, s, v, roles[s], spread)
                        if any(fit[1:6]) or facts[7]:   # patch halved marks, Han–Latin spaces
                            _adjust(pieces, P, s, v, fit, spread, hls)
                    else:
                        pieces = _mixed_pieces(P, s, v, _halved(P, s, v, fit), spread,
                                               _glue(P, s, v, fit, hls))
                    content = sum(p.advance + p.gap_after for p in pieces)
            if e > v:           # spaces at the break: kept in the text, not painted
                pieces += [_piece(units[i], roles[i], 0.0, DROP, 0.0) for i in range(v, e)]
            lead = ind
            if align == "center":
                lead += max(measure - ind - content, 0.0) / 2
            elif align == "end":
                lead += max(measure - ind - content, 0.0)
            width = lead + content
            if not last and justify and abs(width - measure) < 1e-9:
                width = float(measure)
            lines.append(Line(tuple(pieces), lead, width, last))
            s = e
        return lines


def _halved(P: Prepared, s: int, v: int, fit: tuple) -> set[int]:
    """The units of the line from s to v that the fit sets at half width."""
    _, pairs, end, start, mids, _, _ = fit
    b = v - 1
    halved = set()
    if end:
        halved.add(b)
    if start:
        halved.add(s)
    first, last = P.pairs_in(s, b)      # pairs and inner marks nearest the line end first
    halved.update(P.pair_units[max(first, last - pairs):last])
    MDp = P.MDp
    k = b - 1
    while mids and k > s:
        if MDp[k + 1] > MDp[k]:
            halved.add(k)
            mids -= 1
        k -= 1
    return halved


def _glue(P: Prepared, s: int, v: int, fit: tuple, hls: float) -> float:
    """Each Han–Latin space of the line, after narrowing."""
    count = P.GLp[v - 1] - P.GLp[s] if v - 1 > s else 0
    return hls - fit[5] / count if count else 0.0


def _adjust(pieces: list[Piece], P: Prepared, s: int, v: int, fit: tuple, spread: float,
            hls: float) -> None:
    """Patch a line of whole units: Han–Latin spaces, then halved marks."""
    glue = _glue(P, s, v, fit, hls)
    if glue:
        glue_at = P.glue
        for k in range(s + 1, v):
            if glue_at[k]:
                p = pieces[k - 1 - s]
                pieces[k - 1 - s] = _piece(p.text, p.role, p.advance, p.compress, spread + glue)
    for i in _halved(P, s, v, fit):
        p = pieces[i - s]
        pieces[i - s] = _piece(p.text, p.role, P.half(i), HALT, p.gap_after)


def _mixed_pieces(P: Prepared, s: int, v: int, halved: set[int], spread: float,
                  glue: float) -> list[Piece]:
    """The pieces of a line in several roles or with a split Latin word."""
    units, roles, advance, glue_at, gap_at = P.units, P.roles, P.advance, P.glue, P.gap
    pieces = []
    i = s
    while i < v:
        j = i + 1
        while j < v and not gap_at[j]:      # the rest of a split word
            j += 1
        if j - i == 1:
            text = units[i]
            width, how = (P.half(i), HALT) if i in halved else (advance[i], None)
        else:
            text = "".join(units[i:j])
            width, how = sum(advance[i:j]), None
        after = 0.0
        if j < v:
            after = spread + glue if glue_at[j] else spread
        pieces.append(_piece(text, roles[i], width, how, after))
        i = j
    return pieces


def _cached_fit(key: tuple):
    fit = _FITS.get(key, _FITS)
    if fit is _FITS:
        if len(_FITS) > 100_000:
            _FITS.clear()
        fit = _FITS[key] = _fit(*key)
    return fit


# How to fit a line depends on a few numbers that repeat (in Chinese text most
# lengths are multiples of half an em): remembered, as the pieces are.
_FITS: dict[tuple, tuple | None] = {}

# Pieces are immutable and a text's pieces repeat (the same ideograph at the same
# spacing), so they are shared: creating them was most of the cost of composing.
_PIECES: dict[tuple, Piece] = {}
# (role, gap) -> unit text -> whole, uncompressed Piece: a line's pieces are then
# looked up in one C-speed map().
_TABLES: dict[tuple[str, float], dict[str, Piece]] = {}


def _piece(text: str, role: str, advance: float, compress: str | None, gap: float) -> Piece:
    key = (text, role, advance, compress, gap)
    piece = _PIECES.get(key)
    if piece is None:
        if len(_PIECES) > 200_000:
            _PIECES.clear()
        piece = _PIECES[key] = Piece(text, role, advance, compress, gap)
    return piece


def _pieces(units: list[str], s: int, v: int, role: str, gap: float) -> list[Piece]:
    """Units s … v-1 as whole pieces of one role, each followed by `gap` em but the last."""
    if gap:
        found = list(map((_TABLES.get((role, gap)) or _table(role, gap)).get, units[s:v - 1]))
        found.append((_TABLES.get((role, 0.0)) or _table(role, 0.0)).get(units[v - 1]))
    else:
        found = list(map((_TABLES.get((role, 0.0)) or _table(role, 0.0)).get, units[s:v]))
    if not all(found):                  # (identity, not Piece.__eq__)
        advance = unit_advance(role)
        for i, piece in enumerate(found):
            if piece is None:
                text = units[s + i]
                after = gap if i < len(found) - 1 else 0.0
                found[i] = _table(role, after)[text] = Piece(text, role, advance(text), None, after)
    return cast("list[Piece]", found)       # every None replaced above


def _table(role: str, gap: float) -> dict[str, Piece]:
    table = _TABLES.get((role, gap))
    if table is None:
        if len(_TABLES) > 2_000:
            _TABLES.clear()
        table = _TABLES[role, gap] = {}
    return table


def clear_caches() -> None:
    """Forget the shared pieces and fits (the font metrics stay loaded)."""
    _PIECES.clear()
    _TABLES.clear()
    _FITS.clear()
