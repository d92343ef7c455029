"""How a batch shows its progress: a live bar on a terminal, log lines otherwise.

Both say the same things: how many issues are done, failed and skipped, the rate
and the time left; each failure with its one-line error the moment it happens.
"""
from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Callable

from .tasks import IssueResult

if TYPE_CHECKING:
    from rich.progress import TaskID

Say = Callable[[str], None]


def reporter(quiet: bool, say: Say) -> "LogLines | Bar":
    """The bar only where someone watches a terminal; --quiet or a pipe gets lines."""
    if quiet or not sys.stderr.isatty():
        return LogLines(say)
    return Bar()


class Tally:
    """Counts of finished issues, and the rate of those actually built."""

    def __init__(self) -> None:
        self.counts = {"built": 0, "failed": 0, "skipped": 0}
        self.to_build = 0
        self.failed_early = 0       # failed while being read, before any build: no part of the rate
        self.started = time.monotonic()

    def add(self, result: IssueResult) -> None:
        key = {"duplicate": "skipped"}.get(result.status, result.status)
        self.counts[key] = self.counts.get(key, 0) + 1

    @property
    def worked(self) -> int:
        """Issues whose build has ended, either way (the ones the rate is made of)."""
        return self.counts["built"] + self.counts["failed"] - self.failed_early

    def per_minute(self) -> float:
        elapsed = time.monotonic() - self.started
        return 60 * self.worked / elapsed if elapsed > 0 and self.worked else 0.0

    def eta(self) -> float | None:
        rate = self.per_minute()
        remaining = self.to_build - self.worked
        return 60 * remaining / rate if rate else None

    def summary(self) -> str:
        c = self.counts
        return f"done {c['built']} · failed {c['failed']} · skipped {c['skipped']}"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


class LogLines:
    """One line per built or failed issue, with the counts, rate and time left."""

    def __init__(self, say: Say) -> None:
        self.say = say
        self.tally = Tally()
        self.total = 0

    def checking(self, total: int) -> None:
        self.total = total
        self.say(f"checking {total} issue{'s' * (total != 1)}")

    def checked(self, result: IssueResult) -> None:
        if result.status != "pending":
            self._finish(result, early=True)

    def building(self, count: int) -> None:
        self.tally.to_build = count
        self.tally.started = time.monotonic()
        skipped = self.tally.counts["skipped"]
        self.say(f"{count} to build, {skipped} up to date or duplicate"
                 + (f", {self.tally.counts['failed']} failed to read" if self.tally.counts["failed"] else ""))

    def finished(self, result: IssueResult) -> None:
        self._finish(result, early=False)

    def _finish(self, result: IssueResult, early: bool) -> None:
        self.tally.add(result)
        if result.status == "failed" and early:
            self.tally.failed_early += 1
        done = sum(self.tally.counts.values())
        where = f"[{done}/{self.total}]"
        if result.status == "failed":
            self.say(f"{where} failed {result.source}: {result.error}")
        elif result.status == "duplicate":
            self.say(f"{where} not built {result.source}: {result.error}")
        elif result.status == "built":
            self.say(f"{where} built {result.slug} from {result.source} ({result.seconds:.1f} s); "
                     f"{self.tally.per_minute():.1f} issues/min, {_duration(self.tally.eta())} left")

    def close(self) -> None:
        pass


class Bar:
    """A rich progress bar on stderr; failures print above it as they happen."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

        self.tally = Tally()
        self.console = Console(stderr=True)
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("{task.fields[counts]}"),
                                 TextColumn("{task.fields[rate]}"), TextColumn("ETA {task.fields[eta]}"),
                                 console=self.console, transient=False)
        self.progress.start()
        self.task: TaskID | None = None

    def _task(self) -> TaskID:
        if self.task is None:
            raise RuntimeError("the progress bar starts with checking()")
        return self.task

    def checking(self, total: int) -> None:
        self.task = self.progress.add_task("checking", total=total, counts=self.tally.summary(),
                                           rate="", eta="--:--")

    def checked(self, result: IssueResult) -> None:
        if result.status != "pending":
            self.tally.add(result)
            if result.status == "failed":
                self.tally.failed_early += 1
                self._failed(result)
        self.progress.update(self._task(), advance=1, counts=self.tally.summary())

    def building(self, count: int) -> None:
        self.tally.to_build = count
        self.tally.started = time.monotonic()
        self.progress.update(self._task(), description="building", completed=0, total=count)

    def finished(self, result: IssueResult) -> None:
        self.tally.add(result)
        if result.status == "failed":
            self._failed(result)
        self.progress.update(self._task(), advance=1, counts=self.tally.summary(),
                             rate=f"{self.tally.per_minute():.1f}/min", eta=_duration(self.tally.eta()))

    def _failed(self, result: IssueResult) -> None:
        from rich.markup import escape
        self.console.print(f"publish: failed {escape(result.source)}: {escape(result.error or '')}",
                           highlight=False)

    def close(self) -> None:
        self.progress.stop()
