"""Does WeasyPrint's write step get cheaper when it is handed fonts already subset
to the issue? Part of `make bench-batch`; run alone with
`python tests/batch/bench_fonts.py`.

Three ways to build the same PDF of each generated issue, in one warm process
(as a batch worker is), timing WeasyPrint's render and write as the PDF writer
reports them:
- harfbuzz: as shipped: the bundled fonts, WeasyPrint subsets them with HarfBuzz;
- fonttools: the same, WeasyPrint falling back to fontTools (as it does where
  libharfbuzz-subset is missing);
- presubset: each issue's fonts first cut by us (HarfBuzz, `publish.fonts.subset`)
  to the characters of that issue's page HTML, and handed to WeasyPrint instead
  of the bundled ones; the cut is timed and counted with the write.
The PDF writer is not changed: the bench swaps the font files it is given.
Each PDF's text is compared with the shipped one's, page by page, so that a
faster variant is not one that lost characters.
"""
from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from batch.issues import generate_issue  # noqa: E402

ISSUES = int(os.environ.get("BENCH_FONT_ISSUES", "4"))
ROUNDS = int(os.environ.get("BENCH_FONT_ROUNDS", "3"))


@contextmanager
def fonttools_subsetting():
    import weasyprint.pdf.fonts as wfonts

    saved = wfonts.harfbuzz_subset
    wfonts.harfbuzz_subset = None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)     # its "Using fontTools" warning
    try:
        yield
    finally:
        wfonts.harfbuzz_subset = saved


@contextmanager
def presubset_fonts(source: Path, folder: Path, timing: dict):
    """The broadsheet's @font-face files replaced by this issue's own subsets."""
    from publish import fonts
    from publish.build import BuildOptions, BuildContext
    from publish.layout.format import broadsheet
    from publish.readers import load_issue
    from publish.writers import broadsheet_html, fetcher

    started = time.perf_counter()
    loaded = load_issue(source)
    context = BuildContext(loaded, folder, BuildOptions(formats=("pdf",)))
    html = broadsheet_html.render_html(loaded.issue, context.plan, broadsheet(), loaded.root, context.timestamp)
    planned = time.perf_counter()
    text = "".join(sorted(set(html)))
    faces = {}
    for role in fonts.ROLES:
        original = fonts.font_for(role)
        path = folder / f"{role}{original.path.suffix}"
        path.write_bytes(fonts.subset(original.path, text))
        faces[role] = replace(original, path=path)
    timing["cut"] = time.perf_counter() - planned
    timing["html_for_cut"] = planned - started
    saved = broadsheet_html.font_for, fetcher.FONTS
    broadsheet_html.font_for, fetcher.FONTS = faces.__getitem__, folder
    try:
        yield
    finally:
        broadsheet_html.font_for, fetcher.FONTS = saved


def build_pdf(source: Path, out: Path) -> dict:
    import json

    from publish.build import BuildOptions, build

    context = build(source, out, BuildOptions(formats=("pdf",)))
    report = json.loads((out / f"{context.issue.slug}.report.json").read_text(encoding="utf-8"))
    timing = report["outputs"]["pdf"]["timing"]
    return {"render": timing["render"], "write": timing["write"], "pdf": context.outputs["pdf"],
            "bytes": context.outputs["pdf"].stat().st_size}


def page_texts(pdf: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return ["".join(page.get_textpage().get_text_range().split()) for page in document]


def main() -> None:
    print(f"fonts handed to WeasyPrint: {ISSUES} generated issues x {ROUNDS} rounds, best round per issue, "
          "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    figures: dict[str, list[dict]] = {"harfbuzz": [], "fonttools": [], "presubset": []}
    with tempfile.TemporaryDirectory(prefix="bench-fonts-") as tmp:
        tmp = Path(tmp)
        sources = [generate_issue(seed, tmp / f"src-{seed}") for seed in range(100, 100 + ISSUES)]
        build_pdf(sources[0], tmp / "warm")         # imports and first-use caches, as a warm worker has them
        for source in sources:
            best: dict[str, dict] = {}
            for round_ in range(ROUNDS):
                for variant in figures:
                    out = tmp / f"out-{variant}-{source.name}-{round_}"
                    timing: dict = {}
                    if variant == "fonttools":
                        with fonttools_subsetting():
                            result = build_pdf(source, out)
                    elif variant == "presubset":
                        cut_folder = out / "fonts"
                        cut_folder.mkdir(parents=True)
                        with presubset_fonts(source, cut_folder, timing):
                            result = build_pdf(source, out)
                    else:
                        result = build_pdf(source, out)
                    result.update(timing)
                    if variant not in best or result["write"] < best[variant]["write"]:
                        best[variant] = result
            shipped = page_texts(best["harfbuzz"]["pdf"])
            for variant, result in best.items():
                result["same_text"] = page_texts(result["pdf"]) == shipped
                figures[variant].append(result)
    print(f"{'':10} {'render':>8} {'write':>8} {'cut':>7} {'PDF MB':>7}  same text")
    for variant, rows in figures.items():
        cut = statistics.mean(r.get("cut", 0) for r in rows)
        print(f"{variant:10} {statistics.mean(r['render'] for r in rows):7.2f}s "
              f"{statistics.mean(r['write'] for r in rows):7.2f}s {cut:6.3f}s "
              f"{statistics.mean(r['bytes'] for r in rows) / 1e6:7.2f}  "
              f"{all(r['same_text'] for r in rows)}")
    print("(means over the issues of each issue's best round; 'cut' is our HarfBuzz subsetting of the four "
          "faces, which presubset adds to its write; the page HTML it needs is the writer's own)")


if __name__ == "__main__":
    main()
