"""finish: turn the cleaned draft into the issue model and settle every line's fate.

Everything the raw text holds is on page 1 (the extracted text is of one
printed page); pages 2 to the page count are there, empty, for the
editor and for teasers to point at. An article with neither text nor a
teaser cannot be written as a source file, so it is skipped and reported.
"""
from __future__ import annotations

from ..errors import Problem, RawTextError
from ..model import Article, Issue, Masthead, Page, Paragraph
from . import FINISH
from .draft import Draft
from .journal import Journal

PAGE = 1


def article_id(page: int, order: int) -> str:
    return f"p{page}-{order:02d}"


def build_issue(draft: Draft, journal: Journal) -> tuple[Issue, dict[int, str]]:
    """The issue, and the id given to each article's headline line."""
    journal.rule = FINISH
    m = draft.masthead
    first_line = next((n for n, line in enumerate(draft.lines, 1) if line), 1)
    if not m.paper:
        raise RawTextError(str(Problem(draft.source, first_line,
                                       "expected the paper's name as '# 名称' before the first headline, "
                                       "found none")))
    if m.date is None:
        raise RawTextError(str(Problem(draft.source, m.paper_line or first_line,
                                       "expected the issue date in the masthead (like 2023.1.19 or "
                                       "2023年1月19日), found none")))
    articles: list[Article] = []
    ids: dict[int, str] = {}
    for article in draft.articles:
        paras = [p for p in article.paras() if p.teaser is None]
        texts = [p.body if i == 0 and p.byline else p.text for i, p in enumerate(paras)]
        if not any(texts) and article.teaser is None:
            for line in (article.line, *article.repeats):
                journal.fate(line, "skipped", reason="headline without text")
            for para in paras:     # a byline whose story was all copies of text kept elsewhere
                for line in para.lines:
                    fate = journal.fates.get(line, {})
                    if fate.get("fate") in ("duplicate", "fragment"):
                        fate["headline_skipped"] = article.line
                    else:
                        journal.fate(line, "skipped", reason="byline without text", text=para.text)
            lines = [article.line, *article.repeats, *(n for p in paras for n in p.lines)]
            journal.record("skipped a headline without text", lines)
            continue
        order = len(articles) + 1
        ident = article_id(PAGE, order)
        ids[article.line] = ident
        for line in article.repeats:
            ids[line] = ident
        byline = paras[0].byline if paras and paras[0].byline else None
        for para in article.paras():
            if para.teaser is not None:
                for line in para.lines:
                    journal.fate(line, "teaser", page=para.teaser, article=ident)
        paragraphs: list[Paragraph] = []
        for index, (para, text) in enumerate(zip(paras, texts)):
            copied = journal.fates.get(para.line, {}).get("byline_kept") == para.byline \
                and para.text == para.byline and journal.fates[para.line]["fate"] in ("duplicate", "fragment")
            if not text:
                for line in para.lines:
                    if copied:   # the line's text was a copy; only its byline is kept
                        journal.fates[line]["article"] = ident
                    else:
                        journal.fate(line, "byline", article=ident)
                continue
            paragraphs.append(Paragraph(text, para.kind))
            if copied:
                journal.fates[para.line].update(article=ident, paragraph=len(paragraphs))
                continue
            extra = {"byline": para.byline} if index == 0 and byline else {}
            journal.fate(para.line, "kept", article=ident, paragraph=len(paragraphs), **extra)
            for line in para.lines[1:]:
                journal.fate(line, "merged", article=ident, paragraph=len(paragraphs), into=para.line)
        articles.append(Article(
            id=ident, title=article.title, kicker=article.kicker, subtitle=article.subtitle,
            byline=byline, column=article.column, paragraphs=tuple(paragraphs), teaser=article.teaser,
            order=order, source=f"{draft.source}:{article.line}"))
    if not articles:
        headlines = [a.line for a in draft.articles]
        text = [p.line for run in draft.loose for p in run.paras]
        where = headlines[0] if headlines else (text[0] if text else first_line)
        found = (f"{len(headlines)} headline(s) with no text under them" if headlines
                 else "no '## ' headline")
        raise RawTextError(str(Problem(draft.source, where,
                                       f"expected articles ('## headline' lines followed by paragraphs), "
                                       f"found {found}")))
    for run in draft.loose:
        for para in run.paras:
            for line in para.lines:
                journal.fate(line, "unplaced", text=para.text)
    teasers = [a.teaser for a in articles if a.teaser is not None]
    page_count = m.page_count or max([PAGE, *teasers])
    masthead = Masthead(paper=m.paper, date=m.date, organ=m.organ, publisher=m.publisher,
                        weekday=m.weekday, lunar=m.lunar, cn=m.cn, serial=m.serial, page_count=page_count)
    pages = tuple(Page(number=n, articles=tuple(articles) if n == PAGE else ())
                  for n in range(1, page_count + 1))
    return Issue(masthead=masthead, pages=pages), ids
