"""publish/outputs.py: safe names, folders this tool wrote, stale temporaries, output sets."""
from __future__ import annotations

import json
import os
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, strategies as st

from publish.errors import OutputError
from publish.outputs import (MARKER, NAME_BYTES, OutputSet, atomic_folder, clean_stale, safe_name,
                             why_not_ours, write_marker)


@given(st.text(max_size=400))
@example("../../etc/passwd")
@example("/abs/path")
@example("..")
@example(" . ")
@example("报\u202egpj.exe")
@example("\u200b")
@example("a\\b:c*d?e\"f<g>h|i")
@example("报" * 500)
def test_a_safe_name_is_a_plain_file_name(text):
    name = safe_name(text)
    assert name and name != "." and name != ".."
    assert not name.startswith(".") and name == name.strip()
    assert len(name.encode("utf-8")) <= NAME_BYTES
    assert not any(c in '/\\<>:"|?*' for c in name)
    assert not any(unicodedata.category(c)[0] == "C" for c in name)
    assert safe_name(name) == name                       # already safe stays as it is


def test_ordinary_names_are_kept():
    for name in ("温岭日报", "人民日报 海外版", "People's Daily", "Nature-Science"):
        assert safe_name(name) == name


def test_an_output_set_stays_inside_outdir(tmp_path):
    with OutputSet(tmp_path / "out", "报-2023-01-19") as outputs:
        assert outputs.path(".pdf") == tmp_path / "out" / "报-2023-01-19.pdf"
    for stem in ("../x", "a/b", ".hidden", "a\x00b"):
        with pytest.raises(OutputError):
            OutputSet(tmp_path / "out", stem)


def test_a_set_is_renamed_together_or_not_at_all(tmp_path):
    out = tmp_path / "out"
    with OutputSet(out, "s") as outputs:
        outputs.stage(".pdf").write_bytes(b"pdf 1")
        outputs.stage(".report.json").write_text("{}")
        outputs.commit(last=".report.json")
    assert sorted(p.name for p in out.iterdir()) == ["s.pdf", "s.report.json"]
    with pytest.raises(RuntimeError):
        with OutputSet(out, "s") as outputs:
            outputs.stage(".pdf").write_bytes(b"pdf 2")
            raise RuntimeError("the EPUB writer failed")
    assert sorted(p.name for p in out.iterdir()) == ["s.pdf", "s.report.json"], "temporaries removed"
    assert (out / "s.pdf").read_bytes() == b"pdf 1"


def test_a_folder_output_is_swapped_in_only_over_a_folder_of_ours(tmp_path):
    out = tmp_path / "out"
    with OutputSet(out, "s") as outputs:
        folder = outputs.stage("", folder=True)
        (folder / "index.html").write_text("v1")
        outputs.commit()
    assert why_not_ours(out / "s") is None
    with OutputSet(out, "s") as outputs:
        folder = outputs.stage("", folder=True)
        (folder / "index.html").write_text("v2")
        outputs.commit()
    assert (out / "s" / "index.html").read_text() == "v2"
    (out / "s" / "notes.txt").write_text("the desk's notes")
    with OutputSet(out, "s") as outputs:
        with pytest.raises(OutputError, match="notes.txt, which this tool did not write"):
            outputs.stage("", folder=True)
    assert (out / "s" / "notes.txt").read_text() == "the desk's notes"


def test_why_not_ours(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text("a")
    assert "no .publish-written.json" in why_not_ours(folder)
    write_marker(folder)
    assert why_not_ours(folder) is None
    (folder / "sub").mkdir()
    assert why_not_ours(folder) is None, "an empty folder holds nothing to lose"
    (folder / "a.txt").write_text("b")
    assert why_not_ours(folder) == "a.txt was changed since this tool wrote it"
    (folder / "a.txt").write_text("a")
    (folder / "sub" / "link").symlink_to(tmp_path)
    assert "holds a link" in why_not_ours(folder)
    (folder / "sub" / "link").unlink()
    for forged in ({"written_by": "publish", "files": {"../x": "0"}}, {"files": {}}, [], "x"):
        (folder / MARKER).write_text(json.dumps(forged))
        assert why_not_ours(folder) is not None, forged
    (folder / MARKER).write_text("{not json")
    assert why_not_ours(folder) is not None


def test_replacing_a_folder_of_ours_keeps_nothing_else(tmp_path):
    target = tmp_path / "issue"
    with atomic_folder(target) as tmp:
        (tmp / "issue.toml").write_text("v1")
    with atomic_folder(target, replace=True) as tmp:
        (tmp / "issue.toml").write_text("v2")
    assert (target / "issue.toml").read_text() == "v2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issue"], "no .part or .old left"
    (target / "issue.toml").write_text("edited by hand")
    with pytest.raises(OutputError, match="issue.toml was changed"):
        with atomic_folder(target, replace=True) as tmp:
            (tmp / "issue.toml").write_text("v3")
    assert (target / "issue.toml").read_text() == "edited by hand"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issue"]


def test_only_temporaries_of_gone_processes_are_cleaned(tmp_path):
    gone = subprocess.Popen(["true"])
    gone.wait()
    names = {
        f".s.pdf.{gone.pid}-abcdefgh.part": True,        # ours, process gone
        f".s.pdf.{os.getpid()}-abcdefgh.part": False,    # ours, process running (a build under way)
        ".s.pdf.k2j3h4g5.part": True,                   # an earlier version's naming
        ".s.pdf.mine.part": False,                      # a user's
        "s.pdf.part": False,
        f".other.pdf.{gone.pid}-abcdefgh.part": False,  # another issue's
    }
    for name in names:
        (tmp_path / name).write_text("x")
    removed = clean_stale(tmp_path, "s", (".pdf",))
    assert sorted(removed) == sorted(n for n, stale in names.items() if stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n, stale in names.items() if not stale)


def test_the_swap_never_follows_a_link(tmp_path):
    real = tmp_path / "real"
    with atomic_folder(real) as tmp:
        (tmp / "x").write_text("ours")
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(OutputError, match="is a link"):
        with atomic_folder(link, replace=True):
            pass
    assert Path(link).is_symlink() and (real / "x").read_text() == "ours"
