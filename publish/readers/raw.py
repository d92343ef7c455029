"""Reader of raw text extracted from a printed page (the seed's format).

    # 温岭日报                         the paper
    中共温岭市委机关报 …               masthead lines
    ## 引题 主题 副题                  one headline per article
    ### 人大政协回顾                   a column banner
    paragraphs, separated by blank lines

The text is damaged the way extraction damages it (DESIGN.md §3); the
cleanup rules in `publish.cleanup` undo that, and every input line ends up
accounted for in the import report: kept, merged into a paragraph, dropped
as a copy of a named line, or read as masthead, headline, banner or teaser.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..cleanup import FINISH, RULES, clean
from ..cleanup.finish import build_issue
from ..cleanup.journal import Journal
from ..errors import RawTextError
from ..model import Issue

REPORT_FILE = "import-report.json"
MAX_BYTES = 64 * 1024 * 1024
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
MIN_CJK_SHARE = 0.3      # of non-space characters, to accept text that is not UTF-8 as GB18030
SUMMARY_SPANS = 8        # line spans shown per summary line; the report has them all


@dataclass(frozen=True)
class ImportResult:
    issue: Issue
    report: dict          # JSON-serialisable, written as import-report.json
    summary: list[str]    # a few lines for a person, printed by `publish import`


def parse_page_options(values: tuple[str, ...] | list[str]) -> list[tuple[int, str | None]]:
    """`--page 2:综合` options as (number, name) pairs, in the order given."""
    pages = []
    for value in values:
        number, _, name = value.partition(":")
        if not number.strip().isdigit() or not 1 <= int(number) <= 64:
            raise RawTextError(f"--page {value}: expected N:NAME with N a page number from 1 to 64")
        pages.append((int(number), name.strip() or None))
    return pages


def import_raw(paths: Path | list[Path], pages: list[tuple[int, str | None]] | None = None) -> ImportResult:
    """Import raw text: one page's file, or a day's page files in order (or a folder
    of them). Raises RawTextError (one line, `file:line: …`)."""
    if isinstance(paths, (str, Path)):
        paths = [Path(paths)]
    if len(paths) != 1 or Path(paths[0]).is_dir() or pages:
        raise RawTextError("importing several pages at once is not written yet")
    return _import_file(Path(paths[0]))


def _import_file(path: Path) -> ImportResult:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise RawTextError(f"{path}: expected a newspaper page of text, found {size:,} bytes "
                               f"(more than {MAX_BYTES // 2**20} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise RawTextError(f"{path}: cannot read: {error.strerror}") from None
    return import_bytes(data, str(path))


def import_bytes(data: bytes, source: str) -> ImportResult:
    text, encoding = decode(data, source)
    return import_text(text, source, encoding)


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


def import_text(text: str, source: str = "<text>", encoding: str = "utf-8") -> ImportResult:
    if not text.strip():
        raise RawTextError(f"{source}:1: expected raw newspaper text, found "
                           f"{'an empty file' if not text else 'only blank lines'}")
    draft, journal = clean(text, source)
    issue, ids = build_issue(draft, journal)
    report = _report(draft.lines, issue, ids, journal, encoding)
    return ImportResult(issue, report, _summary(draft.lines, issue, ids, journal, report))


def write_import(result: ImportResult, issue_dir: Path, replace: bool = False) -> None:
    """Write the issue folder, with the import report inside it, atomically."""
    from ..writers.source import write_source

    report = json.dumps(result.report, ensure_ascii=False, indent=1) + "\n"
    write_source(result.issue, Path(issue_dir), replace=replace, extra_files={REPORT_FILE: report})


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

def _report(lines: tuple[str, ...], issue: Issue, ids: dict[int, str], journal: Journal,
            encoding: str) -> dict:
    fates = []
    for number in range(1, len(lines) + 1):
        fate = dict(journal.fates.get(number, {"fate": "unaccounted"}))
        if fate["fate"] == "header":
            fate["article"] = ids.get(number)
        fates.append({"line": number, **fate})
    _fill_columns(fates, ids, journal)
    headline_of: dict[str, int] = {}
    for line, ident in sorted(ids.items()):
        headline_of.setdefault(ident, line)
    m = issue.masthead
    return {
        "source": journal.source,
        "encoding": encoding,
        "line_count": len(lines),
        "totals": dict(Counter(f["fate"] for f in fates)),
        "masthead": {"paper": m.paper, "organ": m.organ, "publisher": m.publisher,
                     "date": m.date.isoformat(), "weekday": m.weekday, "lunar": m.lunar, "cn": m.cn,
                     "serial": m.serial, "page_count": m.page_count},
        "articles": [{"id": a.id, "line": headline_of.get(a.id), "title": a.title,
                      "paragraphs": len(a.paragraphs)} for a in issue.articles()],
        "rules": [{"rule": name, "does": does,
                   "changes": [_change_json(c, ids) for c in journal.by_rule(name)]}
                  for name, does in [(r.name, r.does) for r in RULES]
                  + [(FINISH, "articles with neither text nor a teaser are skipped")]],
        "lines": fates,
        "warnings": [str(w) for w in journal.warnings],
    }


def _fill_columns(fates: list[dict], ids: dict[int, str], journal: Journal) -> None:
    for change in journal.by_rule("columns"):
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


def _summary(lines: tuple[str, ...], issue: Issue, ids: dict[int, str], journal: Journal,
             report: dict) -> list[str]:
    m = issue.masthead
    count = len(issue.articles())
    read_as = f" (read as {report['encoding'].upper()})" if report["encoding"] != "utf-8" else ""
    out = [f"{journal.source}{read_as}: {len(lines)} lines -> {count} article{'s' * (count != 1)} "
           f"on page 1 of {m.page_count}"]
    changes = journal.changes
    by = {name: [c for c in changes if c.rule == name] for name in [r.name for r in RULES] + [FINISH]}
    for change in by["normalise"]:
        out.append(f"normalise: {change.action} on lines {_shown(change.lines, lines)}")
    for change in by["masthead"]:
        if change.action == "read masthead":
            out.append(f"masthead: {change.detail} (lines {_shown(change.lines, lines)})")
    for change in by["columns"]:
        out.append(f"columns: {change.detail} (line {change.of}) -> "
                   f"{', '.join(ids[l] for l in change.lines if l in ids)}")
    for change in by["teasers"]:
        if change.of in ids:
            out.append(f"teasers: line {change.lines[0]} -> {ids[change.of]} points at {change.detail}")
    bylines = [line for c in by["bylines"] for line in c.lines]
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
        target = ids.get(change.of, f"line {change.of}")
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
    seams = [c.lines for c in by["seams"]]
    if seams:
        out.append(f"seams: joined {len(seams)} paragraph(s) across places, lines "
                   f"{_shown([n for s in seams for n in s], lines)}")
    skipped = [n for n, f in journal.fates.items() if f["fate"] == "skipped"]
    if skipped:
        out.append(f"skipped: lines {_shown(skipped, lines)} (a headline without text, an empty banner)")
    totals = report["totals"]
    counted = ", ".join(f"{count} {fate}" for fate, count in sorted(totals.items(), key=lambda kv: -kv[1]))
    unaccounted = totals.get("unaccounted", 0)
    verdict = f"accounted for all {len(lines)} lines" if not unaccounted else \
        f"{unaccounted} of {len(lines)} lines NOT accounted for"
    out.append(f"{verdict}: {counted}")
    for warning in journal.warnings[:5]:
        out.append(f"warning: {warning}")
    if len(journal.warnings) > 5:
        out.append(f"warning: {len(journal.warnings) - 5} more in {REPORT_FILE}")
    return out
