"""孤字 (a paragraph's last line of one character) and the composer's new alignments:
hanging turn-overs (verse) and lines set flush right (credits)."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typeset.samples import varied_paragraphs
from publish.typeset import Composer, Run
from publish.typeset.rules import faults, widow

MEASURE, INDENT = 13, 2.0
MARKS = set("。，、；：？！）］｝」』”’》〉】〗〕·～（［｛「『“‘《〈【〖〔 　")
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

# Paragraphs that ended on a lone character before 孤字 was priced above a loose
# line (found by the measurement in the closing note): the example's, by their
# endings, and seed-1 varied paragraphs, by their beginnings.
FORMER_EXAMPLE_WIDOWS = ("具有重要意义。", "的温岭实践。", "满屋子都是香气。", "厚实起来的。")
FORMER_VARIED_WIDOWS = ("近年来，碧溪村依托草莓、葡萄等特色种植，", "他指出，动车站作为人员密集场所，节日期间",
                        "姑娘愣住了，随即拖着箱子冲下车：“爸！运", "共青团和青联委员工作室在党的二十大精神学",
                        "在高速公路温岭出入口，交警和路政人员设立")


def lone_last_line(texts: list[str]) -> bool:
    """Independent of the composer's tables: the last of two or more lines holds one
    ideograph or one Latin word, and otherwise only marks and spaces."""
    if len(texts) < 2:
        return False
    content = re.sub(r"[A-Za-z0-9.%\-]+", "A", "".join(c for c in texts[-1] if c not in MARKS))
    return len(content) <= 1


def widow_rate(composer, paragraphs) -> float:
    found = [p for p in paragraphs if lone_last_line([line.text for line in composer.compose(p, MEASURE, INDENT)])]
    return len(found) / len(paragraphs)


def test_the_example_has_no_lone_last_line(composer, example_paragraphs):
    assert widow_rate(composer, example_paragraphs) == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_varied_text_has_at_most_two_percent_lone_last_lines(composer, seed):
    paragraphs = varied_paragraphs(seed, 800)
    assert widow_rate(composer, paragraphs) <= 0.02


def former_widows(example_paragraphs) -> list[str]:
    found = [p for p in example_paragraphs if p.endswith(FORMER_EXAMPLE_WIDOWS)]
    found += [p for p in varied_paragraphs(1, 200) if p.startswith(FORMER_VARIED_WIDOWS)]
    assert len(found) >= len(FORMER_EXAMPLE_WIDOWS) + len(FORMER_VARIED_WIDOWS)
    return found


def test_former_widows_now_end_on_two_characters_and_stay_flush(composer, example_paragraphs):
    for text in former_widows(example_paragraphs):
        lines = composer.compose(text, MEASURE, INDENT)
        texts = [line.text for line in lines]
        assert not lone_last_line(texts) and not widow(texts), texts[-2:]
        assert faults(texts) == [] and "".join(texts) == text
        assert all(line.width == pytest.approx(MEASURE) for line in lines[:-1])
        assert all(line.gaps <= 2.0 + 1e-9 for line in lines)      # at most 2 em spread in a line


def test_a_lone_character_stays_when_only_a_very_loose_line_would_avoid_it(composer):
    # Eleven ideographs and a full stop at 13 em with a 2-em indent: the first line
    # holds ten (the eleventh and its stop do not fit, even halved); nine would
    # spread two em over eight gaps, which costs more than the lone character.
    lines = composer.compose("一二三四五六七八九十一。", MEASURE, INDENT)
    assert [line.text for line in lines] == ["一二三四五六七八九十", "一。"]


han = st.text(alphabet="的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动",
              min_size=1, max_size=8)
clause = st.tuples(han, st.sampled_from(["，", "、", "；", "。", "：“", "”", "——", ""])).map("".join)
paragraph = st.lists(clause, min_size=1, max_size=30).map("".join)


@SETTINGS
@given(text=paragraph, measure=st.floats(8, 30), hang=st.sampled_from([1.0, 2.0, 3.0]))
def test_turn_overs_hang_and_every_line_fits(text, measure, hang):
    composer = Composer()
    lines = composer.compose([Run(text, "body")], measure, indent=0, align="start", hang=hang)
    assert "".join(line.text for line in lines) == text
    assert faults([line.text for line in lines]) == []
    assert lines[0].indent == 0
    assert all(line.indent == hang for line in lines[1:])
    assert all(line.width <= measure + 1e-6 for line in lines)
    assert composer.count_lines([Run(text, "body")], measure, indent=0, align="start", hang=hang) == len(lines)


@SETTINGS
@given(text=paragraph, measure=st.floats(8, 30), role=st.sampled_from(["body", "kai", "sans"]))
def test_end_aligned_lines_finish_at_the_measure(text, measure, role):
    lines = Composer().compose([Run(text, role)], measure, indent=0, align="end")
    assert "".join(line.text for line in lines) == text
    for line in lines:
        content = sum(p.advance + p.gap_after for p in line.pieces)
        assert all(p.gap_after == 0 for p in line.pieces)
        if content <= measure:
            assert line.width == pytest.approx(measure)
            assert line.indent == pytest.approx(measure - content)
