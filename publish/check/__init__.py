"""`publish check FILE`: validate a built output. EPUBs go through EPUBCheck,
PDFs through our own print preflight. Each returns (ok, lines to print)."""
from __future__ import annotations

from pathlib import Path

from ..errors import PublishError


def run_check(path: Path) -> tuple[bool, list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".epub":
        from .epub import check_epub
        return check_epub(path)
    if suffix == ".pdf":
        from .pdf import check_pdf
        return check_pdf(path)
    raise PublishError(f"{path}: cannot check a '{suffix or 'extensionless'}' file (expected .epub or .pdf)")
