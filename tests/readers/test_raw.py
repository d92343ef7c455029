"""The raw-text importer end to end: the seed against the hand-made example,
the import report, bad input, big input, and the `publish import` command."""
from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from publish.errors import RawTextError
from publish.readers import load_issue
from publish.readers import raw as raw_reader
from publish.importing import write_import
from publish.readers.raw import REPORT_FILE, import_bytes, import_raw, import_text, time_import
from publish.readers.source import read_source

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT / "examples" / "raw" / "wenling-2023-01-19.txt"
EXAMPLE = PROJECT / "examples" / "wenling-2023-01-19"
MASTHEAD = "# 温岭日报\n2023.1.19 星期四\n\n"


@pytest.fixture(scope="module")
def seed():
    return import_raw(SEED)


@pytest.fixture(scope="module")
def example():
    return read_source(EXAMPLE).issue


# -- the seed against page 1 of the example ------------------------------------------------

def test_seed_gives_page_one_of_the_example(seed, example):
    assert seed.issue.pages[0].articles == example.pages[0].articles


def test_seed_masthead_and_pages(seed, example):
    issue = seed.issue
    assert issue.masthead == example.masthead
    assert [p.number for p in issue.pages] == [1, 2, 3, 4]
    assert all(p.name is None for p in issue.pages)
    assert all(not p.articles for p in issue.pages[1:])
    assert [a.id for a in issue.pages[0].articles] == [f"p1-0{n}" for n in range(1, 9)]


def test_seed_report_accounts_for_all_177_lines(seed):
    text = SEED.read_text(encoding="utf-8").split("\n")
    report = seed.report["pages"][0]
    assert report["line_count"] == seed.report["line_count"] == len(text) == 177
    assert [entry["line"] for entry in report["lines"]] == list(range(1, 178))
    for entry, line in zip(report["lines"], text):
        assert (entry["fate"] == "blank") == (not line.strip()), entry
        assert entry["fate"] != "unaccounted", entry
    assert sum(report["totals"].values()) == 177
    json.dumps(report)   # serialisable


@pytest.mark.parametrize("line, fate", [
    (3, {"fate": "masthead", "fields": ["paper"]}),
    (9, {"fate": "masthead", "fields": ["cn", "page_count", "serial"]}),
    (21, {"fate": "merged", "article": "p1-01", "paragraph": 3, "into": 19}),
    (63, {"fate": "merged", "article": "p1-02", "paragraph": 3, "into": 37}),
    (67, {"fate": "fragment", "of": 127}),
    (69, {"fate": "duplicate", "of": 133}),
    (73, {"fate": "duplicate", "of": 137}),
    (83, {"fate": "fragment", "of": 153}),
    (89, {"fate": "teaser", "page": 2, "article": "p1-05"}),
    (101, {"fate": "column", "name": "人大政协回顾", "articles": ["p1-07", "p1-08"]}),
    (127, {"fate": "kept", "article": "p1-03", "paragraph": 1, "byline": "本报讯（记者叶琳）"}),
    (145, {"fate": "header", "repeat_of": 81, "article": "p1-04"}),
    (147, {"fate": "fragment", "of": 153}),
    (159, {"fate": "duplicate", "of": 151}),
    (177, {"fate": "fragment", "of": 153}),
])
def test_seed_report_names_what_became_of_each_line(seed, line, fate):
    entry = seed.report["pages"][0]["lines"][line - 1]
    assert {key: entry.get(key) for key in ("line", *fate)} == {"line": line, **fate}


def test_seed_report_shows_the_dropped_text(seed):
    lines = seed.report["pages"][0]["lines"]
    assert lines[66]["text"] == "上精准对接、交流洽谈。"                       # line 67
    assert lines[72]["part_of"] == 71 and lines[70]["text"].endswith("助推企业匹配更多商机。")
    assert lines[176]["text"] == "本次活动由台州市总工会、台州市教育局主办，温岭市总工"


def test_seed_report_lists_every_rule_with_its_changes(seed):
    rules = {r["rule"]: r for r in seed.report["pages"][0]["rules"]}
    assert list(rules) == ["normalise", "blocks", "shapes", "masthead", "sections", "headlines", "bylines",
                           "kinds", "rejoin", "reassemble", "columns", "duplicates", "seams", "recheck",
                           "breaks", "teasers", "finish"]
    moved = [c for c in rules["reassemble"]["changes"] if c["action"] == "re-attached"]
    assert moved == [{"action": "re-attached", "lines": list(range(127, 144, 2)), "of": 65,
                      "detail": "shares 4 paragraph(s) with it", "article": "p1-03"}]


def test_seed_summary_is_short_and_says_what_happened(seed):
    summary = seed.summary
    assert 5 <= len(summary) <= 20
    assert all(len(line) < 200 for line in summary)
    text = "\n".join(summary)
    assert "accounted for all 177 lines" in text
    assert "lines 127-143 moved to p1-03" in text
    assert "67, 83, 147, 177" in text


def test_written_issue_reads_back_equal(seed, tmp_path):
    write_import(seed, tmp_path / "issue")
    assert read_source(tmp_path / "issue").issue == seed.issue
    report = json.loads((tmp_path / "issue" / REPORT_FILE).read_text(encoding="utf-8"))
    assert report == json.loads(json.dumps(seed.report))


def test_written_articles_are_the_example_files(seed, tmp_path):
    write_import(seed, tmp_path / "issue")
    for path in sorted((EXAMPLE / "articles").glob("p1-*.md")):
        assert (tmp_path / "issue" / "articles" / path.name).read_text(encoding="utf-8") == \
               path.read_text(encoding="utf-8")


def test_load_issue_imports_raw_text_on_the_fly(seed):
    loaded = load_issue(SEED)
    assert loaded.issue == seed.issue
    assert loaded.import_report["line_count"] == 177


def test_seed_imports_in_well_under_a_fifth_of_a_second():
    assert time_import(SEED, repeat=5) < 0.2


# -- bad input ------------------------------------------------------------------------------

def _error(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "raw.txt"
    path.write_bytes(data)
    with pytest.raises(RawTextError) as caught:
        import_raw(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:")
    return message[len(str(path)):]


@pytest.mark.parametrize("data, expected", [
    (b"", ":1: expected raw newspaper text, found an empty file"),
    (b"  \n\n\t\n", ":1: expected raw newspaper text, found only blank lines"),
    (b"# \xe6\xb8\xa9\n\x00\x01\x02binary", ":2: expected text, found binary data (a NUL byte at offset 6)"),
    (b"# paper\n2023.1.19\n## a\n\xff\xfe\xfd text", ":4: expected UTF-8 text, found byte 0xff at offset 23"),
    ("## 标题\n\n正文。\n".encode(), ":1: expected the paper's name (a '# 名称' line, or the name alone at "
                                   "the top of the page) before the first headline, found none"),
    ("# 温岭日报\n\n## 标题\n\n正文。\n".encode(), ":1: expected the issue date in the masthead "
                                              "(like 2023.1.19 or 2023年1月19日), found none"),
    (f"{MASTHEAD}## 标题一\n\n## 标题二\n".encode(), ":4: expected articles ('## headline' lines followed "
                                                 "by paragraphs), found 2 headline(s) with no text under them"),
    (f"{MASTHEAD}正文没有标题。\n".encode(), ":4: expected articles ('## headline' lines followed by "
                                          "paragraphs), found no headline ('## ' line, or a line shaped like one)"),
    (f"{MASTHEAD}## 标题\n\n正文。\n\n# 别的日报\n".encode(), ":8: expected one issue per file, found a second "
                                                      "paper \"别的日报\" (the first is \"温岭日报\")"),
    (f"{MASTHEAD}## 标题\n\n正文。\n\n# 温岭日报\n2023.1.20\n".encode(),
     ":9: expected one issue per file, found a second masthead dated 2023-01-20 (the first is 2023-01-19)"),
])
def test_bad_input_is_one_clear_line(tmp_path, data, expected):
    assert _error(tmp_path, data) == expected


def test_random_binary_is_refused(tmp_path):
    rng = random.Random(3)
    data = bytes(rng.randrange(1, 256) for _ in range(5000))
    assert "expected UTF-8 text, found byte" in _error(tmp_path, data)


def test_missing_file(tmp_path):
    with pytest.raises(RawTextError, match="cannot read"):
        import_raw(tmp_path / "missing.txt")


def test_a_file_beyond_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(raw_reader, "MAX_BYTES", 1000)
    assert "found 2,000 bytes (more than 0 MB)" in _error(tmp_path, b"x" * 2000)


def test_other_encodings_and_line_ends():
    text = "# 温岭日报\r\n2023年1月19日\r\n## 标题\r\n正文。\r\n"
    for data, encoding in ((b"\xef\xbb\xbf" + text.encode(), "utf-8"),
                           (text.encode("utf-16"), "utf-16"),
                           (text.encode("gb18030"), "gb18030")):
        result = import_bytes(data, "raw.txt")
        assert result.issue.articles()[0].texts() == ("正文。",)
        assert result.report["pages"][0]["encoding"] == encoding
        assert result.report["line_count"] == 4


def test_headline_only_teasers_make_a_sensible_issue():
    result = import_text(f"{MASTHEAD}## 盘点2022温岭教育 这一年，实心实意\n详见第3版\n")
    article = result.issue.articles()[0]
    assert (article.teaser, article.texts(), result.issue.masthead.page_count) == (3, (), 3)


def test_text_with_no_masthead_fields_but_paper_and_date_gets_defaults():
    result = import_text(f"{MASTHEAD}## 标题\n正文。\n")
    m = result.issue.masthead
    assert (m.paper, m.organ, m.cn, m.serial, m.page_count, m.weekday) == ("温岭日报", "", "", 0, 1, "星期四")


# -- big input: seconds, not minutes ---------------------------------------------------------

def _timed(text: str) -> tuple[float, object]:
    start = time.process_time()
    result = import_text(text, "big.txt")
    return time.process_time() - start, result


def test_ten_megabytes_of_repeats_import_in_seconds():
    seed = SEED.read_text(encoding="utf-8") + "\n"
    text = seed * (10 * 2**20 // len(seed.encode()) + 1)
    seconds, result = _timed(text)
    assert [a.title for a in result.issue.articles()] == \
           [a.title for a in import_raw(SEED).issue.articles()]
    assert seconds < 15


def test_ten_megabytes_of_random_articles_import_in_seconds():
    rng = random.Random(1)
    hanzi = [chr(c) for c in range(0x4e00, 0x4e00 + 3000)] + list("，。、；：？！“”（）")
    lines, size = [MASTHEAD], 0
    while size < 10 * 2**20:
        roll = rng.random()
        if roll < 0.05:
            line = "## " + "".join(rng.choices(hanzi, k=rng.randint(4, 20))) + " " + \
                   "".join(rng.choices(hanzi, k=rng.randint(2, 12)))
        elif roll < 0.07:
            line = "本报讯（记者" + "".join(rng.choices(hanzi, k=3)) + "）" + "".join(rng.choices(hanzi, k=40))
        else:
            line = "".join(rng.choices(hanzi, k=rng.randint(1, 200)))
        lines.append(line + "\n\n")
        size += len(line.encode())
    seconds, result = _timed("".join(lines))
    assert result.report["totals"].get("unaccounted", 0) == 0
    assert seconds < 15


def test_one_ten_megabyte_line_imports_in_seconds():
    rng = random.Random(2)
    body = "".join(rng.choices([chr(c) for c in range(0x4e00, 0x4e00 + 3000)], k=3_500_000))
    seconds, result = _timed(f"{MASTHEAD}## 标题\n{body}")
    assert result.issue.articles()[0].texts() == (body,)
    assert seconds < 10


# -- the command line -----------------------------------------------------------------------

def _publish(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "publish", *args], capture_output=True, text=True,
                          cwd=PROJECT, timeout=120)


def test_cli_import_writes_the_folder_and_prints_the_summary(tmp_path, seed):
    done = _publish("import", str(SEED), "-o", str(tmp_path / "issue"))
    assert done.returncode == 0, done.stderr
    assert read_source(tmp_path / "issue").issue == seed.issue
    assert (tmp_path / "issue" / REPORT_FILE).is_file()
    lines = done.stderr.splitlines()
    assert lines[:-1] == [f"publish: {line}" for line in seed.summary]
    assert lines[-1] == f"publish: wrote {tmp_path / 'issue'}"


def test_cli_import_refuses_an_existing_folder_without_force(tmp_path):
    target = tmp_path / "issue"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    done = _publish("import", str(SEED), "-o", str(target))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == \
           f"publish: {target}: already exists and is not empty (use --force to replace it)"
    assert "Traceback" not in done.stderr
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    done = _publish("import", str(SEED), "-o", str(target), "--force")   # not an issue folder: kept
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == \
           f"publish: {target}: is not a folder this tool wrote (no issue.toml): refusing to replace it"
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    issue = tmp_path / "imported"
    assert _publish("import", str(SEED), "-o", str(issue)).returncode == 0
    (issue / "articles" / "stale.md").write_text("old", encoding="utf-8")
    done = _publish("import", str(SEED), "-o", str(issue), "--force")    # an issue folder: replaced whole
    assert done.returncode == 0, done.stderr
    assert not (issue / "articles" / "stale.md").exists() and (issue / "issue.toml").is_file()


def test_cli_import_never_writes_over_its_own_input(tmp_path):
    raw = tmp_path / "raw.txt"
    raw.write_bytes(SEED.read_bytes())
    done = _publish("import", str(raw), "-o", str(tmp_path), "--force")
    assert done.returncode == 1
    assert done.stderr.strip() == f"publish: {tmp_path}: holds the raw file {raw}: choose another folder for the issue"
    assert raw.read_bytes() == SEED.read_bytes()


def test_cli_import_of_bad_input_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    done = _publish("import", str(bad), "-o", str(tmp_path / "issue"))
    assert (done.returncode, done.stderr) == (1, f"publish: {bad}:1: expected text, found binary data "
                                                 f"(a NUL byte at offset 0)\n")
    assert not (tmp_path / "issue").exists()


def test_cli_dump_json_reads_raw_text(seed):
    done = _publish("dump", str(SEED), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["masthead"]["date"] == "2023-01-19"
    articles = data["pages"][0]["articles"]
    assert [a["id"] for a in articles] == [a.id for a in seed.issue.articles()]
    assert articles[4]["teaser"] == {"page": 2}
