"""The attack harness: run the real command line on a hostile sandbox and judge
what it did, whatever the case.

Every case builds a sandbox folder (an issue, an output folder, and victim
files beside them), names the command to run and says what must come of it.
The harness snapshots the whole sandbox before and after (every file, its
kind, its bytes' hash, a link's target) and checks the invariants every case
shares:

- no crash: the exit code is 0 or 1, never 2, a signal or a traceback;
- no write outside the places the case allows (OUTDIR, or the issue folder
  an import writes);
- no deletion or change of anything the tool did not write;
- no leak: no planted metadata marker in any output (EPUB entries, PDF
  streams decompressed, files of a folder output);
- no half-written or temporary file left in OUTDIR;
- a refusal names the file (and the line, when the case says so).

Commands run in a forked child of the test process (publish is imported
once, so a case costs its own work, not Python's start-up); a child that
hangs is killed and reported as a hang.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import signal
import stat
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

#: A string planted in pictures' metadata (EXIF, XMP, comments, PNG text); no output may hold it.
LEAK = "LEAKMARK"
TIMEOUT = 240


@dataclass
class Outcome:
    code: int | None            # None: killed after a hang
    out: str
    err: str
    seconds: float
    sandbox: Path
    before: dict[str, tuple]
    after: dict[str, tuple]
    root: Path = Path(".")                      # the case's own folder (SANDBOX/home/user)

    @property
    def message(self) -> str:
        """The first line of what the tool said (for the table)."""
        lines = [line for line in self.err.splitlines() if line.strip() and not line.startswith(
            ("publish: reading", "publish: writing", "publish: wrote"))]
        return lines[0][:160] if lines else ""


@dataclass
class Scenario:
    argv: list[str]
    writes: list[Path]                          # where the tool may create or change files
    expect: int                                 # 0 or 1
    where: str | None = None                    # a regex the message must match (file:line)
    check: Callable[[Outcome], list[str]] | None = None
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None
    steps: list[list[str]] = field(default_factory=list)   # commands run first (must exit 0)
    may_delete: list[Path] = field(default_factory=list)   # what the command may replace
    cleanup: Callable[[], None] | None = None


@dataclass
class Attack:
    name: str
    group: str
    make: Callable[[Path], Scenario]
    after: str                                  # the behaviour asked for, in words
    slow: bool = False


# -- snapshots --------------------------------------------------------------------------

def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under root (links not followed): relative path -> (kind, digest)."""
    seen: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            try:
                info = path.lstat()
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                seen[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                seen[rel] = ("dir",)
            elif stat.S_ISREG(info.st_mode):
                seen[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                seen[rel] = ("special",)
    return seen


def _inside(rel: str, roots: list[str]) -> bool:
    return any(rel == r or rel.startswith(r + "/") for r in roots)


def invariant_violations(outcome: Outcome, scenario: Scenario) -> list[str]:
    problems = []
    if outcome.code is None:
        problems.append(f"hang: killed after {TIMEOUT} s")
    elif outcome.code not in (0, 1):
        problems.append(f"crash: exit {outcome.code}: {outcome.message}")
    if "Traceback" in outcome.err:
        problems.append("a traceback on stderr")
    sandbox = outcome.sandbox
    allowed = [str(Path(p).resolve().relative_to(sandbox.resolve())) for p in scenario.writes]
    replaceable = [str(Path(p).resolve().relative_to(sandbox.resolve())) for p in scenario.may_delete]
    for rel, entry in outcome.after.items():
        if rel not in outcome.before and not _inside(rel, allowed):
            problems.append(f"wrote outside OUTDIR: {rel}")
        elif rel in outcome.before and outcome.before[rel] != entry and entry[0] != "dir" \
                and not _inside(rel, allowed):
            problems.append(f"changed outside OUTDIR: {rel}")
    for rel, entry in outcome.before.items():
        if entry[0] == "dir":
            continue
        if _inside(rel, replaceable):
            continue
        now = outcome.after.get(rel)
        if now is None:
            problems.append(f"deleted what it did not write: {rel}")
        elif now != entry and not _written_by_tool(rel, allowed):
            problems.append(f"changed what it did not write: {rel}")
    for rel in outcome.after:
        if _inside(rel, allowed) and rel not in outcome.before and (
                rel.endswith((".part", ".old")) or ".part/" in rel or ".old/" in rel):
            problems.append(f"temporary left behind: {rel}")
    for rel, entry in outcome.after.items():
        if entry[0] == "file" and _inside(rel, allowed) and outcome.before.get(rel) != entry:
            found = leaks(sandbox / rel)
            if found:
                problems.append(f"leak in {rel}: {found}")
    if outcome.code is not None and outcome.code != scenario.expect:
        problems.append(f"expected exit {scenario.expect}, got {outcome.code}: {outcome.message}")
    if scenario.where and outcome.code in (0, 1) and not re.search(scenario.where, outcome.err):
        problems.append(f"the message names no {scenario.where!r}: {outcome.message}")
    if outcome.code == 0:
        problems += report_mismatches(sandbox, allowed)
    return problems


def report_mismatches(sandbox: Path, allowed: list[str]) -> list[str]:
    """Every report in OUTDIR describes the outputs beside it (one set, not a mix)."""
    problems = []
    for rel in allowed:
        folder = sandbox / rel
        if not folder.is_dir():
            continue
        for report in folder.glob("*.report.json"):
            try:
                data = json.loads(report.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                problems.append(f"{report.name}: unreadable report ({error})")
                continue
            for name, section in data.get("outputs", {}).items():
                output = folder / section.get("file", "?")
                size = _size(output)
                if size != section.get("bytes"):
                    problems.append(f"{report.name}: {name} is {size} bytes, the report says "
                                    f"{section.get('bytes')}")
    return problems


def _size(path: Path) -> int | None:
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():       # a folder output: its files, not the marker of what was written
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and p.name != ".publish-written.json")
    return None


def _written_by_tool(rel: str, allowed: list[str]) -> bool:
    """Inside an allowed folder, what the tool writes is its outputs; the case's own
    check decides about the rest (a user's file in OUTDIR must survive)."""
    return _inside(rel, allowed)


# -- leaks ------------------------------------------------------------------------------

#: Picture metadata that identifies a person, place or device.
_PRIVATE_EXIF = {0x8825: "GPS", 0x010F: "Make", 0x0110: "Model", 0x013B: "Artist", 0x8298: "Copyright",
                 0x9003: "DateTimeOriginal", 0xA431: "BodySerialNumber", 0x0131: "Software"}
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF", b"II*\x00", b"MM\x00*")


def leaks(path: Path) -> list[str]:
    """Planted markers or private picture metadata found in an output file."""
    data = path.read_bytes()
    blobs = [(path.name, data)]
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                blobs = [(name, archive.read(name)) for name in archive.namelist()]
        except zipfile.BadZipFile:
            pass
    elif data[:5] == b"%PDF-":
        blobs += [("pdf stream", s) for s in _pdf_streams(data)]
    found = []
    for name, blob in blobs:
        for encoding in ("utf-8", "utf-16-be", "utf-16-le"):
            if LEAK.encode(encoding) in blob:
                found.append(f"{name}: planted marker ({encoding})")
        if blob.startswith(_IMAGE_MAGIC):
            found += [f"{name}: {what}" for what in picture_metadata(blob)]
    return found


def picture_metadata(blob: bytes) -> list[str]:
    """Private metadata a picture carries: EXIF tags that name a person, place or
    device, comments, and XMP other than the editor's credit and description."""
    from PIL import Image
    try:
        with Image.open(io.BytesIO(blob)) as image:
            exif = image.getexif()
            info = dict(image.info)
    except Exception:  # noqa: BLE001 - not a picture Pillow reads: nothing to say
        return []
    found = [f"EXIF {label}" for tag, label in _PRIVATE_EXIF.items() if tag in exif]
    if exif.get_ifd(0x8825):
        found.append("EXIF GPS")
    for key in ("comment", "Comment", "Author", "Description", "Software"):
        if key in info:
            found.append(f"{key} text")
    return found


def _pdf_streams(data: bytes) -> list[bytes]:
    out = []
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        if end < 0:
            continue
        raw = data[match.end():end]
        out.append(raw)
        try:
            out.append(zlib.decompressobj().decompress(raw))
        except zlib.error:
            pass
    return out


# -- running ----------------------------------------------------------------------------

def preload() -> None:
    """Import what builds need once, so that forked children start warm."""
    import publish.cli  # noqa: F401
    try:
        import publish.build  # noqa: F401
        import publish.writers.epub  # noqa: F401
        import weasyprint  # noqa: F401
    except Exception:  # noqa: BLE001 - a tree without them still runs the cases it can
        pass


def run_cli_forked(argv: list[str], cwd: Path, env: dict[str, str], timeout: float = TIMEOUT
                   ) -> tuple[int | None, str, str, float]:
    """`publish ARGV` in a forked child: (exit code or None on a hang, stdout, stderr, seconds)."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    started = time.monotonic()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:                                            # the child
        code = 2
        try:
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8",
                                          line_buffering=True)
            sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8",
                                          line_buffering=True)
            os.chdir(cwd)
            os.environ.update(env)
            for key in [k for k, v in env.items() if v is None]:
                os.environ.pop(key, None)
            from publish.cli import main
            try:
                main(argv)
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except BaseException:  # noqa: BLE001 - whatever escapes main is a crash
            import traceback
            traceback.print_exc()
            code = 3
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    deadline = started + timeout
    status = None
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            status = None
            break
        time.sleep(0.02)
    seconds = time.monotonic() - started
    code = None if status is None else (os.waitstatus_to_exitcode(status))
    if code is not None and code < 0:
        code = 128 - code                                  # killed by a signal: a crash
    out.seek(0)
    err.seek(0)
    return code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), seconds


class Skip(Exception):
    """A case that cannot run here (say, no tmpfs without root)."""


def run_attack(attack: Attack, sandbox: Path) -> tuple[Outcome, Scenario]:
    """Make the case in SANDBOX/home/user (so that `../..` stays inside what is watched) and run it."""
    root = sandbox / "home" / "user"
    root.mkdir(parents=True, exist_ok=True)
    scenario = attack.make(root)
    cwd = scenario.cwd or root
    for step in scenario.steps:
        code, _, err, _ = run_cli_forked(step, cwd, scenario.env)
        if code != 0:
            raise RuntimeError(f"{attack.name}: setup step {step} failed ({code}): {err}")
    before = snapshot(sandbox)
    code, out, err, seconds = run_cli_forked([str(a) for a in scenario.argv], cwd, scenario.env)
    outcome = Outcome(code, out, err, seconds, sandbox, before, snapshot(sandbox), root)
    return outcome, scenario


def judge(attack: Attack, sandbox: Path) -> tuple[Outcome, list[str]]:
    outcome, scenario = run_attack(attack, sandbox)
    try:
        problems = invariant_violations(outcome, scenario)
        if scenario.check is not None and outcome.code is not None:
            try:
                problems += scenario.check(outcome)
            except Exception as error:  # noqa: BLE001 - a check that cannot look is a finding
                problems.append(f"check failed: {type(error).__name__}: {error}")
    finally:
        if scenario.cleanup is not None:
            scenario.cleanup()
    return outcome, problems
