"""seams: rejoin a paragraph that breaks off where one run of text meets another.

After reassembly an article's text comes from several places. A start that
breaks off mid-sentence is continued by the text that followed the headline,
so the rejoin rule's test applies again where rejoin has not decided: between
neighbours from different runs; where a teaser line stood between them (a
pointer line never interrupts a printed paragraph); and where rejoin left a
line apart because elsewhere it continued differently, but the copy that
made it do so is gone and the line survived as text of its own. A short line
that now stands right before a photo credit is that picture's caption.
"""
from __future__ import annotations

from dataclasses import replace

from .draft import Draft, Para, Run, with_runs
from .journal import Journal
from .rejoin import LEFT_APART, may_continue, with_byline
from .kinds import captions
from .teasers import teaser_page


def apply(draft: Draft, journal: Journal) -> Draft:
    left_apart = {c.lines[-1] for c in journal.by_rule("rejoin") if c.action.startswith(LEFT_APART)}
    articles = []
    for article in draft.articles:
        body: list[Para] = []
        teasers: list[Para] = []          # set aside: they only point elsewhere
        teaser_between = False
        for para in article.paras():
            if teaser_page(para.text) is not None:
                teasers.append(para)
                teaser_between = True
                continue
            left = body[-1] if body else None
            looked_at = left is not None and left.run == para.run and not teaser_between \
                and para.line not in left_apart
            if left is not None and not looked_at and may_continue(left, para):
                journal.record("joined across places", [left.lines[-1], para.line])
                body[-1] = with_byline(replace(left.joined(para), run=para.run), journal)
            else:
                body.append(para)
            teaser_between = False
        body += teasers
        body = captions(body, journal)          # a line that now stands before a credit
        if len(body) != sum(len(r.paras) for r in article.runs) or any(
                a is not b for a, b in zip(body, article.paras())):
            article = with_runs(article, (Run(article.runs[0].key, tuple(body), article.line, own=True),))
        articles.append(article)
    return replace(draft, articles=tuple(articles))
