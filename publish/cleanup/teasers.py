"""teasers: a 详见第二版 line in an article's text becomes its teaser link.

Such a line is a front-page pointer to the page where the story runs, not
body text. It runs last, when every line has found its article and every
broken line is joined: a column edge can cut the pointer too (详见 / 第二版).
A pointer past the issue's page count (from the masthead) is kept as text
with a warning: the masthead is the better witness. With pointers to two pages,
the last one counts (where an article's pointer is printed) and the others
stay text.
"""
from __future__ import annotations

from dataclasses import replace

from .draft import Draft, Run
from .journal import Journal
from .text import TEASER, cn_number

MAX_TEASER = 40


def teaser_page(text: str) -> int | None:
    found = TEASER.fullmatch(text) if len(text) <= MAX_TEASER else None
    return cn_number(found.group("page")) if found else None


def apply(draft: Draft, journal: Journal) -> Draft:
    page_count = draft.masthead.page_count
    articles = []
    for article in draft.articles:
        pages = [teaser_page(p.text) for run in article.runs for p in run.paras]
        valid = [page for page in pages if page is not None and 1 <= page and
                 (not page_count or page <= page_count)]
        if not any(page is not None for page in pages):
            articles.append(article)
            continue
        teaser = valid[-1] if valid else None
        runs = []
        for run in article.runs:
            paras = []
            for para in run.paras:
                page = teaser_page(para.text)
                if page is not None and page not in valid:
                    issue = f" of a {page_count}-page issue" if page_count else ""
                    journal.warn(para.line, f"teaser: points at page {page}{issue}; kept as text")
                elif page is not None and page == teaser:
                    para = replace(para, teaser=page)
                    journal.record("teaser of", para.lines, detail=f"page {page}", of=article.line)
                    for line in para.lines:
                        journal.fate(line, "teaser", page=page)
                elif page is not None:
                    journal.warn(para.line, f"teaser: another one, to page {page}, before the one to "
                                            f"page {teaser}; kept as text")
                paras.append(para)
            runs.append(Run(run.key, tuple(paras), run.origin, run.own))
        articles.append(replace(article, runs=tuple(runs), teaser=teaser))
    return replace(draft, articles=tuple(articles))
