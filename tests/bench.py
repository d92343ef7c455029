"""`make bench`: whole-process timings and peak memory of `publish build` on the
example, the split between planning and WeasyPrint's final render, and the
in-process stages (import of the seed, line composition).

Speed is measured here, never asserted in tests: shared machines are noisy.
Each whole-process figure is the best of a few runs.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "wenling-2023-01-19"
SEED = REPO / "examples" / "raw" / "wenling-2023-01-19.txt"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


# Runs one command as its own child and prints that child's peak RSS (KiB): the
# children's maximum of this process would mix up the builds measured before.
_PEAK = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
         "sys.exit(done.returncode)")


def run_build(source: Path, fmt: str) -> dict:
    """One `publish build` in a fresh process: wall time, peak RSS, its report."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "publish", "build",
                               str(source), "-o", out, "--format", fmt], capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode:
            raise SystemExit(f"publish build failed:\n{done.stderr}")
        peak_kib = int(done.stderr.strip().splitlines()[-1])
        report = json.loads(next(Path(out).glob("*.report.json")).read_text(encoding="utf-8"))
    return {"wall": wall, "peak_mb": peak_kib / 1024, "report": report}


def best(source: Path, fmt: str) -> dict:
    runs = [run_build(source, fmt) for _ in range(RUNS)]
    return min(runs, key=lambda r: r["wall"])


def planning_time(source: Path) -> tuple[float, float]:
    """(best wall seconds, CPU seconds) of plan_issue on an issue, in a fresh process
    each time (the composer's and the segmenter's caches start empty, as in a build)."""
    code = ("import sys, time; from publish.readers import load_issue; from publish.layout import plan_issue; "
            "l = load_issue(sys.argv[1]); w = time.perf_counter(); c = time.process_time(); "
            "plan_issue(l.issue, l.root); print(time.perf_counter() - w, time.process_time() - c)")
    runs = []
    for _ in range(RUNS):
        done = subprocess.run([sys.executable, "-c", code, str(source)], capture_output=True, text=True, check=True)
        runs.append(tuple(float(x) for x in done.stdout.split()))
    return min(runs)


def largest_corpus_issue(folder: Path) -> Path:
    """The corpus issue with the most body text, generated into `folder`."""
    sys.path.insert(0, str(REPO / "tests"))
    from corpus.generate import build_issue, generate_issue
    sizes = {}
    for seed in range(1, 21):
        with tempfile.TemporaryDirectory() as staging:
            issue = build_issue(seed, Path(staging))
        sizes[seed] = sum(len(t) for a in issue.articles() for t in a.texts())
    seed = max(sizes, key=sizes.get)
    return generate_issue(seed, folder / f"corpus-{seed}")


def in_process() -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as scratch:
        for label, source in (("the example", EXAMPLE),
                              ("largest corpus issue", largest_corpus_issue(Path(scratch)))):
            wall, cpu = planning_time(source)
            lines.append(f"planning {label:<22} {wall * 1000:7.0f} ms (CPU {cpu * 1000:.0f} ms)   target <= 500 ms")
    from publish.readers.raw import import_text, time_import
    lines.append(f"import of the seed (CPU, after start-up)   {time_import(SEED) * 1000:7.1f} ms"
                 f"   target < 200 ms")
    sys.path.insert(0, str(REPO / "tests"))
    from readers.big_text import one_long_line, random_articles
    for label, text in (("10 MB of random articles", random_articles(10)), ("one 10 MB line", one_long_line()[0])):
        started = time.process_time()
        import_text(text, "big.txt")
        lines.append(f"import of {label:<24} (CPU) {time.process_time() - started:7.2f} s")
    from publish.typeset import bench as compose_bench
    figures = compose_bench.run()
    lines.append(f"compose every body paragraph at 13 em      {figures['compose_ms']:7.1f} ms"
                 f"   target < 50 ms ({figures['paragraphs']} paragraphs, {figures['characters']} characters)")
    return lines


def main() -> None:
    print(f"publish bench: best of {RUNS} runs each, {os.cpu_count()} CPUs\n")
    pdf = best(EXAMPLE, "pdf")
    timing = pdf["report"]["outputs"]["pdf"]["timing"]
    final = timing["render"] + timing["write"]
    print(f"build --format pdf    whole process {pdf['wall']:6.2f} s   peak {pdf['peak_mb']:5.0f} MB")
    print(f"    import of WeasyPrint             {timing['import']:6.2f} s")
    print(f"    planning (make-up, composition)  {timing['plan']:6.2f} s")
    print(f"    page HTML and CMYK pictures      {timing['html']:6.2f} s")
    print(f"    WeasyPrint render                {timing['render']:6.2f} s")
    print(f"    WeasyPrint write                 {timing['write']:6.2f} s")
    print(f"    whole / final render+write       {pdf['wall'] / final:6.2f}     target <= 1.5")
    epub = best(EXAMPLE, "epub")
    size = epub["report"]["outputs"]["epub"]["bytes"] / 1e6
    print(f"build --format epub   whole process {epub['wall']:6.2f} s   peak {epub['peak_mb']:5.0f} MB"
          f"   {size:.2f} MB   targets < 2 s, < 2 MB")
    both = best(EXAMPLE, "all")
    print(f"build --format all    whole process {both['wall']:6.2f} s   peak {both['peak_mb']:5.0f} MB")
    web = both["report"]["outputs"]["html"]
    print(f"    digital edition (html)           {web['seconds']:6.2f} s   target <= 1.5 (page pictures "
          f"{web['timing']['pictures']:.2f} s beside the EPUB, {web['timing']['pictures_cpu']:.2f} s CPU)")
    raw = best(SEED, "pdf")
    print(f"build raw seed (pdf)  whole process {raw['wall']:6.2f} s   peak {raw['peak_mb']:5.0f} MB\n")
    for line in in_process():
        print(line)


if __name__ == "__main__":
    main()
