"""A seeded generator of varied, realistic issues for the broadsheet make-up.

    generate_issue(seed, folder, **knobs) -> Path     # writes a valid issue folder

The same seed gives the same issue, byte for byte. Prose is assembled from the
example issue's own sentences, reshuffled into new paragraphs (so it is real
Chinese news prose with its punctuation); headlines, kickers and subtitles are
cut from its clauses. Pictures are drawn with Pillow at the aspect ratios papers
print (3:2, 4:3, 1:1, 2:3, 16:9), large enough for 200 dpi across several
columns.

What varies from seed to seed (each can be fixed with a knob):

- volume:     body text as a share of the pages' room, 0.5 (half) to 1.0 (full)
- articles:   2-12 articles a page (the front page a few less)
- pictures:   0-3 pictures an article, on some articles
- lead_share: a long or a short lead (share of the page's text in its lead)
- groups:     栏目 groups of short articles under one banner
- teasers:    front-page pointers (导读) to inner pages
- supplement: the last page a 副刊 with author lines (文/某某) and a verse poem
- imprint:    an [imprint] (版本记录) in issue.toml

The batch engineer's benchmark and `make corpus` use it; the test suite builds a
few. Run it by hand as `python tests/corpus/generate.py SEED FOLDER`.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import sys
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from publish.model import (Article, Image, Imprint, Issue, Masthead, Page, Paragraph,  # noqa: E402
                           weekday_of)
from publish.writers.source import write_source  # noqa: E402

EXAMPLE = REPO / "examples" / "wenling-2023-01-19"
ASPECTS = {"3:2": (3, 2), "4:3": (4, 3), "1:1": (1, 1), "2:3": (2, 3), "16:9": (16, 9)}
PICTURE_LONG_SIDE = 2100            # px: 200 dpi across 6 columns (a portrait across 4)
# A page's room in characters of body type: rows below the furniture x 8 columns x 13.
ROOM = {1: (115 - 21 - 1) * 8 * 13, "inner": (115 - 4 - 1) * 8 * 13}
# What a page's stories take besides body text, in characters of room, as the make-up
# sets them: a headline with its spacing and the blank row under the module (about
# 4 columns x 8 rows; the lead's twice that), and a picture at its natural size with
# its caption (about 3 columns x 28 rows, the mean of the aspect ratios drawn).
HEADLINE_ROOM = 4 * 8 * 13
PICTURE_ROOM = 3 * 28 * 13
FULL = 0.85                 # a full page's stories at their natural size, as a share of its room
                            # (their pictures and headlines grow to fill the rest)
LEAD_CHARS, BRIEF_CHARS, GROUPED_CHARS = 600, 260, 160    # the shortest bodies a desk prints
PICTURE_CHARS = 350         # ... and the words a picture needs around it
LAST_NEWS_VOLUME = 0.8      # the last page of news keeps room for what earlier pages carry on
TEXT_SHARE = 0.85           # of what is left, the share body text takes on a full page
                            # (the rest is the white of short last lines and columns)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾蔡潘江叶卢戴应包"
GIVEN = "建国海峰丽娟晓明志强文华伟静军勇杰涛斌超秀英慧敏宇航雨婷嘉怡子涵一凡浩然思远佳琪俊凯"
PAGE_NAMES = ["综合", "城事", "民生", "经济", "社会", "文体", "视点", "乡村"]
COLUMNS = ["人大政协回顾", "新春走基层", "记者手记", "身边的榜样", "一线直击", "民生关注"]
SUPPLEMENT_COLUMNS = ["东海岸", "艺苑", "小说", "随笔"]
PRINTERS = ["台州日报印务中心", "温岭市印刷厂", "浙江日报印务有限公司台州分公司"]


# -- the text pool -----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _pool() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(sentences, clauses, verse lines) of the example's prose."""
    from publish.readers.source import read_source

    issue = read_source(EXAMPLE).issue
    sentences: list[str] = []
    verse: list[str] = []
    for article in issue.articles():
        for paragraph in article.paragraphs:
            text = paragraph.text
            if paragraph.kind == "verse" or article.verse:
                verse += text.split("\n")
                continue
            if len(text) < 16 and not re.search(r"[。！？]", text):
                verse.append(text)          # the example's poem: one line a paragraph
                continue
            sentences += [s for s in re.findall(r"[^。！？]+[。！？][”’」』）]*", text) if len(s) >= 8]
    clauses = []
    for sentence in sentences:
        for clause in re.split(r"[，。；：！？、]", sentence):
            clause = clause.strip("“”‘’「」『』（）《》 ")
            if 4 <= len(clause) <= 16 and not re.search(r"[“”‘’（）《》「」0-9A-Za-z%]", clause):
                clauses.append(clause)
    verse_lines = [line for line in verse if 4 <= len(line) <= 16] or clauses
    return tuple(dict.fromkeys(sentences)), tuple(dict.fromkeys(clauses)), tuple(dict.fromkeys(verse_lines))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _paragraphs(rng: random.Random, chars: int) -> list[str]:
    """Paragraphs of about `chars` characters in all, 2-6 sentences each."""
    sentences, _, _ = _pool()
    out, total = [], 0
    while total < chars:
        count = rng.randint(2, 6)
        paragraph = "".join(rng.choice(sentences) for _ in range(count))
        if total + len(paragraph) > chars and out:
            # end on a shorter paragraph rather than overshoot by much
            cut = [s for s in re.findall(r"[^。！？]+[。！？][”’」』）]*", paragraph)]
            paragraph = ""
            for s in cut:
                if total + len(paragraph) + len(s) > chars and paragraph:
                    break
                paragraph += s
        out.append(paragraph)
        total += len(paragraph)
    return out


def _headline(rng: random.Random, low: int = 4, high: int = 30) -> str:
    """A title of `low`-`high` characters: one clause, two clauses with a space, or
    two with a comma, as papers print them."""
    _, clauses, _ = _pool()
    for _ in range(200):
        shape = rng.random()
        a = rng.choice(clauses)
        if shape < 0.45:
            title = a
        else:
            b = rng.choice(clauses)
            title = f"{a} {b}" if shape < 0.8 else f"{a}，{b}"
        if low <= len(title) <= high:
            return title
    return rng.choice([c for c in clauses if low <= len(c) <= high] or clauses)[:high]


# -- pictures ----------------------------------------------------------------------------

def _picture(rng: random.Random, path: Path, aspect: str) -> None:
    """A simple landscape: sky gradient, sun, hills, a few buildings. Smooth areas
    keep the JPEG small; the shapes give the eye something to crop."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    w_ratio, h_ratio = ASPECTS[aspect]
    scale = PICTURE_LONG_SIDE / max(w_ratio, h_ratio)
    width, height = round(w_ratio * scale), round(h_ratio * scale)
    top = (rng.randint(60, 140), rng.randint(120, 190), rng.randint(200, 250))
    bottom = (rng.randint(200, 250), rng.randint(200, 240), rng.randint(180, 230))
    image = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    r = rng.randint(height // 14, height // 8)
    cx, cy = rng.randint(r, width - r), rng.randint(r, height // 2)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(250, rng.randint(180, 230), 90))
    for layer in range(3):
        base = height * (0.55 + 0.12 * layer)
        colour = (40 + 30 * layer, 110 + 25 * layer, 60 + 10 * layer)
        points = [(0, height)]
        for i in range(9):
            points.append((width * i / 8, base - rng.random() * height * 0.18))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    for _ in range(rng.randint(2, 6)):
        bw, bh = rng.randint(width // 20, width // 9), rng.randint(height // 8, height // 3)
        bx = rng.randint(0, width - bw)
        draw.rectangle([bx, height - bh, bx + bw, height], fill=tuple(rng.randint(90, 200) for _ in range(3)))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=82, optimize=True)


# -- articles -----------------------------------------------------------------------------

def _images(rng: random.Random, staging: Path, article_id: str, count: int) -> tuple[Image, ...]:
    _, clauses, _ = _pool()
    images = []
    for index in range(count):
        aspect = rng.choice(list(ASPECTS))
        rel = f"images/{article_id}-{index + 1}.jpg"
        _picture(rng, staging / rel, aspect)
        caption = rng.choice(clauses) + "。" if rng.random() < 0.9 else None
        credit = f"本报记者 {_name(rng)} 摄" if rng.random() < 0.7 else None
        images.append(Image(rel, caption, credit, alt=f"示意图：{aspect} 的风景画"))
    return tuple(images)


def _news(rng: random.Random, staging: Path, article_id: str, order: int, chars: int, *,
          pictures: int, column: str | None = None, lead: bool = False) -> Article:
    _, clauses, _ = _pool()
    paragraphs = [Paragraph(text) for text in _paragraphs(rng, chars)]
    if len(paragraphs) > 6 and rng.random() < 0.3:       # a long story gets 小标题
        at = rng.randint(2, len(paragraphs) - 2)
        paragraphs.insert(at, Paragraph(rng.choice(clauses), "intertitle"))
    reporter = _name(rng)
    byline = rng.choice((f"本报讯（记者{reporter}）", f"本报讯（记者{reporter} 通讯员{_name(rng)}）",
                         f"本报记者 {reporter}", None))
    kicker = rng.choice(clauses) if rng.random() < (0.6 if lead else 0.25) else None
    subtitle = _headline(rng, 6, 20) if rng.random() < (0.4 if lead else 0.15) else None
    return Article(id=article_id, title=_headline(rng, 8 if lead else 4, 30), kicker=kicker,
                   subtitle=subtitle, byline=byline, column=column, paragraphs=tuple(paragraphs),
                   images=_images(rng, staging, article_id, pictures), order=order)


def _essay(rng: random.Random, staging: Path, article_id: str, order: int, chars: int, *,
           pictures: int, column: str | None, author_paragraph: bool) -> Article:
    paragraphs = [Paragraph(text) for text in _paragraphs(rng, chars)]
    author = f"文/{_name(rng)}"
    byline = None if author_paragraph else author
    if author_paragraph:
        paragraphs.insert(0, Paragraph(author, "author"))
    return Article(id=article_id, title=_headline(rng, 4, 12), byline=byline, column=column,
                   paragraphs=tuple(paragraphs), images=_images(rng, staging, article_id, pictures),
                   order=order)


def _poem(rng: random.Random, article_id: str, order: int) -> Article:
    _, _, lines = _pool()
    stanzas = []
    for _ in range(rng.randint(2, 4)):
        stanzas.append(Paragraph("\n".join(rng.choice(lines) for _ in range(rng.randint(3, 6))), "verse"))
    return Article(id=article_id, title=_headline(rng, 4, 10), byline=f"文/{_name(rng)}",
                   paragraphs=tuple(stanzas), order=order, verse=True)


def _shares(rng: random.Random, count: int, lead_share: float) -> list[float]:
    """Shares of a page's text: the lead's, then the rest at random (some briefs)."""
    if count == 1:
        return [1.0]
    rest = [rng.choice((0.3, 0.6, 1.0, 1.0, 1.5, 2.0)) for _ in range(count - 1)]
    total = sum(rest)
    return [lead_share] + [(1 - lead_share) * r / total for r in rest]


def _demand(staging: Path, page: Page) -> tuple[float, float]:
    """(rows x columns the page's stories take at their natural size, the body
    lines among them), measured with the make-up's own composer: each story at
    the width where it is most compact, with the blank row under it."""
    from publish.layout import broadsheet, page_items
    from publish.layout.blocks import INFEASIBLE, Typesetter
    from publish.layout.headline import prepare

    prepare(t for a in page.articles for t in (a.title, a.kicker, a.subtitle) if t)
    fmt = broadsheet()
    ts = Typesetter(fmt, staging)
    cells = 0.0
    for item in page_items(ts, page):
        sizes = [(item.natural_rows(span) + fmt.module_gap_rows) * span for span in range(2, 7)
                 if item.natural_rows(span) < INFEASIBLE]
        cells += min(sizes, default=0)
    lines = sum(len(ts.body_lines(a)) for a in page.articles if not a.is_teaser and not a.verse)
    return cells, lines


def _least_chars(article: Article, lead: bool) -> int:
    """The shortest body a desk prints for a story: a lead is a story, a brief is
    a few sentences, a picture needs words around it."""
    return max(LEAD_CHARS if lead else (GROUPED_CHARS if article.column else BRIEF_CHARS),
               PICTURE_CHARS * len(article.images))


def _resized(rng: random.Random, article: Article, factor: float, lead: bool) -> Article:
    """The article's body shortened to, or lengthened by more sentences to, about
    `factor` times its length, never below its least length."""
    if article.is_teaser or article.verse or not article.paragraphs:
        return article
    text = [p for p in article.paragraphs if p.kind == "text"]
    have = sum(len(p.text) for p in text)
    want = max(min(have, _least_chars(article, lead)), int(have * factor))
    if want < have:
        kept, total = [], 0
        for paragraph in article.paragraphs:
            if paragraph.kind != "text":
                kept.append(paragraph)
                continue
            if total >= want:
                continue
            sentences = re.findall(r"[^。！？]+[。！？][”’」』）]*|[^。！？]+$", paragraph.text)
            keep = ""
            for sentence in sentences:
                if total + len(keep) >= want and keep:
                    break
                keep += sentence
            kept.append(Paragraph(keep))
            total += len(keep)
        while kept and kept[-1].kind != "text":
            kept.pop()
        return replace(article, paragraphs=tuple(kept))
    more = [Paragraph(t) for t in _paragraphs(rng, want - have)] if want - have > 30 else []
    return replace(article, paragraphs=article.paragraphs + tuple(more))


def _sized(rng: random.Random, staging: Path, page: Page, volume: float) -> list[Article]:
    """The page's articles with their bodies scaled so that the stories, measured
    at their natural size, take `volume` x FULL of the page's room: a full page
    (volume 1) is one the make-up can fill from its stories' own flexibility, a
    half page (volume 0.5) one it cannot."""
    from publish.layout import broadsheet

    fmt = broadsheet()
    room = (fmt.rows - fmt.top_rows(page.number) - fmt.module_gap_rows) * fmt.columns
    articles = list(page.articles)
    lead = articles[0].id if articles else None
    for k, article in enumerate(articles):   # no more pictures than the words can carry
        chars = sum(len(p.text) for p in article.paragraphs if p.kind == "text")
        keep = max(1 if article.id == lead else 0, chars // PICTURE_CHARS)
        if len(article.images) > keep:
            articles[k] = replace(article, images=article.images[:keep])
    for _ in range(6):
        cells, lines = _demand(staging, replace(page, articles=tuple(articles)))
        target = room * FULL * volume
        if abs(cells - target) <= room * 0.03 or not lines:
            break
        fixed = cells - lines                   # a body line takes one row of one column
        factor = max(0.3, min(2.0, (target - fixed) / max(1.0, lines)))
        articles = [_resized(rng, a, factor, a.id == lead) for a in articles]
    # stories and pictures beyond what the room holds even with short bodies: a desk
    # would not have planned them for this page
    while cells > room * FULL * volume * 1.05 and len(articles) > 2:
        pictured = [k for k, a in enumerate(articles) if len(a.images) > (0 if k else 1)]
        if pictured:
            k = pictured[-1]
            articles[k] = replace(articles[k], images=articles[k].images[:-1])
        else:
            articles.pop()
        cells, _ = _demand(staging, replace(page, articles=tuple(articles)))
    return articles


def build_issue(seed: int, staging: Path, *, pages: int = 4, volume: float | None = None,
                articles: int | None = None, pictures: bool = True, groups: bool | None = None,
                teasers: bool | None = None, supplement: bool | None = None, imprint: bool | None = None,
                lead_share: float | None = None) -> Issue:
    """The issue model for `seed`; pictures are drawn into `staging`."""
    rng = random.Random(seed)
    volume = rng.uniform(0.5, 1.0) if volume is None else volume
    supplement = (rng.random() < 0.5) if supplement is None else supplement
    imprint = (rng.random() < 0.8) if imprint is None else imprint
    groups = (rng.random() < 0.5) if groups is None else groups
    teasers = (rng.random() < 0.5) if teasers is None else teasers
    date = dt.date(2023, 1, 19) + dt.timedelta(days=seed % 3000)
    masthead = Masthead(paper="温岭日报", organ="中共温岭市委机关报", publisher="温岭市融媒体中心出版",
                        date=date, weekday=weekday_of(date), lunar="", cn="CN33-0106",
                        serial=7478 + seed % 3000, page_count=pages)
    names = ["要闻"] + rng.sample(PAGE_NAMES, pages - 1)
    page_models = []
    for number in range(1, pages + 1):
        is_supplement = supplement and number == pages and pages > 1
        name = "副刊" if is_supplement else names[number - 1]
        room = ROOM[1] if number == 1 else ROOM["inner"]
        count = articles if articles is not None else rng.randint(2, 9 if number == 1 else 12)
        planned_pictures = [(rng.choice((1, 1, 1, 2, 3)) if pictures and rng.random() < (0.7 if k == 0 else 0.3)
                             else 0) for k in range(count)]
        free = room - (count + 1) * HEADLINE_ROOM - sum(planned_pictures) * PICTURE_ROOM
        chars = max(60 * count, int(free * TEXT_SHARE * volume))
        if is_supplement:
            count = min(count, rng.randint(3, 6))
        share_of_lead = lead_share if lead_share is not None else rng.choice((0.15, 0.3, 0.45, 0.6))
        shares = _shares(rng, count, share_of_lead)
        page_articles: list[Article] = []
        group_at = rng.randint(1, max(1, count - 2)) if groups and count >= 4 and not is_supplement else None
        group_name = rng.choice(COLUMNS)
        order = 0
        for index, share in enumerate(shares):
            order += 1
            article_id = f"p{number}-{order:02d}"
            body = max(60, int(chars * share))
            n_pictures = planned_pictures[index]
            if is_supplement:
                if index == 1 or (count <= 2 and index == count - 1):
                    page_articles.append(_poem(rng, article_id, order))
                    continue
                column = rng.choice(SUPPLEMENT_COLUMNS) if rng.random() < 0.6 else None
                page_articles.append(_essay(rng, staging, article_id, order, body,
                                            pictures=min(n_pictures, 1), column=column,
                                            author_paragraph=rng.random() < 0.3))
                continue
            in_group = group_at is not None and group_at <= index < group_at + 3
            page_articles.append(_news(rng, staging, article_id, order, body if not in_group else min(body, 900),
                                       pictures=0 if in_group else n_pictures,
                                       column=group_name if in_group else None, lead=index == 0))
        if number == 1 and teasers and pages > 1:
            target = rng.randint(2, pages)
            order += 1
            title = _headline(rng, 6, 16)
            kicker = _headline(rng, 4, 12) if rng.random() < 0.6 else None
            at = rng.randint(1, len(page_articles))
            page_articles.insert(at, Article(id=f"p1-{order:02d}", title=title, kicker=kicker,
                                             teaser=target, order=order))
        page_articles = [replace(a, order=i + 1) for i, a in enumerate(page_articles)]
        last_news = number == pages or (supplement and number == pages - 1)
        page_articles = _sized(rng, staging, Page(number=number, name=name, articles=tuple(page_articles),
                                                  supplement=True if is_supplement else None),
                               min(volume, LAST_NEWS_VOLUME) if last_news else volume)
        editors = () if number == 1 else (f"责任编辑 {_name(rng)}", f"版式设计 {_name(rng)}")
        page_models.append(Page(number=number, name=name, editors=editors, articles=tuple(page_articles),
                                supplement=True if is_supplement else None))
    record = None
    if imprint:
        record = Imprint(address=f"温岭市太平街道{rng.choice(('东辉北路', '万寿路', '横湖中路'))}"
                                 f"{rng.randint(1, 300)}号",
                         postcode="317500", telephone=f"0576-8{rng.randint(1000000, 9999999)}",
                         printer=rng.choice(PRINTERS), price=rng.choice(("每份1.00元", "每份1.50元")),
                         advertising_licence=f"3310814000{rng.randint(100, 999)}",
                         distribution_code=f"31-{rng.randint(10, 99)}")
    return Issue(masthead=masthead, pages=tuple(page_models), imprint=record)


def generate_issue(seed: int, folder: Path, **knobs) -> Path:
    """Write the issue of `seed` as an issue folder at `folder` (replacing an issue
    folder already there) and return the folder. Knobs: see `build_issue`."""
    folder = Path(folder)
    with tempfile.TemporaryDirectory(prefix="corpus-images-") as staging:
        issue = build_issue(seed, Path(staging), **knobs)
        write_source(issue, folder, images_from=Path(staging), replace=True)
    return folder


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit("usage: python tests/corpus/generate.py SEED FOLDER")
    print(generate_issue(int(argv[0]), Path(argv[1])))


if __name__ == "__main__":
    main(sys.argv[1:])
