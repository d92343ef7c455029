"""A worker plugin that kills its worker process, as an out-of-memory kill or a
crash in a C library would, the moment it starts building a given issue.

It lives in a module of its own (not in a test file) so that the worker
processes, which get tests/ on their path from pytest, can import it by name.
"""
from __future__ import annotations

import os
import signal
from pathlib import Path

from distributed import WorkerPlugin


class KillOnBuild(WorkerPlugin):
    """Kill the worker that starts building the issue `slug` (the batch names its
    build tasks publish-build-<slug>-…). With `once`, only the first worker: a
    marker file records the kill, so Dask's retry succeeds."""

    def __init__(self, slug: str, once: Path | None = None) -> None:
        self.slug = slug
        self.once = str(once) if once else None

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing" or not str(key).startswith(f"publish-build-{self.slug}-"):
            return
        if self.once:
            try:
                os.close(os.open(self.once, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return
        os.kill(os.getpid(), signal.SIGKILL)
