"""`publish batch` on real Dask clusters: the CLI with a LocalCluster of two worker
processes, as a user runs it; workers killed under a build; a batch stopped with
Ctrl-C and with kill -9; a separately started `dask scheduler` with two `dask
worker` processes. The issues are small (one page each) to keep the suite lean.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import lxml.html
import pypdfium2
import pytest

from batch.issues import generate_issue, write_raw_issue
from batch.killers import KillOnBuild
from publish.batch import BatchOptions, run_batch
from publish.batch.cluster import dask_client
from publish.build import BuildOptions, build
from support import REPO, run_cli

pytestmark = pytest.mark.slow

BUILT = {"温岭日报-2023-01-20": "2023-01/a", "温岭日报-2023-01-21": "2023-01/b",
         "温岭日报-2023-02-03": "2023-02/raw.txt"}
BROKEN = "2023-01/c-broken"
# What `--format all` (the CLI's default) writes of each issue: "" is the digital edition's folder.
EXTENSIONS = (".pdf", ".epub", ".report.json", "")


def batch_cli(*args) -> SimpleNamespace:
    return run_cli("batch", *args, "--quiet")


def batch_report(out: Path) -> dict:
    return json.loads((out / "batch-report.json").read_text(encoding="utf-8"))


def statuses(out: Path) -> dict[str, str]:
    return {Path(i["source"]).name: i["status"] for i in batch_report(out)["issues"]}


def hidden(out: Path) -> list[str]:
    """Anything a build leaves while it writes (`.NAME.*.part`, `.NAME.*.old`)."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def assert_complete(out: Path) -> None:
    """Every output in OUT is whole: PDFs open, EPUBs are sound zips, reports parse."""
    for pdf in out.glob("*.pdf"):
        assert len(pypdfium2.PdfDocument(pdf)) >= 1, pdf
    for epub in out.glob("*.epub"):
        with zipfile.ZipFile(epub) as book:
            assert book.testzip() is None and book.namelist()[0] == "mimetype", epub
    for report in out.glob("*.report.json"):
        assert json.loads(report.read_text(encoding="utf-8"))["outputs"], report
    for edition in (p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        assert (edition / "edition.json").is_file() and (edition / "index.html").is_file(), edition


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Four small issues, one broken, in a tree of folders; one batch run over it
    with a LocalCluster of two processes (the CLI's --workers 2)."""
    root = tmp_path_factory.mktemp("archive")
    src = root / "src"
    generate_issue(1, src / "2023-01" / "a", small=True)
    generate_issue(2, src / "2023-01" / "b", small=True)
    write_raw_issue(15, src / "2023-02" / "raw.txt")
    toml = generate_issue(3, src / BROKEN, small=True) / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("serial = 7481", 'serial = "7481a"'),
                    encoding="utf-8")
    out = root / "out"
    out.mkdir()
    stale = out / ".温岭日报-2023-01-20.pdf.4kq2x9.part"     # as a build killed earlier leaves it
    stale.write_bytes(b"%PDF-1.7 half a file")
    first = batch_cli(src, "-o", out, "--workers", "2")
    return SimpleNamespace(root=root, src=src, out=out, first=first, stale=stale)


def test_three_built_and_the_broken_one_reported_in_one_line(archive):
    assert archive.first.code == 1
    failures = [line for line in archive.first.err.splitlines() if "failed" in line and "c-broken" in line]
    assert len(failures) == 1
    assert f"{archive.src / BROKEN}/issue.toml:" in failures[0]
    assert 'masthead.serial: expected an integer, found "7481a"' in failures[0]
    assert "Traceback" not in archive.first.err
    report = batch_report(archive.out)
    assert report["batch"]["workers"] == 2 and report["batch"]["scheduler"] == "local"
    by_source = {i["source"]: i for i in report["issues"]}
    assert {s: i["status"] for s, i in by_source.items()} == {
        **{str(archive.src / path): "built" for path in BUILT.values()}, str(archive.src / BROKEN): "failed"}
    assert by_source[str(archive.src / BROKEN)]["error"] in failures[0]
    assert all(by_source[str(archive.src / path)]["slug"] == slug for slug, path in BUILT.items())
    totals = report["totals"]
    assert (totals["built"], totals["failed"], totals["skipped"], totals["pages_built"]) == (3, 1, 0, 3)
    csv_text = (archive.out / "batch-report.csv").read_text(encoding="utf-8-sig")
    assert csv_text.count("\n") == 5 and "c-broken" in csv_text


def test_outputs_are_those_of_publish_build_and_whole(archive, tmp_path):
    names = sorted(p.name for p in archive.out.iterdir() if not p.name.startswith("."))
    assert names == sorted([f"{slug}{ext}" for slug in BUILT for ext in EXTENSIONS]
                           + ["batch-report.csv", "batch-report.json", "index.html"])
    assert hidden(archive.out) == []            # the stale .part of an earlier kill is gone too
    assert_complete(archive.out)
    context = build(archive.src / BUILT["温岭日报-2023-01-21"], tmp_path, BuildOptions(formats=("pdf", "epub")))
    for kind in ("pdf", "epub"):
        assert context.outputs[kind].read_bytes() == (archive.out / context.outputs[kind].name).read_bytes()


def test_the_archive_index_links_each_issue_by_year_and_month(archive):
    page = lxml.html.fromstring((archive.out / "index.html").read_bytes())
    assert page.xpath("//h2/text()") == ["2023年"]
    assert page.xpath("//h3/text()") == ["1月", "2月"]
    items = page.xpath("//li")
    assert [" ".join(li.xpath("string(span[@class='date'])").split()) for li in items] == \
        ["1月20日 星期五", "1月21日 星期六", "2月3日 星期五"]
    for li in items:
        hrefs = li.xpath(".//a/@href")
        assert [a.text for a in li.xpath(".//a")] == ["PDF", "EPUB", "数字版"]
        assert all((archive.out / unquote(href)).is_file() for href in hrefs)


def test_a_scheduler_and_two_workers_started_apart_give_the_same_bytes(archive, tmp_path):
    """`dask scheduler` and two `dask worker` processes, started in another folder,
    as the README shows; the batch through them writes the bytes of the local run."""
    dask = Path(sys.executable).parent / "dask"
    where = tmp_path / "cluster"
    where.mkdir()
    scheduler_file = where / "scheduler.json"
    log = (where / "cluster.log").open("w")
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                 "--scheduler-file", scheduler_file], cwd=where, stdout=log, stderr=log)]
    try:
        deadline = time.monotonic() + 120
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        for name in ("w1", "w2"):
            started.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard",
                                             "--name", name], cwd=where, stdout=log, stderr=log))
        from distributed import Client
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        out = tmp_path / "out"
        sources = [archive.src / path for path in BUILT.values()]
        result = batch_cli(*sources, "-o", out, "--scheduler", address)
        assert result.code == 0, result.err
    finally:
        for process in reversed(started):
            process.terminate()
        for process in reversed(started):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
    assert batch_report(out)["batch"] == {"formats": ["pdf", "epub", "html"], "force": False,
                                          "scheduler": address, "workers": 2}
    for slug in BUILT:
        for ext in (".pdf", ".epub"):
            assert (out / f"{slug}{ext}").read_bytes() == (archive.out / f"{slug}{ext}").read_bytes()


def test_a_second_run_skips_all_and_force_rebuilds_all_to_the_same_bytes(archive):
    """(A changed source, font or layout making one issue stale: test_batch_parts.)"""
    out = archive.out
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.suffix in (".pdf", ".epub")}
    second = batch_cli(archive.src, "-o", out, "--workers", "2")
    assert second.code == 1                                     # the broken issue is still broken
    assert statuses(out) == {"a": "skipped", "b": "skipped", "raw.txt": "skipped", "c-broken": "failed"}
    assert {p: before[p][0] for p in before} == {p: (out / p).stat().st_mtime_ns for p in before}
    forced = batch_cli(archive.src, "-o", out, "--workers", "2", "--force")
    assert statuses(out) == {"a": "built", "b": "built", "raw.txt": "built", "c-broken": "failed"}, forced.err
    for name, (mtime, data) in before.items():
        assert (out / name).stat().st_mtime_ns > mtime and (out / name).read_bytes() == data


def _start_batch(src: Path, out: Path) -> subprocess.Popen:
    """The batch in a process group of its own, as a shell runs a foreground job:
    a signal to the group reaches the batch and its workers, as Ctrl-C does."""
    return subprocess.Popen([sys.executable, "-m", "publish", "batch", src, "-o", out, "--workers", "2",
                             "--quiet"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def _wait_for_reports(out: Path, more_than: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while len(list(out.glob("*.report.json"))) <= more_than:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_a_stopped_batch_loses_nothing_and_a_rerun_finishes_with_no_partial_file(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    slugs = [f"温岭日报-2023-02-{day:02d}" for day in range(6, 12)]
    for seed in range(18, 24):
        generate_issue(seed, src / f"issue-{seed}", small=True)
    # Ctrl-C once the first issue is done: the batch stops, its workers with it.
    first = _start_batch(src, out)
    _wait_for_reports(out, 0, first)
    os.killpg(first.pid, signal.SIGINT)
    assert first.wait(timeout=180) == 1
    error = first.stderr.read().decode()
    assert "stopped:" in error and "Traceback" not in error, error
    assert hidden(out) == []
    assert_complete(out)
    assert "interrupted" in statuses(out).values()          # it did stop mid-way
    # kill -9 of the batch and its workers once one more issue is done: nothing can
    # clean up after that, but every finished output is whole.
    done = len(list(out.glob("*.report.json")))
    second = _start_batch(src, out)
    _wait_for_reports(out, done, second)
    os.killpg(second.pid, signal.SIGKILL)
    second.wait(timeout=60)
    assert_complete(out)
    finished = {p.name.removesuffix(".report.json") for p in out.glob("*.report.json")}
    # Run again: everything built, nothing half-written left, finished issues not redone.
    third = batch_cli(src, "-o", out, "--workers", "2")
    assert third.code == 0, third.err
    assert hidden(out) == []
    assert_complete(out)
    assert sorted(p.name for p in out.glob("温岭日报-*")) == sorted(f"{s}{e}" for s in slugs for e in EXTENSIONS)
    report = batch_report(out)["issues"]
    assert {i["slug"] for i in report if i["status"] == "skipped"} == finished


def test_a_dead_worker_is_retried_once_and_an_issue_killing_two_fails(tmp_path):
    """Workers killed (SIGKILL, as the kernel's OOM killer does) when they start one
    issue: once for `flaky`, which the retry builds; every time for `poison`, which
    fails after its second dead worker. Also: a raw file of the same day as an
    issue folder is not built twice."""
    src, out = tmp_path / "src", tmp_path / "out"
    generate_issue(40, src / "flaky", small=True)
    generate_issue(41, src / "poison", small=True)
    generate_issue(42, src / "good", small=True)
    write_raw_issue(42, src / "same-day.txt")
    killed_once = tmp_path / "killed-once"
    said = []
    with dask_client(None, 2) as client:
        client.register_plugin(KillOnBuild("温岭日报-2023-02-28", once=killed_once), name="kill-flaky")
        client.register_plugin(KillOnBuild("温岭日报-2023-03-01"), name="kill-poison")
        ok = run_batch([src], out, BatchOptions(quiet=True), progress=said.append, client=client)
    assert not ok
    assert killed_once.exists()
    assert statuses(out) == {"flaky": "built", "poison": "failed", "good": "built", "same-day.txt": "duplicate"}
    issues = {Path(i["source"]).name: i for i in batch_report(out)["issues"]}
    assert issues["poison"]["error"] == "its build killed the worker running it, twice (out of memory, or a crash)"
    assert issues["same-day.txt"]["error"] == f"same paper and date as {src / 'good'}, which is built instead"
    assert any("failed" in line and "poison" in line for line in said)
    assert hidden(out) == []
    assert_complete(out)
