"""`make bench-batch`: `publish batch` on generated issues with 1 and 2 workers.

Prints issues per minute, the speed-up from 1 to 2 workers, CPU seconds per
issue, the peak memory of each worker and the projected time of a year (365
issues), against the targets on 2 cores: 365 issues in <= 20 minutes (>= 18
issues a minute with PDF and EPUB), speed-up >= 1.8, <= 400 MB per worker.
Then the font measurement (bench_fonts.py).

Speed is measured here, never asserted in tests. The machine's load is printed
with every run: figures taken while other work runs are not the tool's.
Environment: BENCH_ISSUES (24), BENCH_RUNS (1, the best run is kept),
BENCH_WORKERS ("1 2"), BENCH_FONTS=0 to skip the font measurement.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # tests/: the generators

from batch.issues import generate_issue  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
ISSUES = int(os.environ.get("BENCH_ISSUES", "24"))
RUNS = int(os.environ.get("BENCH_RUNS", "1"))
WORKERS = [int(n) for n in os.environ.get("BENCH_WORKERS", "1 2").split()]
YEAR = 365


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def run(sources: Path, workers: int) -> dict:
    """One `publish batch` from scratch, in its own process, as a user runs it."""
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as out:
        before = load()
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "publish", "batch", str(sources), "-o", out,
                               "--workers", str(workers), "--quiet"], capture_output=True, text=True, cwd=REPO)
        wall = time.perf_counter() - started
        if done.returncode:
            raise SystemExit(f"publish batch failed:\n{done.stderr}")
        report = json.loads((Path(out) / "batch-report.json").read_text(encoding="utf-8"))
    built = [i for i in report["issues"] if i["status"] == "built"]
    peaks: dict[str, float] = {}
    firsts: dict[str, float] = {}       # after a worker's first issue: how much the peak creeps after it
    for issue in built:
        peaks[issue["worker"]] = max(peaks.get(issue["worker"], 0), issue["worker_peak_mb"])
        firsts.setdefault(issue["worker"], issue["worker_peak_mb"])
    building = report["totals"]["seconds"] - report["totals"]["startup_seconds"]
    return {"workers": workers, "wall": wall, "issues": len(built), "load": f"{before} / after {load()}",
            "cpu": [i["cpu_seconds"] for i in built], "seconds": [i["seconds"] for i in built],
            "pages": sum(i["pages"] for i in built), "peaks": peaks, "firsts": firsts,
            "per_minute": 60 * len(built) / wall, "overhead": wall - building,
            "steady_per_minute": 60 * len(built) / building}


def best(sources: Path, workers: int) -> dict:
    runs = []
    for _ in range(RUNS):
        runs.append(run(sources, workers))
        print(f"  {workers} worker{'s' * (workers > 1)}: {runs[-1]['wall']:6.1f} s   ({runs[-1]['load']})",
              flush=True)
    return min(runs, key=lambda r: r["wall"])


def main() -> None:
    print(f"publish bench-batch: {ISSUES} generated issues (PDF and EPUB), workers {WORKERS}, "
          f"best of {RUNS}, {os.cpu_count()} CPUs, {load()}\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-batch-src-") as tmp:
        sources = Path(tmp)
        for seed in range(ISSUES):
            generate_issue(seed, sources / f"issue-{seed:03d}")
        results = {n: best(sources, n) for n in WORKERS}
    print()
    for n, r in results.items():
        year = r["overhead"] + YEAR * 60 / r["steady_per_minute"]
        print(f"{n} worker{'s' * (n > 1)}: {r['issues']} issues ({r['pages']} pages) in {r['wall']:.1f} s   "
              f"{r['per_minute']:.1f} issues/min whole command, {r['steady_per_minute']:.1f} building "
              f"(start-up {r['overhead']:.1f} s)")
        print(f"    CPU per issue    mean {statistics.mean(r['cpu']):.2f} s, "
              f"min {min(r['cpu']):.2f}, max {max(r['cpu']):.2f}")
        print(f"    wall per issue   mean {statistics.mean(r['seconds']):.2f} s")
        print("    peak per worker  " + ", ".join(f"{r['peaks'][w]:.0f} MB (first issue {r['firsts'][w]:.0f})"
                                              for w in sorted(r["peaks"])) + "   target <= 400 MB")
        print(f"    365 issues       {year / 60:.1f} min projected   target <= 20 min (>= 18 issues/min)")
        print(f"    ({r['load']})")
    if 1 in results and 2 in results:
        whole = results[1]["wall"] / results[2]["wall"]
        steady = results[2]["steady_per_minute"] / results[1]["steady_per_minute"]
        print(f"speed-up 1 -> 2 workers: {whole:.2f} whole command, {steady:.2f} building   target >= 1.8")
    if os.environ.get("BENCH_FONTS", "1") != "0":
        print()
        from batch import bench_fonts
        bench_fonts.main()


if __name__ == "__main__":
    main()
