import dataclasses
import datetime as dt

import pytest

from publish.model import Article, Issue, Masthead, Page, weekday_of


def test_model_is_frozen():
    article = Article(id="a1", title="标题")
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "改"  # type: ignore[misc]


def test_source_location_is_not_part_of_identity():
    assert Article(id="a1", title="标题", source="x.md") == Article(id="a1", title="标题", source="y.md")
    assert Article(id="a1", title="标题") != Article(id="a1", title="标题", byline="本报讯")


def test_issue_reading_order_and_slug():
    masthead = Masthead(paper="温岭日报", date=dt.date(2023, 1, 19))
    first, second, third = (Article(id=f"a{i}", title=str(i)) for i in range(3))
    issue = Issue(masthead, (Page(1, articles=(first, second)), Page(2, articles=(third,))))
    assert issue.articles() == [first, second, third]
    assert issue.page(2).articles == (third,)
    assert issue.page(5) is None
    assert issue.slug == "温岭日报-2023-01-19"
    assert masthead.date_cn == "2023年1月19日"


def test_weekday_of():
    assert weekday_of(dt.date(2023, 1, 19)) == "星期四"
    assert weekday_of(dt.date(2023, 1, 22)) == "星期日"


def test_teaser_flag():
    assert Article(id="t", title="这一年，实心实意", teaser=2).is_teaser
    assert not Article(id="a", title="x").is_teaser
