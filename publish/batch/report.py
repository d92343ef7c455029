"""The batch report: OUT/batch-report.json (every issue, with totals) and the same
rows as OUT/batch-report.csv for a spreadsheet. Both written atomically."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..outputs import write_text
from .tasks import IssueResult

REPORT_NAME = "batch-report"
CSV_COLUMNS = ("source", "paper", "date", "status", "seconds", "pages", "warnings", "error")
STATUSES = ("built", "skipped", "failed", "duplicate", "interrupted")


def totals(results: list[IssueResult], seconds: float, startup: float | None = None) -> dict:
    """seconds: the whole batch; startup: the part before the first build (the
    cluster starting, every issue read and checked)."""
    counts = {status: sum(r.status == status for r in results) for status in STATUSES}
    built = [r for r in results if r.status == "built"]
    return {
        "issues": len(results), **counts,
        "pages_built": sum(r.pages or 0 for r in built),
        "warnings": sum(len(r.warnings) for r in results),
        "seconds": round(seconds, 3),
        "startup_seconds": None if startup is None else round(startup, 3),
        "issue_seconds": round(sum(r.seconds for r in results), 3),
        "cpu_seconds": round(sum(r.cpu_seconds for r in results), 3),
        "issues_per_minute": round(60 * len(built) / seconds, 2) if seconds > 0 and built else 0.0,
    }


def write_reports(outdir: Path, results: list[IssueResult], batch: dict, seconds: float,
                  startup: float | None = None) -> list[Path]:
    """batch: how the batch ran (formats, cluster, workers), recorded as given."""
    data = {"batch": batch, "totals": totals(results, seconds, startup),
            "issues": [r.as_dict() for r in results]}
    json_path = outdir / f"{REPORT_NAME}.json"
    write_text(json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in results:
        writer.writerow([r.source, r.paper or "", r.date or "", r.status, f"{r.seconds:.3f}",
                         "" if r.pages is None else r.pages, len(r.warnings), r.error or ""])
    csv_path = outdir / f"{REPORT_NAME}.csv"
    # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
    write_text(csv_path, "\ufeff" + rows.getvalue())
    return [json_path, csv_path]
