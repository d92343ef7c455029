"""Reader of raw text extracted from printed pages (the seed's format, or plain text).

    # 温岭日报                         the paper
    中共温岭市委机关报 …               masthead lines
    ## 引题 主题 副题                  one headline per article
    ### 人大政协回顾                   a column banner
    paragraphs, separated by blank lines

The marks are optional: text as pdftotext or a copy from a 数字报 page gives
it is read by the shape of its lines (cleanup.shapes). A day's paper is one
file per page, in page order or in a folder; each page's number and name come
from its running head (第2版 综合, A2, 2版), else from the order, unless given.

The text is damaged the way extraction damages it; the cleanup rules in
`publish.cleanup` undo that, and every input line ends up accounted for in the
import report: kept, merged into a paragraph, dropped as a copy of a named
line, or read as masthead, headline, banner or teaser.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..cleanup import FINISH, RULES, clean
from ..cleanup.draft import Draft
from ..cleanup.finish import CleanPage, build_issue
from ..cleanup.journal import Journal
from ..errors import RawTextError
from ..model import MAX_PAGES, Issue

REPORT_FILE = "import-report.json"
MAX_BYTES = 64 * 1024 * 1024
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
MIN_CJK_SHARE = 0.3      # of non-space characters, to accept text that is not UTF-8 as GB18030
SUMMARY_SPANS = 8        # line spans shown per summary line; the report has them all
SUMMARY_WARNINGS = 5
GUESS = "(a guess)"      # how a rule marks a change that is a guess from the shape of lines
PAGE_FILES = (".txt", ".text", ".md")


@dataclass(frozen=True)
class ImportResult:
    issue: Issue
    report: dict          # JSON-serialisable, written as import-report.json
    summary: list[str]    # a few lines for a person, printed by `publish import`


@dataclass(frozen=True)
class _Cleaned:
    source: str
    encoding: str
    page: CleanPage
    named_by: str


def parse_page_options(values: tuple[str, ...] | list[str]) -> list[tuple[int, str | None]]:
    """`--page 2:综合` options as (number, name) pairs, in the order given."""
    pages = []
    for value in values:
        number, _, name = value.partition(":")
        if not number.strip().isdigit() or not 1 <= int(number) <= MAX_PAGES:
            raise RawTextError(f"--page {value}: expected N:NAME with N a page number from 1 to {MAX_PAGES}")
        pages.append((int(number), name.strip() or None))
    return pages


def page_files(paths: list[Path]) -> list[Path]:
    """The page files named, a folder standing for the text files in it, in natural
    order (page2 before page10)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted((f for f in path.iterdir() if f.is_file() and f.suffix.lower() in PAGE_FILES
                             and not f.name.startswith(".")), key=_natural)
            if not inside:
                raise RawTextError(f"{path}: expected page files ({', '.join(PAGE_FILES)}) in the folder, found none")
            files += inside
        else:
            files.append(path)
    if len(files) > MAX_PAGES:
        raise RawTextError(f"{paths[0]}: expected at most {MAX_PAGES} pages, found {len(files)} files")
    return files


def _natural(path: Path) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def import_raw(paths: Path | list[Path], pages: list[tuple[int, str | None]] | None = None) -> ImportResult:
    """Import raw text: one page's file, or a day's page files in page order (or a
    folder of them), with `pages` giving the number and name of each file in
    order. Raises RawTextError (one line, `file:line: …`)."""
    if isinstance(paths, (str, Path)):
        paths = [Path(paths)]
    files = page_files([Path(p) for p in paths])
    options = list(pages or [])
    if len(options) > len(files):
        raise RawTextError(f"--page given {len(options)} times for {len(files)} page file(s): "
                           f"expected one per file at most, in the files' order")
    cleaned = [_clean_bytes(_read(path), str(path)) for path in files]
    return _assemble(cleaned, options)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise RawTextError(f"{path}: expected a newspaper page of text, found {size:,} bytes "
                               f"(more than {MAX_BYTES // 2**20} MB)")
        return path.read_bytes()
    except OSError as error:
        raise RawTextError(f"{path}: cannot read: {error.strerror}") from None


def import_bytes(data: bytes, source: str) -> ImportResult:
    return _assemble([_clean_bytes(data, source)], [])


def import_text(text: str, source: str = "<text>", encoding: str = "utf-8") -> ImportResult:
    return _assemble([_clean_text(text, source, encoding)], [])


_Read = tuple[str, str, Draft, Journal]     # source, encoding, the cleaned draft, its journal


def _clean_bytes(data: bytes, source: str) -> _Read:
    text, encoding = decode(data, source)
    return _clean_text(text, source, encoding)


def _clean_text(text: str, source: str, encoding: str) -> _Read:
    if not text.strip():
        raise RawTextError(f"{source}:1: expected raw newspaper text, found "
                           f"{'an empty file' if not text else 'only blank lines'}")
    draft, journal = clean(text, source)
    return source, encoding, draft, journal


def _assemble(cleaned: list[_Read], options: list[tuple[int, str | None]]) -> ImportResult:
    """Number and name the pages, build the issue, and report."""
    pages: list[_Cleaned] = []
    seen: dict[int, str] = {}
    for index, (source, encoding, draft, journal) in enumerate(cleaned):
        head = draft.masthead
        given = options[index] if index < len(options) else None
        if given is not None:
            number, name, how = given[0], given[1] or head.page_name or None, "--page"
            if head.page and head.page != number:
                journal.warn(head.page_line, f"the running head says page {head.page}; --page says {number}: "
                                             f"kept {number}")
        elif head.page:
            number, name, how = head.page, head.page_name or None, "running head"
        else:
            number = max(seen, default=0) + 1 if len(cleaned) > 1 else 1
            name, how = head.page_name or None, "file order"
        if number in seen:
            raise RawTextError(f"{source}: page {number} again (also {seen[number]}): give each file its page "
                               f"with --page N:NAME, in the files' order")
        seen[number] = source
        pages.append(_Cleaned(source, encoding, CleanPage(draft, journal, number, name), how))
    issue, ids = build_issue([p.page for p in pages])
    report = _report(issue, pages, ids)
    return ImportResult(issue, report, _summary(issue, pages, ids, report))


def decode(data: bytes, source: str) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8, UTF-16 with a BOM, or GB18030
    (common in Chinese archives) when it is not UTF-8 but clearly Chinese text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as error:
                raise RawTextError(_bad_byte(data, error.start, source, encoding)) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise RawTextError(f"{source}:{line}: expected text, found binary data (a NUL byte at offset {nul})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    visible = [c for c in text if not c.isspace()]
    if visible and sum(1 for c in visible if _CJK.match(c)) >= MIN_CJK_SHARE * len(visible):
        return text, "gb18030"
    raise RawTextError(_bad_byte(data, first_bad, source, "UTF-8"))


def _bad_byte(data: bytes, offset: int, source: str, encoding: str) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"{source}:{line}: expected {encoding} text, found byte {data[offset]:#04x} at offset {offset}"


def time_import(path: Path, repeat: int = 20) -> float:
    """The best CPU time of importing `path`, in seconds, modules already loaded
    (what `make bench` reports for the seed)."""
    data = Path(path).read_bytes()
    import_bytes(data, str(path))
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        import_bytes(data, str(path))
        best = min(best, time.process_time() - start)
    return best


# -- the report ---------------------------------------------------------------------------

def _report(issue: Issue, pages: list[_Cleaned], ids: list[dict[int, str]]) -> dict:
    m = issue.masthead
    page_reports = [_page_report(page, page_ids) for page, page_ids in zip(pages, ids)]
    articles = []
    for page, page_ids in zip(pages, ids):
        headline_of: dict[str, int] = {}
        for line, ident in sorted(page_ids.items()):
            headline_of.setdefault(ident, line)
        issue_page = issue.page(page.page.number)
        assert issue_page is not None           # the issue was made of these pages
        for article in issue_page.articles:
            kinds = Counter(p.kind for p in article.paragraphs if p.kind != "text")
            articles.append({"id": article.id, "source": page.source, "line": headline_of.get(article.id),
                             "title": article.title, "paragraphs": len(article.paragraphs),
                             **({"kinds": dict(kinds)} if kinds else {})})
    totals: Counter = Counter()
    for report in page_reports:
        totals.update(report["totals"])
    return {
        "sources": [page.source for page in pages],
        "line_count": sum(r["line_count"] for r in page_reports),
        "totals": dict(totals),
        "masthead": {"paper": m.paper, "organ": m.organ, "publisher": m.publisher,
                     "date": m.date.isoformat(), "weekday": m.weekday, "lunar": m.lunar, "cn": m.cn,
                     "serial": m.serial, "page_count": m.page_count},
        "articles": articles,
        "pages": page_reports,
        "guesses": [{"source": r["source"], **g} for r in page_reports for g in r["guesses"]],
        "warnings": [w for r in page_reports for w in r["warnings"]],
    }


def _page_report(page: _Cleaned, ids: dict[int, str]) -> dict:
    journal, lines = page.page.journal, page.page.draft.lines
    fates = []
    for number in range(1, len(lines) + 1):
        fate = dict(journal.fates.get(number, {"fate": "unaccounted"}))
        if fate["fate"] == "header":
            fate["article"] = ids.get(number)
        fates.append({"line": number, **fate})
    _fill_columns(fates, ids, journal)
    return {
        "number": page.page.number,
        "name": page.page.name,
        "named_by": page.named_by,
        "source": page.source,
        "encoding": page.encoding,
        "line_count": len(lines),
        "totals": dict(Counter(f["fate"] for f in fates)),
        "rules": [{"rule": name, "does": does,
                   "changes": [_change_json(c, ids) for c in journal.by_rule(name)]}
                  for name, does in [(r.name, r.does) for r in RULES]
                  + [(FINISH, "articles with neither text nor a teaser are skipped")]],
        "guesses": [{"line": c.lines[0], "lines": list(c.lines), "guess": c.action.removesuffix(GUESS).strip(),
                     **({"detail": c.detail} if c.detail else {})}
                    for c in journal.changes if c.action.endswith(GUESS)],
        "lines": fates,
        "warnings": [str(w) for w in journal.warnings],
    }


def _fill_columns(fates: list[dict], ids: dict[int, str], journal: Journal) -> None:
    for change in journal.by_rule("columns"):
        assert change.of is not None            # a column change names the headline's line
        fate = fates[change.of - 1]
        fate["articles"] = [ids[line] for line in change.lines if line in ids]


def _change_json(change, ids: dict[int, str]) -> dict:
    data = change.as_json()
    if change.of in ids and change.rule in ("teasers", "columns", "reassemble"):
        data["article"] = ids[change.of]
    return data


# -- the summary --------------------------------------------------------------------------

def spans(numbers, lines: tuple[str, ...]) -> list[str]:
    """Line numbers as spans, bridging blank lines: 69, 71, 73 -> 69-73."""
    result: list[list[int]] = []
    for number in sorted(set(numbers)):
        if result and all(not lines[n - 1] for n in range(result[-1][1] + 1, number)):
            result[-1][1] = number
        else:
            result.append([number, number])
    return [f"{a}" if a == b else f"{a}-{b}" for a, b in result]


def _shown(numbers, lines: tuple[str, ...]) -> str:
    shown = spans(numbers, lines)
    more = f" and {len(shown) - SUMMARY_SPANS} more" if len(shown) > SUMMARY_SPANS else ""
    return ", ".join(shown[:SUMMARY_SPANS]) + more


def _summary(issue: Issue, pages: list[_Cleaned], ids: list[dict[int, str]], report: dict) -> list[str]:
    out: list[str] = []
    for page, page_ids, page_report in zip(pages, ids, report["pages"]):
        out += _page_summary(issue, page, page_ids, page_report, several=len(pages) > 1)
    if len(pages) > 1:
        totals = report["totals"]
        unaccounted = totals.get("unaccounted", 0)
        out.append(f"{len(pages)} pages, {len(issue.articles())} articles: " + (
            f"accounted for all {report['line_count']} lines" if not unaccounted else
            f"{unaccounted} of {report['line_count']} lines NOT accounted for"))
    warnings = report["warnings"]
    out += [f"warning: {warning}" for warning in warnings[:SUMMARY_WARNINGS]]
    if len(warnings) > SUMMARY_WARNINGS:
        out.append(f"warning: {len(warnings) - SUMMARY_WARNINGS} more in {REPORT_FILE}")
    return out


def _named(ids: dict[int, str], line: int | None) -> str:
    """The article id of the headline at `line`, or the line itself."""
    return ids[line] if line in ids else f"line {line}"


def _page_summary(issue: Issue, page: _Cleaned, ids: dict[int, str], report: dict, several: bool) -> list[str]:
    journal, lines = page.page.journal, page.page.draft.lines
    m = issue.masthead
    number = page.page.number
    issue_page = issue.page(number)
    assert issue_page is not None               # the issue was made of these pages
    count = len(issue_page.articles)
    read_as = f" (read as {report['encoding'].upper()})" if report["encoding"] != "utf-8" else ""
    named = f" {page.page.name}" if page.page.name else ""
    how = f", numbered by its {page.named_by}" if several else ""
    out = [f"{journal.source}{read_as}: {len(lines)} lines -> {count} article{'s' * (count != 1)} "
           f"on page {number}{named} of {m.page_count}{how}"]
    changes = journal.changes
    by = {name: [c for c in changes if c.rule == name] for name in [r.name for r in RULES] + [FINISH]}
    for change in by["normalise"]:
        out.append(f"normalise: {change.action} on lines {_shown(change.lines, lines)}")
    for change in by["masthead"]:
        if change.action == "read masthead":
            out.append(f"masthead: {change.detail} (lines {_shown(change.lines, lines)})")
    guessed = Counter(c.action.removesuffix(GUESS).strip() for c in changes if c.action.endswith(GUESS))
    if guessed:
        out.append("guessed by shape: " + ", ".join(f"{n} {what}" for what, n in sorted(guessed.items()))
                   + f" (listed in {REPORT_FILE})")
    kinds = Counter(c.action for c in by["kinds"] if not c.action.endswith(GUESS) and c.action != "split")
    if kinds:
        out.append("kinds: " + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())))
    for change in by["columns"]:
        out.append(f"columns: {change.detail} (line {change.of}) -> "
                   f"{', '.join(ids[line] for line in change.lines if line in ids)}")
    for change in by["teasers"]:
        if change.of in ids:
            out.append(f"teasers: line {change.lines[0]} -> {ids[change.of]} points at {change.detail}")
    bylines = [line for c in by["bylines"] if c.action == "byline at the start of" for line in c.lines]
    bylines += [c.lines[0] for c in by["rejoin"] + by["seams"] if c.action.startswith("byline")]
    if bylines:
        out.append(f"bylines: {len(bylines)} found, at lines {_shown(bylines, lines)}")
    joined = [c.lines for c in by["rejoin"] if c.action == "joined"]
    if joined:
        groups = [f"{g[0]}-{g[-1]}" for g in joined]
        more = f" and {len(groups) - SUMMARY_SPANS} more" if len(groups) > SUMMARY_SPANS else ""
        out.append(f"rejoin: {len(joined)} paragraphs rebuilt from {sum(map(len, joined))} blocks: "
                   f"{', '.join(groups[:SUMMARY_SPANS])}{more}")
    apart = [c for c in by["rejoin"] if c.action.startswith("left apart")]
    if apart:
        out.append(f"rejoin: left {len(apart)} broken line(s) apart that continue differently "
                   f"elsewhere: {_shown([c.lines[0] for c in apart], lines)}")
    for change in by["reassemble"]:
        target = _named(ids, change.of)
        if change.action == "merged a repeated headline into":
            out.append(f"reassemble: headline at line {change.lines[0]} repeats line {change.of} ({target})")
        elif change.action == "re-attached":
            out.append(f"reassemble: lines {_shown(change.lines, lines)} moved to {target} ({change.detail})")
        elif change.action == "starts at its byline":
            out.append(f"reassemble: {target} starts at its byline, line {change.lines[0]}")
    for kind in ("duplicate", "fragment"):
        dropped = [n for c in by["duplicates"] + by["recheck"] if c.action == f"dropped a {kind} of"
                   for n in c.lines]
        if dropped:
            what = "copies of kept text" if kind == "duplicate" else "broken-off pieces of kept paragraphs"
            out.append(f"duplicates: dropped {len(dropped)} lines as {what}: {_shown(dropped, lines)}")
    cut = [n for c in by["duplicates"] + by["recheck"] if c.action.startswith("dropped a copy cut") for n in c.lines]
    if cut:
        out.append(f"duplicates: dropped {len(cut)} lines of copies cut at a column edge: {_shown(cut, lines)}")
    seams = [c.lines for c in by["seams"]]
    if seams:
        out.append(f"seams: joined {len(seams)} paragraph(s) across places, lines "
                   f"{_shown([n for s in seams for n in s], lines)}")
    for change in by["breaks"]:
        target = _named(ids, change.of)
        out.append(f"breaks: lines {_shown(change.lines, lines)} continue a sentence of {target} ({change.detail})")
    skipped = [n for n, f in journal.fates.items() if f["fate"] == "skipped"]
    if skipped:
        out.append(f"skipped: lines {_shown(skipped, lines)} (a headline without text, an empty banner)")
    totals = report["totals"]
    counted = ", ".join(f"{count} {fate}" for fate, count in sorted(totals.items(), key=lambda kv: -kv[1]))
    unaccounted = totals.get("unaccounted", 0)
    verdict = f"accounted for all {len(lines)} lines" if not unaccounted else \
        f"{unaccounted} of {len(lines)} lines NOT accounted for"
    out.append(f"{verdict}: {counted}")
    return out
