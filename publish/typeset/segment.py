"""Text -> unbreakable units with widths, and what may happen between each two.

A paragraph becomes a row of units (an ideograph, a mark, a Latin word, `——`, a run
of spaces) and a row of junctions, one between each two units: may the line break
there, does a quarter-em Han–Latin space go there, may a justification gap go
there, does a punctuation pair meet there (`。”`) that can lose half an em. Prefix
sums over both rows let the line breaker price any candidate line in O(1).

Everything here depends on the text and the fonts only, not on the measure, so one
Prepared paragraph serves every width the make-up tries. Latin words are split into
characters (emergency break points) only when one is too wide for the measure.

Written for speed: an issue has tens of thousands of characters, so each array is
built in one pass, with C-level list/map/zip/accumulate wherever possible, and the
per-unit facts come from caches keyed by the unit's text.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress
from typing import Sequence

from .classes import (DASH, ELLIPSIS, HAN, LATIN, LATIN_CHAR, NO_END, NO_START, PUNCT, SPACE,
                      has_latin, has_space, kind_of, spaces_with_latin)
from .classes import units as cut_units
from .lines import Run
from .metrics import BLANK_LEFT, BLANK_RIGHT, NO_BLANK, metrics_for

# A unit's class: what the junction rules need to know about it, registered as a
# small int so that a junction is one dict lookup on (class before, class after).
_CLASSES: dict[tuple, int] = {}
_CLASS_LIST: list[tuple] = []
_CLASS_KIND: list[int] = []
# role -> unit text -> (advance, class id, saved by halving it at a line end, at a
# line start, either, class id << 12)
_UNITS: dict[str, dict[str, tuple]] = {}
# (class before << 12 | class after) -> (may break, Han–Latin space,
# which unit a punctuation pair there may halve: -1 none, 0 the one before, 1 after)
_JUNCTIONS: dict[int, tuple[bool, bool, int]] = {}

CONTENT_KINDS = (HAN, LATIN, DASH, ELLIPSIS)


def _class_id(key: tuple) -> int:
    cid = _CLASSES.get(key)
    if cid is None:
        cid = _CLASSES[key] = len(_CLASS_LIST)
        _CLASS_LIST.append(key)
        _CLASS_KIND.append(key[0])
    return cid


def _measure(role: str, unit: str) -> tuple:
    """Width and class of a unit in a role's font (cached)."""
    metrics = metrics_for(role)
    kind = kind_of(unit)
    if kind == SPACE:       # painted as plain spaces (paint.py), measured so
        advance = len(unit) * metrics.advance(" ")
    else:
        advance = metrics.advance(unit)
    half, side = advance, NO_BLANK
    if kind == PUNCT and len(unit) == 1 and (unit in NO_START or unit in NO_END):
        half, side = metrics.halt(unit)
    key = (kind, unit[0] in NO_START, unit[-1] in NO_END, side,
           kind == LATIN and spaces_with_latin(unit[0]), kind == LATIN and spaces_with_latin(unit[-1]))
    cid = _class_id(key)
    end = advance - half if side == BLANK_RIGHT else 0.0
    start = advance - half if side == BLANK_LEFT else 0.0
    found = _UNITS.setdefault(role, {})[unit] = (advance, cid, end, start, end + start, cid << 12)
    return found


def unit_advance(role: str):
    """A function: unit text -> its advance in the role's font."""
    known = _UNITS.setdefault(role, {})

    def advance(unit: str) -> float:
        return (known.get(unit) or _measure(role, unit))[0]
    return advance


def _junction(before: int, after: int) -> tuple[bool, bool, int]:
    a_kind, _, a_noend, a_side, _, a_lat_last = _CLASS_LIST[before]
    b_kind, b_nostart, _, b_side, b_lat_first, _ = _CLASS_LIST[after]
    # (two Latin, dash or ellipsis units in a row: one word or mark split between runs)
    may_break = not (b_kind == SPACE or b_nostart or a_noend
                     or (a_kind == b_kind and a_kind in (LATIN, DASH, ELLIPSIS)))
    han_latin = ((a_kind == HAN and b_kind == LATIN and b_lat_first)
                 or (a_kind == LATIN and b_kind == HAN and a_lat_last))
    squeeze = -1
    if a_kind == PUNCT and b_kind == PUNCT:
        if a_side == BLANK_RIGHT:      # 。” ，“ ）、: the first mark's blank meets the next
            squeeze = 0
        elif b_side == BLANK_LEFT:     # “《: the second mark's blank meets the first's ink
            squeeze = 1
    found = _JUNCTIONS[before << 12 | after] = (may_break, han_latin, squeeze)
    return found


@dataclass(frozen=True, eq=False)
class Prepared:
    """A paragraph as units and junctions. Unit i sits between positions i and i+1;
    junction k is between units k-1 and k. Prefix arrays (…p) over junctions are
    indexed so that the junctions inside the line from position s to v (s+1 … v-1)
    count X[v-1] - X[s]; prefix arrays over units so that units s … v-1 count
    X[v] - X[s]."""

    units: list[str]
    roles: list[str]
    cids: list[int]              # class of each unit
    advance: list[float]
    end_save: list[float]        # what halving unit i saves at a line end (blank on the right)
    start_save: list[float]      # what halving unit i saves at a line start (blank on the left)
    W: list[float]               # W[i] = sum of advances of the units before position i
    breaks: list[int]            # positions where a line may end (ascending, ends with n)
    WB: list[float]              # W at each break
    emergency: list[int]         # break points inside over-long Latin words (last resort)
    glue: list[bool]             # a Han–Latin space goes at junction k
    gap: list[bool]              # a justification gap may go at junction k (not inside a word)
    GLp: list[int]               # junctions: Han–Latin spaces
    GPp: list[int]               # junctions: gaps
    pairs: list[int]             # junctions where a punctuation pair may lose half an em (rare)
    pair_units: list[int]        # the unit each of them halves
    PSp: list[float]             # prefix sums of what they save (em), over `pairs`
    MDp: list[int]               # units: marks that no pair claims, which may be halved anywhere
    MAp: list[float]             # units: what halving them saves (em)
    visible: dict[int, int]      # break position after spaces -> where the painted line ends
    one_role: bool               # all units in one font role
    widest_latin: float          # the widest Latin word (em), to decide on emergency splits

    @property
    def n(self) -> int:
        return len(self.units)

    @cached_property
    def kinds(self) -> list[int]:
        return list(map(_CLASS_KIND.__getitem__, self.cids))

    def half(self, i: int) -> float:
        """Unit i's advance at half width."""
        return self.advance[i] - self.end_save[i] - self.start_save[i]

    def pairs_in(self, s: int, b: int) -> tuple[int, int]:
        """Indexes into `pairs` of the pairs at junctions s+1 … b (inside a line)."""
        return bisect_right(self.pairs, s), bisect_right(self.pairs, b)

    def content_units(self, start: int, end: int) -> int:
        """Units between two positions that are not marks or spaces."""
        kinds = self.kinds
        return sum(1 for i in range(start, end) if kinds[i] in CONTENT_KINDS)


def prepare(runs: Sequence[Run], split_wider_than: float | None = None) -> Prepared:
    """Units and junctions of a paragraph given as runs. Latin words wider than
    `split_wider_than` em are split into characters joined by emergency breaks."""
    units: list[str] = []
    roles: list[str] = []
    infos: list[tuple] = []
    inside_word: list[int] = []          # junctions inside a split Latin word
    spaces = latin = False
    for run in runs:
        if not run.text:
            continue
        role = run.role
        known = _UNITS.get(role)
        if known is None:
            metrics_for(role)            # fail early on an unknown role
            known = _UNITS.setdefault(role, {})
        tokens = cut_units(run.text)
        cached = [known.get(t) for t in tokens]
        found = [f or _measure(role, t) for f, t in zip(cached, tokens)]
        if split_wider_than is not None:
            tokens, found = _split_long_words(role, tokens, found, split_wider_than,
                                              len(units), inside_word)
        if units:
            units += tokens
            roles += [role] * len(tokens)
            infos += found
        else:
            units, roles, infos = tokens, [role] * len(tokens), found
        spaces = spaces or has_space(run.text)
        latin = latin or has_latin(run.text)
    n = len(units)
    if not n:
        return Prepared(units, roles, cids=[], advance=[], end_save=[], start_save=[], W=[0.0],
                        breaks=[0], WB=[0.0], emergency=[], glue=[], gap=[], GLp=[], GPp=[],
                        pairs=[], pair_units=[], PSp=[0.0], MDp=[0], MAp=[0.0], visible={},
                        one_role=True, widest_latin=0.0)
    advance, cids, end_save, start_save, saves, shifted = map(list, zip(*infos))
    W = list(accumulate(advance, initial=0.0))

    junctions = list(map(_JUNCTIONS.get, map(int.__add__, shifted, cids[1:])))
    if not all(junctions):
        junctions = [j or _junction(a, b) for j, a, b in zip(junctions, cids, cids[1:])]
    junctions.insert(0, (False, False, -1))          # junction 0, before the first unit
    may_break, glue, rel = map(list, zip(*junctions))
    gap = [True] * n
    gap[0] = False
    emergency: list[int] = []
    if inside_word:
        for k in inside_word:
            may_break[k] = glue[k] = gap[k] = False
        emergency = [k for k in inside_word
                     if units[k][0] not in NO_START and units[k - 1][-1] not in NO_END]

    # A break after spaces: the spaces hang at the line end (not painted) and the
    # mark before them decides whether the line may end there.
    visible: dict[int, int] = {}
    if spaces:
        _hang_spaces(units, [_CLASS_KIND[c] for c in cids], may_break, visible)

    breaks = list(compress(range(n), may_break))
    breaks.append(n)
    pairs: list[int] = []
    pair_units: list[int] = []
    if max(rel) >= 0:          # punctuation pairs: where, and the unit each halves
        found_pairs = []
        for which in (0, 1):
            k = 0
            try:
                while True:
                    k = rel.index(which, k + 1)
                    found_pairs.append((k, k - 1 + which))
            except ValueError:
                pass
        found_pairs.sort()
        pairs = [k for k, _ in found_pairs]
        pair_units = [t for _, t in found_pairs]
    PSp = list(accumulate((saves[t] for t in pair_units), initial=0.0))
    for t in pair_units:
        saves[t] = 0.0           # claimed by its pair, not halved on its own
    if True in map(bool, saves):
        MDp = list(accumulate(map(bool, saves), initial=0))
        MAp = list(accumulate(saves, initial=0.0))
    else:
        MDp, MAp = [0] * (n + 1), [0.0] * (n + 1)
    return Prepared(
        units=units, roles=roles, cids=cids, advance=advance,
        end_save=end_save, start_save=start_save, W=W,
        breaks=breaks, WB=list(map(W.__getitem__, breaks)), emergency=emergency,
        glue=glue, gap=gap,
        GLp=list(accumulate(glue)) if True in glue else [0] * n,
        GPp=list(accumulate(gap)) if inside_word else list(range(n)),
        pairs=pairs, pair_units=pair_units, PSp=PSp, MDp=MDp, MAp=MAp, visible=visible,
        one_role=roles.count(roles[0]) == n,
        widest_latin=_widest_latin(cids, advance) if latin else 0.0,
    )


def _hang_spaces(units, kinds, may_break, visible) -> None:
    """Record where the painted line ends for each break after spaces, and forbid
    the break when the last mark before the spaces is an opening one."""
    n = len(units)
    for i, kind in enumerate(kinds):
        if kind == SPACE and (i + 1 == n or kinds[i + 1] != SPACE):
            start = i
            while start > 0 and kinds[start - 1] == SPACE:
                start -= 1
            visible[i + 1] = start
            if i + 1 < n and start > 0 and units[start - 1][-1] in NO_END:
                may_break[i + 1] = False


def _widest_latin(cids: list[int], advance: list[float]) -> float:
    return max((a for a, c in zip(advance, cids) if _CLASS_KIND[c] == LATIN), default=0.0)


def _split_long_words(role, tokens, found, limit, offset, inside_word):
    """Replace Latin words wider than `limit` by their characters, recording the
    junctions inside them (numbered from `offset`, the units before this run)."""
    out_tokens: list[str] = []
    out_found: list[tuple] = []
    known = _UNITS[role]
    for token, info in zip(tokens, found):
        if info[0] > limit and _CLASS_KIND[info[1]] == LATIN:
            chars = LATIN_CHAR.findall(token)
            first = offset + len(out_tokens)
            inside_word.extend(range(first + 1, first + len(chars)))
            out_tokens += chars
            out_found += [known.get(c) or _measure(role, c) for c in chars]
        else:
            out_tokens.append(token)
            out_found.append(info)
    return out_tokens, out_found
