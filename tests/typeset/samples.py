"""Seeded samples for the composer's tests: varied paragraphs made of the
example's sentences, and an issue holding every paragraph kind, a poem,
characters beyond the bundled fonts and pages of varied text."""
from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

from publish.model import Article, Paragraph
from publish.typeset.bench import body_paragraphs

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "wenling-2023-01-19"

# Characters beyond GB 2312 as real papers print them in names (issue 11): the first
# three are in the 通用规范汉字表 (bundled since), 𠮷 (Extension B) and 龘 are not.
NAME_CHARS = "旸喆堃𠮷"
BEYOND_BUNDLE = "𠮷龘"
SENTENCE = re.compile(r"[^。！？]+[。！？]+[”’」』）]*")


def sentences() -> list[str]:
    """Every sentence of the example's bodies (with its closing quote)."""
    return [s for p in body_paragraphs(EXAMPLE) for s in SENTENCE.findall(p)]


def varied_paragraphs(seed: int, count: int) -> list[str]:
    """Realistic paragraphs of any length: the example's sentences recombined, one
    to eight a paragraph, seeded."""
    pool = sentences()
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pool) for _ in range(rnd.choice((1, 1, 2, 2, 3, 4, 5, 6, 8))))
            for _ in range(count)]


def paragraph_of_length(rnd: random.Random, pool: list[str], length: int) -> str:
    """Whole sentences adding up to about `length` characters."""
    text = ""
    while len(text) < length - 15:
        text += rnd.choice(pool)
    return text or rnd.choice(pool)


KINDS_ARTICLE = ("{label}核心阅读", "{note}今年春运自1月7日开始，至2月15日结束，共40天。", "TEXT", "TEXT",
                 "{intertitle}重点旅客有人帮", "TEXT", "{caption}图为志愿者在温岭站帮助旅客搬运行李。",
                 "{credit}本报记者 吴思源 摄", "{intertitle}深挖彻查“四风”顽疾 推动作风建设常态化长效化",
                 "TEXT", "TEXT", "{note}数据来源：温岭站、市客运中心", "{author}（作者为本报记者）")
POEM = (
    "腊月的风从海上来\n把渔港的灯笼一盏一盏吹亮，吹亮了老街上每一扇等人回家的窗户\n归港的船挨着船",
    "母亲在灶间蒸着年糕\n白汽漫过窗棂，漫过父亲修补了一冬的渔网，漫过我离家多年的乡音",
    "孩子们在沙滩上点燃烟花\n一朵火光，照亮半个海湾",
)


def sample_issue(seed: int = 2023):
    """The example with every body rewritten as varied text of about the same length
    (so the make-up still fits), names beyond the bundle in p2-01's headline and
    body, every paragraph kind in p3-02, and p4-03 set as a poem."""
    from publish.readers.source import read_source

    issue = read_source(EXAMPLE).issue
    rnd = random.Random(seed)
    pool = sentences()
    pages = []
    for page in issue.pages:
        articles = []
        for article in page.articles:
            if article.is_teaser:
                articles.append(article)
                continue
            article = replace(article, paragraphs=_varied_body(rnd, pool, sum(len(p.text) for p in article.paragraphs)))
            if article.id == "p2-01":
                article = _with_names(article)
            elif article.id == "p3-02":
                article = _with_kinds(article, rnd, pool)
            elif article.id == "p4-03":
                article = replace(article, byline=None, verse=True, paragraphs=(
                    Paragraph("文/苏半夏", "author"), *(Paragraph(s, "verse") for s in POEM)))
            articles.append(article)
        pages.append(replace(page, articles=tuple(articles)))
    return replace(issue, pages=tuple(pages))


def _varied_body(rnd: random.Random, pool: list[str], length: int) -> tuple[Paragraph, ...]:
    """About `length` characters of paragraphs of one to five sentences."""
    paragraphs, total = [], 0
    while total < length - 30:
        text = "".join(rnd.choice(pool) for _ in range(rnd.choice((1, 2, 2, 3, 3, 4, 5))))
        paragraphs.append(Paragraph(text))
        total += len(text) + 6          # about what a paragraph's last line leaves blank
    return tuple(paragraphs) or (Paragraph(rnd.choice(pool)),)


def _with_names(article: Article) -> Article:
    first, *rest = article.paragraphs
    named = Paragraph(f"王喆、陈堃、李旸、𠮷田和龘龘说：{first.text}")
    return replace(article, title=f"{article.title}　{NAME_CHARS}", paragraphs=(named, *rest))


def _with_kinds(article: Article, rnd: random.Random, pool: list[str]) -> Article:
    paragraphs = []
    for entry in KINDS_ARTICLE:
        if entry == "TEXT":
            paragraphs.append(Paragraph(paragraph_of_length(rnd, pool, 160)))
        else:
            kind, text = entry[1:].split("}", 1)
            paragraphs.append(Paragraph(text, kind))
    return replace(article, paragraphs=tuple(paragraphs))
