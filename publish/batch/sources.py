"""Which issues a batch builds: the SOURCE arguments turned into a list of issues.

An issue is a folder holding issue.toml or a raw text file. A folder without
issue.toml is searched recursively for both; an issue folder is never searched
further (its own files are its content, not more issues), nor are hidden folders
(version control, our own temporary `.part` folders) or the output folder.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import PublishError
from ..readers.source import ISSUE_FILE

RAW_SUFFIX = ".txt"


def is_issue_folder(path: Path) -> bool:
    return path.is_dir() and (path / ISSUE_FILE).is_file()


def find_issues(sources: list[Path], outdir: Path | None = None) -> list[Path]:
    """Every issue named or found, in the order named and then by path, once each.
    A named folder holding no issue is the user's mistake and is refused."""
    skip = outdir.resolve() if outdir is not None else None
    found: list[Path] = []
    seen: set[Path] = set()
    for source in sources:
        source = Path(source)
        if not source.exists():
            raise PublishError(f"{source}: no such file or folder")
        issues = [source] if source.is_file() or is_issue_folder(source) else _search(source, skip)
        if not issues:
            raise PublishError(f"{source}: holds no issue (a folder with {ISSUE_FILE}, "
                               f"or a raw {RAW_SUFFIX} file)")
        for issue in issues:
            key = issue.resolve()
            if key not in seen:
                seen.add(key)
                found.append(issue)
    return found


def _search(folder: Path, skip: Path | None) -> list[Path]:
    issues = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() != skip)
        if ISSUE_FILE in files:
            issues.append(here)
            dirs[:] = []
            continue
        issues += [here / name for name in sorted(files)
                   if name.endswith(RAW_SUFFIX) and not name.startswith(".")]
    return sorted(issues, key=lambda p: p.parts)


def issue_files(source: Path) -> list[Path]:
    """The files an issue is built from, whose changes make its outputs stale."""
    if source.is_file():
        return [source]
    return [Path(root) / name for root, _, files in os.walk(source) for name in files]
