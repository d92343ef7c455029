"""What a worker does with one issue: check whether it is up to date, and build it.

Both tasks return an `IssueResult` instead of raising: a bad issue is a result to
report, not a reason to stop the batch. The only way a task is lost is a worker
that dies under it, and Dask then runs it once more elsewhere (cluster.py).
Everything here runs in the worker process, so paths arrive absolute (a worker's
current folder is not the user's) and the result is a plain picklable record.
"""
from __future__ import annotations

import gc
import importlib
import json
import os
import resource
import shutil
import time
from dataclasses import asdict, dataclass, field
from glob import escape
from pathlib import Path

from distributed import WorkerPlugin

from ..build import BuildOptions, build
from ..errors import PublishError, SourceError
from ..paths import FONTS, LAYOUTS
from ..readers import load_issue
from ..writers import available_formats, writer_for
from .sources import issue_files

REPORT_EXTENSION = ".report.json"


@dataclass(frozen=True)
class Job:
    """One issue as a worker needs it."""

    source: str                     # as the user named it or the search found it: for messages
    path: str                       # absolute
    outdir: str                     # absolute
    formats: tuple[str, ...]
    force: bool = False
    source_date_epoch: str | None = None    # the client's, so every worker dates outputs alike


@dataclass
class IssueResult:
    """One line of the batch report."""

    source: str
    status: str                     # pending, built, skipped, failed, duplicate, interrupted
    slug: str | None = None         # <paper>-<date>: the stem of every output
    paper: str | None = None
    date: str | None = None         # ISO
    serial: int | None = None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0            # wall time of the build on its worker
    cpu_seconds: float = 0.0        # CPU time of the worker process during the build
    worker: str | None = None
    worker_peak_mb: float | None = None     # the worker process's peak resident memory so far

    def as_dict(self) -> dict:
        return asdict(self)


# What the writers import lazily (so that `publish dump` stays quick): a worker
# imports it all once, before its first issue, instead of inside that issue's build.
WARM_MODULES = ("weasyprint", "pikepdf", "pypdfium2", "PIL.ImageCms", "publish.layout",
                "publish.prepress", "publish.check.pdf", "publish.writers.broadsheet_html",
                "publish.writers.fetcher")


# Python's cyclic garbage collector, as a worker runs it: a build allocates
# millions of small objects (boxes, styles, Pango wrappers), and with the default
# threshold (a collection every 700 allocations) the collector's passes cost about
# a seventh of a build's CPU. Fewer young collections, and the modules' objects
# frozen out of every pass, keep that to a little; build_issue collects fully
# after each issue, so memory does not creep from one issue to the next.
GC_THRESHOLDS = (100_000, 50, 100)


class WarmWorker(WorkerPlugin):
    """Prepares a worker once for all the issues it will build: imports WeasyPrint
    and the writers (one to two seconds of CPU that the first build would pay)
    and tunes the garbage collector (GC_THRESHOLDS), until it is unregistered."""

    name = "publish-batch-warm"

    def setup(self, worker) -> None:
        for module in WARM_MODULES:
            importlib.import_module(module)
        for name in available_formats():
            writer_for(name)
        self.thresholds = gc.get_threshold()
        gc.collect()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)

    def teardown(self, worker) -> None:
        gc.set_threshold(*getattr(self, "thresholds", gc.get_threshold()))
        gc.unfreeze()


def identify(job: Job) -> IssueResult:
    """Read the issue (cheap next to a build) to learn its outputs' names, and
    whether they are newer than everything they are made of."""
    result = IssueResult(job.source, "pending")
    try:
        loaded = load_issue(job.path)
    except Exception as error:  # noqa: BLE001 - every failure is one issue's result
        result.status, result.error = "failed", one_line(error, job)
        return result
    _describe(result, loaded.issue)
    outputs = expected_outputs(Path(job.outdir), loaded.issue.slug, job.formats)
    if not job.force and up_to_date(outputs, issue_files(Path(job.path)) + project_files()):
        result.status = "skipped"
        report = _read_report(outputs[-1])
        result.warnings = [str(w) for w in report.get("warnings", [])]
    return result


def build_issue(job: Job) -> IssueResult:
    """Build one issue as `publish build` does, after removing what a build of it
    that was killed may have left (temporary `.part` files)."""
    _set_source_date_epoch(job.source_date_epoch)
    result = IssueResult(job.source, "failed")
    started, cpu = time.perf_counter(), time.process_time()
    try:
        issue = load_issue(job.path).issue
        _describe(result, issue)
        remove_leftovers(expected_outputs(Path(job.outdir), issue.slug, job.formats))
        context = build(job.path, job.outdir, BuildOptions(formats=job.formats))
    except Exception as error:  # noqa: BLE001 - every failure is one issue's result
        result.error = one_line(error, job)
    else:
        result.status = "built"
        result.warnings = [str(w) for w in context.report.get("warnings", [])]
        del context
    gc.collect()        # a rendered document is a large web of cycles: free it before the next issue
    result.seconds = round(time.perf_counter() - started, 3)
    result.cpu_seconds = round(time.process_time() - cpu, 3)
    result.worker_peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result.worker = _worker_address()
    return result


def _describe(result: IssueResult, issue) -> None:
    result.slug, result.paper = issue.slug, issue.masthead.paper
    result.date, result.serial = issue.masthead.date.isoformat(), issue.masthead.serial
    result.pages = len(issue.pages)


def one_line(error: BaseException, job: Job) -> str:
    """The error as one line, naming the source as the user did (workers see
    absolute paths)."""
    if isinstance(error, SourceError) and error.problems:
        more = len(error.problems) - 1
        text = str(error.problems[0]) + (f" (and {more} more problem{'s' * (more > 1)})" if more else "")
    elif isinstance(error, PublishError):
        text = str(error)
    else:
        text = f"internal error: {type(error).__name__}: {error}"
    text = " ".join(text.split())
    return text.replace(job.path, job.source)


def expected_outputs(outdir: Path, slug: str, formats: tuple[str, ...]) -> list[Path]:
    """The outputs of one issue as `build` names them (OUT/<slug><extension>),
    the build report last (it is written last)."""
    return [Path(outdir) / f"{slug}{extension}"
            for extension in [writer_for(name).EXTENSION for name in formats] + [REPORT_EXTENSION]]


def project_files() -> list[Path]:
    """The fonts and layouts every output is made with: a change to them makes
    every output stale."""
    return [path for folder in (FONTS, LAYOUTS) for path in folder.rglob("*") if path.is_file()]


def up_to_date(outputs: list[Path], inputs: list[Path]) -> bool:
    try:
        oldest_output = min(path.stat().st_mtime_ns for path in outputs)
    except (FileNotFoundError, ValueError):
        return False
    newest_input = max((path.stat().st_mtime_ns for path in inputs), default=0)
    return oldest_output > newest_input


def remove_leftovers(targets: list[Path]) -> None:
    """Delete the temporary siblings (`.NAME.*.part`, `.NAME.*.old`) that a build
    stopped mid-write leaves beside each target: never a finished output."""
    for target in targets:
        for suffix in (".part", ".old"):
            for stale in target.parent.glob(f".{escape(target.name)}.*{suffix}"):
                if stale.is_dir() and not stale.is_symlink():
                    shutil.rmtree(stale, ignore_errors=True)
                else:
                    stale.unlink(missing_ok=True)


def _read_report(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _set_source_date_epoch(value: str | None) -> None:
    """The batch's SOURCE_DATE_EPOCH (the client's, or none) on this worker: a
    worker started elsewhere must not date outputs differently."""
    if value is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = value


def _worker_address() -> str | None:
    try:
        from distributed import get_worker
        return get_worker().address
    except (ImportError, ValueError):
        return None
