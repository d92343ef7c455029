"""Paragraph kinds and verse as composed body lines of a 13-em column (layout/body.py)."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.layout.body import body_lines
from publish.model import PARAGRAPH_KINDS, Article, Paragraph
from publish.typeset import Composer
from publish.typeset.rules import faults

MEASURE, INDENT = 13.0, 2.0
COMPOSER = Composer()
SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def lines_of(*paragraphs, **article):
    article.setdefault("id", "a1")
    article.setdefault("title", "标题")
    return body_lines(COMPOSER, Article(paragraphs=tuple(paragraphs), **article), MEASURE, INDENT)


def roles(line):
    return {p.role for p in line.pieces}


def content_width(line):
    return sum(p.advance + p.gap_after for p in line.pieces)


def test_text_keeps_its_indent_and_the_byline_starts_it_in_kai():
    text = "近日，全省疫情防控工作会议召开，会议强调要更加有力有序有效做好疫情防控工作。" * 2
    lines = lines_of(Paragraph(text), byline="本报讯（记者林彬）")
    assert lines[0].indent == INDENT
    assert "".join(p.text for p in lines[0].pieces if p.role == "kai") == "本报讯（记者林彬）"
    assert all(line.width == pytest.approx(MEASURE) for line in lines[:-1])


def test_an_intertitle_is_sans_on_lines_of_its_own_centred():
    body = "会议指出，过去一年全市上下齐心协力，各项工作取得新成效。"
    lines = lines_of(Paragraph(body), Paragraph("深挖彻查“四风”顽疾", "intertitle"), Paragraph(body))
    title = [line for line in lines if roles(line) == {"sans"}]
    assert [line.text for line in title] == ["深挖彻查“四风”顽疾"]
    line = title[0]
    assert line.indent == pytest.approx((MEASURE - content_width(line)) / 2)
    assert all(p.gap_after == 0 for p in line.pieces)            # never letter-spaced
    # the text after it starts a new paragraph (indented), not on the intertitle's line
    assert lines[lines.index(line) + 1].indent == INDENT


def test_a_long_intertitle_turns_over_centred_and_never_stretched():
    lines = lines_of(Paragraph("深挖彻查“四风”顽疾 推动作风建设常态化长效化", "intertitle"))
    assert len(lines) == 2
    for line in lines:
        assert line.indent == pytest.approx((MEASURE - content_width(line)) / 2, abs=1e-6)
        assert line.width <= MEASURE + 1e-6


def test_a_credit_is_kai_flush_right():
    lines = lines_of(Paragraph("图为志愿者在温岭站帮助旅客搬运行李。", "caption"),
                     Paragraph("本报记者 吴思源 摄", "credit"))
    credit = lines[-1]
    assert credit.text == "本报记者 吴思源 摄" and roles(credit) == {"kai"}
    assert credit.width == pytest.approx(MEASURE) and credit.indent > 0
    assert roles(lines[0]) == {"kai"} and lines[0].indent == 0       # a caption: kai, no indent


def test_note_label_and_author_lines():
    lines = lines_of(Paragraph("核心阅读", "label"), Paragraph("文/潮生", "author"),
                     Paragraph("正文第一段，写得很长很长很长很长很长很长很长。"),
                     Paragraph("数据来源：温岭市统计局", "note"), Paragraph("（作者为浙江大学教授）", "author"))
    label, author, *_, note, signature = lines
    assert label.text == "核心阅读" and roles(label) == {"sans"} and label.indent == 0
    assert author.text == "文/潮生" and roles(author) == {"kai"}
    assert author.indent == pytest.approx((MEASURE - content_width(author)) / 2)     # under the title
    assert note.text.startswith("数据来源") and roles(note) == {"kai"} and note.indent == INDENT
    assert signature.text == "（作者为浙江大学教授）" and signature.width == pytest.approx(MEASURE)


def test_verse_is_set_line_for_line_turn_overs_hanging_two_em():
    stanza = "腊月的风从海上来\n把渔港的灯笼一盏一盏吹亮，吹亮了老街上每一扇窗\n归港的船挨着船"
    lines = lines_of(Paragraph(stanza, "verse"), Paragraph("母亲在灶间蒸着年糕\n白汽漫过窗棂", "verse"))
    texts = [line.text for line in lines]
    assert texts[0] == "腊月的风从海上来" and lines[0].indent == 0
    long_line = [i for i, t in enumerate(texts) if t.startswith("把渔港")][0]
    turn_overs = []
    i = long_line + 1
    while not texts[i].startswith("归港"):
        turn_overs.append(lines[i])
        i += 1
    assert turn_overs and all(line.indent == 2.0 for line in turn_overs)
    assert "".join(texts[long_line:i]) == "把渔港的灯笼一盏一盏吹亮，吹亮了老街上每一扇窗"
    assert all(p.gap_after == 0 for line in lines for p in line.pieces)   # ragged, never spread
    blank = texts.index("归港的船挨着船") + 1
    assert texts[blank] == "" and lines[blank].pieces == ()              # a blank row between stanzas
    assert texts[blank + 1] == "母亲在灶间蒸着年糕" and lines[blank + 1].indent == 0


def test_a_verse_article_sets_its_text_paragraphs_as_stanzas():
    lines = lines_of(Paragraph("第一行\n第二行"), Paragraph("第三行"), verse=True, byline="文/苏半夏")
    assert [line.text for line in lines] == ["文/苏半夏", "第一行", "第二行", "", "第三行"]
    assert all(line.indent == 0 for line in lines)


CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
words = st.text(alphabet=CHARS, min_size=1, max_size=12)
sentence = st.tuples(words, st.sampled_from(["，", "。", "、", "；", "——", "", "“说”"]), words).map("".join)
texts = st.lists(sentence, min_size=1, max_size=12).map("".join)
paragraph = st.builds(lambda kind, text: Paragraph(text, kind),
                      st.sampled_from(sorted(PARAGRAPH_KINDS)), texts)


@SETTINGS
@given(paragraphs=st.lists(paragraph, min_size=1, max_size=8), verse=st.booleans(),
       byline=st.one_of(st.none(), st.just("本报讯（记者林彬）")))
def test_any_article_keeps_every_character_and_every_rule(paragraphs, verse, byline):
    article = Article(id="a1", title="标题", paragraphs=tuple(paragraphs), verse=verse, byline=byline)
    lines = body_lines(COMPOSER, article, MEASURE, INDENT)
    shown = "".join(line.text for line in lines)
    assert shown == (byline or "") + "".join(p.text.replace("\n", "") for p in paragraphs)
    for line in lines:
        assert line.width <= MEASURE + 1e-6
        assert line.indent >= 0
        assert line.indent + content_width(line) == pytest.approx(line.width, abs=1e-6)
    # within each paragraph the kinsoku rules hold
    for p in paragraphs:
        one = body_lines(COMPOSER, Article(id="b", title="t", paragraphs=(p,), verse=verse), MEASURE, INDENT)
        assert faults([line.text for line in one if line.text]) == []
