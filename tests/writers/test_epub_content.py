"""The EPUB writer on small issues made for the purpose: hostile text, pictures
of every kind, pages without stories, covers, --no-fonts, missing glyphs."""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

import pytest
from lxml import etree
from PIL import Image as PILImage

from publish.build import BuildContext, BuildOptions, build
from publish.check.epub import check_epub
from publish.errors import PublishError
from publish.model import Article, Image, Issue, Masthead, Page
from publish.readers import Loaded
from publish.writers import epub as epub_writer
from publish.numerals import chinese_numeral
from publish.writers.epub_documents import plan_issue
from publish.writers.epub_fonts import RoleMatcher
from publish.writers.epub_layout import load_layout
from publish.writers.source import write_source

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}

HOSTILE_TITLE = 'A<B & "C">D ]]> 标题'


def _masthead(paper="测试日报", **more):
    return Masthead(paper=paper, date=dt.date(2023, 1, 19), organ="中共某某市委机关报", publisher="某某出版",
                    weekday="星期四", lunar="农历壬寅年十二月廿八", cn="CN00-0000", serial=12,
                    page_count=more.pop("page_count", 3), **more)


def _images(folder):
    (folder / "images").mkdir(parents=True)
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(folder / "images/red.png")
    PILImage.new("RGB", (64, 48), (30, 30, 200)).save(folder / "images/blue.jpg")
    PILImage.new("RGB", (64, 48), (30, 200, 30)).save(folder / "images/green.tif")
    return folder


def _issue():
    lead = Article(id="a1", title=HOSTILE_TITLE, kicker="引题 & <kicker>", subtitle="副题 <sub>&amp;",
                   byline="本报讯（记者<某>）", column="<栏目> & 专栏",
                   paragraphs=("第一段，含 <b>标签</b> 与 &amp; 实体。", "第二段：72小时内完成，CN33-0106不拆。"),
                   images=(Image("images/red.png", caption="红色 <图>", credit="本报摄"),
                           Image("images/blue.jpg", alt="一块蓝色"),
                           Image("images/green.tif", caption="绿色")), order=1)
    teaser = Article(id="a2", title="详见内页", kicker="导读", teaser=3, order=2)
    inside = Article(id="b1", title="第二版的文章", paragraphs=("内容。",), order=1)
    return Issue(_masthead(paper="测试&日报"), pages=(Page(1, "要闻", articles=(lead, teaser)),
                                                  Page(2, "综合", editors=("责任编辑 某某",), articles=(inside,)),
                                                  Page(3, "副刊")))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    write_source(_issue(), base / "issue", images_from=_images(base / "src"))
    context = build(base / "issue", base / "out", BuildOptions(formats=("epub",)))
    path = context.outputs["epub"]
    with zipfile.ZipFile(path) as z:
        files = {name: z.read(name) for name in z.namelist()}
    return dict(path=path, files=files, report=context.report["outputs"]["epub"])


@pytest.mark.slow
def test_hostile_issue_passes_epubcheck(hostile):
    ok, lines = check_epub(hostile["path"])
    assert ok, "\n".join(lines)


def test_every_xml_file_parses_strictly(hostile):
    for name, data in hostile["files"].items():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            etree.fromstring(data)      # raises on any unescaped < or &


def test_user_text_comes_through_escaped_not_interpreted(hostile):
    article = etree.fromstring(hostile["files"]["EPUB/text/article-a1.xhtml"])
    assert article.find(".//x:h1", NS).text == HOSTILE_TITLE
    assert article.find(".//x:p[@class='kicker']", NS).text == "引题 & <kicker>"
    assert article.find(".//x:p[@class='subtitle']", NS).text == "副题 <sub>&amp;"   # (the reader refuses controls)
    assert article.find(".//x:p[@class='column']", NS).text == "<栏目> & 专栏"
    paragraphs = article.findall(".//x:article/x:p[@class='text']", NS)
    assert "".join(paragraphs[0].itertext()) == "第一段，含 <b>标签</b> 与 &amp; 实体。"
    assert {e.get("class") for e in paragraphs[0].iter() if e is not paragraphs[0]} <= {"keep", "squeeze"}
    opf = etree.fromstring(hostile["files"]["EPUB/content.opf"])
    assert opf.find(".//dc:title", NS).text == "测试&日报 2023年1月19日 第12期"
    nav = etree.fromstring(hostile["files"]["EPUB/nav.xhtml"])
    assert HOSTILE_TITLE in ["".join(a.itertext()) for a in nav.iterfind(".//x:a", NS)]
    ncx = etree.fromstring(hostile["files"]["EPUB/toc.ncx"])
    assert HOSTILE_TITLE in [t.text for t in ncx.iterfind(".//ncx:navLabel/ncx:text", NS)]


def test_pictures_are_copied_converted_and_described(hostile):
    article = etree.fromstring(hostile["files"]["EPUB/text/article-a1.xhtml"])
    images = [(img.get("src"), img.get("alt")) for img in article.iterfind(".//x:img", NS)]
    assert images == [("../images/a1-1.png", "红色 <图>"), ("../images/a1-2.jpg", "一块蓝色"),
                      ("../images/a1-3.png", "绿色")]
    assert hostile["files"]["EPUB/images/a1-3.png"][:4] == b"\x89PNG"          # TIFF is not an EPUB type
    captions = ["".join(c.itertext()) for c in article.iterfind(".//x:figcaption", NS)]
    assert captions == ["红色 <图> 本报摄", "绿色"]
    opf = etree.fromstring(hostile["files"]["EPUB/content.opf"])
    types = {i.get("href"): i.get("media-type") for i in opf.iterfind(".//opf:item", NS)}
    assert types["images/a1-1.png"] == "image/png" and types["images/a1-2.jpg"] == "image/jpeg"


def test_teaser_to_a_page_without_stories_leads_to_that_page(hostile):
    page = etree.fromstring(hostile["files"]["EPUB/text/page-1.xhtml"])
    jump = page.find(".//x:a[@class='jump']", NS)
    assert (jump.text, jump.get("href")) == ("详见第三版", "page-3.xhtml")
    assert [a.get("href") for a in page.iterfind(".//x:a[@class='digest-title']", NS)] == \
        ["article-a1.xhtml", "page-3.xhtml"]


def test_page_editors_are_shown_on_the_page_opener(hostile):
    page = etree.fromstring(hostile["files"]["EPUB/text/page-2.xhtml"])
    assert page.find(".//x:p[@class='editors']", NS).text == "责任编辑 某某"


def test_image_outside_the_issue_folder_is_refused(tmp_path):
    (tmp_path / "secret.png").write_bytes(b"not for the book")
    (tmp_path / "issue" / "images").mkdir(parents=True)
    (tmp_path / "issue" / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    for path in ("../secret.png", "images/link.png", str(tmp_path / "secret.png")):
        issue = Issue(_masthead(page_count=1), pages=(Page(1, articles=(
            Article(id="a1", title="题", paragraphs=("文。",), images=(Image(path),)),)),))
        with pytest.raises(PublishError, match="not a file inside the issue folder"):
            plan_issue(issue, tmp_path / "issue", load_layout(), False, "styles/epub.css")


def _context(issue, root, outdir, **options):
    return BuildContext(Loaded(issue, root), outdir, BuildOptions(formats=("epub",), **options))


def _small_issue():
    return Issue(_masthead(page_count=1), pages=(Page(1, "要闻", articles=(
        Article(id="a1", kicker="引题", title="一篇文章", byline="本报讯", paragraphs=("正文一段。",)),)),))


def _write(context, target):
    report = epub_writer.write(context, target)
    with zipfile.ZipFile(target) as z:
        return report, {name: z.read(name) for name in z.namelist()}


def test_generated_cover_is_a_deterministic_png(tmp_path):
    report, files = _write(_context(_small_issue(), tmp_path, tmp_path), tmp_path / "a.epub")
    _, again = _write(_context(_small_issue(), tmp_path, tmp_path), tmp_path / "b.epub")
    assert report["cover"] == "generated"
    cover = files["EPUB/images/cover.png"]
    assert cover == again["EPUB/images/cover.png"]
    assert PILImage.open(io.BytesIO(cover)).size == (1200, 1680)


def test_cover_is_the_first_pdf_page_cut_to_its_trim_box(tmp_path):
    import pikepdf

    pages = [PILImage.new("RGB", (500, 700), colour) for colour in ((255, 255, 255), (0, 0, 0))]
    pages[0].save(tmp_path / "print.pdf", save_all=True, append_images=pages[1:], resolution=72)
    with pikepdf.open(tmp_path / "print.pdf", allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.TrimBox = pikepdf.Array([50, 50, 450, 650])   # 400 x 600 inside bleed/marks
        pdf.save(tmp_path / "print.pdf")
    context = _context(_small_issue(), tmp_path, tmp_path)
    context.outputs["pdf"] = tmp_path / "print.pdf"
    report, files = _write(context, tmp_path / "a.epub")
    assert report["cover"] == "pdf"
    cover = PILImage.open(io.BytesIO(files["EPUB/images/cover.jpg"]))
    assert cover.height == 1600 and abs(cover.width - 1600 * 400 / 600) <= 1
    assert cover.getpixel((cover.width // 2, cover.height // 2))[0] > 240     # page 1, not page 2
    opf = etree.fromstring(files["EPUB/content.opf"])
    item = opf.find(".//opf:item[@properties='cover-image']", NS)
    assert (item.get("href"), item.get("media-type")) == ("images/cover.jpg", "image/jpeg")


def test_no_fonts_leaves_fonts_and_apple_options_out(tmp_path):
    report, files = _write(_context(_small_issue(), tmp_path, tmp_path, embed_fonts=False), tmp_path / "a.epub")
    assert report["fonts"] == {}
    assert not [name for name in files if name.startswith("EPUB/fonts/")]
    assert "META-INF/com.apple.ibooks.display-options.xml" not in files
    css = files["EPUB/styles/epub.css"].decode()
    assert "@font-face" not in css and '"Noto Serif CJK SC"' in css


def test_a_character_the_bundled_faces_lack_is_embedded_from_a_system_face(tmp_path):
    issue = Issue(_masthead(page_count=1), pages=(Page(1, articles=(
        Article(id="a1", title="元日", paragraphs=("千门万户龘龘日，总把新桃换旧符。",)),)),))
    report, files = _write(_context(issue, tmp_path, tmp_path), tmp_path / "a.epub")
    if report["missing_glyphs"]:
        pytest.skip("no system font has 龘 on this machine")
    assert "fonts/body-fallback.otf" in report["fonts"] or "fonts/body-fallback.ttf" in report["fonts"]
    css = files["EPUB/styles/epub.css"].decode()
    assert '"Publish Body", "Publish Body Fallback", "Noto Serif CJK SC"' in css


def test_characters_spread_over_two_stand_in_faces_are_all_embedded(tmp_path):
    """龘 is in Noto CJK, 𠀁 (Extension B) only in a face like HanaMinB: the book
    embeds both stand-ins, as the print edition draws them, and names both."""
    from fontTools.ttLib import TTFont

    from publish.fonts import fallback_faces

    groups, nowhere = fallback_faces("body", "龘𠀁")
    if nowhere or len(groups) < 2:
        pytest.skip("this machine lacks the two system faces (make installs fonts-noto-cjk, fonts-hanazono)")
    issue = Issue(_masthead(page_count=1), pages=(Page(1, articles=(
        Article(id="a1", title="龘", paragraphs=("龘龘之声，𠀁然。",)),)),))
    report, files = _write(_context(issue, tmp_path, tmp_path), tmp_path / "a.epub")
    assert report["missing_glyphs"] == ""
    stand_ins = {name: set(TTFont(io.BytesIO(files[f"EPUB/{name}"])).getBestCmap())
                 for name in report["fonts"] if "body-fallback" in name}
    assert len(stand_ins) == 2
    assert {ord("龘"), 0x20001} <= set().union(*stand_ins.values())
    css = files["EPUB/styles/epub.css"].decode()
    assert '"Publish Body", "Publish Body Fallback", "Publish Body Fallback 2", "Noto Serif CJK SC"' in css


def test_teaser_page_numbers_are_written_as_print_writes_them():
    assert [chinese_numeral(n) for n in (1, 2, 10, 12, 20, 24)] == ["一", "二", "十", "十二", "二十", "二十四"]


def test_role_table_follows_css_weight_and_refuses_ties():
    matcher = RoleMatcher({"headline": ["h1"], "sans": [".page-title"], "kai": ["p.byline"]})
    title = etree.fromstring('<h1 xmlns="http://www.w3.org/1999/xhtml" class="page-title"/>')
    assert matcher.role_of(title) == "sans"
    with pytest.raises(ValueError, match="equal weight"):
        RoleMatcher({"headline": [".x"], "kai": [".y"]}).role_of(
            etree.fromstring('<p xmlns="http://www.w3.org/1999/xhtml" class="x y"/>'))
    with pytest.raises(ValueError, match="is not"):
        RoleMatcher({"body": ["div > p"]})


def test_writer_reads_nothing_outside_issue_layouts_and_fonts(tmp_path, monkeypatch):
    """Every file the writer opens is in the issue folder, layouts/ or fonts/."""
    import builtins
    import io as io_module

    from publish.paths import FONTS, LAYOUTS

    write_source(_issue(), tmp_path / "issue", images_from=_images(tmp_path / "src"))
    opened = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and "r" in (args[0] if args else kwargs.get("mode", "r")):
            opened.append(os.path.realpath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io_module, "open", spy)        # pathlib reads through io.open
    load_layout.cache_clear()
    build(tmp_path / "issue", tmp_path / "out", BuildOptions(formats=("epub",)))
    monkeypatch.undo()
    # OUTDIR too: the build reads back what it wrote there (the report's SHA-256 of each output).
    allowed = [os.path.realpath(p) for p in (tmp_path / "issue", LAYOUTS, FONTS, tmp_path / "out")]
    outside = [p for p in opened if not any(p.startswith(a + os.sep) for a in allowed)
               and "site-packages" not in p and "/lib/python" not in p and not p.startswith("/usr/")]
    assert outside == []
    assert any(p.endswith("blue.jpg") for p in opened)    # the spy does see the pictures read


# ---- paragraph kinds ----

def _kinds_issue():
    from publish.model import Paragraph

    story = Article(id="k1", title="小标题与图片说明", byline="本报讯", order=1, paragraphs=(
        Paragraph("核心阅读", "label"),
        Paragraph("正文第一段，讲述事情的经过。", "text"),
        Paragraph("深挖彻查“四风”顽疾", "intertitle"),
        Paragraph("正文第二段，继续讲述。", "text"),
        Paragraph("图为工人在车间忙碌。", "caption"),
        Paragraph("郭兆瑞 摄", "credit"),
        Paragraph("数据来源：市统计局", "note"),
        Paragraph("（作者为市文联主席）", "author")))
    poem = Article(id="k2", title="海边的年", byline="文/苏半夏", order=2, verse=True, paragraphs=(
        Paragraph("腊月的风从海上来\n把渔港的灯笼一盏一盏吹亮", "verse"),
        Paragraph("归港的船挨着船\n像一群收拢了翅膀的鸟", "verse")))
    return Issue(_masthead(page_count=1), pages=(Page(1, "副刊", articles=(story, poem)),))


@pytest.fixture(scope="module")
def kinds(tmp_path_factory):
    base = tmp_path_factory.mktemp("kinds")
    write_source(_kinds_issue(), base / "issue")
    out = {}
    for vertical in (False, True):
        context = build(base / "issue", base / f"out-{vertical}", BuildOptions(formats=("epub",), vertical=vertical))
        with zipfile.ZipFile(context.outputs["epub"]) as z:
            out[vertical] = dict(path=context.outputs["epub"], files={n: z.read(n) for n in z.namelist()})
    return out


def test_paragraph_kinds_are_marked_up_by_element_and_class(kinds):
    article = etree.fromstring(kinds[False]["files"]["EPUB/text/article-k1.xhtml"])
    body = [e for e in article.find(".//x:article", NS) if e.tag.split("}")[1] in ("p", "h2")]
    assert [(e.tag.split("}")[1], e.get("class"), "".join(e.itertext())) for e in body] == [
        ("p", "label", "核心阅读"), ("p", "text", "正文第一段，讲述事情的经过。"),
        ("h2", "intertitle", "深挖彻查“四风”顽疾"),
        ("p", "text", "正文第二段，继续讲述。"), ("p", "caption", "图为工人在车间忙碌。"), ("p", "credit", "郭兆瑞 摄"),
        ("p", "note", "数据来源：市统计局"), ("p", "author", "（作者为市文联主席）")]
    css = kinds[False]["files"]["EPUB/styles/epub.css"].decode()
    for selector in ("h2.intertitle", "p.label", "p.caption", "p.credit", "p.note", "p.author", "p.verse"):
        assert re.search(rf"(^|\n|, ){re.escape(selector)}[ ,]", css), selector


def test_verse_keeps_its_lines_as_written(kinds):
    article = etree.fromstring(kinds[True]["files"]["EPUB/text/article-k2.xhtml"])
    stanzas = article.findall(".//x:p[@class='verse']", NS)
    assert len(stanzas) == 2
    first = stanzas[0]
    assert len(first.findall("x:br", NS)) == 1
    assert "".join(first.itertext()) == "腊月的风从海上来把渔港的灯笼一盏一盏吹亮"
    assert first.text == "腊月的风从海上来"


def test_paragraph_kinds_are_drawn_by_their_faces(kinds):
    """Each kind's characters are in the embedded face publish/fonts.py names for it."""
    from fontTools.ttLib import TTFont

    from publish.fonts import PARAGRAPH_ROLES

    files = kinds[False]["files"]
    faces = {name.rsplit("/", 1)[1].split(".")[0]: set(TTFont(io.BytesIO(data)).getBestCmap())
             for name, data in files.items() if name.startswith("EPUB/fonts/")}
    article = etree.fromstring(files["EPUB/text/article-k1.xhtml"])
    for kind, role in PARAGRAPH_ROLES.items():
        for element in article.iterfind(f".//*[@class='{kind}']", NS):
            chars = {ord(c) for c in "".join(element.itertext()) if not c.isspace()}
            assert chars <= faces[role], (kind, role)


@pytest.mark.slow
@pytest.mark.parametrize("vertical", [False, True])
def test_paragraph_kinds_pass_epubcheck(kinds, vertical):
    ok, lines = check_epub(kinds[vertical]["path"])
    assert ok, "\n".join(lines)


# ---- inline markup for line ends and vertical digits ----

def test_dashes_and_ellipses_stay_whole_with_the_character_before_them():
    from publish.writers.epub_text import inline

    assert str(inline("他喊：“嘿——”声音又短又响", vertical=False)) == \
        '他喊<span class="squeeze">：</span>“<span class="keep">嘿——”</span>声音又短又响'
    assert str(inline("等等……好", vertical=False)) == '等<span class="keep">等……</span>好'


def test_a_body_paragraph_keeps_its_last_two_characters_together():
    from publish.writers.epub_text import inline

    assert str(inline("年是从石臼里打出来的。", vertical=False, body=True)).endswith('<span class="keep">来的。</span>')
    assert str(inline("好。", vertical=False, body=True)) == "好。"          # nothing to keep apart
    assert "keep" not in str(inline("年是从石臼里打出来的。", vertical=False))   # only body text


def test_adjacent_marks_name_the_one_that_loses_its_blank_half():
    from publish.writers.epub_text import inline

    assert str(inline("（《人民日报》）。", vertical=False)) == \
        '（<span class="squeeze">《</span>人民日报<span class="squeeze">》</span><span class="squeeze">）</span>。'


def test_vertical_digits_upright_in_display_text_and_short_numbers_in_body():
    from publish.writers.epub_text import inline

    assert str(inline("2023年1月19日 CN33-0106", vertical=True, display=True)) == (
        '<span class="upright">2023</span>年<span class="tcy">1</span>月<span class="tcy">19</span>日 '
        '<span class="upright">CN33-0106</span>')
    assert str(inline("黄金72小时，CN33-0106，6.6亿元，9月", vertical=True)) == \
        '黄金<span class="tcy">72</span>小时，CN33-0106，6.6亿元，<span class="tcy">9</span>月'
    assert str(inline("2023年1月", vertical=False, display=True)) == "2023年1月"
    assert str(inline("<b>&", vertical=True, display=True)) == '<span class="upright">&lt;b&gt;&amp;</span>'


# ---- the layout's settings ----

def _settings_with(tmp_path, old: str, new: str):
    from publish.writers.epub_layout import FOLDER, SETTINGS_FILE, read_settings

    text = (FOLDER / SETTINGS_FILE).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / SETTINGS_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    return lambda: read_settings(tmp_path / SETTINGS_FILE)


@pytest.mark.parametrize("old, new, message", [
    ("quality = 70", 'quality = "high"', 'page_images.quality: expected an integer from 1 to 95, found "high"'),
    ('page = "第{number}版"', 'page = "第{nmber}版"', "labels.page: expected placeholders among {number}, not {nmber}"),
    ('red = "#c8102e"', 'red = "red;}"', 'style.red: expected a colour like "#c8102e", found "red;}"'),
    ('folder = "EPUB"', 'folder = "../EPUB"', "package.folder: expected a relative path"),
    ('kai = "normal"', 'kai = "light"', "fonts.weight: expected \"normal\" or \"bold\" for every key ('kai' is not)"),
    ('toc = "目录"\n', '', "labels.toc: missing"),
    ("[style]", "[styles]", "styles: unknown key"),
    ('collection_type = "series"', 'collection_type = "series"\nstylesheet2 = "x"', "package.stylesheet2: unknown key"),
])
def test_settings_are_checked_when_read_and_name_the_key(tmp_path, old, new, message):
    from publish.writers.epub_layout import LayoutError

    read = _settings_with(tmp_path, old, new)
    with pytest.raises(LayoutError) as raised:
        read()
    assert message in str(raised.value)
    assert str(raised.value).startswith(str(tmp_path / "epub.toml") + ": ")


def test_settings_that_are_not_toml_give_one_clear_line(tmp_path):
    from publish.writers.epub_layout import LayoutError, read_settings

    (tmp_path / "epub.toml").write_text("[package\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=r"epub\.toml: not valid TOML"):
        read_settings(tmp_path / "epub.toml")


def test_an_issue_the_make_up_cannot_place_still_gets_its_epub_without_page_maps(tmp_path):
    from publish.errors import FitError

    class Unplaceable(BuildContext):
        @property
        def plan(self):
            raise FitError("page 1: the lead does not fit")

    context = Unplaceable(Loaded(_small_issue(), tmp_path), tmp_path, BuildOptions(formats=("epub",)))
    report, files = _write(context, tmp_path / "a.epub")
    assert report["page_pictures"] == {}
    assert context.report["warnings"] == ["EPUB: the page openers show no page map: page 1: the lead does not fit"]
    page = etree.fromstring(files["EPUB/text/page-1.xhtml"])
    assert page.find(".//x:img", NS) is None and page.find(".//x:ol[@class='digest']", NS) is not None


def test_an_article_named_page_or_cover_shares_no_file_or_id_with_the_book_s_own_pictures(tmp_path):
    images = _images(tmp_path / "src")
    issue = Issue(_masthead(page_count=1), pages=(Page(1, "要闻", articles=tuple(
        Article(id=name, title=f"{name}的文章", paragraphs=("正文。",), images=(Image("images/red.png"),), order=k)
        for k, name in enumerate(("page", "cover", "page-picture"), 1))),))
    write_source(issue, tmp_path / "issue", images_from=images)
    context = build(tmp_path / "issue", tmp_path / "out", BuildOptions(formats=("epub",)))
    with zipfile.ZipFile(context.outputs["epub"]) as z:
        names = z.namelist()
        opf = etree.fromstring(z.read("EPUB/content.opf"))
    items = opf.findall(".//opf:item", NS)
    assert len({i.get("href") for i in items}) == len(items) and len({i.get("id") for i in items}) == len(items)
    assert len(names) == len(set(names))
    assert {"EPUB/images/page-1.png", "EPUB/images/pages/page-1.png", "EPUB/images/cover.png",
            "EPUB/images/cover-1.png"} <= set(names)
