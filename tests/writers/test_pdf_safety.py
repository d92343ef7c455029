"""What the print writer reads and what it refuses: WeasyPrint may only fetch
the issue folder, layouts/ and fonts/; user text reaches the page as text."""
from __future__ import annotations

import datetime as dt
import re

import pdfplumber
import pikepdf
import pytest

from publish.model import Article, Issue, Masthead, Page
from publish.paths import FONTS, LAYOUTS
from publish.writers.fetcher import IssueFetcher, RefusedURL
from publish.writers.source import write_source
from support import run_cli


def test_the_fetcher_reads_only_the_issue_layouts_and_fonts(tmp_path):
    (tmp_path / "images").mkdir()
    picture = tmp_path / "images" / "a.jpg"
    picture.write_bytes(b"x")
    fetcher = IssueFetcher(tmp_path)
    assert fetcher.allows(picture.as_uri())
    assert fetcher.allows((LAYOUTS / "broadsheet" / "format.toml").as_uri())
    assert fetcher.allows((FONTS / "NotoSerifCJKsc-Regular.otf").as_uri())
    assert fetcher.allows("data:text/plain,hello")
    for url in ("file:///etc/passwd", (tmp_path / ".." / "secret").as_uri(), "http://example.com/a.png",
                "https://example.com/", "ftp://example.com/x", "file://otherhost/etc/passwd"):
        assert not fetcher.allows(url), url
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


HOSTILE = '</div><link rel="attachment" href="file:///etc/passwd"><b>粗</b> & "引号" \'单\' <script>x</script>'


@pytest.mark.slow
def test_user_text_is_printed_as_text_and_nothing_is_attached(tmp_path):
    issue = Issue(Masthead(paper="测试报", date=dt.date(2023, 1, 19), weekday="星期四", page_count=1,
                           serial=1),
                  (Page(1, "要闻", (),
                        (Article(id="a1", title="标题" + HOSTILE, kicker="<h1>引题</h1>", byline="本报讯（记者&amp;）",
                                 paragraphs=("正文" + HOSTILE + "。" * 1, "第二段。" * 40), order=1),)),))
    write_source(issue, tmp_path / "issue")
    result = run_cli("build", tmp_path / "issue", "-o", tmp_path / "out", "--format", "pdf")
    assert result.code == 0, result.err
    (pdf,) = (tmp_path / "out").glob("*.pdf")
    with pdfplumber.open(pdf) as document:
        text = "".join(c["text"] for page in document.pages for c in page.chars)
    for literal in ('<link rel="attachment"', "<b>粗</b>", "&", "<script>x</script>", "<h1>引题</h1>",
                    "&amp;"):
        assert literal.replace(" ", "") in text, literal
    with pikepdf.open(pdf) as document:
        assert "/EmbeddedFiles" not in document.Root.get("/Names", {})
        assert not any("/FileAttachment" == str(a.get("/Subtype")) for page in document.pages
                       for a in page.obj.get("/Annots", []))


@pytest.mark.slow
def test_an_issue_that_cannot_fit_names_the_articles_left_over(tmp_path):
    long = tuple("这是一段很长的测试正文，用来把版面填满。" * 30 for _ in range(12))
    articles = tuple(Article(id=f"a{i}", title=f"第{i}篇稿件", paragraphs=long, order=i) for i in range(1, 9))
    issue = Issue(Masthead(paper="测试报", date=dt.date(2023, 1, 19), weekday="星期四", page_count=1),
                  (Page(1, "要闻", (), articles),))
    write_source(issue, tmp_path / "issue")
    result = run_cli("build", tmp_path / "issue", "-o", tmp_path / "out", "--format", "pdf")
    assert result.code == 1
    last = result.err.splitlines()[-1]
    # Named at issue.toml's page_count: the whole issue is over, not one article.
    assert re.match(r"\S+/issue\.toml:\d+: the issue does not fit in its 1 pages: "
                    r"page 1 is over by about ", last), last
    assert re.search(r"over by about \d+ lines \(cut about [\d,]+ characters\); no room for a", last), last
    assert "Traceback" not in result.err
    assert not list((tmp_path / "out").glob("*.pdf")), "no half-written output"
