"""The Dask cluster a batch runs on: a LocalCluster of worker processes, or a
running scheduler named with --scheduler.

Settings that make a batch behave as documented, on either kind:
- one thread per worker (the build is CPU-bound Python: more threads only share the GIL);
- `allowed-failures = 1`: a task whose worker dies is run once more, and a task
  that kills a second worker is reported as failed (KilledWorker);
- `worker-saturation = 1.0`: the scheduler hands a worker only the task it runs.
  With Dask's default (1.1, i.e. two tasks for one thread) a task merely queued on
  a worker that dies would count that death against it;
- no spilling (a build task holds no data worth spilling), and no dashboard (it
  would claim a fixed port on a shared machine).
"""
from __future__ import annotations

import logging
import os
import signal
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

from distributed import WorkerPlugin

from ..errors import PublishError

if TYPE_CHECKING:
    from distributed import Client

ALLOWED_FAILURES = 1
WORKER_SATURATION = 1.0
MEMORY_LIMIT = 2 * 1024 ** 3        # per worker, or the machine's memory shared out if less
CONNECT_TIMEOUT = "20s"             # to reach a running scheduler

SCHEDULER_CONFIG = {
    "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
    "distributed.scheduler.worker-saturation": WORKER_SATURATION,
    "distributed.worker.memory.target": False,
    "distributed.worker.memory.spill": False,
}


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not on Linux
        return os.cpu_count() or 1


def memory_limit(workers: int) -> int:
    from distributed.system import MEMORY_LIMIT as machine
    return min(MEMORY_LIMIT, machine // max(workers, 1))


@contextmanager
def dask_client(scheduler: str | None, workers: int | None,
                say: Callable[[str], None] = lambda message: None) -> Iterator["Client"]:
    """A connected client whose workers have WeasyPrint imported, closed (with the
    local cluster, if one was started) on the way out, however that is."""
    import dask
    from distributed import Client, LocalCluster

    quiet = logging.DEBUG if os.environ.get("PUBLISH_DEBUG") else logging.CRITICAL
    cluster = None
    with dask.config.set(SCHEDULER_CONFIG):
        if scheduler:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as error:
                raise PublishError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there "
                                   f"({' '.join(str(error).split())[:200]})") from None
            _configure_scheduler(client, say)
        else:
            count = workers or default_workers()
            cluster = LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                   memory_limit=memory_limit(count), dashboard_address=None,
                                   silence_logs=quiet)
            client = Client(cluster)
        try:
            from .tasks import WarmWorker
            if cluster is not None:
                client.register_plugin(DeafToInterrupt(), name=DeafToInterrupt.name)
            client.register_plugin(WarmWorker(), name=WarmWorker.name)
            yield client
        finally:
            if cluster is None:         # a shared cluster's workers get their own settings back
                try:
                    client.unregister_worker_plugin(WarmWorker.name)
                except Exception:  # noqa: BLE001 - a worker gone or the scheduler closing: nothing to restore
                    pass
            client.close()
            if cluster is not None:
                cluster.close()


class DeafToInterrupt(WorkerPlugin):
    """A local worker shares the terminal of `publish batch`, so Ctrl-C reaches it
    too and would end it with a traceback. It ignores SIGINT; the batch stops the
    cluster itself once it has recorded what finished. (Not for workers of a
    running cluster: their own operator may want to Ctrl-C them.)"""

    name = "publish-batch-deaf-to-interrupt"

    def setup(self, worker) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _configure_scheduler(client, say: Callable[[str], None]) -> None:
    """Give a running scheduler the batch's retry and queueing rules (its own
    configuration decided them when it started)."""
    try:
        client.run_on_scheduler(_apply_rules, ALLOWED_FAILURES, WORKER_SATURATION)
    except Exception as error:  # noqa: BLE001 - the batch still runs, with the scheduler's rules
        say(f"warning: could not set the scheduler's allowed-failures and worker-saturation "
            f"({type(error).__name__}: {error}); start it with "
            f"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES={ALLOWED_FAILURES} and "
            f"DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION={WORKER_SATURATION}")


def _apply_rules(allowed_failures: int, saturation: float, dask_scheduler=None) -> None:
    dask_scheduler.allowed_failures = allowed_failures
    dask_scheduler.WORKER_SATURATION = saturation
