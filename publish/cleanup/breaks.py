"""breaks: a sentence cut at a column's foot, whose rest the extraction put elsewhere.

The rejoin rule glues a cut sentence to whatever block follows it, which is
right when the column simply goes on. But the rest can sit elsewhere: under a
later headline, after that article's signature or byline (the extractor read
the columns in another order), or in the same article after the next
paragraph. Then the cut sentence ends its article mid-sentence (…中央纪委四)
or is glued to a paragraph that starts a sentence of its own.

The rest is looked for where a paragraph starts: after a finished paragraph,
a byline or a signature. What tells it:

- the join: the letters that meet (the last one or two of the cut sentence,
  the first one or two of the candidate) occur together elsewhere on the page,
  as a word cut in two does (台州|市 is everywhere, 提升|重点 nowhere), or form a
  common word of the dictionary (实际利|用外资); a candidate opening with an
  item of a list (预算、代表建议…) goes on a sentence; one opening as the page's
  sentences often do (会议强调…) less likely does (continuity.py). A piece
  starting with ，。” is a rest wherever it stands;
- across articles, the story: how much more likely the candidate's letter
  pairs are under the cut story's counts than under the other story's (naive
  Bayes over the pairs either holds), plus a bonus where a column resumes
  (before the other story's own byline, right after its byline). The best few
  candidates are weighed again as the run of paragraphs the rest would take
  (as far as the split between the two stories fits both best) against all the
  other story keeps, so that a story whose own text follows the rest is not
  known by its headline alone; a rest never takes all of a story's text. A
  story that is a byline and nothing else had all its text put elsewhere; a
  short phrase without a clause ending a story (深挖作风顽疾) is as often an
  orphaned intertitle, and takes a rest only on a sign at the join;
- within an article, a later paragraph goes on the cut sentence when it does
  so clearly better, by the signs above, than the paragraph the cut sentence is
  glued to (会议强调… opens a paragraph, 市职工… does not).

Each move is a warning in the report naming the lines; so is every article
that still ends mid-sentence. Known limit: a cut that falls exactly at a
sentence's end leaves no sign, and the rest stays where it was found.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from .draft import Draft, DraftArticle, Para, Run
from .duplicates import glued
from .continuity import Openings, list_middle, word_across
from .journal import Journal
from .kinds import intertitle_shape
from .teasers import MAX_TEASER
from .text import NO_LINE_START, TEASER, TOPIC_CHARS, ends_paragraph, lean, narrow, pair_counts

MIN_JOIN = 2            # occurrences elsewhere of the characters meeting at a join
MAX_CANDIDATES = 64     # places looked at per cut sentence, nearest first
BUDGET = 3000           # places looked at in all, per page: a file of many pages stays fast
TOPIC_PARAGRAPHS = 40
MAX_EXTENT = 16         # paragraphs a rest may run on for
WINDOW = 12             # articles each side whose text is the page's, for the statistics
PLACE_BEFORE_START = 0.3   # how much a place where a column resumes counts, in shared pairs
PLACE_AFTER_BYLINE = 0.3
MIN_SCORE = 0.0
MIN_HEADING_SCORE = 1.0    # what a rest must show to go on a cut sentence shaped like a heading
EXTEND_MARGIN = 0.0
RESCORED = 8           # candidates scored again with what the other story keeps
CERTAIN = 10.0          # a piece starting with ，。” goes on whatever stands before it
WORD_ACROSS = 1.0       # a dictionary word crosses the join
LIST_MIDDLE = 0.5       # the text opens with an item of a list (预算、代表建议…)
JOINED = 1.0            # the letters meeting at the join meet elsewhere on the page
OPENING = 2.0           # times the share of the page's sentences opening as the text does
OPENING_ACROSS = 1.0    # the same, where the story's words speak too
WITHIN_MARGIN = 0.5     # how much better a later paragraph must go on a cut sentence
MIN_GOES_ON = 1.0       # what a rest must show when the cut sentence is glued to nothing
MIN_WHOLE = 30          # characters of a paragraph the cut sentence is glued to


@dataclass
class _Page:
    """What the decisions read: the page's text, as the blocks it came in."""

    text: str
    starts: Counter          # how many paragraphs open with each letter, and each pair
    openings: Openings

    def start(self, text: str, leave_out: tuple[str, ...] = ()) -> float:
        """How much `text` opens the way this page's paragraphs open: the paragraphs
        opening with its first two letters (weighed three times) and its first
        letter, per occurrence of that letter anywhere (会议 opens many, 市职 none)."""
        if not text:
            return 0.0
        own: Counter[str] = Counter()
        for other in leave_out:
            own[other[:1]] += 1
            own[other[:2]] += 1
        opened = 3 * (self.starts[text[:2]] - own[text[:2]]) + self.starts[text[:1]] - own[text[:1]]
        return opened / (self.text.count(text[:1]) + 1)

    def join(self, left: str, right: str) -> int:
        """How often the letters meeting at left|right occur together elsewhere: the pair
        across the join, if a three-letter string across it occurs too. Punctuation
        says nothing (，以 is everywhere)."""
        if not left or not right or not (_letter(left[-1]) and _letter(right[0])):
            return 0
        triples = [g for g in (left[-2:] + right[0], left[-1] + right[:2]) if len(g) == 3 and all(map(_letter, g))]
        if not any(self.text.count(g) for g in triples):
            return 0
        return self.text.count(left[-1] + right[0]) + sum(self.text.count(g) for g in triples)


    def pair(self, left: str, right: str) -> int:
        """How often the two letters meeting at left|right occur together elsewhere."""
        if not left or not right or not (_letter(left[-1]) and _letter(right[0])):
            return 0
        return self.text.count(left[-1] + right[0])


def _letter(char: str) -> bool:
    return char.isalnum()


def _vocabulary(article: DraftArticle, paras: tuple[Para, ...]) -> Counter:
    """A story's letter pairs counted: its headline and (enough of) its paragraphs."""
    body = [p.text[:TOPIC_CHARS] for p in paras if _is_body(p)][:TOPIC_PARAGRAPHS]
    return pair_counts(article.headline + "".join(body))


def _is_body(para: Para) -> bool:
    return para.kind == "text" and para.teaser is None


def _is_story_text(para: Para) -> bool:
    """Body text that is the story's own: not a teaser line (详见第二版), which the
    teasers rule has not read yet."""
    return _is_body(para) and not (len(para.text) <= MAX_TEASER and TEASER.fullmatch(para.text))


def _opens(paras: tuple[Para, ...], index: int) -> bool:
    """Does a paragraph start at `index`: first, or after a finished one?"""
    para = paras[index]
    if not _is_story_text(para) or para.byline is not None or para.text[0] in "（(":
        return False
    if index == 0:
        return True
    before = paras[index - 1]
    return before.kind != "text" or before.teaser is not None or ends_paragraph(before.text) \
        or (before.byline is not None and not before.body)


def _cut_end(paras: tuple[Para, ...]) -> int | None:
    """The index of the article's last body paragraph, if it ends mid-sentence."""
    body = [i for i, p in enumerate(paras) if _is_body(p)]
    if not body:
        return None
    last = paras[body[-1]]
    if last.byline is not None and not last.body:
        # a byline and no text after it: the story's text was all put elsewhere (a byline
        # read from several lines stands for them all and is no prefix to glue text to)
        return body[-1] if len(body) == 1 and last.text.strip() == last.byline else None
    if ends_paragraph(last.text):
        return None
    return body[-1]


class _Pages:
    """The page's text around each article: the articles within WINDOW of it. A page
    holds a few dozen; a file of a whole archive's pages stays linear."""

    def __init__(self, draft: Draft):
        self.texts = ["\n".join((a.headline, *(piece for p in a.paras() for piece in p.pieces)))
                      for a in draft.articles]
        self.starts: Counter[str] = Counter()          # how the file's paragraphs open
        for article in draft.articles:
            for para in article.paras():
                if _is_body(para):
                    self.starts[para.body[:1]] += 1
                    self.starts[para.body[:2]] += 1
        self._cached: tuple[int, _Page] | None = None
        # Each article's sentence openings, counted once (its text and the line break
        # after it, as in the joined page); a window's counts are their sum, slid along.
        self._own: dict[int, Openings] = {}
        self._window: tuple[range, Openings] | None = None

    def _openings(self, k: int) -> Openings:
        if k not in self._own:
            self._own[k] = Openings(self.texts[k] + "\n")
        return self._own[k]

    def _window_openings(self, articles: range) -> Openings:
        if self._window is None or self._window[0].start > articles.start \
                or self._window[0].stop > articles.stop or self._window[0].stop <= articles.start:
            counts = Openings("")
            for k in articles:
                counts.add(self._openings(k))
        else:
            held, counts = self._window
            for k in range(held.start, articles.start):
                counts.add(self._openings(k), -1)
                del self._own[k]                      # articles are visited in order: not needed again
            for k in range(held.stop, articles.stop):
                counts.add(self._openings(k))
        self._window = (articles, counts)
        return counts

    def around(self, index: int) -> _Page:
        if self._cached is None or self._cached[0] != index:
            low, high = max(0, index - WINDOW), min(len(self.texts), index + WINDOW + 1)
            text = "\n".join(self.texts[low:high])
            self._cached = (index, _Page(text, self.starts, self._window_openings(range(low, high))))
        return self._cached[1]


def _across(draft: Draft, pages: _Pages, journal: Journal) -> list[DraftArticle]:
    articles = list(draft.articles)
    budget = BUDGET
    for a_index in range(len(articles)):
        article = articles[a_index]
        paras = article.paras()
        cut = _cut_end(paras)
        if cut is None:
            continue
        left = paras[cut].text
        bare = paras[cut].byline is not None and not paras[cut].body
        if bare and not _only_byline(draft, paras[cut]):
            continue        # its text was dropped as a copy of another story's: none was put elsewhere
        page = pages.around(a_index)
        places = [(b, i) for b in range(max(0, a_index - WINDOW), min(len(articles), a_index + WINDOW + 1))
                  if b != a_index
                  for i in range(len(articles[b].paras())) if _opens(articles[b].paras(), i)]
        places.sort(key=lambda place: (abs(place[0] - a_index), place[0] < a_index, place[1]))
        mine = _vocabulary(article, paras)
        places = places[:min(MAX_CANDIDATES, budget)]
        budget -= len(places)
        found = []      # (first score, article, start)
        for b, i in places:
            others = articles[b].paras()
            start_at = _own_start(others, i)
            # what is surely the other article's: its headline, the text before, its own start
            theirs = _vocabulary(articles[b], others[:i] + (others[start_at:] if start_at else ()))
            found.append((_rest_score(page, left, bare, others, i, start_at, mine, theirs), b, i))
        # the best few again, as the run of paragraphs the rest would take, against all the
        # other story keeps: a story whose own text comes after the rest is otherwise known
        # by its headline alone, and one paragraph may say little of its story
        best = None
        for first, b, i in sorted(found, key=lambda f: -f[0])[:RESCORED]:
            others = articles[b].paras()
            start_at = _own_start(others, i)
            if first >= CERTAIN:
                score = first
                end = start_at if start_at is not None else _extent(others, i, mine, _vocabulary(
                    articles[b], others[:i]))
            else:
                theirs = _vocabulary(articles[b], others[:i] + (others[start_at:] if start_at else ()))
                end = start_at if start_at is not None else _extent(
                    others, i, mine, theirs, keep=not any(_is_body(p) for p in others[:i]))
                kept = others[:i] + others[end:]
                if not any(_is_story_text(p) for p in kept):
                    continue            # a rest never takes all of another story's text
                score = _rest_score(page, left, bare, others, i, start_at, mine, _vocabulary(articles[b], kept),
                                    run=others[i:end])
            if best is None or score > best[0]:
                best = (score, b, i, end)
        # a heading's shape (short, no clause inside: 深挖作风顽疾) ending a story is an
        # orphaned intertitle as often as a cut sentence
        heading = not bare and len(paras[cut].pieces) == 1 and intertitle_shape(left)
        if best is None or best[0] <= (MIN_HEADING_SCORE if heading else MIN_SCORE):
            continue
        _, b, start, end = best
        others = articles[b].paras()
        moved = others[start:end]
        glued = replace(paras[cut].joined(moved[0]), run=paras[cut].run)
        body = paras[:cut] + (glued,) + moved[1:] + paras[cut + 1:]
        articles[a_index] = _with(article, body)
        articles[b] = _with(articles[b], others[:start] + others[end:])
        lines = [n for p in moved for n in p.lines]
        journal.record("moved the rest of a cut sentence", lines, of=article.line,
                       detail=f"from the article at line {articles[b].line}")
        journal.warn(lines[0], f"text moved between articles: lines {lines[0]}-{lines[-1]} continue the "
                               f"sentence cut at line {paras[cut].lines[-1]} (…{left[-8:]}), "
                               f"found under the headline at line {articles[b].line}")
    return articles


def _own_start(others: tuple[Para, ...], i: int) -> int | None:
    """A rest standing before the other article's own start (its byline) runs up to it."""
    return next((k for k in range(i + 1, len(others)) if others[k].byline is not None), None)


def _only_byline(draft: Draft, para: Para) -> bool:
    """Whether the paragraph's source lines held nothing but its byline (a story
    whose text was printed elsewhere), rather than a byline whose text another
    rule took away as a copy."""
    source = "".join("".join(narrow(draft.lines[n - 1]).split()) for n in para.lines if 0 < n <= len(draft.lines))
    return source == "".join((para.byline or "").split())


def _rest_score(page: _Page, left: str, bare: bool, others: tuple[Para, ...], i: int, start_at: int | None,
                mine: Counter, theirs: Counter, run: tuple[Para, ...] = ()) -> float:
    """How well the paragraph at `i` of another story (and the `run` it would take
    with it, if given) goes on the cut story ending in `left` (a bare byline when
    `bare`: the story's text was all put elsewhere)."""
    candidate = others[i]
    if candidate.text[0] in NO_LINE_START:
        return CERTAIN
    before = others[i - 1] if i else None
    # where a column's text resumes: before the other story's own start, or right
    # after its byline
    place = PLACE_BEFORE_START if start_at is not None and not any(
        _is_body(p) and p.byline is None for p in others[:i]) else \
        PLACE_AFTER_BYLINE if before is not None and before.byline is not None else 0.0
    join = 0.0 if bare else _goes_on(page, left, candidate.text, OPENING_ACROSS)
    # the first paragraph must go on the cut story, and the run with it
    texts = [p.text for p in run if _is_body(p)] or [candidate.text]
    leans = [lean(text, mine, theirs, seen=True) for text in texts]
    toward = (leans[0] + sum(leans) / len(leans)) / 2
    return toward + place + join


def _extent(paras: tuple[Para, ...], start: int, mine: Counter, theirs: Counter, keep: bool = False) -> int:
    """Where a rest found at `start` ends. The paragraphs after it, up to the other
    story's next byline or its end, split in two: those that go with the rest and
    those that stay. The split taken is the one where each paragraph leans most
    toward its side (the cut story with the paragraphs going to it, the other story
    with those staying). With `keep`, one paragraph at least stays: the other story
    has no text before the rest, and a story keeps some text of its own."""
    zone = start + 1
    while zone < min(len(paras), start + 1 + MAX_EXTENT) and _is_body(paras[zone]) and paras[zone].byline is None:
        zone += 1
    texts = [paras[t].text for t in range(start + 1, zone)]
    mine = mine + pair_counts(paras[start].text)
    best, best_end = None, start + 1
    for split in range(len(texts) + (0 if keep and zone == len(paras) else 1)):
        going = mine + sum((pair_counts(t) for t in texts[:split]), Counter())
        staying = theirs + sum((pair_counts(t) for t in texts[split:]), Counter())
        score = sum(lean(t, going - pair_counts(t), staying) for t in texts[:split]) \
            + sum(lean(t, staying - pair_counts(t), going) for t in texts[split:]) - EXTEND_MARGIN * split
        if best is None or score > best:
            best, best_end = score, start + 1 + split
    return best_end


def _within(article: DraftArticle, pages: _Pages, at: int, journal: Journal) -> DraftArticle:
    paras = list(article.paras())
    for index in range(len(paras)):
        if index >= len(paras) or not _is_body(paras[index]):
            continue
        para = paras[index]
        # the cut sentence is glued to a whole paragraph (its last piece, longer than a
        # narrow column's line, finished), or ends its text before a finished one
        k = len(para.pieces) - 1
        if k >= 1 and len(para.pieces[k]) >= MIN_WHOLE and ends_paragraph(para.pieces[k]) \
                and not ends_paragraph(para.pieces[k - 1]):
            left, right = glued(para.pieces[:k]), para.pieces[k]
        elif not ends_paragraph(para.text) and index + 1 < len(paras):
            k, left, right = len(para.pieces), para.text, ""
        else:
            continue
        if para.byline is not None and not left[len(para.byline):].strip():
            continue        # a byline (read from one line or several) is no cut sentence
        whole = tuple(paras)
        # a rest finishes the sentence: it ends a paragraph
        openings = [c for c in range(index + 1, min(len(paras), index + 1 + MAX_CANDIDATES))
                    if _opens(whole, c) and ends_paragraph(paras[c].text)]
        if not openings:
            continue
        page = pages.around(at)
        found = _continuation(page, left, right, [(c, paras[c].text) for c in openings])
        if found is None:
            continue
        rest = paras[found]
        first = Para(para.lines[:k], para.pieces[:k], left, para.run, para.byline, None, para.kind).joined(rest)
        tail = [Para(para.lines[k:], para.pieces[k:], glued(para.pieces[k:]), para.run)] if k < len(para.pieces) else []
        del paras[found]
        paras[index:index + 1] = [first, *tail]
        journal.record("moved the rest of a cut sentence", rest.lines, of=para.line,
                       detail="from further down the same article")
        journal.warn(rest.line, f"text moved within an article: line {rest.line} continues the sentence "
                                f"cut at line {para.lines[k - 1]} (…{left[-8:]})")
    if len(paras) == len(article.paras()) and all(a is b for a, b in zip(paras, article.paras())):
        return article
    return _with(article, tuple(paras))


def _goes_on(page: _Page, left: str, text: str, opening: float = OPENING) -> float:
    """How likely `text` goes on the sentence `left` ends: a mark no line starts
    with settles it; a word crossing the join and letters meeting there as they do
    elsewhere on the page count for it, a start like the page's sentences' against."""
    if text[:1] in tuple(NO_LINE_START):
        return CERTAIN
    return (WORD_ACROSS * word_across(left, text) + JOINED * (page.join(left, text) >= MIN_JOIN)
            + LIST_MIDDLE * list_middle(text) - opening * page.openings.opening(text))


def _continuation(page: _Page, left: str, right: str, candidates: list[tuple[int, str]]) -> int | None:
    """Which candidate (nearest first) goes on `left` rather than `right`, the text it
    is glued to now (empty when nothing is): the one that goes on it best, when it
    does so clearly better than `right` (or at all, when nothing is glued)."""
    best = None
    for key, text in candidates:
        value = _goes_on(page, left, text)
        if best is None or value > best[0]:
            best = (value, key)
    if best is None:
        return None
    if right:
        return best[1] if best[0] >= _goes_on(page, left, right) + WITHIN_MARGIN else None
    return best[1] if best[0] >= MIN_GOES_ON else None


def _with(article: DraftArticle, paras: tuple[Para, ...]) -> DraftArticle:
    key = article.runs[0].key if article.runs else article.line
    return replace(article, runs=(Run(key, tuple(paras), article.line, own=True),) if paras else ())


def apply(draft: Draft, journal: Journal) -> Draft:
    if any(_cut_end(a.paras()) is not None for a in draft.articles) or any(
            len(p.pieces) > 1 for a in draft.articles for p in a.paras()):
        pages = _Pages(draft)
        articles = [_within(a, pages, i, journal) for i, a in enumerate(draft.articles)]
        draft = replace(draft, articles=tuple(articles))
        draft = replace(draft, articles=tuple(_across(draft, _Pages(draft), journal)))
    for article in draft.articles:
        cut = _cut_end(article.paras())
        if cut is not None:
            para = article.paras()[cut]
            journal.warn(para.lines[-1], f"the article under the headline at line {article.line} ends "
                                         f"mid-sentence (…{para.text[-8:]}); its rest was not found")
    return draft
