"""The attack corpus (corpus.py, sequences.py): every case runs the real command
line on a hostile sandbox and must give 0 crashes, 0 writes outside OUTDIR,
0 deletions of what the tool did not write, 0 leaks and 0 silent losses."""
from __future__ import annotations

import pytest

from corpus import ATTACKS
from harness import Skip, judge, preload
from sequences import SEQUENCES

preload()


@pytest.mark.parametrize("attack", [pytest.param(a, id=a.name, marks=[pytest.mark.slow] if a.slow else [])
                                    for a in ATTACKS])
def test_attack(attack, tmp_path):
    try:
        outcome, problems = judge(attack, tmp_path / "sandbox")
    except Skip as why:
        pytest.skip(str(why))
    assert not problems, f"{attack.name} ({attack.after}): " + "; ".join(problems) + f"\nstderr: {outcome.err[-800:]}"


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SEQUENCES))
def test_sequence(name, tmp_path):
    run, after = SEQUENCES[name]
    root = tmp_path / "home" / "user"
    root.mkdir(parents=True)
    happened, problems = run(root)
    assert not problems, f"{name} ({after}): {happened}: " + "; ".join(problems)
