"""Print the attack corpus as a table: case, what happened, what is wrong.

    python tests/attack/table.py [CASE...]            # this checkout
    PYTHONPATH=OTHER_TREE python tests/attack/table.py  # another tree's publish

Each row is measured, not stated: the case is run and judged like the tests do.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

from corpus import ATTACKS  # noqa: E402
from harness import Skip, judge, preload  # noqa: E402
from sequences import SEQUENCES  # noqa: E402


def main(names: list[str]) -> int:
    preload()
    import publish
    print(f"publish from {Path(publish.__file__).parent}", file=sys.stderr)
    rows = []
    for attack in ATTACKS:
        if names and attack.name not in names:
            continue
        with tempfile.TemporaryDirectory(prefix="publish-attack-") as tmp:
            try:
                outcome, problems = judge(attack, Path(tmp) / "sandbox")
            except Skip as why:
                rows.append((attack.group, attack.name, f"skipped: {why}", ""))
                continue
            except Exception as error:  # noqa: BLE001
                rows.append((attack.group, attack.name, f"harness error: {error}", ""))
                continue
            code = "hang" if outcome.code is None else f"exit {outcome.code}"
            rows.append((attack.group, attack.name, f"{code}: {outcome.message}", "; ".join(problems)))
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    for name, (run, _) in SEQUENCES.items():
        if names and name not in names:
            continue
        with tempfile.TemporaryDirectory(prefix="publish-attack-") as tmp:
            root = Path(tmp) / "home" / "user"
            root.mkdir(parents=True)
            happened, problems = run(root)
        rows.append(("sequence", name, happened, "; ".join(problems)))
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    print("| group | case | behaviour | violations |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
