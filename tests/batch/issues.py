"""Generated issues for the batch tests and `make bench-batch`: the example varied.

`generate_issue(seed, folder)` has the signature of the make-up corpus generator
(tests/corpus/); once that is on this branch the bench can take its issues from
there by changing one import. Until then each issue here is the example with its
own date and serial, a seeded choice of inside pages, a subset of the articles
in a shuffled order and paragraphs trimmed: different make-ups, text and fonts
subsets each time, the same kind of paper.

`small=True` gives a one-page issue of three short articles: a real build (PDF
and EPUB) that costs the test suite a second or two, not ten.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from publish.model import Article, Issue, Page, weekday_of
from publish.readers.source import read_source
from publish.writers.source import write_source

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "wenling-2023-01-19"
FIRST_DATE = dt.date(2023, 1, 19)
FIRST_SERIAL = 7478


@lru_cache(maxsize=1)
def example() -> Issue:
    return read_source(EXAMPLE).issue


def generate_issue(seed: int, folder: Path, small: bool = False) -> Path:
    """Write the issue of day `seed` (0 = the example's date) as an issue folder."""
    rng = random.Random(seed)
    base = example()
    date = FIRST_DATE + dt.timedelta(days=seed)
    pages = _small_pages(base) if small else _pages(base, rng)
    masthead = replace(base.masthead, date=date, weekday=weekday_of(date), lunar="",
                       serial=FIRST_SERIAL + seed, page_count=len(pages))
    write_source(Issue(masthead, tuple(pages), base.imprint), Path(folder), images_from=EXAMPLE)
    return Path(folder)


def _pages(base: Issue, rng: random.Random) -> list[Page]:
    """Page 1 and a seeded choice of the inside pages, renumbered; on each page the
    lead and a subset of the rest in a shuffled order, paragraphs trimmed."""
    inside = [p for p in base.pages if p.number != 1]
    keep = sorted(rng.sample(inside, rng.choice([len(inside), len(inside), len(inside) - 1])),
                  key=lambda p: p.number)
    old_pages = [base.pages[0], *keep]
    renumber = {page.number: new for new, page in enumerate(old_pages, 1)}
    pages = []
    for page in old_pages:
        number = renumber[page.number]
        lead, *rest = sorted(page.articles, key=lambda a: a.order)
        rest = [a for a in rest if rng.random() < 0.8 or (a.teaser and a.teaser in renumber)]
        rng.shuffle(rest)
        articles = []
        for order, article in enumerate([lead, *rest], 1):
            if article.teaser is not None:
                if article.teaser not in renumber:
                    continue
                article = replace(article, teaser=renumber[article.teaser])
            articles.append(replace(_trimmed(article, rng), id=f"p{number}-{order:02d}", order=order))
        pages.append(replace(page, number=number, articles=tuple(articles)))
    return pages


def _trimmed(article: Article, rng: random.Random) -> Article:
    if len(article.paragraphs) < 3:
        return article
    keep = max(2, round(len(article.paragraphs) * rng.uniform(0.6, 1.0)))
    return replace(article, paragraphs=article.paragraphs[:keep])


def _small_pages(base: Issue) -> list[Page]:
    front = base.pages[0]
    articles = [a for a in sorted(front.articles, key=lambda a: a.order) if a.teaser is None][:3]
    articles = [replace(a, id=f"p1-{order:02d}", order=order, paragraphs=a.paragraphs[:2], placement=None)
                for order, a in enumerate(articles, 1)]
    return [replace(front, articles=tuple(articles))]


RAW_TEMPLATE = """# {paper}

中共温岭市委机关报
温岭市融媒体中心出版

{date.year}.{date.month}.{date.day} {weekday}
国内统一刊号 CN33-0106 总第{serial}期 今日1版

## 元宵灯会筹备就绪 东辉公园将亮起三千盏花灯

本报讯（记者林彬）记者昨日从市文化和广电旅游体育局获悉，今年元宵灯会筹备工作已全部就绪，东辉公园、锦屏公园两处主会场将亮起花灯三千余盏。

灯会期间，主办方将增设临时停车泊位和公交专线，并安排志愿者在入口处引导市民有序入园。

## 春运返程高峰到来 铁路部门加开列车

本报讯（通讯员郑一鸣）春节假期结束，春运返程客流持续走高。铁路部门根据客流变化，加开温岭站始发的临时旅客列车，方便旅客返岗返校。

车站提醒旅客提前规划行程，错峰出行，并留足进站安检时间。
"""


def write_raw_issue(seed: int, path: Path, paper: str = "温岭日报") -> Path:
    """A small raw text issue (one page, two stories) of day `seed`, as the
    importer reads text extracted from a printed paper."""
    date = FIRST_DATE + dt.timedelta(days=seed)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(RAW_TEMPLATE.format(paper=paper, date=date, weekday=weekday_of(date),
                                        serial=FIRST_SERIAL + seed), encoding="utf-8")
    return path
