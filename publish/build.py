"""`publish build`: source -> model -> outputs, written with their report as one set.

Every output (and the report) is written to a temporary in OUTDIR and the set
is renamed into place at the end (`outputs.OutputSet`): after a failure or a
kill, OUTDIR holds the previous set, never a new PDF beside an old EPUB and a
report describing neither. The report describes the outputs beside it: a
`--format epub` build keeps the PDF's section of the earlier report when that
PDF is still the one it describes. A format that cannot be made because no
font has a character does not stop the others: they are written, then the
build exits 1 naming the characters and where they are.

The build, not the PDF writer, runs the print preflight on the new PDF.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, TypedDict

from .errors import FitError, MissingGlyphError, OutputError, Problem, PublishError, StrictError
from .model import Issue
from .outputs import OutputSet, disk_error, safe_name
from .readers import Loaded, load_issue
from .writers import FORMATS, Writer, writer_for, writes_folder

Progress = Callable[[str], None]
REPORT_SUFFIX = ".report.json"
#: SOURCE_DATE_EPOCH beyond this is no date an issue can carry (the year 2200).
LAST_EPOCH = 7_258_118_400


class IssueSection(TypedDict):
    paper: str
    date: str
    serial: int


class PreflightSection(TypedDict):
    ok: bool
    checks: list[str]


class OutputSection(TypedDict, total=False):
    """One output in the report. The writer adds its own keys (pages, fonts…)."""

    file: str                   # its name in OUTDIR
    bytes: int                  # its size (a folder: the sum of its files)
    sha256: str                 # of the file (a folder: of its files' names and hashes)
    seconds: float
    report_keys: list[str]      # top-level report keys this writer filled (pages, jumps…)
    warnings: list[str]         # what the build warned while this writer ran
    earlier: bool               # kept from an earlier build (this build did not make this format)


# `import` is a keyword, hence the functional form.
Report = TypedDict("Report", {
    "source": str,
    "issue": IssueSection,
    "warnings": list[str],
    "outputs": dict[str, OutputSection],
    "failed": dict[str, str],           # formats this build could not make, and why
    "seconds": float,
    "import": dict[str, Any],           # the import report, when the source was raw text
    "preflight": PreflightSection,      # the print preflight of the PDF
    # The PDF writer's: pages (modules, fill), overset, jumps, missing_glyphs.
    "pages": list[dict[str, Any]],
    "overset": int,
    "jumps": list[dict[str, Any]],
    "missing_glyphs": list[dict[str, Any]],
}, total=False)


@dataclass
class BuildOptions:
    formats: tuple[str, ...] = ("pdf", "epub")
    vertical: bool = False          # EPUB: 竖排
    embed_fonts: bool = True        # EPUB: --no-fonts leaves them out
    strict: bool = False            # --strict: a build that warns exits 1


@dataclass
class BuildContext:
    """What every writer of one build shares: the issue, its folder, options,
    outputs already written (the EPUB cover uses the PDF) and the report."""

    loaded: Loaded
    outdir: Path
    options: BuildOptions
    progress: Progress = lambda message: None
    outputs: dict[str, Path] = field(default_factory=dict)
    report: Report = field(default_factory=lambda: Report())
    # Work a writer began early for its own output, by format (see `on_output` in build()).
    pending: dict[str, object] = field(default_factory=dict)

    @property
    def issue(self) -> Issue:
        return self.loaded.issue

    def warn(self, message: str) -> None:
        """A finding about the output the desk should see (a page left short, a
        fallback font): in the report's warnings, on the console, and with
        --strict a reason to exit 1 once the outputs are written."""
        self.report.setdefault("warnings", []).append(message)
        self.progress(f"warning: {message}")

    @property
    def root(self) -> Path:
        return self.loaded.root

    @cached_property
    def timestamp(self) -> dt.datetime:
        """The one date every output carries, so rebuilds are byte-identical:
        SOURCE_DATE_EPOCH when set, else midnight (Beijing time) of the issue date."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch:
            try:
                seconds = int(epoch)
                if not 0 <= seconds <= LAST_EPOCH:
                    raise ValueError
                return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
            except (ValueError, OverflowError, OSError):
                raise PublishError(f"SOURCE_DATE_EPOCH: expected seconds since 1970-01-01 up to the year "
                                   f"2200, found \"{epoch[:30]}\"") from None
        beijing = dt.timezone(dt.timedelta(hours=8))
        date = self.issue.masthead.date
        return dt.datetime(date.year, date.month, date.day, tzinfo=beijing)

    @cached_property
    def plan(self):
        """The broadsheet page plan, computed once and shared by the print and web writers."""
        from .layout import plan_issue
        return plan_issue(self.issue, self.root)


def output_stem(issue: Issue) -> str:
    """The file stem of every output: the paper's name made safe, then the date
    (温岭日报-2023-01-19). `Issue.slug` is the same for any sane name."""
    return f"{safe_name(issue.masthead.paper, 'issue')}-{issue.masthead.date.isoformat()}"


def output_path(outdir: Path, issue: Issue, extension: str) -> Path:
    return Path(outdir) / f"{output_stem(issue)}{extension}"


def ordered_formats(requested: tuple[str, ...]) -> list[str]:
    return sorted(set(requested), key=FORMATS.index)


def build(source: str | Path, outdir: str | Path, options: BuildOptions,
          progress: Progress = lambda message: None) -> BuildContext:
    formats = ordered_formats(options.formats)
    writers = {name: writer_for(name) for name in formats}   # refuse unknown formats first
    started = time.perf_counter()
    progress(f"reading {source}")
    loaded = load_issue(source)
    for warning in loaded.warnings:
        progress(f"warning: {warning}")
    context = BuildContext(loaded, Path(outdir), options, progress)
    masthead = loaded.issue.masthead
    context.report = Report(source=str(source),
                            issue=IssueSection(paper=masthead.paper, date=masthead.date.isoformat(),
                                               serial=masthead.serial),
                            warnings=[str(w) for w in loaded.warnings], outputs={})
    if loaded.import_report is not None:
        context.report["import"] = loaded.import_report
    stem = output_stem(loaded.issue)
    if safe_name(masthead.paper) != masthead.paper:
        context.warn(f"masthead.paper: the outputs are named \"{stem}\" (the paper's name made safe "
                     "for a file name)")
    _ = context.timestamp                               # a bad SOURCE_DATE_EPOCH stops us before any work
    failed: dict[str, MissingGlyphError] = {}
    try:
        with OutputSet(context.outdir, stem) as outputs:
            for name, writer in writers.items():
                error = _write_one(context, outputs, name, writer)
                if error is not None:
                    failed[name] = error
                    continue
                # A later writer that reads this output may start on it now, beside the
                # writers in between (the digital edition pictures the PDF while the EPUB
                # is written); it reads the staged temporary, renamed only at the end.
                for later in writers.values():
                    if hasattr(later, "on_output"):
                        later.on_output(context, name, context.outputs[name])
            _keep_earlier_sections(context, outputs, set(writers), failed)
            if failed:
                context.report["failed"] = {name: str(error) for name, error in failed.items()}
            context.report["seconds"] = round(time.perf_counter() - started, 3)
            report = outputs.stage(REPORT_SUFFIX)
            report.write_text(json.dumps(context.report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            outputs.commit(last=REPORT_SUFFIX)
    except OSError as error:
        full = disk_error(error, context.outdir)
        if full is None:
            raise
        raise full from None
    context.outputs = {name: outputs.path(_suffix(writer)) for name, writer in writers.items() if name not in failed}
    for name, path in context.outputs.items():
        section = context.report["outputs"][name]
        progress(f"wrote {path} ({section['bytes'] / 1e6:.2f} MB, {section['seconds']:.1f} s)")
    progress(f"wrote {outputs.path(REPORT_SUFFIX)}")
    if failed:
        raise _glyph_failure(context, failed)
    warnings = context.report["warnings"]
    if options.strict and warnings:
        count = len(warnings)
        raise StrictError(f"--strict: the build gave {count} warning{'s' * (count != 1)}, "
                          f"the first: {warnings[0]}")
    return context


def _suffix(writer: Writer) -> str:
    return "" if writes_folder(writer) else writer.EXTENSION


def _write_one(context: BuildContext, outputs: OutputSet, name: str, writer: Writer) -> MissingGlyphError | None:
    """Write one format into its temporary and describe it in the report; a format
    that lacks a glyph gives its error back so that the others are still written."""
    suffix = _suffix(writer)
    target = outputs.path(suffix)
    if name in EVERY_GLYPH:
        missing = _characters_no_font_has(context)
        if missing:
            named = ", ".join(f"{char} (U+{ord(char):04X}, in {', '.join(places)})" for char, places in missing.items())
            error = MissingGlyphError(f"no font has {named}", missing)
            context.progress(f"{name}: not written: {error}")
            return error
    tmp = outputs.stage(suffix, folder=writes_folder(writer))
    context.progress(f"writing {target}")
    begun = time.perf_counter()
    keys_before = set(context.report)
    warnings_before = len(context.report["warnings"])
    try:
        section: dict[str, Any] = dict(writer.write(context, tmp) or {})
    except MissingGlyphError as error:
        outputs.drop(suffix)
        context.progress(f"{name}: not written: {error}")
        return error
    except FitError as error:
        raise _fit_failure(context, error) from None
    if name == "pdf":
        _preflight(context, tmp)
    context.outputs[name] = tmp
    own_keys = sorted(set(context.report) - keys_before)
    described = OutputSection(file=target.name, bytes=outputs.size(suffix), sha256=outputs.digest(suffix),
                              seconds=round(time.perf_counter() - begun, 3))
    described.update(section)  # type: ignore[typeddict-item]
    if own_keys:
        described["report_keys"] = own_keys
    if len(context.report["warnings"]) > warnings_before:
        described["warnings"] = context.report["warnings"][warnings_before:]
    context.report["outputs"][name] = described
    return None


#: Formats that must draw every character from an embedded font (an EPUB leaves a
#: missing one to the reading system's fonts, with a warning).
EVERY_GLYPH = ("pdf",)


def _characters_no_font_has(context: BuildContext) -> dict[str, tuple[str, ...]]:
    """Characters of the issue that neither a bundled nor an installed font has,
    with where they occur: checked before the print writer starts, so the other
    formats are still written (see MissingGlyphError)."""
    from .fonts import uncovered

    return {u.char: tuple(u.where) for u in uncovered(context.issue) if not u.printable}


def _preflight(context: BuildContext, pdf: Path) -> None:
    """The print preflight of the new PDF, into the report; failures on the console."""
    from .check.pdf import check_pdf

    passed, lines = check_pdf(pdf, dict(context.report))
    context.report["preflight"] = PreflightSection(ok=passed, checks=lines)
    for line in lines:
        if line.startswith("FAIL"):
            context.progress(f"preflight: {line}")


def _keep_earlier_sections(context: BuildContext, outputs: OutputSet, built: set[str],
                           failed: dict[str, MissingGlyphError]) -> None:
    """Keep the sections of an earlier report of this issue for formats this build
    did not make, when the file is still the one that report describes; an earlier
    output of a format that failed now is removed with the new set (it would show
    an older state of the issue beside the new outputs)."""
    path = outputs.path(REPORT_SUFFIX)
    try:
        earlier = json.loads(path.read_text(encoding="utf-8")) if path.is_file() and not path.is_symlink() else None
    except (OSError, ValueError):
        earlier = None
    if not isinstance(earlier, dict) or earlier.get("issue") != context.report["issue"] \
            or not isinstance(earlier.get("outputs"), dict):
        return
    for name, section in earlier["outputs"].items():
        if name in built and name not in failed or name not in FORMATS or not isinstance(section, dict):
            continue
        suffix = _format_suffix(name)
        if suffix is None:
            continue
        expected = outputs.path(suffix)
        if section.get("file") != expected.name or not os.path.lexists(expected) or expected.is_symlink():
            continue
        if not _describes(section, expected):
            continue
        if name in failed:
            outputs.remove_on_commit(expected)
            continue
        kept: OutputSection = {**section, "earlier": True}
        context.report["outputs"][name] = kept
        for key in section.get("report_keys", []):
            if key in earlier and key not in context.report:
                context.report[key] = earlier[key]  # type: ignore[literal-required]


def _format_suffix(name: str) -> str | None:
    """The output suffix of a known format whose writer exists, else None."""
    try:
        return _suffix(writer_for(name))
    except PublishError:
        return None


def _describes(section: dict, path: Path) -> bool:
    """Whether the report section still describes the output at `path`."""
    import hashlib

    if path.is_dir():
        return False                     # a folder is checked by its marker when it is replaced
    try:
        size = path.stat().st_size
        if size != section.get("bytes"):
            return False
        if "sha256" in section:
            hasher = hashlib.sha256()
            with path.open("rb") as file:
                for block in iter(lambda: file.read(1 << 20), b""):
                    hasher.update(block)
            return hasher.hexdigest() == section["sha256"]
    except OSError:
        return False
    return True


# -- where an output-time problem is in the source -----------------------------------------

def issue_file_line(source: str | Path, root: Path, key: str) -> tuple[str, int | None]:
    """issue.toml and the line of masthead.<key> (or of [masthead]) in it; for raw
    text sources, the raw file."""
    from .readers.source import ISSUE_FILE
    from .readers.toml_lines import key_lines, line_of

    if Path(source).is_file():
        return str(source), None
    issue_file = Path(root) / ISSUE_FILE
    try:
        lines = key_lines(issue_file.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return str(issue_file), None
    return str(issue_file), line_of(lines, ("masthead", key))


def _fit_failure(context: BuildContext, error: FitError) -> PublishError:
    """"Does not fit" at the articles left over, else at the page count in issue.toml."""
    from .errors import SourceError

    sources = {a.id: a.source for a in context.issue.articles() if a.source}
    problems = [Problem(sources[a], None, str(error)) for a in error.articles if a in sources]
    if not problems:
        file, line = issue_file_line(context.report.get("source", context.root), context.root, "page_count")
        problems = [Problem(file, line, str(error))]
    return SourceError(problems)


def _line_of_character(path: str, char: str) -> int | None:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        return None
    index = text.find(char)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def character_places(issue: Issue, source: str | Path, root: Path,
                     glyphs: dict[str, tuple[str, ...]]) -> list[tuple[str, int | None, str]]:
    """(file, line, character) for each character and each place it occurs ('a2' is
    an article id; 'masthead' and 'page N' are in issue.toml), for messages."""
    sources = {a.id: a.source for a in issue.articles() if a.source}
    found = []
    for char, places in glyphs.items():
        for place in places or ("masthead",):
            if place in sources:
                file, line = sources[place], _line_of_character(sources[place], char)
            else:
                file, line = issue_file_line(source, root, "paper")
                line = (_line_of_character(file, char) if Path(file).is_file() else None) or line
            found.append((file, line, char))
    return found


def _glyph_failure(context: BuildContext, failed: dict[str, MissingGlyphError]) -> PublishError:
    """One line per character and place: `articles/p2-01.md:7: no font has 𓀀 (U+13000): the PDF was not
    written (written: EPUB)`."""
    from .errors import SourceError

    written = [name.upper() for name in context.outputs]
    tail = f" (written: {', '.join(written)})" if written else ""
    problems: list[Problem] = []
    for name, error in failed.items():
        consequence = f"the {name.upper()} was not written{tail}"
        if not error.glyphs:
            problems.append(Problem(str(context.root), None, f"{error}: {consequence}"))
            continue
        places = character_places(context.issue, context.report.get("source", context.root), context.root,
                                  error.glyphs)
        problems += [Problem(file, line, f"no font has {char} (U+{ord(char):04X}): {consequence}")
                     for file, line, char in places]
    return SourceError(problems)


__all__ = ["BuildOptions", "BuildContext", "Report", "OutputSection", "build", "output_stem", "output_path",
           "ordered_formats", "OutputError"]
