"""duplicates: drop repeated paragraphs and the broken-off pieces of kept ones.

Paragraphs are compared without their bylines. A paragraph whose exact text
was kept before is dropped: anywhere in the same article, and in another
article too when it is at least ten characters long and not a signature (a
short line can legitimately recur). A paragraph
that is the beginning or the end of a longer kept one (重要意义。, a copy cut
off at the end of the file) is dropped the same way, if at least four
characters long. What is dropped is therefore always text that is kept
elsewhere; the journal names the line of the kept copy. Photo credits and box
labels are never dropped: one photographer's name under two pictures is two
credits. A dropped copy's
byline is not dropped with it: it moves to the kept copy when that opens an
article without a byline, and otherwise stays on its own, unless the article
already has it.

Exact copies go through a hash table; beginnings and ends through sorted
lists of the texts and of the reversed texts, where everything a text
begins is a neighbour of it. Both are near-linear, so a file of megabytes of
repeats stays fast.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Set
from dataclasses import replace

from .draft import Draft, Para, Run, with_runs
from .journal import Journal
from .teasers import teaser_page
from .text import MIN_SHARED, TOPIC_CHARS, glue, is_signature, lean, pair_counts

MIN_FRAGMENT = 4
REPEATABLE = ("credit", "label")   # two pictures by one photographer, two boxes: both printed
BYLINE = "byline"
NEIGHBOURS = 64      # how far along the sorted texts a fragment's parent is looked for


def compared(para: Para) -> str:
    """What a paragraph is compared by: its text without a byline (a byline alone, as itself)."""
    return para.body or para.text


def _shared(para: Para) -> bool:
    text = compared(para)
    return len(text) >= MIN_SHARED and not is_signature(text) and not (para.byline and not para.body)


def _homes(draft: Draft) -> dict[str, Para]:
    """For text copied into several articles, the copy to keep: the one in the story
    its letter pairs lean to most (naive Bayes against each other story holding a
    copy), each story counted without any of the text copied across stories."""
    seen: dict[str, list[tuple[int, Para]]] = {}
    for index, article in enumerate(draft.articles):
        for para in article.paras():
            if _shared(para) and teaser_page(para.text) is None:
                seen.setdefault(compared(para), []).append((index, para))
    shared = {text: copies for text, copies in seen.items() if len({i for i, _ in copies}) > 1}
    if not shared:
        return {}
    counts: dict[int, Counter] = {}
    for index in {i for copies in shared.values() for i, _ in copies}:
        article = draft.articles[index]
        counts[index] = pair_counts(article.headline) + sum(
            (pair_counts(p.text[:TOPIC_CHARS]) for p in article.paras() if compared(p) not in shared), Counter())
    homes = {}
    for text, copies in shared.items():
        places = sorted({i for i, _ in copies})
        fits = [sum(lean(text, counts[here], counts[other]) for other in places if other != here)
                for here, _ in copies]
        homes[text] = copies[fits.index(max(fits))][1]  # the first of equals: index finds the first
    return homes


def apply(draft: Draft, journal: Journal) -> Draft:
    kept: list[tuple[int, Para]] = []              # (article line, paragraph)
    first_anywhere: dict[str, Para] = {}
    first_here: dict[tuple, Para] = {}
    dropped: dict[int, tuple[str, Para | int]] = {}  # id(para) -> why, and the kept copy
    homes = _homes(draft)
    for article in draft.articles:
        for para in article.paras():
            if teaser_page(para.text) is not None or para.kind in REPEATABLE:
                continue
            text = compared(para)
            copy = first_here.get((article.line, text))
            if copy is None and para.byline and not para.body:    # a byline alone, seen before
                copy = first_here.get((article.line, BYLINE, para.byline))
            if copy is None and _shared(para):
                home = homes.get(text)
                copy = first_anywhere.get(text) if home is None or home is para else home
            if copy is not None:
                dropped[id(para)] = ("duplicate", copy)
                continue
            if para.byline:
                first_here.setdefault((article.line, BYLINE, para.byline), para)
            first_here[(article.line, text)] = para
            first_anywhere.setdefault(text, para)
            kept.append((article.line, para))
    for ident, line in _fragments(kept).items():
        dropped[ident] = ("fragment", line)
    cuts = _cut_copies(kept, dropped)
    adopted, givers = _adoptions(draft, dropped)
    bylines = {(line, p.byline) for line, p in kept if p.byline and id(p) not in dropped}

    articles = []
    for article in draft.articles:
        body = []
        for para in article.paras():
            reason = dropped.get(id(para))
            if id(para) in cuts:
                copy, rest, line = cuts[id(para)]
                for number in copy.lines:
                    journal.fate(number, "fragment", of=line, text=copy.text)
                journal.record("dropped a copy cut at a column edge, glued to other text", copy.lines, of=line)
                para = rest
            if reason is None:
                if id(para) in adopted:
                    printed = adopted[id(para)][1]
                    byline = printed.rstrip()
                    para = replace(para, text=printed + para.text, byline=byline)
                    journal.record("took the byline of a dropped copy", para.lines, detail=byline)
                body.append(para)
                continue
            kind, original = reason
            line = original if isinstance(original, int) else original.line
            for index, (number, of) in enumerate(zip(para.lines, _counterparts(para, original))):
                # the dropped text itself, once, so the report shows what went
                where = {"text": para.text} if index == 0 else {"part_of": para.line}
                journal.fate(number, kind, of=of, **where)
            journal.record(f"dropped a {kind} of", para.lines, of=line)
            if para.byline and para.body and id(para) not in givers \
                    and (article.line, para.byline) not in bylines:
                # the story's text is kept elsewhere, but not who wrote it
                bylines.add((article.line, para.byline))
                body.append(Para(para.lines, (para.byline,), para.byline, para.run, para.byline))
                for number in para.lines:
                    journal.fates[number]["byline_kept"] = para.byline
        if len(body) != sum(len(r.paras) for r in article.runs) or any(
                a is not b for a, b in zip(body, article.paras())):
            article = with_runs(article, (Run(article.runs[0].key, tuple(body), article.line, own=True),))
        articles.append(article)
    return replace(draft, articles=tuple(articles))


def _cut_copies(kept: list[tuple[int, Para]], dropped: dict) -> dict[int, tuple[Para, Para, int]]:
    """Paragraphs that begin or end with a copy of kept text that a column edge cut off
    and the rejoin rule glued to other text (…开展界别委员 + 本次活动由…): id ->
    (the copy, the rest, the line of the kept text it copies)."""
    texts = [(compared(p), article, p.line) for article, p in kept if id(p) not in dropped]
    whole = {text: line for text, _, line in texts}
    forward = sorted(texts)
    backward = sorted((text[::-1], article, line) for text, article, line in texts)
    forward_keys = [entry[0] for entry in forward]
    backward_keys = [entry[0] for entry in backward]
    cuts = {}
    cut_lines: set[int] = set()        # paragraphs already cut: their whole text is no longer kept
    for article, para in kept:
        if id(para) in dropped or para.byline or len(para.pieces) < 2 or para.kind != "text":
            continue
        found = None
        # the longest copy first: at the head, then at the tail
        splits = [(k, True) for k in range(len(para.pieces) - 1, 0, -1)] + \
                 [(k, False) for k in range(1, len(para.pieces))]
        for k, at_head in splits:
            head, tail = glued(para.pieces[:k]), glued(para.pieces[k:])
            copy = head if at_head else tail
            if len(copy) < MIN_SHARED or is_signature(copy):
                continue
            line = whole.get(copy)
            if line in (para.line, None) or line in cut_lines:
                line = _longer(copy, para, article, True, forward, forward_keys, cut_lines) \
                    or _longer(copy[::-1], para, article, True, backward, backward_keys, cut_lines)
            if line is not None:
                found = (k, at_head, line)
                break
        if found is None:
            continue
        k, at_head, line = found
        copy_part = slice(0, k) if at_head else slice(k, None)
        rest_part = slice(k, None) if at_head else slice(0, k)
        cuts[id(para)] = (Para(para.lines[copy_part], para.pieces[copy_part], glued(para.pieces[copy_part]), para.run),
                          # a run of its own: the seams rule looks again at what it now meets
                          replace(para, lines=para.lines[rest_part], pieces=para.pieces[rest_part],
                                  text=glued(para.pieces[rest_part]), run=para.lines[rest_part][0]), line)
        cut_lines.add(para.line)
    return cuts


def glued(pieces) -> str:
    text = ""
    for piece in pieces:
        text = glue(text, piece) if text else piece
    return text


def _adoptions(draft: Draft, dropped: dict) -> tuple[dict[int, tuple[int, str]], set[int]]:
    """Kept paragraphs that take the byline of a dropped exact copy (id -> (article,
    byline)), and the copies that give theirs.

    The copy with the byline is the story's start; the kept one opens its
    article without a byline, so the byline belongs there rather than being
    lost with the copy."""
    openers: dict[int, int] = {}        # id of an article's first paragraph, if it has no byline
    for article in draft.articles:
        first = next((p for p in article.paras() if teaser_page(p.text) is None), None)
        if first is not None and first.byline is None and id(first) not in dropped:
            openers[id(first)] = article.line
    adopted: dict[int, tuple[int, str]] = {}
    givers: set[int] = set()
    for article in draft.articles:
        for para in article.paras():
            kind, copy = dropped.get(id(para), (None, None))
            if kind != "duplicate" or not (para.byline and para.body):
                continue
            if id(copy) in openers and id(copy) not in adopted:
                adopted[id(copy)] = (openers[id(copy)], para.text[: len(para.text) - len(para.body)])
            if id(copy) in adopted and adopted[id(copy)][1].strip() == para.byline:
                givers.add(id(para))
    return adopted, givers


def _counterparts(para: Para, copy: Para | int) -> list[int]:
    """For each line of a dropped copy, the kept line it repeats: line by line when
    both were broken the same way, else the kept paragraph's first line."""
    if isinstance(copy, Para) and copy.pieces == para.pieces:
        return list(copy.lines)
    line = copy if isinstance(copy, int) else copy.line
    return [line] * len(para.lines)


def _fragments(kept: list[tuple[int, Para]]) -> dict[int, int]:
    """id(para) -> line of the kept paragraph it is a beginning or an end of."""
    # a piece may be cut from a paragraph's text or from its byline (its own line when written)
    texts = [(text, article, para.line) for article, para in kept
             for text in {compared(para), para.byline or compared(para)}]
    forward = sorted(texts)
    backward = sorted((text[::-1], article, line) for text, article, line in texts)
    forward_keys = [entry[0] for entry in forward]
    backward_keys = [entry[0] for entry in backward]
    parent: dict[int, int] = {}
    parent_of_line: dict[int, int] = {}
    for article, para in kept:
        text = compared(para)
        if len(text) < MIN_FRAGMENT or is_signature(text) or (para.byline and not para.body):
            continue
        across = _shared(para)
        line = (_longer(text, para, article, across, forward, forward_keys)
                or _longer(text[::-1], para, article, across, backward, backward_keys))
        if line is not None:
            parent[id(para)] = line
            parent_of_line[para.line] = line
    # a piece of a piece: name the paragraph that is finally kept
    for ident, line in parent.items():
        seen = 0
        while line in parent_of_line and seen < len(parent_of_line):
            line = parent_of_line[line]
            seen += 1
        parent[ident] = line
    return parent


def _longer(text: str, para: Para, article: int, across: bool, entries: list,
            keys: list[str], exclude: Set[int] = frozenset()) -> int | None:
    """The line of another kept paragraph whose text or byline begins with `text` and is
    longer (strictly, so two copies can never each be a piece of the other)."""
    index = bisect.bisect_right(keys, text)
    for other, other_article, line in entries[index:index + NEIGHBOURS]:
        if not other.startswith(text):
            return None
        if line != para.line and line not in exclude and (other_article == article or across):
            return line
    return None


def apply_after_seams(draft: Draft, journal: Journal) -> Draft:
    """Once more, if the seams rule joined anything: a joined paragraph can be a
    copy (or have one) that did not exist before."""
    return apply(draft, journal) if any(c.rule == "seams" for c in journal.changes) else draft
