"""Readers: one per source format, each returning an `Issue`.

`load_issue` picks the reader from what the user named: a folder is the
structured issue format, a file is raw text extracted from a printed paper
and is imported on the fly. `read_file` is how every reader opens a file the
user named: a regular file only (a FIFO or a device would block or never
end), of bounded size.
"""
from __future__ import annotations

import os
import stat
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


class UnreadableFile(PublishError):
    """A file that cannot be read as asked: `expected <wanted>, found <found>`."""

    def __init__(self, wanted: str, found: str):
        self.wanted, self.found = wanted, found
        super().__init__(f"expected {wanted}, found {found}")


_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device", stat.S_IFDIR: "a folder"}


def read_file(path: Path | str, limit: int, what: str = "a file") -> bytes:
    """The bytes of the regular file at `path` (links followed), at most `limit` of them.
    Opened without blocking, then checked, so a FIFO put in a file's place cannot
    hang the build. Raises UnreadableFile."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFile(what, "no such file (or a link to nothing)") from None
    except IsADirectoryError:
        raise UnreadableFile(what, "a folder") from None
    except OSError as error:
        raise UnreadableFile(f"{what} we may read", error.strerror or str(error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(what, _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file"))
        if info.st_size > limit:
            raise UnreadableFile(f"{what} of at most {limit:,} bytes", f"{info.st_size:,} bytes")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise UnreadableFile(f"{what} of at most {limit:,} bytes", "a larger one")
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFile(f"{what} we can read", error.strerror or str(error)) from None
    finally:
        os.close(fd)


def load_issue(source: str | Path) -> Loaded:
    path = Path(source)
    if path.is_dir():
        from .source import read_source
        read = read_source(path)
        return Loaded(read.issue, path, read.warnings)
    if path.is_file():
        from .raw import import_raw
        imported = import_raw(path)
        return Loaded(imported.issue, path.parent, [], imported.report)
    if os.path.lexists(path):
        raise PublishError(f"{path}: expected an issue folder or a raw text file, found "
                           f"{'a link to nothing' if path.is_symlink() else 'neither'}")
    raise PublishError(f"{path}: no such file or folder")
