"""headlines: split each `## ` headline into kicker 引题, title 主题 and subtitle 副题.

The extractor separates the printed headline lines by single spaces. A wide
space (two spaces or more, an ideographic space or a tab: normalise makes it
one U+3000) is a pause printed inside one line, so the words around it are
one line whatever their length: `还清白者清白  为担当者担当` is one title, and
it keeps its pause as an ideographic space, so that a re-import reads it the
same. A single space can also be a pause inside one line; the heuristic, which
an editor corrects in the source where it guesses wrong:

1. A part of at most 4 characters is not a line of its own: it joins the next
   part with a space (the previous one if it is last): 四大行动 护航….
2. Two adjacent short parts of similar length (each at most 8 characters,
   lengths differing by at most 2, no punctuation) are one line of 对仗,
   joined by a space: 献礼二十大 阅读润人心.
3. A part that ends in a verb of inspection or visit (督查, 调研, 视察 …)
   continues into the next part with no space: the printed line wrapped
   before the verb's object. This one is applied first, so that the parts
   rules 1 and 2 see are the printed ones.

Then one line is the title; three are kicker, title, subtitle (more: the
middle ones form the title); two are kicker + title when the first reports
an event (…召开, …举行), title + subtitle when only the second does, and
kicker + title otherwise.

The split is a fixpoint: joining the result with spaces and splitting again
gives the same, so a re-imported issue keeps its headlines.
"""
from __future__ import annotations

from dataclasses import replace

from .draft import Draft
from .journal import Journal
from .text import CLOSERS, has_punctuation

UNTITLED = "（无题）"
SHORT_PART = 4
COUPLET_PART = 8
COUPLET_DIFFERENCE = 2
INSPECTION_VERBS = ("督查", "督导", "调研", "检查", "视察", "考察", "巡查", "察看", "查看",
                    "走访", "慰问", "看望", "会见", "暗访", "指导")
EVENT_ENDINGS = ("召开", "举行", "举办", "开幕", "闭幕", "启动", "落幕", "揭牌", "开班",
                 "开工", "竣工", "签约", "成立", "开通", "启幕", "揭晓", "开营", "开赛")


def headline_lines(headline: str) -> list[str]:
    """The printed lines of a headline, by rules 3, 1, 2 (a pause stays inside its line)."""
    fused: list[str] = []
    for part in headline.split(" "):
        if not part:
            continue
        if fused and fused[-1].endswith(INSPECTION_VERBS):
            fused[-1] += part
        else:
            fused.append(part)

    groups: list[list[str]] = []
    pending: list[str] = []
    for part in fused:
        if len(part) <= SHORT_PART:
            pending.append(part)
        else:
            groups.append(pending + [part])
            pending = []
    if pending:
        if groups:
            groups[-1].extend(pending)
        else:
            groups.append(pending)

    lines: list[str] = []
    index = 0
    while index < len(groups):
        group = groups[index]
        if index + 1 < len(groups) and _couplet(group, groups[index + 1]):
            group = group + groups[index + 1]
            index += 1
        lines.append(" ".join(group))
        index += 1
    return lines


def _couplet(left: list[str], right: list[str]) -> bool:
    if len(left) != 1 or len(right) != 1:
        return False
    a, b = left[0], right[0]
    return (len(a) <= COUPLET_PART and len(b) <= COUPLET_PART and abs(len(a) - len(b)) <= COUPLET_DIFFERENCE
            and not has_punctuation(a) and not has_punctuation(b))


def reports_event(line: str) -> bool:
    return line.rstrip(CLOSERS + "。！").endswith(EVENT_ENDINGS)


def split_headline(headline: str) -> tuple[str | None, str, str | None]:
    """(kicker, title, subtitle) of a headline; the title is never empty."""
    lines = headline_lines(headline)
    if not lines:
        return None, UNTITLED, None
    if len(lines) == 1:
        return None, lines[0], None
    if len(lines) == 2:
        if not reports_event(lines[0]) and reports_event(lines[1]):
            return None, lines[0], lines[1]
        return lines[0], lines[1], None
    return lines[0], " ".join(lines[1:-1]), lines[-1]


def apply(draft: Draft, journal: Journal) -> Draft:
    articles = []
    for article in draft.articles:
        kicker, title, subtitle = split_headline(article.headline)
        articles.append(replace(article, kicker=kicker, title=title, subtitle=subtitle))
        shown = " | ".join(f"{name}: {value}" for name, value in
                           (("kicker", kicker), ("title", title), ("subtitle", subtitle)) if value)
        journal.record("split headline", [article.line], detail=shown)
        if title == UNTITLED:
            journal.warn(article.line, f"headline: empty; titled \"{UNTITLED}\"")
    return replace(draft, articles=tuple(articles))
