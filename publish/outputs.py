"""Writing outputs so that a failure never leaves a half-written file or folder.

Everything goes to a temporary sibling first and is renamed into place at the
end: a reader of OUTDIR sees either the old file or the new one, never a mix.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import OutputError


def _ensure_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create the output folder: {error.strerror}") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{folder}: the output folder is not writable")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it onto `target` on success."""
    target = Path(target)
    _ensure_dir(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


@contextmanager
def atomic_folder(target: Path, replace: bool = False, marker: str | None = None) -> Iterator[Path]:
    """Yield a temporary folder beside `target`; it becomes `target` on success.

    An existing non-empty `target` is refused unless `replace` is set, and even
    then only if it holds `marker` (it is one of our folders, not the user's
    working folder) and is not the current folder or one above it; it is
    removed only once the new folder is complete.
    """
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        if not replace:
            raise OutputError(f"{target}: already exists and is not empty (use --force to replace it)")
        if not target.is_dir() or (marker and not (target / marker).is_file()):
            raise OutputError(f"{target}: is not a folder this tool wrote (no {marker}): "
                              "refusing to replace it")
        here = Path.cwd().resolve()
        if target.resolve() == here or target.resolve() in here.parents:
            raise OutputError(f"{target}: is the current folder or holds it: refusing to replace it")
    _ensure_dir(target.parent)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            os.rmdir(old)
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
