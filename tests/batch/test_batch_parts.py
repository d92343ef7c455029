"""The parts of `publish batch` that need no cluster: which issues a batch finds,
when an issue is up to date, what a killed build leaves and what is cleaned,
the reports and the archive index (escaping included)."""
from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import lxml.html
import pytest

from batch.issues import generate_issue, write_raw_issue
from publish.batch import BatchOptions
from publish.batch import archive, tasks
from publish.batch.report import write_reports
from publish.batch.sources import find_issues
from publish.batch.tasks import IssueResult, Job
from publish.errors import PublishError, UnknownFormatError


@pytest.fixture(scope="module")
def small_issue(tmp_path_factory) -> Path:
    return generate_issue(4, tmp_path_factory.mktemp("small") / "issue", small=True)


def test_find_issues_searches_folders_but_not_inside_an_issue(tmp_path, small_issue):
    tree = tmp_path / "tree"
    shutil.copytree(small_issue, tree / "2023" / "01" / "b-issue")
    (tree / "2023" / "01" / "b-issue" / "notes.txt").write_text("not an issue of its own")
    write_raw_issue(5, tree / "2023" / "01" / "a-raw.txt")
    write_raw_issue(6, tree / ".hidden" / "x.txt")
    (tree / "2023" / "readme.md").write_text("neither")
    out = tree / "out"
    write_raw_issue(7, out / "left-by-someone.txt")
    found = find_issues([tree, tree / "2023" / "01" / "a-raw.txt"], out)
    assert found == [tree / "2023" / "01" / "a-raw.txt", tree / "2023" / "01" / "b-issue"]


def test_a_named_folder_without_issues_is_refused(tmp_path):
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    with pytest.raises(PublishError, match="holds no issue"):
        find_issues([tmp_path / "empty"])
    with pytest.raises(PublishError, match="no such file"):
        find_issues([tmp_path / "missing"])


def test_an_unknown_format_is_refused_before_any_cluster():
    with pytest.raises(UnknownFormatError):
        BatchOptions(formats="docx").format_names()
    assert BatchOptions(formats=("pdf",)).format_names() == ("pdf",)


def _job(source: Path, out: Path, **kw) -> Job:
    return Job(str(source), str(source.resolve()), str(out.resolve()), ("pdf", "epub"), **kw)


def _touch(path: Path, seconds_ahead: float) -> None:
    when = path.stat().st_mtime + seconds_ahead
    os.utime(path, (when, when))


def test_up_to_date_means_newer_than_sources_fonts_and_layouts(tmp_path, small_issue, monkeypatch):
    """identify() on real files: outputs newer than everything are skipped; a newer
    article, a newer layout file or --force make the issue pending again."""
    fonts, layouts = tmp_path / "fonts", tmp_path / "layouts"
    for folder in (fonts, layouts):
        folder.mkdir()
        (folder / "x").write_text("x")
    monkeypatch.setattr(tasks, "FONTS", fonts)
    monkeypatch.setattr(tasks, "LAYOUTS", layouts)
    issue = tmp_path / "issue"
    shutil.copytree(small_issue, issue)
    out = tmp_path / "out"
    first = tasks.identify(_job(issue, out))
    assert (first.status, first.slug, first.pages) == ("pending", "温岭日报-2023-01-23", 1)
    outputs = tasks.expected_outputs(out, first.slug, ("pdf", "epub"))
    out.mkdir()
    for path in outputs[:-1]:
        path.write_bytes(b"x")
    assert tasks.identify(_job(issue, out)).status == "pending"        # no build report: unfinished
    outputs[-1].write_text(json.dumps({"warnings": ["page 1: left short"]}))
    for path in outputs:
        _touch(path, 10)
    skipped = tasks.identify(_job(issue, out))
    assert (skipped.status, skipped.warnings) == ("skipped", ["page 1: left short"])
    assert tasks.identify(_job(issue, out, force=True)).status == "pending"
    _touch(next((issue / "articles").iterdir()), 20)
    assert tasks.identify(_job(issue, out)).status == "pending"
    for path in outputs:
        _touch(path, 20)
    assert tasks.identify(_job(issue, out)).status == "skipped"
    _touch(layouts / "x", 60)
    assert tasks.identify(_job(issue, out)).status == "pending"


def test_a_bad_issue_is_a_result_with_one_line_naming_the_source(tmp_path, small_issue):
    issue = tmp_path / "broken"
    shutil.copytree(small_issue, issue)
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("serial = 7482", 'serial = "x"')
                    .replace('paper = "温岭日报"', "paper = 3"), encoding="utf-8")
    job = Job("archive/broken", str(issue.resolve()), str(tmp_path / "out"), ("pdf",))
    for result in (tasks.identify(job), tasks.build_issue(job)):
        assert result.status == "failed"
        assert "\n" not in result.error and str(tmp_path) not in result.error
        assert result.error.startswith("archive/broken/issue.toml:")
        assert result.error.endswith("(and 1 more problem)")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.slow
def test_a_build_removes_what_a_killed_build_of_the_issue_left(tmp_path, small_issue):
    out = tmp_path / "out"
    out.mkdir()
    slug = "温岭日报-2023-01-23"
    stale = [out / f".{slug}.pdf.k2j3h4.part", out / f".{slug}.report.json.zz.part"]
    for path in stale:
        path.write_bytes(b"%PDF-1.7 half")
    (out / f".{slug}.epub.q1.old").mkdir()
    others = [out / ".温岭日报-2023-01-24.pdf.abc.part", out / "notes.part"]
    for path in others:
        path.write_bytes(b"not ours")
    result = tasks.build_issue(_job(small_issue, out))
    assert result.status == "built", result.error
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{slug}.pdf", f"{slug}.epub", f"{slug}.report.json", *(p.name for p in others)])
    assert result.pages == 1 and result.cpu_seconds > 0 and result.worker_peak_mb > 50


def test_reports_json_and_csv_hold_every_issue_and_the_totals(tmp_path):
    results = [
        IssueResult("a/1", "built", slug="报-2023-01-01", paper="报", date="2023-01-01", pages=4,
                    warnings=["page 2: left short"], seconds=9.5, cpu_seconds=8.0),
        IssueResult("a/2", "skipped", slug="报-2023-01-02", paper="报", date="2023-01-02", pages=4),
        IssueResult('a/"3",x', "failed", error='a/"3",x/issue.toml:2: masthead.date: bad'),
    ]
    json_path, csv_path = write_reports(tmp_path, results, {"scheduler": "local"}, seconds=30)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert {k: data["totals"][k] for k in ("issues", "built", "skipped", "failed", "pages_built", "warnings")} \
        == {"issues": 3, "built": 1, "skipped": 1, "failed": 1, "pages_built": 4, "warnings": 1}
    assert [i["status"] for i in data["issues"]] == ["built", "skipped", "failed"]
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["source"] for r in rows] == ["a/1", "a/2", 'a/"3",x']
    assert rows[0]["warnings"] == "1" and rows[0]["pages"] == "4" and rows[0]["seconds"] == "9.500"
    assert rows[2]["error"] == 'a/"3",x/issue.toml:2: masthead.date: bad'


def _fake_report(out: Path, slug: str, paper: str, date: str, serial, pages: int = 4) -> None:
    report = {"issue": {"paper": paper, "date": date, "serial": serial}, "pages": [{}] * pages}
    (out / f"{slug}.report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def test_archive_index_groups_by_paper_year_month_and_escapes(tmp_path):
    out = tmp_path
    hostile = '晚报<script>alert("x")</script>&'
    for slug, paper, date in [("温岭日报-2023-01-19", "温岭日报", "2023-01-19"),
                              ("温岭日报-2022-12-31", "温岭日报", "2022-12-31"),
                              ("温岭日报-2023-02-01", "温岭日报", "2023-02-01"),
                              ("h-2023-01-01", hostile, "2023-01-01")]:
        _fake_report(out, slug, paper, date, 7478)
        (out / f"{slug}.pdf").write_bytes(b"%PDF")
    (out / "温岭日报-2023-01-19.epub").write_bytes(b"PK")
    (out / "温岭日报-2023-01-19").mkdir()
    (out / "温岭日报-2023-01-19" / "index.html").write_text("<p>edition</p>")
    _fake_report(out, "温岭日报-2023-03-01", "温岭日报", "2023-03-01", 1)   # its outputs are gone
    (out / "other.report.json").write_text("{not json")
    page = lxml.html.fromstring(archive.write_index(out).read_bytes())
    assert not page.xpath("//script")
    assert hostile in page.xpath("//h2/text()")
    papers = page.xpath("//section")
    assert len(papers) == 2
    wenling = next(s for s in papers if "温岭日报" in s.xpath("string(h2)"))
    assert wenling.xpath("h2[starts-with(@id,'y')]/text()") == ["2022年", "2023年"]
    assert wenling.xpath("h3/text()") == ["12月", "1月", "2月"]
    issue = wenling.xpath(".//li[contains(., '1月19日')]")[0]
    assert "星期四" in issue.text_content() and "总第7478期" in issue.text_content()
    links = {a.text: a.get("href") for a in issue.xpath(".//a")}
    assert links == {"PDF": "%E6%B8%A9%E5%B2%AD%E6%97%A5%E6%8A%A5-2023-01-19.pdf",
                     "EPUB": "%E6%B8%A9%E5%B2%AD%E6%97%A5%E6%8A%A5-2023-01-19.epub",
                     "数字版": "%E6%B8%A9%E5%B2%AD%E6%97%A5%E6%8A%A5-2023-01-19/index.html"}
    assert "3月" not in wenling.xpath("h3/text()")


def test_an_unreachable_scheduler_is_one_line(tmp_path, small_issue, monkeypatch):
    from publish.batch import cluster, run_batch

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(PublishError, match=r"^--scheduler tcp://127.0.0.1:9: cannot reach a Dask scheduler there"):
        run_batch([small_issue], tmp_path / "out", BatchOptions(scheduler="tcp://127.0.0.1:9"))
