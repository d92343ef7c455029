"""sections: every headline opens an article; the text under it is its first run.

Text under no headline (before the first one, or between a column banner and
the next headline) becomes a loose run, which the reassemble rule places.
A headline repeated further down opens an article of its own here; the
reassemble rule merges it into the first.
"""
from __future__ import annotations

from dataclasses import replace

from .draft import BANNER, HEADLINE, Block, Draft, DraftArticle, Para, Run
from .journal import Journal


def apply(draft: Draft, journal: Journal) -> Draft:
    articles: list[DraftArticle] = []
    banners: list[Block] = []
    loose: list[Run] = []
    text: list[Block] = []          # text blocks since the last headline or banner
    under_banner = False            # a banner came after the last headline

    def close() -> None:
        if not text:
            return
        key = text[0].line
        origin = articles[-1].line if articles and not under_banner else None
        run = Run(key, tuple(Para.of(b, key) for b in text), origin, own=origin is not None)
        if origin is None:
            loose.append(run)
        else:
            articles[-1] = replace(articles[-1], runs=articles[-1].runs + (run,))
        text.clear()

    for block in draft.blocks:
        if block.kind == HEADLINE:
            close()
            under_banner = False
            articles.append(DraftArticle(line=block.line, headline=block.text, head_lines=block.more))
            for line in (block.line, *block.more):
                journal.fate(line, "header")
        elif block.kind == BANNER:
            close()
            under_banner = True
            if block.text:
                banners.append(block)
                journal.fate(block.line, "column", name=block.text)
            else:
                journal.fate(block.line, "skipped", reason="empty column banner")
                journal.record("skipped an empty column banner", [block.line])
        else:
            text.append(block)
    close()
    if loose:
        journal.record("text under no headline", [p.line for run in loose for p in run.paras])
    return replace(draft, blocks=(), articles=tuple(articles), banners=tuple(banners), loose=tuple(loose))
