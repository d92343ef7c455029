"""Each cleanup rule on its own fixture files.

A fixture file holds many small cases, markdown-it style: a title line, then
the raw input and the expected view between lines holding a single `.`:

    a paragraph broken at a column boundary
    .
    ## 标题
    …提升
    重点地区…。
    .
    1 ## 标题
      2+3 …提升重点地区…。
    .

Cases in `fixtures/<rule>/` run the rules up to and including <rule>, and
compare what that rule is about (see VIEWS). Line numbers are the input's.
In inputs, \\uXXXX, \\t and \\r stand for characters one cannot see.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from publish.cleanup import RULES, clean, rules_until
from publish.cleanup.draft import Draft, DraftArticle, Para
from publish.cleanup.journal import Journal

FIXTURES = Path(__file__).parent / "fixtures"
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|t|r)")


@dataclass(frozen=True)
class Case:
    file: Path
    line: int
    title: str
    input: str
    expected: str

    @property
    def rule(self) -> str:
        return self.file.parent.name

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.file.stem}:{self.line} {self.title}"


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: {"t": "\t", "r": "\r"}.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), text)


def read_cases(path: Path) -> list[Case]:
    lines = path.read_text(encoding="utf-8").split("\n")
    cases = []
    index = 0
    while index < len(lines):
        if lines[index] != ".":
            index += 1
            continue
        title = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "?")
        middle = lines.index(".", index + 1)
        end = lines.index(".", middle + 1)
        cases.append(Case(path, index, title.strip(), _unescape("\n".join(lines[index + 1:middle])),
                          "\n".join(lines[middle + 1:end])))
        index = end + 1
    return cases


def all_cases() -> list[Case]:
    return [case for path in sorted(FIXTURES.glob("*/*.txt")) for case in read_cases(path)]


# -- views: what each rule's fixtures compare -----------------------------------------------

def _para(para: Para) -> str:
    lines = "+".join(str(n) for n in para.lines)
    if para.kind != "text":
        lines += f" {{{para.kind}}}"
        if para.kind == "verse":
            return f"{lines} {' / '.join(para.text.split(chr(10)))}"
    if para.teaser is not None:
        return f"{lines} [teaser {para.teaser}]"
    if para.byline is not None:
        return f"{lines} [{para.byline}] {para.body}"
    return f"{lines} {para.text}"


def _article(article: DraftArticle) -> list[str]:
    head = f"{article.line} ## {article.headline}"
    if article.column:
        head += f"  [column {article.column}]"
    if article.teaser is not None:
        head += f"  [teaser {article.teaser}]"
    out = [head]
    for run in article.runs:
        out += [f"  {_para(p)}" for p in run.paras]
    return out


def _articles(draft: Draft) -> list[str]:
    out = [line for article in draft.articles for line in _article(article)]
    for run in draft.loose:
        out += [f"loose {_para(p)}" for p in run.paras]
    return out


def _changes(journal: Journal, rule: str) -> list[str]:
    out = []
    for change in journal.by_rule(rule):
        of = f" -> {change.of}" if change.of is not None else ""
        detail = f" ({change.detail})" if change.detail else ""
        out.append(f"~ {change.action} {'+'.join(map(str, change.lines))}{of}{detail}")
    return out


def _warnings(journal: Journal) -> list[str]:
    return [f"! {w.line}: {w.message}" for w in journal.warnings]


def view_normalise(draft, journal):
    return [f"|{line}|" for line in draft.lines] + _changes(journal, "normalise")


def view_blocks(draft, journal):
    return [f"{b.line} {b.kind}: {b.text}" for b in draft.blocks]


def view_masthead(draft, journal):
    m = draft.masthead
    fields = [(name, getattr(m, name)) for name in
              ("paper", "organ", "publisher", "date", "weekday", "lunar", "cn", "serial", "page_count",
               "page", "page_name", "editors")]
    out = [f"{name}: {value}" for name, value in fields if value]
    out += [f"text {b.line}: {b.text}" for b in draft.blocks if b.kind == "text"]
    return out + _warnings(journal)


def view_sections(draft, journal):
    out = []
    for article in draft.articles:
        out.append(f"{article.line} ## {article.headline}")
        out += [f"  run {r.key}: {' '.join(str(p.line) for p in r.paras)}" for r in article.runs]
    out += [f"column {b.line}: {b.text}" for b in draft.banners]
    out += [f"loose run {r.key}: {' '.join(str(p.line) for p in r.paras)}" for r in draft.loose]
    return out


def view_headlines(draft, journal):
    out = []
    for article in draft.articles:
        parts = [(n, v) for n, v in (("kicker", article.kicker), ("title", article.title),
                                      ("subtitle", article.subtitle)) if v]
        out.append(" | ".join(f"{n}: {v}" for n, v in parts))
    return out


def view_columns(draft, journal):
    return [f"{a.line} {a.title}: {a.column}" for a in draft.articles]


def view_with_changes(rule):
    def view(draft, journal):
        return _articles(draft) + _changes(journal, rule) + _warnings(journal)
    return view


VIEWS = {
    "normalise": view_normalise,
    "blocks": view_blocks,
    "masthead": view_masthead,
    "sections": view_sections,
    "headlines": view_headlines,
    "columns": view_columns,
    "teasers": view_with_changes("teasers"),
    "bylines": lambda d, j: _articles(d) + _changes(j, "bylines")[1:] + _warnings(j),
    "kinds": view_with_changes("kinds"),
    "shapes": lambda d, j: view_blocks(d, j) + _changes(j, "shapes"),
    "breaks": view_with_changes("breaks"),
    "rejoin": view_with_changes("rejoin"),
    "reassemble": view_with_changes("reassemble"),
    "duplicates": view_with_changes("duplicates"),
    "seams": view_with_changes("seams"),
    "recheck": view_with_changes("recheck"),
}


def test_every_rule_has_fixtures():
    assert sorted(VIEWS) == sorted(r.name for r in RULES)
    for name in VIEWS:
        cases = [c for c in all_cases() if c.rule == name]
        assert len(cases) >= 5, f"{name}: only {len(cases)} fixture cases"


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id)
def test_fixture(case: Case):
    draft, journal = clean(case.input, "case.txt", rules_until(case.rule))
    got = "\n".join(VIEWS[case.rule](draft, journal))
    assert got == case.expected, f"{case.file}:{case.line}: {case.title}\n--- got:\n{got}"
