"""breaks: a sentence cut at a column's foot, whose rest the extraction put elsewhere.

The rejoin rule glues a cut sentence to whatever block follows it, which is
right when the column simply goes on. But the rest can sit elsewhere: under a
later headline, after that article's signature or byline (the extractor read
the columns in another order), or in the same article after the next
paragraph. Then the cut sentence ends its article mid-sentence (…中央纪委四)
or is glued to a paragraph that starts a sentence of its own.

The rest is looked for where a paragraph starts: after a finished paragraph,
a byline or a signature. A candidate is taken when the text says so:

- the join is a known one: the characters that meet (the last one or two of
  the cut sentence, the first one or two of the candidate) occur together
  elsewhere on the page, as a word cut in two does (提升|重点 is rare, 台州|市
  is everywhere);
- or, across articles, the candidate shares more of its vocabulary with the
  cut article than with the one it stands in (character pairs).

Across articles, the rest runs on with the paragraphs after it while they
too are closer to the cut article. Each move is a warning in the report,
naming the lines; so is every article still ending mid-sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .draft import Draft, DraftArticle, Para, Run
from .duplicates import glued
from .journal import Journal
from .text import NO_LINE_START, closeness, ends_paragraph, pairs

MIN_JOIN = 2            # occurrences elsewhere of the characters meeting at a join
TOPIC_MARGIN = 0.12     # how much closer to the cut article a rest must be, by shared pairs
MAX_CANDIDATES = 64     # places looked at per cut sentence, nearest first
MIN_WHOLE = 30          # characters of a paragraph the cut sentence is glued to


@dataclass
class _Page:
    """What the decisions read: the page's text, as the blocks it came in."""

    text: str

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


def _vocabulary(article: DraftArticle, paras: tuple[Para, ...]) -> set[str]:
    return pairs(article.headline + "".join(p.text for p in paras if _is_body(p)))


def _is_body(para: Para) -> bool:
    return para.kind == "text" and para.teaser is None


def _opens(paras: tuple[Para, ...], index: int) -> bool:
    """Does a paragraph start at `index`: first, or after a finished one?"""
    para = paras[index]
    if not _is_body(para) or para.byline is not None or para.text[0] in "（(":
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
    if ends_paragraph(last.text) or (last.byline is not None and not last.body):
        return None
    return body[-1]


def _page(draft: Draft) -> _Page:
    pieces = [piece for a in draft.articles for p in a.paras() for piece in p.pieces]
    return _Page("\n".join(pieces))


def _across(draft: Draft, page: _Page, journal: Journal) -> list[DraftArticle]:
    articles = list(draft.articles)
    for a_index in range(len(articles)):
        article = articles[a_index]
        paras = article.paras()
        cut = _cut_end(paras)
        if cut is None:
            continue
        left = paras[cut].text
        best: tuple[float, int, int, int] | None = None      # (score, article, start, end)
        places = [(b, i) for b in range(len(articles)) if b != a_index
                  for i in range(len(articles[b].paras())) if _opens(articles[b].paras(), i)]
        places.sort(key=lambda place: (abs(place[0] - a_index), place[0] < a_index, place[1]))
        mine = _vocabulary(article, paras)
        for b, i in places[:MAX_CANDIDATES]:
            others = articles[b].paras()
            candidate = others[i]
            # a rest standing before the other article's own start runs up to it
            start_at = next((k for k in range(i + 1, len(others)) if others[k].byline is not None), None)
            # what is surely the other article's: its headline, the text before, its own start
            theirs = _vocabulary(articles[b], others[:i] + (others[start_at:] if start_at else ()))
            joined = page.join(left, candidate.text)
            toward = closeness(candidate.text, mine) - closeness(candidate.text, theirs)
            if candidate.text[0] in NO_LINE_START:
                score = 10.0
            elif joined >= MIN_JOIN and toward > -TOPIC_MARGIN:
                score = joined + toward
            elif toward > TOPIC_MARGIN:
                score = toward
            else:
                continue
            end = start_at if start_at is not None else i + 1
            while start_at is None and end < len(others) and _is_body(others[end]) and others[end].byline is None:
                text = others[end].text
                if closeness(text, mine | pairs(others[end - 1].text)) - closeness(text, theirs) <= TOPIC_MARGIN:
                    break
                end += 1
            if best is None or score > best[0]:
                best = (score, b, i, end)
        if best is None:
            continue
        _, b, start, end = best
        others = articles[b].paras()
        moved = others[start:end]
        joined = replace(paras[cut].joined(moved[0]), run=paras[cut].run)
        body = paras[:cut] + (joined,) + moved[1:] + paras[cut + 1:]
        articles[a_index] = _with(article, body)
        articles[b] = _with(articles[b], others[:start] + others[end:])
        lines = [n for p in moved for n in p.lines]
        journal.record("moved the rest of a cut sentence", lines, of=article.line,
                       detail=f"from the article at line {articles[b].line}")
        journal.warn(lines[0], f"text moved between articles: lines {lines[0]}-{lines[-1]} continue the "
                               f"sentence cut at line {paras[cut].lines[-1]} (…{left[-8:]}), "
                               f"found under the headline at line {articles[b].line}")
    return articles


def _within(article: DraftArticle, page: _Page, journal: Journal) -> DraftArticle:
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
        current = page.pair(left, right)
        found = next((c for c in range(index + 1, min(len(paras), index + 1 + MAX_CANDIDATES))
                      if _opens(tuple(paras), c) and (paras[c].text[0] in NO_LINE_START or
                                                      page.join(left, paras[c].text) >= max(MIN_JOIN, 2 * current + 1))),
                     None)
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


def _with(article: DraftArticle, paras: tuple[Para, ...]) -> DraftArticle:
    key = article.runs[0].key if article.runs else article.line
    return replace(article, runs=(Run(key, tuple(paras), article.line, own=True),) if paras else ())


def apply(draft: Draft, journal: Journal) -> Draft:
    page: _Page | None = None
    if any(_cut_end(a.paras()) is not None for a in draft.articles) or any(
            len(p.pieces) > 1 for a in draft.articles for p in a.paras()):
        page = _page(draft)
        articles = [_within(a, page, journal) for a in draft.articles]
        draft = replace(draft, articles=tuple(articles))
        draft = replace(draft, articles=tuple(_across(draft, page, journal)))
    for article in draft.articles:
        cut = _cut_end(article.paras())
        if cut is not None:
            para = article.paras()[cut]
            journal.warn(para.lines[-1], f"the article under the headline at line {article.line} ends "
                                         f"mid-sentence (…{para.text[-8:]}); its rest was not found")
    return draft
