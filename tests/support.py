"""Shared test helpers: where the repo's files are, and running the real CLI.

Import with `from support import ...` (tests/ is on pytest's pythonpath)."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "wenling-2023-01-19"
SEED = REPO / "examples" / "raw" / "wenling-2023-01-19.txt"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> CliResult:
    """Run `python -m publish ARGS` as a user would, in a separate process."""
    done = subprocess.run([sys.executable, "-m", "publish", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or REPO, env=env, timeout=600)
    return CliResult(done.returncode, done.stdout, done.stderr)


