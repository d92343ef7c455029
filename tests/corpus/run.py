"""`make corpus`: build generated issues and print what a page editor checks.

    python tests/corpus/run.py [COUNT] [--out DIR] [--first SEED]

One row per page of each issue, every figure read back from the PDF
(tests/corpus/measure.py); then the totals the make-up must meet.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus.generate import generate_issue  # noqa: E402
from corpus.measure import lost_characters, measure  # noqa: E402

COLUMNS = ("issue", "page", "fill", "empty", "overlap", "butt", "short", "thin", "hl", "broken", "white",
           "jumps", "warn", "widow", "孤字", "time")


def build_one(seed: int, out: Path, **knobs) -> dict:
    from publish.build import BuildOptions, build
    from publish.errors import PublishError

    folder = generate_issue(seed, out / f"issue-{seed:03d}", **knobs)
    started = time.perf_counter()
    try:
        context = build(folder, out / f"pdf-{seed:03d}", BuildOptions(formats=("pdf",)))
    except PublishError as error:
        return {"seed": seed, "error": str(error), "seconds": time.perf_counter() - started}
    seconds = time.perf_counter() - started
    pdf = context.outputs["pdf"]
    return {"seed": seed, "pdf": pdf, "issue": context.issue, "report": context.report, "seconds": seconds,
            "pages": measure(pdf, context.issue), "lost": lost_characters(pdf, context.issue)}


def table(results: list[dict]) -> str:
    rows = [COLUMNS]
    totals = {"pages": 0, "overlaps": 0, "butting": 0, "short": 0, "thin": 0, "over": 0, "broken": 0, "lost": 0,
              "unwarned": 0, "paragraphs": 0, "lone": 0, "widows": 0, "errors": 0, "white": 0}
    from publish.layout.format import broadsheet
    fmt = broadsheet()
    for result in results:
        if "error" in result:
            rows.append((str(result["seed"]), "-", "FitError: " + result["error"][:90]) + ("",) * 13)
            totals["errors"] += 1
            continue
        warnings = result["report"].get("warnings", [])
        totals["lost"] += result["lost"]
        plan_seconds = result["report"]["outputs"]["pdf"]["timing"]["plan"]
        for fig in result["pages"]:
            warned = [w for w in warnings if w.startswith(f"page {fig.number} ")]
            short = fig.fill < fmt.fill_target(fig.number)
            totals["pages"] += 1
            totals["overlaps"] += len(fig.overlaps)
            totals["butting"] += len(fig.butting)
            totals["short"] += len(fig.short_cols)
            totals["thin"] += len(fig.thin)
            totals["over"] += len(fig.over_limit)
            totals["broken"] += len(fig.broken)
            totals["white"] += len(fig.white_faults)
            totals["unwarned"] += short and not warned
            totals["paragraphs"] += fig.paragraphs
            totals["lone"] += fig.lone_chars
            totals["widows"] += fig.widows
            rows.append((str(result["seed"]) if fig.number == 1 else "", str(fig.number), f"{fig.fill:.2f}",
                         f"{fig.largest_empty[0]}×{fig.largest_empty[1]}", str(len(fig.overlaps)),
                         str(len(fig.butting)), str(len(fig.short_cols)), str(len(fig.thin)), str(fig.headline_lines),
                         str(len(fig.broken)), f"{fig.white_above:.1f}/{fig.white_below:.1f}", str(fig.jumps),
                         str(len(warned)), str(fig.widows), str(fig.lone_chars),
                         f"{result['seconds']:.1f}s plan {plan_seconds:.2f}s" if fig.number == 1 else ""))
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:len(COLUMNS)])) for row in rows]
    share = totals["lone"] / max(1, totals["paragraphs"])
    lines.append("")
    lines.append(f"{len(results)} issues, {totals['pages']} pages: {totals['errors']} did not build, "
                 f"{totals['overlaps']} overlaps, {totals['lost']} characters lost, {totals['butting']} side-by-side "
                 f"headlines, {totals['over']} titles over their line limit, {totals['broken']} broken inside a word, "
                 f"{totals['short']} short last columns, {totals['thin']} stories spread thin, "
                 f"{totals['white']} headlines with too much white, "
                 f"{totals['unwarned']} short pages without a warning, {totals['widows']} widows, "
                 f"孤字 {totals['lone']}/{totals['paragraphs']} paragraphs ({share:.1%})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=20)
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="publish-corpus-"))
    out.mkdir(parents=True, exist_ok=True)
    results = []
    for seed in range(args.first, args.first + args.count):
        result = build_one(seed, out)
        results.append(result)
        print(f"issue {seed}: {'FitError' if 'error' in result else 'built'} in {result['seconds']:.1f} s",
              file=sys.stderr, flush=True)
    print(table(results))
    print(f"\nissues and PDFs in {out}")
    (out / "summary.json").write_text(json.dumps([{"seed": r["seed"], "error": r.get("error")} for r in results]))


if __name__ == "__main__":
    main()
