"""Attacks that are sequences, not one command: a build killed with SIGKILL
half-way, a format that cannot draw a character while the other can. Each
returns (what happened, problems) like harness.judge."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from corpus import SLUG, article, make_issue, victims
from harness import report_mismatches, run_cli_forked, snapshot


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _state(out: Path) -> dict[str, str | None]:
    return {suffix: _digest(out / f"{SLUG}{suffix}") for suffix in (".pdf", ".epub", ".report.json")}


def kill_mid_build(root: Path) -> tuple[str, list[str]]:
    """Build v1 (PDF and EPUB), then start a build of v2 and kill it with SIGKILL as
    soon as it works on the EPUB: OUTDIR must hold all of v1, none of v2, and the
    next build must leave no temporary behind."""
    folder = make_issue(root, articles={"a1.md": article(body="第一版的正文。")})
    out = root / "out"
    code, _, err, _ = run_cli_forked(["build", str(folder), "-o", str(out), "--format", "all"], root, {})
    if code != 0:
        return f"setup build failed ({code})", [err[-300:]]
    old = _state(out)
    (folder / "articles" / "a1.md").write_text(article(body="第二版的正文，不一样了。"), encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "publish", "build", str(folder), "-o", str(out),
                              "--format", "all"], cwd=root, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=os.environ.copy())
    killed_at = None
    deadline = time.monotonic() + 300
    while child.poll() is None and time.monotonic() < deadline:
        names = os.listdir(out)
        if any(name.startswith(f".{SLUG}.epub") for name in names) or \
                any(name.endswith(".epub.part") or ".epub." in name and name.startswith(".") for name in names):
            os.kill(child.pid, signal.SIGKILL)
            killed_at = "while the EPUB was being written"
            break
        time.sleep(0.005)
    child.wait()
    if killed_at is None:
        return "the build ended before it could be killed", ["no kill happened"]
    new = _state(out)
    problems = []
    mixed = {suffix: "old" if new[suffix] == old[suffix] else "new" for suffix in old}
    if len(set(mixed.values())) != 1:
        problems.append(f"after the kill OUTDIR mixes builds: {mixed}")
    problems += report_mismatches(out.parent, [out.name])
    temporaries = sorted(n for n in os.listdir(out) if n.endswith(".part") or ".part" in n)
    code, _, err, _ = run_cli_forked(["build", str(folder), "-o", str(out), "--format", "epub"], root, {})
    left = sorted(n for n in os.listdir(out) if ".part" in n)
    if code != 0:
        problems.append(f"the next build failed ({code}): {err[-200:]}")
    if left:
        problems.append(f"temporaries left after the next build: {left}")
    return (f"killed {killed_at}: OUTDIR {mixed}, {len(temporaries)} temporaries; next build exit {code}, "
            f"{len(left)} left"), problems


def missing_glyph_other_format(root: Path) -> tuple[str, list[str]]:
    """A character no font on the machine has (an Egyptian hieroglyph) in one article:
    the PDF cannot be made, the EPUB still is, and the run ends with exit 1 naming
    the character and the article."""
    victims(root)
    folder = make_issue(root, articles={"a1.md": article(body="正常的一段。"),
                                        "a2.md": article("二", body="这里有一个字\U00013000没有字体。")})
    out = root / "out"
    before = snapshot(root)
    code, _, err, _ = run_cli_forked(["build", str(folder), "-o", str(out), "--format", "all"], root, {})
    names = sorted(os.listdir(out)) if out.is_dir() else []
    problems = []
    if code != 1:
        problems.append(f"expected exit 1, got {code}")
    if f"{SLUG}.epub" not in names:
        problems.append(f"the EPUB was not written: {names}")
    if "U+13000" not in err or "a2.md" not in err:
        problems.append("the message does not name U+13000 and a2.md")
    if f"{SLUG}.report.json" in names:
        report = json.loads((out / f"{SLUG}.report.json").read_text(encoding="utf-8"))
        if "pdf" in report.get("outputs", {}):
            problems.append("the report claims a PDF")
    after = snapshot(root)
    problems += [f"changed outside OUTDIR: {k}" for k in after if not k.startswith("out")
                 and before.get(k) != after[k]]
    first = next((line for line in err.splitlines() if "13000" in line), err.strip().splitlines()[-1:] or [""])
    return f"exit {code}, wrote {names}; {first if isinstance(first, str) else first[0]}"[:200], problems


SEQUENCES = {
    "kill_9_mid_build": (kill_mid_build, "all old (or all new) after SIGKILL; the next build cleans temporaries"),
    "missing_glyph_other_format": (missing_glyph_other_format,
                                   "EPUB written, exit 1 naming U+13000 and a2.md"),
}
