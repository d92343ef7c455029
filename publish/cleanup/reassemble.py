"""reassemble: gather each article's text from wherever the extraction put it.

Text can be displaced three ways: under a headline repeated further down
(it belongs to the first one); after a byline in the middle of another
article's text (a story's start that landed under the wrong headline, or a
repeat under its own); under no headline at all (before the first headline,
or under a column banner before the next one).

Each displaced run goes to the article it shares paragraphs with (exact
copies of at least ten characters: a misplaced start usually comes with a
duplicated run of the rest). Failing that, a start goes to an article that
has no start of its own and whose headline its first paragraph echoes (half
of the headline's character pairs; a fifth if the start breaks off
mid-sentence, which says its continuation is elsewhere); loose text goes to
the next article. A start that matches nothing stays where it was: it may be
a second story under one headline, as in a news round-up.

Then each article's body begins with its start (the first run that opens
with a byline and is known to be the article's: under its headline, moved
there, or sharing text with it) and the rest follows. A paragraph that
copies one of the start's is placed right after it, and text between copies
keeps its place relative to them, so that the duplicates rule can drop
copies without disturbing the order.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import replace

from .draft import Draft, DraftArticle, Para, Run
from .journal import Journal
from .teasers import teaser_page
from .text import MIN_SHARED, TOPIC_CHARS, compact, ends_paragraph, is_signature, lean, pair_counts

ECHO_FINISHED = 0.5
ECHO_BROKEN_OFF = 0.2
ECHO_CANDIDATES = 200      # nearest headline-less articles compared, for huge inputs
ECHO_PREFIX = 300          # characters of a start compared with headlines


def shareable(para: Para) -> bool:
    """Is the paragraph long and specific enough to match across places?"""
    return len(para.body) >= MIN_SHARED and not is_signature(para.body)


def split_at_bylines(run: Run) -> list[Run]:
    """The run cut before each byline: each is a story's start. A picture's credit
    or caption, or a box label, standing before a byline goes with it."""
    if not any(p.byline is not None for p in run.paras[1:]):
        return [run]
    groups: list[list[Para]] = [[]]
    for para in run.paras:
        if para.byline is not None and any(p.kind == "text" for p in groups[-1]):
            groups.append([])
        groups[-1].append(para)
    runs = []
    for index, paras in enumerate(groups):
        key = paras[0].line
        runs.append(Run(key, tuple(replace(p, run=key) for p in paras), run.origin, run.own and index == 0))
    return runs


def _merge_repeats(draft: Draft, journal: Journal) -> list[DraftArticle]:
    first: dict[str, int] = {}
    articles: list[DraftArticle] = []
    for article in draft.articles:
        key = compact(article.headline)
        if key and key in first:
            index = first[key]
            target = articles[index]
            runs = tuple(replace(r, origin=target.line) for r in article.runs)
            articles[index] = replace(target, runs=target.runs + runs, repeats=target.repeats + (article.line,))
            journal.fate(article.line, "header", repeat_of=target.line)
            journal.record("merged a repeated headline into", [article.line], of=target.line)
            continue
        if key:
            first[key] = len(articles)
        articles.append(article)
    return articles


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:])}


class _Placement:
    """Who owns which run, with the counts the decisions need, kept up to date."""

    def __init__(self, articles: list[DraftArticle], runs: list[Run]):
        self.articles = articles
        self.lines = sorted(a.line for a in articles)
        self.owner: dict[int, int | None] = {r.key: r.origin for r in runs}
        self.copies: dict[str, Counter] = {}
        self.starts: Counter = Counter()
        self.headline_pairs = {a.line: _bigrams(a.headline) for a in articles}
        self.headlines = {a.line: a.headline for a in articles}
        self.teasers = {a.line for a in articles
                        if any(teaser_page(p.text) is not None for r in a.runs for p in r.paras)}
        for run in runs:
            self._count(run, run.origin, 1)

    def _count(self, run: Run, owner: int | None, step: int) -> None:
        if owner is None:
            return
        if run.start:
            self.starts[owner] += step
        for para in run.paras:
            if shareable(para):
                self.copies.setdefault(para.body, Counter())[owner] += step

    def move(self, run: Run, owner: int) -> None:
        self._count(run, self.owner[run.key], -1)
        self._count(run, owner, 1)
        self.owner[run.key] = owner

    def shared(self, run: Run) -> Counter:
        """Per article, how many of the run's paragraphs it has copies of elsewhere."""
        here = self.owner[run.key]
        own = Counter(p.body for p in run.paras if shareable(p))
        score: Counter = Counter()
        for text, mine in own.items():
            for article, count in self.copies.get(text, {}).items():
                if count - (mine if article == here else 0) > 0:
                    score[article] += 1
        return score

    def echoed(self, run: Run) -> tuple[int | None, float]:
        """The headline-less article whose headline the run's first paragraph echoes most."""
        here = self.owner[run.key]
        candidates = [line for line in self.lines if line not in self.teasers
                      and self.starts[line] - (1 if line == here else 0) == 0]
        if len(candidates) > ECHO_CANDIDATES:
            candidates = sorted(candidates, key=lambda line: abs(line - run.key))[:ECHO_CANDIDATES]
        text = _bigrams(run.paras[0].body[:ECHO_PREFIX])
        best, best_score = None, 0.0
        for line in sorted(candidates):
            pairs = self.headline_pairs[line]
            score = len(pairs & text) / len(pairs) if pairs else 0.0
            if score > best_score:
                best, best_score = line, score
        return best, best_score

    def neighbour(self, key: int) -> int | None:
        """The article after `key` in the file, else the one before."""
        index = bisect.bisect_right(self.lines, key)
        if index < len(self.lines):
            return self.lines[index]
        return self.lines[-1] if self.lines else None


def _place(run: Run, placement: _Placement) -> tuple[int | None, str]:
    """Where the run belongs, and why; no reason when it stays for want of one."""
    here = placement.owner[run.key]
    shared = placement.shared(run)
    if shared:
        best = max(shared, key=lambda line: (shared[line], line == here, -line))
        return best, f"shares {shared[best]} paragraph(s) with it"
    if run.start:
        last = run.paras[-1]
        broken_off = not ends_paragraph(last.text) and not (last.byline and not last.body)
        best, score = placement.echoed(run)
        if best is not None and score >= (ECHO_BROKEN_OFF if broken_off else ECHO_FINISHED):
            return best, f"a start echoing its headline ({score:.0%} of its character pairs)"
    if here is None:
        return placement.neighbour(run.key), "text under no headline, given to the next article"
    return here, ""


def _trailing_own(run: Run, here: int, owner: int, placement: _Placement,
                  runs: list[Run]) -> tuple[Run, Run] | None:
    """A run moving for the copies it shares can carry on into the text of the story
    it stood in (a copied start placed in the middle of another story): the
    paragraphs after its last shared one stay where they were when their letter
    pairs lean to that story rather than to the one the run goes to."""
    shared = [i for i, p in enumerate(run.paras)
              if shareable(p) and placement.copies.get(p.body, Counter()).get(owner)]
    if not shared or shared[-1] == len(run.paras) - 1:
        return None
    def counts(article: int) -> Counter:
        found = pair_counts(placement.headlines[article])
        for other in runs:
            if other is not run and placement.owner.get(other.key) == article:
                for para in other.paras:
                    found.update(pair_counts(para.text[:TOPIC_CHARS]))
        return found
    theirs, ours = counts(owner), counts(here)
    cut = shared[-1] + 1
    while cut < len(run.paras) and lean(run.paras[cut].text, theirs, ours) > 0:
        cut += 1
    if cut == len(run.paras):
        return None
    key = run.paras[cut].line
    rest = Run(key, tuple(replace(p, run=key) for p in run.paras[cut:]), run.origin, False)
    return Run(run.key, run.paras[:cut], run.origin, run.own), rest


def _merge(base: Run, others: list[Run]) -> list[Para]:
    position: dict[str, int] = {}
    for index, para in enumerate(base.paras):
        position.setdefault(para.text, index)
    before: list[list[Para]] = [[] for _ in base.paras]
    after: list[list[Para]] = [[] for _ in base.paras]
    tail: list[Para] = []
    for run in others:
        anchor: int | None = None
        pending: list[Para] = []
        for para in run.paras:
            match = position.get(para.text)
            if match is not None:
                if anchor is None:
                    before[match].extend(pending)
                    pending = []
                after[match].append(para)
                anchor = match
            elif anchor is not None:
                after[anchor].append(para)
            else:
                pending.append(para)
        tail.extend(pending)
    body: list[Para] = []
    for index, para in enumerate(base.paras):
        body += before[index] + [para] + after[index]
    return body + tail


def apply(draft: Draft, journal: Journal) -> Draft:
    articles = _merge_repeats(draft, journal)
    runs = [part for a in articles for run in a.runs for part in split_at_bylines(run)]
    runs += [part for run in draft.loose for part in split_at_bylines(run)]
    runs.sort(key=lambda r: r.key)
    placement = _Placement(articles, runs)

    related: set[int] = set()     # starts known to be their article's: moved there, or sharing text
    index = 0
    while index < len(runs):
        run = runs[index]
        index += 1
        if run.own:
            continue
        here = placement.owner[run.key]
        owner, reason = _place(run, placement)
        if reason:
            related.add(run.key)
        if owner is not None and owner != here:
            if here is not None and reason.startswith("shares"):
                kept = _trailing_own(run, here, owner, placement, runs)
                if kept is not None:
                    run, rest = kept
                    runs[index - 1] = run
                    runs.insert(index, rest)
                    placement.owner[rest.key] = here
            placement.move(run, owner)
            lines = [line for p in run.paras for line in p.lines]
            journal.record("re-attached", lines, detail=reason, of=owner)
            if here is not None:
                journal.warn(lines[0], f"text moved between articles: lines {lines[0]}-{lines[-1]} from the "
                                       f"headline at line {here} to the one at line {owner} ({reason})")

    owned: dict[int | None, list[Run]] = {}
    for run in runs:
        owned.setdefault(placement.owner[run.key], []).append(run)
    result = []
    for article in articles:
        mine = owned.get(article.line, [])
        if not mine:
            result.append(replace(article, runs=()))
            continue
        # A start that merely stayed (a second story in a round-up) does not lead.
        first = mine[0]
        base = first if first.start else next(
            (r for r in mine if r.start and (r.own or r.key in related)), first)
        if base is not mine[0]:
            journal.record("starts at its byline", [base.key], of=article.line,
                           detail=f"text found before it (from line {mine[0].key}) follows it")
        body = _merge(base, [r for r in mine if r is not base])
        result.append(replace(article, runs=(Run(base.key, tuple(body), article.line, own=True),)))
    loose = tuple(owned.get(None, ()))
    return replace(draft, articles=tuple(result), loose=loose)
