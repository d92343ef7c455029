"""`publish dump --json`: the schema other tools rely on, exactly."""
import json

from support import EXAMPLE, run_cli

MASTHEAD = {"paper": str, "organ": str, "publisher": str, "date": str, "weekday": str, "lunar": str,
            "cn": str, "serial": int, "page_count": int}
ARTICLE_KEYS = ["id", "column", "kicker", "title", "subtitle", "byline", "paragraphs", "paragraph_kinds", "verse",
                "teaser", "images"]


def check_schema(data: dict) -> None:
    assert list(data) == ["masthead", "pages"]
    assert list(data["masthead"]) == list(MASTHEAD)
    for key, kind in MASTHEAD.items():
        assert isinstance(data["masthead"][key], kind), key
    for page in data["pages"]:
        assert list(page) == ["number", "name", "articles"]
        assert isinstance(page["number"], int) and (page["name"] is None or isinstance(page["name"], str))
        for article in page["articles"]:
            assert list(article) == ARTICLE_KEYS
            assert isinstance(article["id"], str) and isinstance(article["title"], str) and article["title"]
            for key in ("column", "kicker", "subtitle", "byline"):
                assert article[key] is None or isinstance(article[key], str)
            assert all(isinstance(p, str) and p for p in article["paragraphs"])
            assert article["teaser"] is None or (list(article["teaser"]) == ["page"]
                                                 and isinstance(article["teaser"]["page"], int))
            for image in article["images"]:
                assert list(image) == ["path", "caption"]
                assert isinstance(image["path"], str)


def test_dump_of_the_example_has_the_schema_and_the_issue():
    result = run_cli("dump", EXAMPLE, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    check_schema(data)
    m = data["masthead"]
    assert (m["paper"], m["date"], m["serial"], m["page_count"]) == ("温岭日报", "2023-01-19", 7478, 4)
    assert [p["number"] for p in data["pages"]] == [1, 2, 3, 4]
    assert len(data["pages"][0]["articles"]) >= 8
    teaser = [a for a in data["pages"][0]["articles"] if a["teaser"]]
    assert [(a["title"], a["teaser"]) for a in teaser] == [("这一年，实心实意", {"page": 2})]


def test_every_page_has_at_least_three_articles():
    data = json.loads(run_cli("dump", EXAMPLE, "--json").out)
    assert all(len(p["articles"]) >= 3 for p in data["pages"][1:]), [len(p["articles"]) for p in data["pages"]]


def test_dump_without_json_is_an_outline():
    result = run_cli("dump", EXAMPLE)
    assert result.code == 0
    assert result.out.splitlines()[0] == "温岭日报 2023-01-19 星期四 总第7478期 今日4版"
    assert "第1版 要闻" in result.out
