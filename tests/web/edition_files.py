"""Helpers of the edition tests (tests/ is on the path: import as web.edition_files)."""
from __future__ import annotations

from pathlib import Path


def html_files(folder: Path) -> list[Path]:
    """The edition's documents: they all sit at the top of its folder."""
    return sorted(folder.glob("*.html"))
