"""publish/build.py with stand-in writers: faults while writing, a format that lacks a
glyph, a folder output, the report of a partial rebuild. The real writers are
covered by the corpus (test_attack.py) and the writers' own tests."""
from __future__ import annotations

import errno
import json
import types
from pathlib import Path

import pytest

import publish.build
import publish.writers
from corpus import SLUG, article, make_issue
from publish.build import BuildOptions, build
from publish.cli import main
from publish.errors import MissingGlyphError, SourceError
from publish.outputs import MARKER, why_not_ours


def fake_writer(extension: str, write, folder: bool = False) -> types.SimpleNamespace:
    return types.SimpleNamespace(EXTENSION=extension, write=write, FOLDER=folder)


def file_writer(text: str):
    def write(context, target: Path) -> dict:
        target.write_text(text, encoding="utf-8")
        context.report[f"{text}_key"] = 1
        return {"words": len(text)}
    return write


@pytest.fixture
def writers(monkeypatch):
    """Stand-ins for the format registry: name -> writer namespace."""
    table: dict[str, types.SimpleNamespace] = {}

    def writer_for(name: str):
        return table[name]
    monkeypatch.setattr(publish.build, "writer_for", writer_for)
    # `--format all` means the stand-ins given, in the registry's order.
    monkeypatch.setattr(publish.writers, "available_formats",
                        lambda: [name for name in publish.writers.FORMATS if name in table])
    return table


def _run(argv, capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as done:
        main([str(a) for a in argv])
    return done.value.code, capsys.readouterr().err


def test_a_full_disk_is_exit_1_and_leaves_the_earlier_set(tmp_path, writers, capsys):
    folder = make_issue(tmp_path)
    out = tmp_path / "out"
    writers["pdf"] = fake_writer(".pdf", file_writer("v1"))
    build(folder, out, BuildOptions(formats=("pdf",)))
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full(context, target: Path):
        target.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device", str(target))
    writers["pdf"] = fake_writer(".pdf", full)
    code, err = _run(["build", folder, "-o", out, "--format", "pdf"], capsys)
    assert code == 1 and "no space left on the device" in err and "internal error" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_another_os_error_is_still_our_bug(tmp_path, writers, capsys):
    folder = make_issue(tmp_path)

    def broken(context, target: Path):
        raise OSError(errno.EBADF, "Bad file descriptor")
    writers["pdf"] = fake_writer(".pdf", broken)
    code, err = _run(["build", folder, "-o", tmp_path / "out", "--format", "pdf"], capsys)
    assert code == 2 and "internal error" in err


def test_a_missing_glyph_stops_one_format_and_names_the_line(tmp_path, writers, capsys):
    folder = make_issue(tmp_path, articles={"a1.md": article(body="第一段。\n\n第二段有个字\u3400在这里。")})

    def no_glyph(context, target: Path):
        raise MissingGlyphError("no font has 㐀", {"\u3400": ("a1",)})
    writers["pdf"] = fake_writer(".pdf", no_glyph)
    writers["epub"] = fake_writer(".epub", file_writer("book"))
    out = tmp_path / "out"
    code, err = _run(["build", folder, "-o", out, "--format", "all"], capsys)
    assert code == 1
    assert f"{folder}/articles/a1.md:8: no font has \u3400 (U+3400): the PDF was not written (written: EPUB)" in err
    assert sorted(p.name for p in out.iterdir()) == [f"{SLUG}.epub", f"{SLUG}.report.json"]
    report = json.loads((out / f"{SLUG}.report.json").read_text(encoding="utf-8"))
    assert list(report["outputs"]) == ["epub"] and "pdf" in report["failed"]


def test_a_stale_output_of_a_failed_format_goes_with_the_new_set(tmp_path, writers, capsys):
    folder = make_issue(tmp_path)
    out = tmp_path / "out"
    writers["pdf"] = fake_writer(".pdf", file_writer("old"))
    writers["epub"] = fake_writer(".epub", file_writer("book"))
    build(folder, out, BuildOptions(formats=("pdf", "epub")))
    writers["pdf"] = fake_writer(".pdf", lambda c, t: (_ for _ in ()).throw(
        MissingGlyphError("no font has 㐀", {"\u3400": ("a1",)})))
    code, _ = _run(["build", folder, "-o", out, "--format", "all"], capsys)
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == [f"{SLUG}.epub", f"{SLUG}.report.json"]


def test_a_partial_rebuild_keeps_the_other_sections(tmp_path, writers):
    folder = make_issue(tmp_path)
    out = tmp_path / "out"
    writers["pdf"] = fake_writer(".pdf", file_writer("print"))
    writers["epub"] = fake_writer(".epub", file_writer("book"))
    build(folder, out, BuildOptions(formats=("pdf", "epub")))
    build(folder, out, BuildOptions(formats=("epub",)))
    report = json.loads((out / f"{SLUG}.report.json").read_text(encoding="utf-8"))
    assert sorted(report["outputs"]) == ["epub", "pdf"]
    assert report["outputs"]["pdf"]["earlier"] is True and "earlier" not in report["outputs"]["epub"]
    assert report["print_key"] == 1, "the PDF's own top-level keys stay with its section"
    assert report["outputs"]["pdf"]["report_keys"] == ["preflight", "print_key"]
    assert report["preflight"]["ok"] is False, "the build preflights whatever the PDF writer wrote"
    (out / f"{SLUG}.pdf").write_text("changed by someone")
    build(folder, out, BuildOptions(formats=("epub",)))
    report = json.loads((out / f"{SLUG}.report.json").read_text(encoding="utf-8"))
    assert sorted(report["outputs"]) == ["epub"], "a section that no longer describes its file is dropped"
    assert "print_key" not in report


def test_a_folder_output_is_part_of_the_set(tmp_path, writers, capsys):
    folder = make_issue(tmp_path)
    out = tmp_path / "out"

    def site(version: str):
        def write(context, target: Path) -> dict:
            assert target.is_dir() and not any(target.iterdir())
            (target / "index.html").write_text(version)
            (target / "pages").mkdir()
            (target / "pages" / "1.html").write_text(version)
            return {"pages": 1}
        return write
    writers["html"] = fake_writer("", site("v1"), folder=True)
    build(folder, out, BuildOptions(formats=("html",)))
    assert (out / SLUG / "index.html").read_text() == "v1" and (out / SLUG / MARKER).is_file()
    assert why_not_ours(out / SLUG) is None
    report = json.loads((out / f"{SLUG}.report.json").read_text(encoding="utf-8"))
    assert report["outputs"]["html"]["file"] == SLUG and report["outputs"]["html"]["bytes"] == 4
    writers["html"] = fake_writer("", site("v2"), folder=True)
    build(folder, out, BuildOptions(formats=("html",)))
    assert (out / SLUG / "pages" / "1.html").read_text() == "v2"
    (out / SLUG / "pages" / "1.html").write_text("fixed by hand")
    writers["html"] = fake_writer("", site("v3"), folder=True)
    code, err = _run(["build", folder, "-o", out, "--format", "html"], capsys)
    assert code == 1 and "pages/1.html was changed since this tool wrote it" in err
    assert (out / SLUG / "pages" / "1.html").read_text() == "fixed by hand"
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporaries left"


def test_does_not_fit_names_the_articles_when_the_planner_does(tmp_path, writers):
    from publish.errors import FitError
    folder = make_issue(tmp_path, articles={"a1.md": article(), "a2.md": article("二")})

    def tight(context, target):
        raise FitError("the issue does not fit in its 1 pages: no room for a2", articles=("a2",))
    writers["pdf"] = fake_writer(".pdf", tight)
    with pytest.raises(SourceError) as caught:
        build(folder, tmp_path / "out", BuildOptions(formats=("pdf",)))
    assert [str(p) for p in caught.value.problems] == [
        f"{folder}/articles/a2.md: the issue does not fit in its 1 pages: no room for a2"]
