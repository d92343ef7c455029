"""bylines: find the byline at the start of a paragraph.

Recognised: 本报讯（记者林彬）, 本报讯（记者陈潜 通讯员林腾）, 新华社北京1月18日电（记者…）,
本报杭州1月18日讯（…）, and a block that is only a staff line (本报记者 林彬
通讯员 李四): 本报 or a space must follow the role, so that a sentence like
记者从…获悉 is not taken for one.

The byline stays part of the paragraph here, marked: a byline in the middle
of an article is the start of another story, which the reassemble rule uses;
`finish` moves the first paragraph's byline into the article's byline.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .draft import Draft, Para, Run, with_runs
from .journal import Journal

_PAREN = r"[（(][^（）()]{1,40}[）)]"
_AGENCY = (r"(?:本报|新华社|中新社|中新网|人民网|新华网|央视网|央广网|"
           r"[\u4e00-\u9fff]{2,6}?(?:日报|晚报|报社|电视台|通讯社))")
_NEWS = re.compile(
    rf"本报讯\s*(?:{_PAREN})?"
    rf"|{_AGENCY}[\u4e00-\u9fff]{{0,6}}?(?:\d{{1,2}}月\d{{1,2}}日)?(?:电|讯)\s*{_PAREN}"
    rf"|{_AGENCY}[\u4e00-\u9fff]{{0,6}}?\d{{1,2}}月\d{{1,2}}日(?:电|讯)")
_ROLE = r"(?:本报|特约)?(?:记者|通讯员|见习记者|实习生|摄影记者|特约记者)"
_NAMES = r"[\u4e00-\u9fff·]{2,4}(?:[ 、][\u4e00-\u9fff·]{2,4})*"
_STAFF = re.compile(rf"(?:本报{_ROLE}|{_ROLE}(?= ))\s*{_NAMES}(?: {_ROLE}\s*{_NAMES})*")
MAX_STAFF_LINE = 40


def find_byline(text: str) -> str | None:
    """The byline at the start of `text`, if any."""
    found = _NEWS.match(text)
    if found:
        return found.group().rstrip()
    if len(text) <= MAX_STAFF_LINE and _STAFF.fullmatch(text):
        return text
    return None


def apply(draft: Draft, journal: Journal) -> Draft:
    found: list[int] = []

    def mark(run: Run) -> Run:
        paras: list[Para] = []
        changed = False
        for para in run.paras:
            byline = find_byline(para.text)
            if byline:
                para = replace(para, byline=byline)
                found.append(para.line)
                changed = True
            paras.append(para)
        return Run(run.key, tuple(paras), run.origin, run.own) if changed else run

    articles = tuple(with_runs(a, tuple(mark(r) for r in a.runs)) for a in draft.articles)
    loose = tuple(mark(r) for r in draft.loose)
    if found:
        journal.record("byline at the start of", found)
    return replace(draft, articles=articles, loose=loose)
