"""Writing an import: the issue folder, with the import report inside it.

Kept apart from the raw-text reader so that reading never depends on the
writers (readers build the model; writers only consume it).
"""
from __future__ import annotations

import json
from pathlib import Path

from .readers.raw import REPORT_FILE, ImportResult
from .writers.source import write_source


def write_import(result: ImportResult, issue_dir: Path, replace: bool = False) -> None:
    """Write the issue folder, with the import report inside it, atomically."""
    report = json.dumps(result.report, ensure_ascii=False, indent=1) + "\n"
    write_source(result.issue, Path(issue_dir), replace=replace, extra_files={REPORT_FILE: report})
