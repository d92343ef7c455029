"""`publish batch`: many issues built on Dask, on this machine's cores or a cluster.

One Dask task per issue, in two rounds: every issue is first read on the
workers (cheap) to learn its outputs' names and whether they are up to date;
then the issues to build are built, one task each, by long-lived workers that
imported WeasyPrint once. Each build writes exactly what `publish build` writes,
each file atomically, so stopping a batch loses no finished output and a run
after it builds only what is missing. At the end (or when stopped) the batch
writes OUT/batch-report.json and .csv and the archive index OUT/index.html.

Modules: sources (which issues), tasks (what a worker does), cluster (Dask),
progress (bar or log lines), report and archive (what the batch writes).
"""
from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..errors import OutputError, PublishError
from ..writers import available_formats, writer_for
from .sources import find_issues

Say = Callable[[str], None]


@dataclass
class BatchOptions:
    formats: tuple[str, ...] | str = "all"   # names of formats, or "all" (every format with a writer)
    workers: int | None = None               # local cluster size; None: one per core
    scheduler: str | None = None             # a running scheduler instead (tcp://HOST:8786)
    force: bool = False                      # rebuild issues that are up to date
    quiet: bool = False                      # log lines instead of the progress bar

    def format_names(self) -> tuple[str, ...]:
        names = self.formats
        if isinstance(names, str):
            names = tuple(available_formats()) if names == "all" else (names,)
        if not names:
            raise PublishError("no output format has a writer yet")
        for name in names:
            writer_for(name)            # refuse an unknown format before starting a cluster
        return tuple(names)


def run_batch(sources: list[Path], outdir: Path, options: BatchOptions,
              progress: Say = lambda message: None, client=None) -> bool:
    """Build every issue of `sources` into `outdir`; False when any failed.

    `client`: an already connected Dask client to run on (a library caller's own
    cluster; the tests use it to watch workers die); else one is made from
    `options` and closed at the end."""
    from .cluster import dask_client

    formats = options.format_names()
    outdir = Path(outdir)
    issues = find_issues([Path(s) for s in sources], outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{outdir}: cannot create the output folder: {error.strerror}") from None
    if options.scheduler and options.workers:
        progress("warning: --workers sizes a local cluster: the workers of --scheduler are its own")
    run = _Run(issues, outdir, formats, options, progress)
    try:
        with _interrupts_noted(run.interrupted):
            if client is not None:
                return run.execute(client)
            with dask_client(options.scheduler, options.workers, progress) as made:
                return run.execute(made)
    except KeyboardInterrupt:
        # The local cluster is closed by now: its workers can no longer be writing.
        run.stopped(workers_gone=client is None and options.scheduler is None)
        raise


@contextmanager
def _interrupts_noted(interrupted: threading.Event) -> Iterator[None]:
    """Ctrl-C sets `interrupted` as well as raising KeyboardInterrupt: a signal
    that lands while Python runs a finaliser (a Dask future's __del__) has its
    exception printed and dropped, and the batch would run on; the flag is
    checked each time an issue ends. Only the main thread can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_interrupt(signum, frame):
        interrupted.set()
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


class _Run:
    """One batch: the jobs, their results so far, and what is written at the end."""

    def __init__(self, issues: list[Path], outdir: Path, formats: tuple[str, ...],
                 options: BatchOptions, say: Say) -> None:
        from .tasks import IssueResult, Job

        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        self.jobs = [Job(str(path), str(path.resolve()), str(outdir.resolve()), formats, options.force, epoch)
                     for path in issues]
        self.results = [IssueResult(job.source, "pending") for job in self.jobs]
        self.outdir, self.formats, self.options, self.say = outdir, formats, options, say
        self.interrupted = threading.Event()    # Ctrl-C seen (see _interrupts_noted)
        self.token = uuid.uuid4().hex[:8]       # task keys unique on a scheduler shared by batches
        self.started = time.monotonic()
        self.began = time.time()                # wall clock, to compare with files' times
        self.building: float | None = None     # when the first build was handed out
        self.cluster: dict[str, str | int | None] = {"scheduler": options.scheduler or "local", "workers": None}

    def execute(self, client) -> bool:
        from .progress import reporter

        shown = reporter(self.options.quiet, self.say)
        self.cluster["workers"] = len(client.scheduler_info().get("workers", {}))
        try:
            self._identify(client, shown)
            self._build(client, shown)
        finally:
            shown.close()
        return self._finish()

    def _identify(self, client, shown) -> None:
        from .tasks import identify

        shown.checking(len(self.jobs))
        futures = {client.submit(identify, job, key=f"publish-identify-{i}-{self.token}"): i
                   for i, job in enumerate(self.jobs)}
        for i, result in self._completed(futures):
            self.results[i] = result
            shown.checked(result)
        self._mark_duplicates()

    def _build(self, client, shown) -> None:
        from .tasks import build_issue

        pending = [i for i, r in enumerate(self.results) if r.status == "pending"]
        shown.building(len(pending))
        self.building = time.monotonic()
        # Keys name the issue: what an operator reads on a shared scheduler's dashboard.
        futures = {client.submit(build_issue, self.jobs[i],
                                 key=f"publish-build-{self.results[i].slug}-{self.token}"): i for i in pending}
        for i, result in self._completed(futures):
            self.results[i] = result
            shown.finished(result)
            if self.interrupted.is_set():
                raise KeyboardInterrupt

    def _completed(self, futures: dict):
        """(index, result) as tasks end; a task that Dask gave up on (its worker
        died twice) becomes that issue's failure."""
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        from .tasks import IssueResult

        for future in as_completed(list(futures)):
            i = futures[future]
            error = future.exception() if future.status == "error" else None
            if future.status == "finished":
                yield i, future.result()
            else:
                job = self.jobs[i]
                message = ("its build killed the worker running it, twice (out of memory, or a crash)"
                           if isinstance(error, KilledWorker) else
                           f"internal error: {type(error).__name__}: {error}" if error else
                           f"the task was {future.status}")
                yield i, IssueResult(job.source, "failed", slug=self.results[i].slug,
                                     paper=self.results[i].paper, date=self.results[i].date,
                                     serial=self.results[i].serial, error=message)

    def _mark_duplicates(self) -> None:
        """Issues of the same paper and date would write the same outputs: one is
        built, an issue folder rather than a raw file, the first named otherwise."""
        by_slug: dict[str, list[int]] = {}
        for i, result in enumerate(self.results):
            if result.slug and result.status != "failed":
                by_slug.setdefault(result.slug, []).append(i)
        for same in by_slug.values():
            if len(same) < 2:
                continue
            keep = min(same, key=lambda i: (not Path(self.jobs[i].path).is_dir(), i))
            for i in same:
                if i != keep:
                    self.results[i].status = "duplicate"
                    self.results[i].error = (f"same paper and date as {self.jobs[keep].source}, "
                                             "which is built instead")

    def stopped(self, workers_gone: bool) -> None:
        """Ctrl-C. Once the local workers are gone (a build they were running may
        have finished first: it counts as built), the temporary files of the builds
        they were running are removed; the batch report says which issues were
        left. On a shared cluster, builds already running finish on their workers
        (Dask cannot interrupt them) and write complete outputs."""
        from .tasks import expected_outputs, remove_leftovers

        unfinished = [i for i, r in enumerate(self.results) if r.status == "pending"]
        for i in unfinished:
            self.results[i].status = "interrupted"
        if workers_gone:
            for i in unfinished:
                slug = self.results[i].slug
                if not slug:
                    continue
                outputs = expected_outputs(self.outdir, slug, self.formats)
                remove_leftovers(outputs)
                if _written_since(outputs, self.began):
                    self.results[i].status = "built"
        self._write()
        left = sum(r.status == "interrupted" for r in self.results)
        self.say(f"stopped: {left} issue{'s' * (left != 1)} not built; "
                 f"run the same command again to build {'them' if left != 1 else 'it'}")

    def _finish(self) -> bool:
        from .report import totals

        written = self._write()
        total = totals(self.results, time.monotonic() - self.started)
        self.say(f"{total['built']} built, {total['skipped']} up to date, {total['failed']} failed"
                 + (f", {total['duplicate']} duplicate" if total["duplicate"] else "")
                 + f" in {total['seconds']:.0f} s ({total['issues_per_minute']:.1f} issues/min)")
        self.say("wrote " + ", ".join(str(p) for p in written))
        return total["failed"] == 0

    def _write(self) -> list[Path]:
        from .archive import write_index
        from .report import write_reports

        batch = {"formats": list(self.formats), "force": self.options.force, **self.cluster}
        startup = None if self.building is None else self.building - self.started
        written = write_reports(self.outdir, self.results, batch, time.monotonic() - self.started, startup)
        return written + [write_index(self.outdir)]


def _written_since(paths: list[Path], when: float) -> bool:
    try:
        return min(path.stat().st_mtime for path in paths) >= when
    except (FileNotFoundError, ValueError):
        return False
