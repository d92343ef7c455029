"""Writing outputs so that a failure never leaves a half-written file or folder,
nothing lands outside the folder the user named, and nothing the tool did not
write is ever replaced.

- Names: `safe_name` turns a paper's name (free text from the issue) into a
  file name: no separators, no leading dots, no control or invisible
  characters, bounded length. `OutputSet.path` checks that every output lies
  directly in OUTDIR.
- Temporaries: every output is written to a hidden sibling
  `.<name>.<pid>-<random>.part` and renamed into place. A temporary whose
  process is gone (a build killed with SIGKILL) is stale and the next build of
  the same outputs removes it; anything else in OUTDIR is left alone.
- Sets: `OutputSet` stages all outputs of one build (and its report) and
  renames them together at the end, so OUTDIR holds the old set or the new one.
  A kill between two renames (microseconds) is the only window.
- Folders: a folder this tool writes carries `MARKER`, the SHA-256 of every
  file written. Replacing a folder (`import --force`, a folder output such as
  the digital edition) is allowed only when the marker is there, names
  nothing outside the folder, and every file is unchanged and no other file
  was added; otherwise the reason is given and nothing is touched.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from .errors import OutputError

#: The file in a folder this tool wrote: {"written_by": "publish", "files": {path: sha256}}.
MARKER = ".publish-written.json"
#: A paper name longer than this is cut in file names (characters, then UTF-8 bytes:
#: names are limited to 255 bytes, and a temporary adds about 30 to the longest output name).
NAME_CHARACTERS = 80
NAME_BYTES = 160
#: Characters that separate paths or that Windows refuses in names.
_RESERVED = set('/\\<>:"|?*')
#: errno values that mean the place the outputs go to cannot take them.
DISK_ERRORS = {errno.ENOSPC: "no space left on the device", errno.EDQUOT: "disk quota exceeded",
               errno.EFBIG: "file too large for the file system", errno.EROFS: "the file system is read-only"}


def safe_name(text: str, fallback: str = "issue") -> str:
    """`text` as a file name: control, format (bidi overrides, zero-width) and
    unassigned characters dropped, separators and reserved characters as `_`,
    any run of white space one space, leading and trailing dots and spaces
    removed, at most NAME_CHARACTERS characters and NAME_BYTES bytes."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        kind = unicodedata.category(char)
        if kind[0] == "C":
            continue
        if char.isspace() or kind in ("Zl", "Zp"):
            kept.append(" ")
        elif char in _RESERVED:
            kept.append("_")
        else:
            kept.append(char)
    name = re.sub(r" {2,}", " ", "".join(kept)).strip(" .")[:NAME_CHARACTERS]
    while len(name.encode("utf-8")) > NAME_BYTES:
        name = name[:-1]
    return name.rstrip(" .") or fallback


def disk_error(error: OSError, where: Path | str) -> OutputError | None:
    """An OutputError for an OSError that says the disk cannot take the output, else None."""
    reason = DISK_ERRORS.get(error.errno or 0)
    return OutputError(f"{where}: {reason} (the outputs were not written)") if reason else None


def _ensure_dir(folder: Path) -> None:
    if os.path.lexists(folder) and not folder.is_dir():
        raise OutputError(f"{folder}: expected a folder for the outputs, found a file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create the output folder: {error.strerror}") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{folder}: the output folder is not writable")


# -- temporaries ------------------------------------------------------------------------

def _temporary_name(name: str) -> tuple[str, str]:
    return f".{name}.{os.getpid()}-", ".part"


def _temporary_file(target: Path) -> Path:
    prefix, suffix = _temporary_name(target.name)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=target.parent)
    os.close(fd)
    return Path(tmp)


def _temporary_folder(target: Path) -> Path:
    prefix, suffix = _temporary_name(target.name)
    return Path(tempfile.mkdtemp(prefix=prefix, suffix=suffix, dir=target.parent))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RANDOM = r"[a-z0-9_]{8}"        # what tempfile.mkstemp/mkdtemp put between prefix and suffix


def clean_stale(folder: Path, stem: str, legacy_suffixes: tuple[str, ...] = ()) -> list[str]:
    """Remove temporaries of outputs named `stem…` in `folder` whose process is gone
    (and, for `legacy_suffixes`, the pid-less temporaries of earlier versions).
    An `.old` folder is removed only if it is still ours and unchanged. Returns the
    names removed."""
    ours = re.compile(rf"^\.{re.escape(stem)}(?P<suffix>[^/]*)\.(?P<pid>\d+)-{_RANDOM}\.(?P<kind>part|old)$")
    legacy = re.compile(rf"^\.{re.escape(stem)}(?:{'|'.join(map(re.escape, legacy_suffixes))})"
                        rf"\.{_RANDOM}\.part$") if legacy_suffixes else None
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = ours.match(entry.name)
        if found:
            if _alive(int(found["pid"])):
                continue
            kind = found["kind"]
        elif legacy is not None and legacy.match(entry.name):
            kind = "part"
        else:
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            if kind == "old" and why_not_ours(path) is not None:
                continue
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                path.unlink()
            except OSError:
                continue
        removed.append(entry.name)
    return removed


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it onto `target` on success."""
    target = Path(target)
    _ensure_dir(target.parent)
    tmp = _temporary_file(target)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


# -- folders this tool wrote ------------------------------------------------------------

def _digest(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def write_marker(folder: Path) -> None:
    """Record every file under `folder` (written by us just now) in its MARKER."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.name != MARKER:
            files[path.relative_to(folder).as_posix()] = _digest(path)
    (folder / MARKER).write_text(json.dumps({"written_by": "publish", "files": files}, ensure_ascii=False,
                                            indent=1) + "\n", encoding="utf-8")


def why_not_ours(folder: Path) -> str | None:
    """Why `folder` may not be replaced, or None if this tool wrote it and nothing
    in it changed since: every file is listed in MARKER with its hash, nothing was
    added, and there is no link or special file in it."""
    folder = Path(folder)
    if folder.is_symlink():
        return "is a link, not a folder this tool wrote"
    if not folder.is_dir():
        return "is not a folder"
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return f"is not a folder this tool wrote (it has no {MARKER})"
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        listed = data["files"]
        if data.get("written_by") != "publish" or not isinstance(listed, dict):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        return f"has a {MARKER} this tool did not write"
    for name, digest in listed.items():
        parts = PurePosixPath(str(name)).parts
        if not isinstance(digest, str) or not parts or PurePosixPath(str(name)).is_absolute() \
                or ".." in parts or "\\" in str(name):
            return f"has a {MARKER} naming a file outside it ({name!r})"
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return f"holds a link ({relative}) that this tool did not write"
        if stat.S_ISDIR(info.st_mode) or relative == MARKER:
            continue
        if not stat.S_ISREG(info.st_mode):
            return f"holds {relative}, which is not a regular file"
        if relative not in listed:
            return f"holds {relative}, which this tool did not write (added since)"
        if _digest(path) != listed[relative]:
            return f"{relative} was changed since this tool wrote it"
    return None


def _inside_cwd(target: Path) -> bool:
    here = Path.cwd().resolve()
    resolved = target.resolve()
    return resolved == here or resolved in here.parents


def _swap_folder(new: Path, target: Path) -> None:
    """Put folder `new` at `target`; an existing `target` (checked as ours) is
    moved aside first and removed once `new` is in place."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    reason = why_not_ours(target)              # again, just before: it may have changed meanwhile
    if reason:
        raise OutputError(f"{target}: {reason}: refusing to replace it")
    prefix, _ = _temporary_name(target.name)
    old = Path(tempfile.mkdtemp(prefix=prefix, suffix=".old", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    reason = why_not_ours(old)
    if reason:
        raise OutputError(f"{target}: changed while it was being replaced ({reason}); "
                          f"the earlier folder is kept as {old}")
    shutil.rmtree(old)


@contextmanager
def atomic_folder(target: Path, replace: bool = False, marker: str | None = None) -> Iterator[Path]:
    """Yield a temporary folder beside `target`; it becomes `target` on success,
    with a MARKER listing what was written.

    An existing non-empty `target` is refused unless `replace` is set, and even
    then unless this tool wrote it and nothing in it changed since (`why_not_ours`);
    `marker` names a file such a folder always has (issue.toml), for a plainer
    message when it is not there. The current folder (or one above it) and links
    are never replaced.
    """
    target = Path(target)
    if os.path.lexists(target):
        if target.is_symlink():
            raise OutputError(f"{target}: is a link: name the folder itself")
        if not target.is_dir():
            raise OutputError(f"{target}: already exists and is not a folder")
        if _inside_cwd(target):
            raise OutputError(f"{target}: is the current folder or holds it: refusing to replace it")
        if any(target.iterdir()):
            if not replace:
                raise OutputError(f"{target}: already exists and is not empty (use --force to replace it)")
            if marker and not (target / marker).is_file():
                raise OutputError(f"{target}: is not a folder this tool wrote (no {marker}): refusing to replace it")
            reason = why_not_ours(target)
            if reason:
                raise OutputError(f"{target}: {reason}: refusing to replace it")
    _ensure_dir(target.parent)
    clean_stale(target.parent, target.name)
    tmp = _temporary_folder(target)
    try:
        yield tmp
        write_marker(tmp)
        os.chmod(tmp, 0o755)
        if os.path.lexists(target) and target.is_dir() and not any(target.iterdir()):
            os.rmdir(target)
        _swap_folder(tmp, target)
    except OSError as error:
        full = disk_error(error, target.parent)
        if full is None:
            raise
        raise full from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


# -- the outputs of one build -----------------------------------------------------------

@dataclass
class Staged:
    target: Path          # the final path in OUTDIR
    tmp: Path             # where it is written meanwhile
    folder: bool


class OutputSet:
    """The outputs of one build, staged beside their final names and renamed into
    place together by `commit`; if the build fails, none of them is.

    Use as a context manager: entering creates OUTDIR and removes stale
    temporaries of this issue's outputs; leaving without a commit removes this
    build's temporaries.
    """

    LEGACY_SUFFIXES = (".pdf", ".epub", ".report.json")

    def __init__(self, outdir: Path | str, stem: str):
        if not stem or stem.startswith(".") or len(stem.encode("utf-8")) > NAME_BYTES + 40 or any(
                char in _RESERVED or unicodedata.category(char)[0] == "C" for char in stem):
            raise OutputError(f"{stem!r}: not a safe output name")
        self.outdir = Path(outdir)
        self.stem = stem
        self.staged: dict[str, Staged] = {}
        self.removals: list[Path] = []
        self.committed = False

    def __enter__(self) -> OutputSet:
        _ensure_dir(self.outdir)
        clean_stale(self.outdir, self.stem, self.LEGACY_SUFFIXES)
        return self

    def __exit__(self, *exc) -> None:
        if not self.committed:
            self.discard()

    def path(self, suffix: str) -> Path:
        """The final path of the output with `suffix` (".pdf", "" for a folder):
        directly inside OUTDIR, whatever the name holds."""
        name = f"{self.stem}{suffix}"
        target = self.outdir / name
        if "/" in name or "\\" in name or name.startswith(".") or \
                os.path.realpath(target.parent) != os.path.realpath(self.outdir):
            raise OutputError(f"{name}: an output name must stay inside {self.outdir}")
        return target

    def stage(self, suffix: str, folder: bool = False) -> Path:
        """A fresh temporary (an empty file, or an empty folder) for the output `suffix`."""
        target = self.path(suffix)
        if suffix in self.staged:
            self.drop(suffix)
        if folder and os.path.lexists(target):
            reason = why_not_ours(target)      # refuse before the work, not after it
            if reason:
                raise OutputError(f"{target}: {reason}: refusing to replace it")
        tmp = _temporary_folder(target) if folder else _temporary_file(target)
        self.staged[suffix] = Staged(target, tmp, folder)
        return tmp

    def drop(self, suffix: str) -> None:
        """Forget a staged output (its format failed): its temporary goes."""
        staged = self.staged.pop(suffix, None)
        if staged is not None:
            _remove(staged.tmp)

    def remove_on_commit(self, path: Path) -> None:
        """An earlier output of ours that this build makes stale (its format failed now)."""
        self.removals.append(path)

    def size(self, suffix: str) -> int:
        staged = self.staged[suffix]
        if staged.folder:
            return sum(p.stat().st_size for p in staged.tmp.rglob("*") if p.is_file() and p.name != MARKER)
        return staged.tmp.stat().st_size

    def digest(self, suffix: str) -> str:
        staged = self.staged[suffix]
        if not staged.folder:
            return _digest(staged.tmp)
        hasher = hashlib.sha256()
        for path in sorted(staged.tmp.rglob("*")):
            if path.is_file() and path.name != MARKER:
                hasher.update(path.relative_to(staged.tmp).as_posix().encode() + b"\0" + _digest(path).encode())
        return hasher.hexdigest()

    def commit(self, last: str | None = None) -> None:
        """Rename every staged output into place: folders are checked first (an
        existing one must be ours), then files, then folders, then `last` (the
        report, which describes the others)."""
        for staged in self.staged.values():
            if os.path.lexists(staged.target):
                if staged.folder and why_not_ours(staged.target):
                    raise OutputError(f"{staged.target}: {why_not_ours(staged.target)}: refusing to replace it")
                if not staged.folder and staged.target.is_dir() and not staged.target.is_symlink():
                    raise OutputError(f"{staged.target}: is a folder: cannot write the output there")
        for staged in self.staged.values():
            if staged.folder:
                write_marker(staged.tmp)
                os.chmod(staged.tmp, 0o755)
            else:
                os.chmod(staged.tmp, 0o644)
        order = sorted(self.staged.items(), key=lambda item: (item[0] == last, item[1].folder))
        for _, staged in order:
            if staged.folder:
                _swap_folder(staged.tmp, staged.target)
            else:
                os.replace(staged.tmp, staged.target)
        for path in self.removals:
            _remove(path)
        self.committed = True

    def discard(self) -> None:
        for staged in self.staged.values():
            _remove(staged.tmp)
        self.staged.clear()


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif os.path.lexists(path):
            path.unlink()
    except OSError:
        pass
