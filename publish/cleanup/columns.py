"""columns: a `### 栏目` banner becomes the column of the articles under it.

A banner heads every article whose headline comes after it, up to the next
banner: the extracted text has no mark for where a boxed group ends. An
article first seen before the banner (and repeated under it) keeps what it
had, since its headline line is what counts.
"""
from __future__ import annotations

import bisect
from dataclasses import replace

from .draft import Draft
from .journal import Journal


def apply(draft: Draft, journal: Journal) -> Draft:
    if not draft.banners:
        return draft
    starts = [b.line for b in draft.banners]
    articles = []
    heads: dict[int, list[int]] = {}
    for article in draft.articles:
        index = bisect.bisect_left(starts, article.line) - 1
        if index >= 0:
            banner = draft.banners[index]
            article = replace(article, column=banner.text)
            heads.setdefault(banner.line, []).append(article.line)
        articles.append(article)
    for banner in draft.banners:
        if banner.line in heads:
            journal.record("column of the articles at lines", heads[banner.line],
                           detail=banner.text, of=banner.line)
    return replace(draft, articles=tuple(articles))
