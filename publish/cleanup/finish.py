"""finish: turn the cleaned pages into the issue model and settle every line's fate.

Each raw file is one printed page, cleaned on its own. The masthead comes
from the page that prints it (page 1), the date may be repeated on any
page's running head and must agree. Pages between 1 and the page count that
no file holds are there, empty, for the editor and for teasers to point at.
An article with neither text nor a teaser cannot be written as a source file,
so it is skipped and reported.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import Problem, RawTextError
from ..model import Article, Issue, Masthead, Page, Paragraph, weekday_of
from . import FINISH
from .draft import Draft, DraftArticle, MastheadFields
from .journal import Journal


@dataclass(frozen=True)
class CleanPage:
    """One raw file after the cleanup rules, and the page it was given."""

    draft: Draft
    journal: Journal
    number: int
    name: str | None = None


def article_id(page: int, order: int) -> str:
    return f"p{page}-{order:02d}"


def _first_line(draft: Draft) -> int:
    return next((n for n, line in enumerate(draft.lines, 1) if line), 1)


def _masthead(pages: list[CleanPage]) -> MastheadFields:
    """The masthead of the page that prints it; every other page's date must agree."""
    first = pages[0].draft
    carrier = next((p.draft for p in pages if p.draft.masthead.paper), None)
    if carrier is None:
        raise RawTextError(str(Problem(first.source, _first_line(first),
                                       "expected the paper's name (a '# 名称' line, or the name alone at the "
                                       "top of the page) before the first headline, found none")))
    m = carrier.masthead
    date = next((p.draft.masthead.date for p in pages if p.draft.masthead.date), None)
    if date is None:
        raise RawTextError(str(Problem(carrier.source, m.paper_line or _first_line(carrier),
                                       "expected the issue date in the masthead (like 2023.1.19 or "
                                       "2023年1月19日), found none")))
    for page in pages:
        other = page.draft.masthead
        if other.date and other.date != date:
            where = other.paper_line or other.page_line or _first_line(page.draft)
            raise RawTextError(str(Problem(page.draft.source, where,
                                           f"expected one day's pages, found the date {other.date.isoformat()} "
                                           f"(the first page's is {date.isoformat()})")))
        if other.paper and not m.paper.startswith(other.paper) and not other.paper.startswith(m.paper):
            raise RawTextError(str(Problem(page.draft.source, other.paper_line,
                                           f"expected one paper's pages, found \"{other.paper}\" "
                                           f"(the first page's is \"{m.paper}\")")))
    return m if m.date else replace(m, date=date, weekday=m.weekday or weekday_of(date))


def _article(article: DraftArticle, number: int, order: int, draft: Draft, journal: Journal) -> Article | None:
    """The model's article, or None (reported) when it has neither text nor a teaser."""
    paras = [p for p in article.paras() if p.teaser is None]
    # the story's first paragraph, after any picture lines or box label above it
    lead = next((i for i, p in enumerate(paras) if p.kind == "text"), 0)
    texts = [p.body if i == lead and p.byline else p.text for i, p in enumerate(paras)]
    if not any(texts) and article.teaser is None:
        heads = (article.line, *article.head_lines, *article.repeats)
        for line in heads:
            journal.fate(line, "skipped", reason="headline without text")
        for para in paras:     # a byline whose story was all copies of text kept elsewhere
            for line in para.lines:
                fate = journal.fates.get(line, {})
                if fate.get("fate") in ("duplicate", "fragment"):
                    fate["headline_skipped"] = article.line
                else:
                    journal.fate(line, "skipped", reason="byline without text", text=para.text)
        journal.record("skipped a headline without text", [*heads, *(n for p in paras for n in p.lines)])
        return None
    ident = article_id(number, order)
    byline = paras[lead].byline if paras and paras[lead].byline else None
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
        extra = {"byline": para.byline} if index == lead and byline else {}
        if para.kind != "text":
            extra["kind"] = para.kind
        _keep(journal, para.line, ident, len(paragraphs), extra)
        for line in para.lines[1:]:
            _keep(journal, line, ident, len(paragraphs), {"into": para.line}, "merged")
    return Article(id=ident, title=article.title, kicker=article.kicker, subtitle=article.subtitle,
                   byline=byline, column=article.column, paragraphs=tuple(paragraphs), teaser=article.teaser,
                   order=order, source=f"{draft.source}:{article.line}")


def _keep(journal: Journal, line: int, ident: str, paragraph: int, extra: dict, fate: str = "kept") -> None:
    """A line's fate; a line split into several paragraphs (a caption and its credit)
    lists them all."""
    known = journal.fates.get(line, {})
    if known.get("article") == ident and known.get("fate") in ("kept", "merged") and "paragraph" in known:
        known.setdefault("paragraphs", [known["paragraph"]]).append(paragraph)
        return
    journal.fate(line, fate, article=ident, paragraph=paragraph, **extra)


def build_issue(pages: list[CleanPage]) -> tuple[Issue, list[dict[int, str]]]:
    """The issue, and per page the id given to each article's headline lines."""
    for page in pages:
        page.journal.rule = FINISH
    m = _masthead(pages)
    by_number: dict[int, Page] = {}
    all_ids: list[dict[int, str]] = []
    for page in pages:
        draft, journal = page.draft, page.journal
        articles: list[Article] = []
        ids: dict[int, str] = {}
        for article in draft.articles:
            built = _article(article, page.number, len(articles) + 1, draft, journal)
            if built is None:
                continue
            articles.append(built)
            for line in (article.line, *article.head_lines, *article.repeats):
                ids[line] = built.id
        for run in draft.loose:
            for para in run.paras:
                for line in para.lines:
                    journal.fate(line, "unplaced", text=para.text)
        all_ids.append(ids)
        if not articles and len(pages) > 1:
            journal.warn(None, f"page {page.number}: no article found on it")
        by_number[page.number] = Page(number=page.number, name=page.name, editors=draft.masthead.editors,
                                      articles=tuple(articles))
    if not any(p.articles for p in by_number.values()):
        draft = pages[0].draft
        headlines = [a.line for a in draft.articles]
        text = [p.line for run in draft.loose for p in run.paras]
        where = headlines[0] if headlines else (text[0] if text else _first_line(draft))
        found = (f"{len(headlines)} headline(s) with no text under them" if headlines
                 else "no headline ('## ' line, or a line shaped like one)")
        raise RawTextError(str(Problem(draft.source, where,
                                       f"expected articles ('## headline' lines followed by paragraphs), "
                                       f"found {found}")))
    teasers = [a.teaser for p in by_number.values() for a in p.articles if a.teaser is not None]
    page_count = max([m.page_count, *by_number, *teasers])
    assert m.date is not None       # _masthead raises when no page carries a date
    masthead = Masthead(paper=m.paper, date=m.date, organ=m.organ, publisher=m.publisher,
                        weekday=m.weekday, lunar=m.lunar, cn=m.cn, serial=m.serial, page_count=page_count)
    issue_pages = tuple(by_number.get(n, Page(number=n)) for n in range(1, page_count + 1))
    return Issue(masthead=masthead, pages=issue_pages), all_ids
