"""The structured issue format: reading, round-trip and validation messages (exact text)."""
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st, HealthCheck

from support import EXAMPLE
from publish.errors import SourceError
from publish.model import PARAGRAPH_KINDS, Article, Image, Issue, Masthead, Page, Paragraph, Placement
from publish.readers.source import read_paragraphs, read_source, unprintable
from publish.writers.source import write_source


def test_example_reads_with_masthead_and_pages(example_issue):
    m = example_issue.masthead
    assert (m.paper, m.date, m.serial, m.page_count) == ("温岭日报", dt.date(2023, 1, 19), 7478, 4)
    assert (m.weekday, m.lunar, m.cn) == ("星期四", "农历壬寅年十二月廿八", "CN33-0106")
    assert [p.number for p in example_issue.pages] == [1, 2, 3, 4]
    assert example_issue.pages[0].name == "要闻"
    first = example_issue.pages[0].articles[0]
    assert first.kicker == "全省疫情防控工作会议召开"
    assert first.byline == "本报讯（记者林彬）"
    assert first.paragraphs[0].text.startswith("近日，全省疫情防控工作会议召开")


def test_example_page_one_matches_the_seed_text(example_issue):
    """Hand cleaning only rejoined and split: every character of page 1 is in the seed."""
    from support import SEED
    seed = SEED.read_text(encoding="utf-8")
    for article in example_issue.pages[0].articles:
        for paragraph in article.texts():
            head = paragraph[:12]
            assert head in seed.replace("\n", ""), (article.id, head)


def sample_issue(tmp: Path) -> Issue:
    (tmp / "images").mkdir(parents=True, exist_ok=True)
    from PIL import Image as PILImage
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(tmp / "images" / "photo.jpg", format="JPEG")
    tricky = 'A "quoted" title \\ with <angle> & ampersand\t'
    return Issue(
        Masthead(paper="温岭日报", date=dt.date(2023, 1, 19), organ="中共温岭市委机关报",
                 publisher="温岭市融媒体中心出版", weekday="星期四", lunar="农历壬寅年十二月廿八",
                 cn="CN33-0106", serial=7478, page_count=3),
        (
            Page(1, "要闻", ("责任编辑 甲",), (
                Article(id="p1-01", title="主题", kicker="引题", subtitle="副题", byline="本报讯（记者林彬）",
                        column="人大政协回顾", paragraphs=("第一段。", "第二段，CN33-0106。"), order=1,
                        placement=Placement(column=1, span=5)),
                Article(id="p1-02", title="这一年，实心实意", kicker="盘点2022温岭教育", teaser=2, order=2),
            )),
            Page(2, None, (), (
                Article(id="p2-01", title=tricky.strip(), paragraphs=("Latin words stay apart.",),
                        images=(Image("images/photo.jpg", caption="图说", credit="本报记者 摄", alt="一张图"),),
                        order=1),
            )),
            Page(3),
        ))


def test_round_trip_gives_an_equal_model(tmp_path):
    issue = sample_issue(tmp_path / "src")
    write_source(issue, tmp_path / "issue", images_from=tmp_path / "src")
    assert read_source(tmp_path / "issue").issue == issue


def test_round_trip_of_the_example(tmp_path, example_issue):
    write_source(example_issue, tmp_path / "copy", images_from=EXAMPLE)
    assert read_source(tmp_path / "copy").issue == example_issue


text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Zl", "Zp")), min_size=1, max_size=30) \
    .map(str.strip).filter(lambda t: t and unprintable(t) is None)


# Text that looks like the format's own marks: tags, escapes, verse line breaks.
tricky_text = text | st.sampled_from(["{intertitle} 像标签的正文", "\\{note} 反斜杠", "\\\\双", "{bogus} 文",
                                      "{verse}", "\\"])
verse_text = st.lists(text, min_size=1, max_size=3).map("\n".join)
paragraph = st.one_of(
    st.builds(Paragraph, tricky_text),
    st.builds(Paragraph, text, st.sampled_from([k for k in PARAGRAPH_KINDS if k not in ("text", "verse")])),
    st.builds(Paragraph, verse_text, st.just("verse")))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=text, kicker=st.none() | text, paragraphs=st.lists(paragraph, min_size=1, max_size=4),
       verse=st.booleans())
def test_round_trip_of_arbitrary_text(tmp_path_factory, title, kicker, paragraphs, verse):
    folder = tmp_path_factory.mktemp("rt")
    issue = Issue(Masthead(paper="报", date=dt.date(2024, 2, 29), weekday="星期四", page_count=1),
                  (Page(1, articles=(Article(id="a1", title=title, kicker=kicker,
                                             paragraphs=tuple(paragraphs), verse=verse),)),))
    write_source(issue, folder / "i")
    assert read_source(folder / "i").issue == issue


def test_paragraph_kinds_verse_and_escapes_are_read():
    body = ("{intertitle} 深挖彻查“四风”顽疾\n\n正文一段，\n接着。\n\n{credit}郭兆瑞摄\n\n"
            "{verse} 床前明月光\n疑是地上霜\n\n\\{note} 不是标签\n\n{nokind} 未知\n")
    unknown = []
    assert read_paragraphs(body, unknown=unknown) == (
        Paragraph("深挖彻查“四风”顽疾", "intertitle"), Paragraph("正文一段，接着。"),
        Paragraph("郭兆瑞摄", "credit"), Paragraph("床前明月光\n疑是地上霜", "verse"),
        Paragraph("{note} 不是标签"), Paragraph("{nokind} 未知"))
    assert unknown == [(13, "nokind")]
    assert read_paragraphs("春眠不觉晓\n处处闻啼鸟\n\n{author} 孟浩然", verse=True) == (
        Paragraph("春眠不觉晓\n处处闻啼鸟", "verse"), Paragraph("孟浩然", "author"))


def test_verse_supplement_and_imprint_are_read(tmp_path):
    toml = GOOD_TOML + ('\n[[pages]]\nnumber = 2\nname = "文艺"\nsupplement = true\n'
                        '\n[imprint]\naddress = "温岭市某路1号"\nprice = "1.50元"\nfax = "1"\n')
    folder = make_issue(tmp_path, toml, {"a1.md": '+++\npage = 2\ntitle = "诗"\nverse = true\n+++\n\n一行\n二行\n'})
    result = read_source(folder)
    issue = result.issue
    assert issue.page(2).is_supplement and not issue.page(1).is_supplement
    assert issue.imprint.entries() == [("社址", "温岭市某路1号"), ("定价", "1.50元")]
    article = issue.page(2).articles[0]
    assert article.verse and article.paragraphs == (Paragraph("一行\n二行", "verse"),)
    assert any("unknown key 'imprint.fax'" in str(w) for w in result.warnings)
    write_source(issue, tmp_path / "again")
    assert read_source(tmp_path / "again").issue == issue


def test_a_page_named_fukan_is_a_supplement():
    assert Page(4, name="副刊").is_supplement and not Page(4, name="副刊", supplement=False).is_supplement


def test_paragraph_lines_join_without_space_except_between_latin():
    assert read_paragraphs("第一行\n第二行\n\n  \nApp\nStore 下载\n") == (Paragraph("第一行第二行"),
                                                                      Paragraph("App Store 下载"))


def test_writing_never_replaces_a_folder_without_permission(tmp_path):
    target = tmp_path / "issue"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    from publish.errors import OutputError
    with pytest.raises(OutputError, match="already exists"):
        write_source(sample_issue(tmp_path / "src"), target)
    assert (target / "mine.txt").read_text() == "keep me"


# --- validation: every problem, one line each, exact text --------------------------------

def make_issue(tmp_path: Path, toml: str, articles: dict[str, str]) -> Path:
    folder = tmp_path / "bad"
    (folder / "articles").mkdir(parents=True)
    (folder / "issue.toml").write_text(toml, encoding="utf-8")
    for name, body in articles.items():
        (folder / "articles" / name).write_text(body, encoding="utf-8")
    return folder


GOOD_TOML = '[masthead]\npaper = "温岭日报"\ndate = 2023-01-19\nserial = 7478\npage_count = 2\n'
GOOD_ARTICLE = '+++\npage = 1\ntitle = "标题"\n+++\n\n正文。\n'


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        read_source(folder)
    return [str(p).replace(str(folder) + "/", "") for p in caught.value.problems]


def test_toml_syntax_error_names_file_and_line(tmp_path):
    folder = make_issue(tmp_path, '[masthead]\npaper = "温岭日报"\ndate = 2023-01-19\nserial 7478\n',
                        {"a1.md": GOOD_ARTICLE})
    assert problems_of(folder) == [
        "issue.toml:4: expected valid TOML, found a syntax error: Expected '=' after a key in a "
        "key/value pair (column 8)"]


def test_wrong_types_are_all_reported_with_lines(tmp_path):
    toml = ('[masthead]\npaper = "温岭日报"\ndate = "2023-01-19"\nserial = "7478"\n\n'
            '[[pages]]\nnumber = 1\nname = 3\n')
    folder = make_issue(tmp_path, toml, {"a1.md": GOOD_ARTICLE})
    assert problems_of(folder) == [
        'issue.toml:3: masthead.date: expected a date like 2023-01-19, found "2023-01-19"',
        'issue.toml:4: masthead.serial: expected an integer, found "7478"',
        "issue.toml:8: pages.name: expected a text, found 3",
    ]


def test_missing_masthead(tmp_path):
    folder = make_issue(tmp_path, '[[pages]]\nnumber = 1\n', {"a1.md": GOOD_ARTICLE})
    assert problems_of(folder) == ["issue.toml: masthead: expected a [masthead] table, found nothing"]


def test_malformed_articles_each_give_their_line(tmp_path):
    folder = make_issue(tmp_path, GOOD_TOML, {
        "a1.md": '+++\npage = 1\n+++\n\n正文。\n',
        "a2.md": '+++\npage = 9\ntitle = "标题"\n+++\n\n正文。\n',
        "a3.md": '正文没有前言。\n',
        "a4.md": '+++\npage = 1\ntitle = "标题"\n\n正文。\n',
        "a5.md": '+++\npage = 1\ntitle = "图"\n[[images]]\npath = "../../etc/passwd"\n+++\n\n正文。\n',
        "a6.md": '+++\npage = 1\ntitle = "空"\n+++\n\n',
        "a7.md": '+++\npage = 1\ntitle = "版位"\nplacement = { column = 6, span = 4 }\n+++\n\n正文。\n',
        "a8.md": '+++\npage = 1\ntitle = [1]\n+++\n\n正文。\n',
    })
    assert problems_of(folder) == [
        "articles/a1.md:1: title: expected a text, found nothing",
        "articles/a2.md:2: page: expected a page from 1 to 2, found 9",
        "articles/a3.md:1: expected a front matter block opened by '+++', found \"正文没有前言。\"",
        "articles/a4.md:1: expected '+++' to close the front matter, found the end of the file",
        'articles/a5.md:5: images.path: expected a file inside the issue folder, found "../../etc/passwd"',
        "articles/a6.md:5: body: expected at least one paragraph (or images, or a teaser), found nothing",
        "articles/a7.md:4: placement: expected columns within 1-8, found column 6 with span 4",
        "articles/a8.md:3: title: expected a text, found an array",
    ]


def test_unknown_keys_are_warnings_not_errors(tmp_path):
    folder = make_issue(tmp_path, GOOD_TOML + 'editor = "x"\n',
                        {"a1.md": '+++\npage = 1\ntitle = "标题"\nauthor = "某"\n+++\n\n正文。\n'})
    result = read_source(folder)
    assert [str(w).replace(str(folder) + "/", "") for w in result.warnings] == [
        "issue.toml:6: unknown key 'masthead.editor' ignored (expected one of: paper, organ, publisher, "
        "date, weekday, lunar, cn, serial, page_count)",
        "articles/a1.md:4: unknown key 'author' ignored (expected one of: page, order, kicker, title, "
        "subtitle, byline, column, teaser, images, placement, verse)",
    ]
    assert result.issue.pages[0].articles[0].title == "标题"


def test_wrong_weekday_is_a_warning(tmp_path):
    folder = make_issue(tmp_path, GOOD_TOML + 'weekday = "星期五"\n', {"a1.md": GOOD_ARTICLE})
    (warning,) = read_source(folder).warnings
    assert str(warning).endswith('issue.toml:6: masthead.weekday: 2023-01-19 is a 星期四, found "星期五"')


def test_not_an_issue_folder(tmp_path):
    assert problems_of(tmp_path) == [f"{tmp_path}: expected an issue folder with issue.toml, found none"]


def test_unprintable_characters_are_refused_with_their_line(tmp_path):
    folder = make_issue(tmp_path, GOOD_TOML, {
        "a1.md": '+++\npage = 1\ntitle = "标\\u0001题"\nkicker = "\\uFFFE"\n+++\n\n正文\x01。\n'})
    assert problems_of(folder) == [
        "articles/a1.md:3: title: expected printable text, found U+0001 (a control or reserved character)",
        "articles/a1.md:4: kicker: expected printable text, found U+FFFE (a control or reserved character)",
        "articles/a1.md:7: body: expected printable text, found U+0001 (a control or reserved character)",
    ]


def test_pictures_are_checked_by_their_content(tmp_path):
    from PIL import Image as PILImage
    folder = make_issue(tmp_path, GOOD_TOML, {
        f"a{i}.md": f'+++\npage = 1\ntitle = "图"\n[[images]]\npath = "images/{name}"\n+++\n\n正文。\n'
        for i, name in enumerate(("text.jpg", "png.jpg", "good.png"), start=1)})
    (folder / "images").mkdir()
    (folder / "images" / "text.jpg").write_text("not a picture")
    PILImage.new("RGB", (8, 8)).save(folder / "images" / "png.jpg", format="PNG")
    PILImage.new("RGB", (8, 8)).save(folder / "images" / "good.png", format="PNG")
    assert problems_of(folder) == [
        "articles/a1.md:5: images.path: expected a JPEG, PNG, GIF, WebP, TIFF or BMP picture, found a file "
        "no image reader understands (text.jpg)",
        "articles/a2.md:5: images.path: expected a file name ending in .png for PNG data, found png.jpg",
    ]


def test_article_links_leaving_the_folder_and_lock_files(tmp_path):
    folder = make_issue(tmp_path, GOOD_TOML, {"a1.md": GOOD_ARTICLE})
    (folder / "articles" / ".#a1.md").symlink_to("nowhere")          # an editor's lock file
    assert read_source(folder).issue.pages[0].articles[0].id == "a1"
    outside = tmp_path / "secret.md"
    outside.write_text(GOOD_ARTICLE)
    (folder / "articles" / "zz.md").symlink_to(outside)
    assert problems_of(folder) == [
        f"articles/zz.md: expected an article file inside the issue folder, found a link to {outside}"]


def test_every_problem_of_one_article_is_reported(tmp_path):
    folder = make_issue(tmp_path, GOOD_TOML,
                        {"a1.md": '+++\npage = 9\norder = "a"\ntitle = ""\nteaser = 7\n+++\n\n文。\n'})
    assert problems_of(folder) == [
        "articles/a1.md:2: page: expected a page from 1 to 2, found 9",
        'articles/a1.md:3: order: expected an integer, found "a"',
        'articles/a1.md:4: title: expected a non-empty text, found ""',
        "articles/a1.md:5: teaser: expected a page from 1 to 2, found 7",
    ]
