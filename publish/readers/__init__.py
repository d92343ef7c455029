"""Readers: one per source format, each returning an `Issue`.

`load_issue` picks the reader from what the user named: a folder is the
structured issue format, a file is raw text extracted from a printed paper
and is imported on the fly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, PublishError
from ..model import Issue


@dataclass
class Loaded:
    issue: Issue
    root: Path                      # folder that image paths are relative to
    warnings: list[Problem] = field(default_factory=list)
    import_report: dict | None = None   # set when the source was raw text


def load_issue(source: str | Path) -> Loaded:
    path = Path(source)
    if path.is_dir():
        from .source import read_source
        result = read_source(path)
        return Loaded(result.issue, path, result.warnings)
    if path.is_file():
        from .raw import import_raw
        result = import_raw(path)
        return Loaded(result.issue, path.parent, [], result.report)
    raise PublishError(f"{path}: no such file or folder")
