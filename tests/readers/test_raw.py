"""The raw-text importer end to end: the seed against the hand-made example,
the import report, bad input, big input, and the `publish import` command."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from readers.big_text import one_long_line, random_articles
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


# -- big input: imported whole (how long it takes is `make bench`'s, not a test's) ---------

def test_ten_megabytes_of_repeats_import_whole():
    seed = SEED.read_text(encoding="utf-8") + "\n"
    text = seed * (10 * 2**20 // len(seed.encode()) + 1)
    result = import_text(text, "big.txt")
    assert [a.title for a in result.issue.articles()] == \
           [a.title for a in import_raw(SEED).issue.articles()]


def test_ten_megabytes_of_random_articles_import_whole():
    result = import_text(random_articles(10), "big.txt")
    assert result.report["totals"].get("unaccounted", 0) == 0


def test_one_ten_megabyte_line_imports_whole():
    text, body = one_long_line()
    result = import_text(text, "big.txt")
    assert result.issue.articles()[0].texts() == (body,)


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
    done = _publish("import", str(SEED), "-o", str(issue), "--force")    # a file added since: kept
    assert done.returncode == 1
    assert "articles/stale.md, which this tool did not write" in done.stderr.strip().splitlines()[-1]
    assert (issue / "articles" / "stale.md").read_text(encoding="utf-8") == "old"
    (issue / "articles" / "stale.md").unlink()
    done = _publish("import", str(SEED), "-o", str(issue), "--force")    # unchanged since: replaced whole
    assert done.returncode == 0, done.stderr
    assert (issue / "issue.toml").is_file()


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


# -- a day's pages in one import --------------------------------------------------------------
# Text written for these tests, in the shapes real pages have.

PAGE_ONE = """# 东海晨报

东海晨报社出版
2024年9月3日 星期二 农历甲辰年八月初一
国内统一连续出版物号 CN33-0999 总第1234期 今日4版

## 城北新区首座社区食堂开门迎客

本报讯（记者方洁）昨天上午，城北新区首座社区食堂开门迎客，老人凭卡就餐可享受八折优惠。

食堂由街道和餐饮企业合办，每天供应早中晚三餐。
"""

PAGE_TWO = """第2版 综合
责任编辑 王一鸣

## 老旧小区加装电梯提速

本报记者  毛  越  许文澜

今年以来，全市老旧小区已完成加装电梯八十部，另有五十部正在施工，年底前全部投入使用。

李明远摄

数据来源：市住建局
"""

PAGE_THREE = """A3 城事

## 一场暴雨后的城市排涝

记者 方 洁

晨报讯 8月30日晚，一场暴雨让老城区多条道路积水，十二座泵站彻夜运转。
"""


def _pages(tmp_path: Path, *texts: str) -> list[Path]:
    paths = []
    for number, text in enumerate(texts, 1):
        path = tmp_path / f"page{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_days_pages_make_one_issue(tmp_path):
    result = import_raw(_pages(tmp_path, PAGE_ONE, PAGE_TWO, PAGE_THREE))
    issue = result.issue
    assert issue.masthead.paper == "东海晨报" and issue.masthead.page_count == 4
    assert [(p.number, p.name, [a.id for a in p.articles]) for p in issue.pages] == [
        (1, None, ["p1-01"]), (2, "综合", ["p2-01"]), (3, "城事", ["p3-01"]), (4, None, [])]
    assert issue.page(2).editors == ("责任编辑 王一鸣",)
    two, three = issue.page(2).articles[0], issue.page(3).articles[0]
    assert two.byline == "本报记者 毛越 许文澜"
    assert [(p.kind, p.text) for p in two.paragraphs] == [
        ("text", "今年以来，全市老旧小区已完成加装电梯八十部，另有五十部正在施工，年底前全部投入使用。"),
        ("credit", "李明远摄"), ("note", "数据来源：市住建局")]
    assert three.byline == "记者 方洁 晨报讯"
    assert three.texts() == ("8月30日晚，一场暴雨让老城区多条道路积水，十二座泵站彻夜运转。",)
    pages = result.report["pages"]
    assert [(p["number"], p["named_by"]) for p in pages] == [(1, "file order"), (2, "running head"),
                                                            (3, "running head")]
    assert result.report["line_count"] == sum(p["line_count"] for p in pages)
    assert all(entry["fate"] != "unaccounted" for p in pages for entry in p["lines"])
    assert "3 pages, 3 articles: accounted for all" in "\n".join(result.summary)


@pytest.mark.parametrize("head, number, name", [("2版 综合", 2, "综合"), ("A2", 2, None), ("第二版 综合", 2, "综合")])
def test_a_running_head_in_its_short_forms_numbers_the_page(tmp_path, head, number, name):
    """`2版`, `A2` and 第二版 name the page as `第2版` does, wherever the file comes."""
    two = PAGE_TWO.replace("第2版 综合", head)
    issue = import_raw(_pages(tmp_path, PAGE_ONE, PAGE_THREE.replace("A3 城事", "A4"), two)).issue
    page = issue.page(number)
    assert page is not None and [a.title for a in page.articles] == ["老旧小区加装电梯提速"]
    assert page.name == name


def test_a_folder_of_pages_in_natural_order(tmp_path):
    folder = tmp_path / "day"
    folder.mkdir()
    for name, text in (("page1.txt", PAGE_ONE), ("page10.txt", PAGE_THREE.replace("A3 城事", "")),
                       ("page2.txt", PAGE_TWO.replace("第2版 综合\n", ""))):
        (folder / name).write_text(text, encoding="utf-8")
    issue = import_raw([folder]).issue
    assert [(p.number, [a.title for a in p.articles]) for p in issue.pages if p.articles] == [
        (1, ["城北新区首座社区食堂开门迎客"]), (2, ["老旧小区加装电梯提速"]), (3, ["一场暴雨后的城市排涝"])]


def test_page_options_give_numbers_and_names_in_file_order(tmp_path):
    paths = _pages(tmp_path, PAGE_ONE, PAGE_TWO.replace("第2版 综合\n", ""), PAGE_THREE)
    result = import_raw(paths, [(1, "要闻"), (2, "民生")])
    assert [(p.number, p.name) for p in result.issue.pages[:3]] == [(1, "要闻"), (2, "民生"), (3, "城事")]
    assert [p["named_by"] for p in result.report["pages"]] == ["--page", "--page", "running head"]


@pytest.mark.parametrize("texts, pages, expected", [
    ((PAGE_ONE, PAGE_TWO), [(1, None), (2, None), (3, None)],
     "--page given 3 times for 2 page file(s): expected one per file at most, in the files' order"),
    ((PAGE_ONE, PAGE_TWO, PAGE_TWO), None, "page3.txt: page 2 again"),
    ((PAGE_ONE, PAGE_TWO.replace("第2版 综合", "东海晨报 2024年9月4日 第2版")), None,
     "page2.txt:1: expected one day's pages, found the date 2024-09-04 (the first page's is 2024-09-03)"),
])
def test_pages_that_do_not_fit_together_are_one_clear_line(tmp_path, texts, pages, expected):
    with pytest.raises(RawTextError) as caught:
        import_raw(_pages(tmp_path, *texts), pages)
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_cli_imports_a_day_with_page_names(tmp_path):
    paths = _pages(tmp_path, PAGE_ONE, PAGE_TWO)
    done = _publish("import", *map(str, paths), "-o", str(tmp_path / "issue"), "--page", "1:要闻")
    assert done.returncode == 0, done.stderr
    issue = read_source(tmp_path / "issue").issue
    assert [(p.number, p.name, len(p.articles)) for p in issue.pages] == [
        (1, "要闻", 1), (2, "综合", 1), (3, None, 0), (4, None, 0)]
    done = _publish("import", *map(str, paths), "-o", str(tmp_path / "other"), "--page", "0:x")
    assert (done.returncode, done.stderr.strip()) == (1, "publish: --page 0:x: expected N:NAME with N a page "
                                                         "number from 1 to 64")


# -- text without marks ------------------------------------------------------------------------

def test_the_seed_without_marks_gives_the_same_eight_articles(tmp_path, seed, example):
    unmarked = "\n".join(line.lstrip("#").lstrip() if line.startswith("#") else line
                         for line in SEED.read_text(encoding="utf-8").split("\n"))
    assert "#" not in unmarked
    result = import_text(unmarked, "unmarked.txt")
    assert result.issue.pages[0].articles == example.pages[0].articles
    assert result.issue.masthead == example.masthead
    guesses = [(g["line"], g["guess"]) for g in result.report["guesses"]]
    assert guesses == [(3, "paper"), (13, "headline"), (27, "headline"), (65, "headline"), (81, "headline"),
                       (87, "headline"), (91, "headline"), (101, "column banner"), (103, "headline"),
                       (115, "headline"), (145, "headline")]
    assert "guessed by shape: 1 column banner, 9 headline, 1 paper" in "\n".join(result.summary)


# -- what the import writes reads back ---------------------------------------------------------

def test_every_kind_and_a_private_use_character_read_back_from_the_folder(tmp_path):
    text = ("# 东海晨报\n2024.9.3\n\n"
            "## 海边的灯\n\n文/林小满\n\n渔港的灯\n一盏一盏亮起来\n归港的船挨着船\n像收拢了翅膀的鸟\n\n"
            "## 城北新区首座社区食堂开门迎客\n\n核心阅读\n\n本报讯（记者方洁）昨天上午，社区食堂开门迎客。\n\n"
            "深挖作风顽疾\n\n第一部分的正文，比小标题长得多，写清楚做了什么事情。\n\n织密监督网络\n\n"
            "第二部分的正文，记者林\ue0a1同样写得比小标题长，说明效果怎样。\n\n"
            "9月2日，志愿者在社区食堂为老人打饭。 本报记者 王一凡 摄\n\n数据来源：市统计局\n\n（作者为某大学教授）\n")
    result = import_text(text, "kinds.txt")
    write_import(result, tmp_path / "issue")
    assert read_source(tmp_path / "issue").issue == result.issue
    poem, story = result.issue.articles()
    assert poem.byline == "文/林小满"
    assert [p.kind for p in poem.paragraphs] == ["verse"]
    assert [p.kind for p in story.paragraphs] == ["label", "text", "intertitle", "text", "intertitle", "text",
                                                  "caption", "credit", "note", "author"]
    assert "记者林〓同样" in story.texts()[5]
    assert any("U+E0A1" in w and "kinds.txt:" in w for w in result.report["warnings"])


def test_warnings_name_their_lines():
    text = ("# 东海晨报\n2024.9.3\n\n## 城北新区首座社区食堂开门迎客\n\n第一段写完了。\n\n"
            "郭兆瑞摄 秋收时节，田野里一片金黄。\n\n老人凭卡就餐可享受\n")
    warnings = import_text(text, "w.txt").report["warnings"]
    assert warnings == [
        "w.txt:8: a paragraph starts with a photo credit (郭兆瑞摄); set apart as its own line",
        "w.txt:10: the article under the headline at line 4 ends mid-sentence (…人凭卡就餐可享受); "
        "its rest was not found"]


def test_the_raw_reader_does_not_load_the_writers():
    done = subprocess.run([sys.executable, "-c", "import sys, publish.readers.raw; "
                           "print([m for m in sys.modules if m.startswith('publish.writers')])"],
                          capture_output=True, text=True, cwd=PROJECT, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
