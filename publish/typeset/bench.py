"""How fast the composer is: every body paragraph of the example issue at 13 em.

    python -m publish.typeset.bench [ISSUE_DIR] [--measure 13] [--repeat 7]

or, from a benchmark script (`make bench`):

    from publish.typeset.bench import run
    figures = run()          # {"compose_ms": …, "count_lines_ms": …, …}

Font metrics are loaded first, as a build would have them; each timed pass then
starts with every other cache empty (prepared paragraphs, shared pieces, fits),
so `compose_ms` is what composing a new issue costs (the budget: 50 ms).
`count_lines_ms` is the make-up's case: the same paragraphs asked again at a
width. The best of `repeat` passes is reported, wall clock and CPU time, with a
pure-Python reference loop to compare machines.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from . import compose as _compose
from .compose import Composer

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "wenling-2023-01-19"


def body_paragraphs(issue: Path = EXAMPLE) -> list[str]:
    """The body paragraphs of an issue folder's articles (after the +++ front matter)."""
    paragraphs = []
    for path in sorted((Path(issue) / "articles").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("+++")[-1]
        paragraphs += [p.strip() for p in body.split("\n\n") if p.strip()]
    return paragraphs


def clear_caches(composer: Composer) -> None:
    """Forget everything but the font metrics."""
    composer.clear_cache()
    _compose.clear_caches()


def _reference_loop() -> None:
    total = 0
    for i in range(1_000_000):
        total += i


def _best(action, repeat: int, before=None) -> tuple[float, float]:
    """Best (wall, cpu) milliseconds of `repeat` runs."""
    wall, cpu = [], []
    for _ in range(repeat):
        if before:
            before()
        w0, c0 = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return min(wall) * 1000, min(cpu) * 1000


def run(paragraphs: list[str] | None = None, measure: float = 13.0, repeat: int = 7) -> dict:
    paragraphs = body_paragraphs() if paragraphs is None else paragraphs
    composer = Composer()
    lines = sum(len(composer.compose(p, measure)) for p in paragraphs)   # loads the metrics

    def compose_all():
        for p in paragraphs:
            composer.compose(p, measure)

    def count_all():
        for p in paragraphs:
            composer.count_lines(p, measure)

    compose_wall, compose_cpu = _best(compose_all, repeat, lambda: clear_caches(composer))
    count_wall, count_cpu = _best(count_all, repeat)      # prepared paragraphs cached, as in make-up
    ref_wall, ref_cpu = _best(_reference_loop, 3)
    return {
        "paragraphs": len(paragraphs), "characters": sum(map(len, paragraphs)), "lines": lines,
        "measure": measure,
        "compose_ms": round(compose_wall, 1), "compose_cpu_ms": round(compose_cpu, 1),
        "count_lines_ms": round(count_wall, 1), "count_lines_cpu_ms": round(count_cpu, 1),
        "reference_loop_ms": round(ref_wall, 1), "reference_loop_cpu_ms": round(ref_cpu, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("issue", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--measure", type=float, default=13.0)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    r = run(body_paragraphs(args.issue), args.measure, args.repeat)
    print(f"{r['paragraphs']} paragraphs, {r['characters']} characters -> {r['lines']} lines "
          f"at {r['measure']:g} em")
    for label, key in (("compose, new text", "compose"), ("count_lines, prepared", "count_lines"),
                       ("reference loop (1e6 +=)", "reference_loop")):
        print(f"{label:24} {r[key + '_ms']:7.1f} ms  (cpu {r[key + '_cpu_ms']:.1f} ms)")


if __name__ == "__main__":
    main()
