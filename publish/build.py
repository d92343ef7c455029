"""`publish build`: source -> model -> outputs, each written atomically, plus the report."""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from .errors import PublishError, StrictError
from .model import Issue
from .outputs import atomic_folder, atomic_path, write_text
from .readers import Loaded, load_issue
from .writers import FORMATS, writer_for

Progress = Callable[[str], None]


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
    report: dict = field(default_factory=dict)
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
                return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
            except (ValueError, OverflowError, OSError):
                raise PublishError(f"SOURCE_DATE_EPOCH: expected seconds since 1970-01-01, found "
                                   f"\"{epoch[:30]}\"") from None
        beijing = dt.timezone(dt.timedelta(hours=8))
        date = self.issue.masthead.date
        return dt.datetime(date.year, date.month, date.day, tzinfo=beijing)

    @cached_property
    def plan(self):
        """The broadsheet page plan, computed once and shared by the print and web writers."""
        from .layout import plan_issue
        return plan_issue(self.issue, self.root)


def output_path(outdir: Path, issue: Issue, extension: str) -> Path:
    return Path(outdir) / f"{issue.slug}{extension}"


def _size(path: Path) -> int:
    """Bytes of an output file, or of every file in an output folder."""
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


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
    context.report = {
        "source": str(source),
        "issue": {"paper": loaded.issue.masthead.paper, "date": loaded.issue.masthead.date.isoformat(),
                  "serial": loaded.issue.masthead.serial},
        "warnings": [str(w) for w in loaded.warnings],
        "outputs": {},
    }
    if loaded.import_report is not None:
        context.report["import"] = loaded.import_report
    for name, writer in writers.items():
        target = output_path(context.outdir, loaded.issue, writer.EXTENSION)
        progress(f"writing {target}")
        begun = time.perf_counter()
        # An empty EXTENSION means the output is a folder (the digital edition):
        # written whole beside its target, it replaces only a folder holding MARKER.
        with (atomic_folder(target, replace=True, marker=writer.MARKER) if not writer.EXTENSION
              else atomic_path(target)) as tmp:
            section = writer.write(context, tmp) or {}
        context.outputs[name] = target
        # A later writer that reads this output may start on it now, beside the writers
        # in between (the digital edition pictures the PDF while the EPUB is written).
        for later in writers.values():
            if hasattr(later, "on_output"):
                later.on_output(context, name, target)
        size = _size(target)
        context.report["outputs"][name] = {"file": target.name, "bytes": size,
                                           "seconds": round(time.perf_counter() - begun, 3), **section}
        progress(f"wrote {target} ({size / 1e6:.2f} MB, "
                 f"{time.perf_counter() - begun:.1f} s)")
    context.report["seconds"] = round(time.perf_counter() - started, 3)
    report_path = output_path(context.outdir, loaded.issue, ".report.json")
    write_text(report_path, json.dumps(context.report, ensure_ascii=False, indent=2) + "\n")
    progress(f"wrote {report_path}")
    if options.strict and context.report["warnings"]:
        count = len(context.report["warnings"])
        raise StrictError(f"--strict: the build gave {count} warning{'s' * (count != 1)}, "
                          f"the first: {context.report['warnings'][0]}")
    return context

