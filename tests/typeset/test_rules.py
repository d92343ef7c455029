"""One case per rule: GB/T 15834-2011 §5 line breaking, compression, spacing, Latin runs.

Measures are chosen so that the rule decides the break: ten ideographs fill a
10-em line, so the eleventh character is the one a rule has to place.
"""
import pytest

from publish.typeset import DROP, HALT, Composer, Run
from publish.typeset.rules import faults

TEN = "一二三四五六七八九十"
CLOSING = "。，、；：？！）］｝」』”’》〉】〗〕·～"       # GB/T 15834 §5: never start a line
CLOSING_MORE = "％,.!?;:)"                           # postfix and ASCII counterparts
OPENING = "（［｛「『“‘《〈【〖〔"                     # never end a line


def texts(lines):
    return [line.text for line in lines]


def halved(line):
    return "".join(p.text for p in line.pieces if p.compress == HALT)


def check(lines, measure, text):
    """What holds for every composition: the text comes back, no rule is broken,
    non-final lines are exactly the measure and add up."""
    assert "".join(texts(lines)) == text
    assert faults(texts(lines)) == []
    for line in lines:
        total = line.indent + sum(p.advance + p.gap_after for p in line.pieces)
        assert total == pytest.approx(line.width, abs=1e-9)
        assert line.pieces[-1].gap_after == 0
        if not line.last:
            assert line.width == pytest.approx(measure, abs=0.01)
    assert [line.last for line in lines] == [False] * (len(lines) - 1) + [True]


@pytest.mark.parametrize("mark", CLOSING + CLOSING_MORE)
def test_closing_marks_never_start_a_line(composer, mark):
    text = TEN + mark + TEN
    lines = composer.compose(text, 10, indent=0)
    check(lines, 10, text)
    # nothing in the line to compress it by a whole em: the 十 goes down with the mark
    assert texts(lines)[:2] == ["一二三四五六七八九", "十" + mark + "一二三四五六七八"]


@pytest.mark.parametrize("mark", OPENING)
def test_opening_marks_never_end_a_line(composer, mark):
    text = TEN[:9] + mark + "十一二三"
    lines = composer.compose(text, 10, indent=0)
    check(lines, 10, text)
    assert texts(lines) == ["一二三四五六七八九", mark + "十一二三"]


CASES = [
    # id, text, measure, expected lines, what is halved on each line
    ("dash-never-split", TEN[:9] + "——十一", 10, ["一二三四五六七八九", "——十一"], ["", ""]),
    ("ellipsis-never-split", TEN[:9] + "……十一", 10, ["一二三四五六七八九", "……十一"], ["", ""]),
    ("pair-period-quote", TEN[:9] + "。”一二三", 10, ["一二三四五六七八九。”", "一二三"], ["。”", ""]),
    ("pair-paren-comma", "一二三四五六七（八）、九十一二三", 10,
     ["一二三四五六七（八）、", "九十一二三"], ["）、", ""]),
    ("pair-comma-quote", "一二，“三四”五六七八九十一二三四五", 9.5,
     ["一二，“三四”五六七", "八九十一二三四五"], ["，", ""]),
    ("line-end-push-in", TEN + "。一二三", 10.5, [TEN + "。", "一二三"], ["。", ""]),
    ("push-out-when-nothing-compresses", TEN + "。一二三", 10, ["一二三四五六七八九", "十。一二三"],
     ["", ""]),
    ("push-in-with-a-mark-inside", "一二三，五六七八九十。一二三四", 10,
     ["一二三，五六七八九十。", "一二三四"], ["，。", ""]),
    ("start-bracket-and-end-bracket", "（一二三四五六七八九）十一", 10,
     ["（一二三四五六七八九）", "十一"], ["（）", ""]),
    ("code-never-split", "一二三四五六七八CN33-0106", 10, ["一二三四五六七八", "CN33-0106"], ["", ""]),
    ("decimal-stays-whole", "一二三四五六七八九6.6亿元", 10, ["一二三四五六七八九", "6.6亿元"], ["", ""]),
    ("equation-stays-whole", "一二三四五六七八100-1=0", 10, ["一二三四五六七八", "100-1=0"], ["", ""]),
    ("word-stays-whole", "一二三四五六七八九App", 10, ["一二三四五六七八九", "App"], ["", ""]),
    ("percent-stays-with-number", "一二三四五六七八九12%", 10, ["一二三四五六七八九", "12%"], ["", ""]),
]


@pytest.mark.parametrize("name,text,measure,expected,halves", CASES, ids=[c[0] for c in CASES])
def test_rule_cases(composer, name, text, measure, expected, halves):
    lines = composer.compose(text, measure, indent=0)
    check(lines, measure, text)
    assert texts(lines) == expected
    assert [halved(line) for line in lines] == halves


def test_push_out_spreads_the_space_evenly_between_pieces(composer):
    lines = composer.compose(TEN + "。一二三", 10, indent=0)
    gaps = [p.gap_after for p in lines[0].pieces]
    assert gaps[:-1] == pytest.approx([1 / 8] * 8) and gaps[-1] == 0
    assert all(p.advance == 1.0 for p in lines[0].pieces)       # ideographs never squeezed


def test_han_latin_quarter_em_between_han_and_latin(composer):
    [line] = composer.compose("用App下载，很方便", 20, indent=0)
    gaps = {p.text: p.gap_after for p in line.pieces}
    assert gaps["用"] == 0.25 and gaps["App"] == 0.25
    assert gaps["下"] == 0 and gaps["载"] == 0 and gaps["，"] == 0


def test_han_latin_space_narrows_where_the_line_needs_it(composer):
    lines = composer.compose("一二三四五六七八9十一二三", 10, indent=0)
    assert texts(lines)[0] == "一二三四五六七八9十"
    gaps = {p.text: p.gap_after for p in lines[0].pieces}
    assert 0 < gaps["八"] < 0.25 and gaps["八"] == pytest.approx(gaps["9"])
    assert lines[0].width == pytest.approx(10)


def test_no_han_latin_space_at_a_line_start_or_end(composer):
    lines = composer.compose("一二三四五六七八九App十一二三四五六七八九", 10, indent=0)
    check(lines, 10, "一二三四五六七八九App十一二三四五六七八九")
    assert lines[0].pieces[-1].text == "九" and lines[1].pieces[0].text == "App"
    # the line is widened by even gaps, not by a quarter em after 九
    assert len({round(p.gap_after, 9) for p in lines[0].pieces[:-1]}) == 1


def test_a_latin_word_wider_than_the_measure_is_broken_as_a_last_resort(composer):
    text = "supercalifragilisticexpialidocious的例子。"
    lines = composer.compose(text, 5, indent=0)
    assert "".join(texts(lines)) == text
    assert all(line.width <= 5 + 1e-9 for line in lines)
    assert len(lines) >= 4
    # the only faults are the emergency breaks inside the word
    assert faults(texts(lines)) and all("Latin word" in f for f in faults(texts(lines)))


def test_a_word_that_fits_on_a_line_of_its_own_is_not_broken(composer):
    text = "一二三四五六七八supercalifragilistic九十"
    lines = composer.compose(text, 13, indent=0)
    check(lines, 13, text)
    assert any(p.text == "supercalifragilistic" for line in lines for p in line.pieces)


def test_first_line_indent(composer):
    lines = composer.compose(TEN * 3, 13)
    assert lines[0].indent == 2.0 and [line.indent for line in lines[1:]] == [0.0] * (len(lines) - 1)
    assert texts(lines)[0] == (TEN * 2)[:11]
    check(lines, 13, TEN * 3)


def test_the_kai_font_has_no_half_width_marks(composer):
    lines = composer.compose([Run(TEN + "。一二三", "kai")], 10.5, indent=0)
    assert not any(p.compress for line in lines for p in line.pieces)
    assert texts(lines)[0] == "一二三四五六七八九"


def test_runs_keep_their_roles_and_break_as_one_text(composer):
    runs = [Run("本报讯（记者林彬）", "kai"), Run("近日，全省疫情防控工作会议召开，深入学习贯彻。")]
    lines = composer.compose(runs, 13)
    check(lines, 13, "".join(r.text for r in runs))
    roles = [p.role for line in lines for p in line.pieces]
    assert roles[:9] == ["kai"] * 9 and set(roles[9:]) == {"body"}


def test_spaces_at_a_break_are_kept_in_the_text_but_not_painted(composer):
    text = "一二 hello world 三四五六七八九十 abc"
    lines = composer.compose(text, 6, indent=0)
    check(lines, 6, text)
    ends = [line.pieces[-1] for line in lines[:-1] if line.text.endswith(" ")]
    assert ends and all(p.compress == DROP and p.advance == 0 for p in ends)
    assert all(not line.text.startswith(" ") for line in lines)


@pytest.mark.parametrize("align", ["start", "center"])
def test_headlines_are_ragged_but_obey_the_rules(composer, align):
    text = "温岭日报社论：更加有力有序有效做好疫情防控工作，“十四五”开局之年"
    lines = composer.compose([Run(text, "headline")], 8, indent=0, align=align)
    assert "".join(texts(lines)) == text and faults(texts(lines)) == []
    for line in lines:
        assert line.width <= 8 + 1e-9
        assert all(p.gap_after == 0 for p in line.pieces)                   # never stretched
        content = sum(p.advance for p in line.pieces)
        expected = (8 - content) / 2 if align == "center" else 0.0
        assert line.indent == pytest.approx(expected)


def test_an_unbreakable_run_wider_than_the_measure_overflows_rather_than_breaking_a_rule(composer):
    text = "一二“（《【一】》）”。三四"
    lines = composer.compose(text, 3, indent=0)
    assert "".join(texts(lines)) == text and faults(texts(lines)) == []
    assert max(line.width for line in lines) > 3


def test_count_lines_matches_compose(composer, example_paragraphs):
    for measure in (13, 27, 41):
        for paragraph in example_paragraphs[::3]:
            assert composer.count_lines(paragraph, measure) == len(composer.compose(paragraph, measure))


def test_the_example_sets_clean(composer, example_paragraphs):
    for paragraph in example_paragraphs:
        check(composer.compose(paragraph, 13), 13, paragraph)


def test_edge_inputs(composer):
    assert composer.compose("", 13) == [] and composer.count_lines([], 13) == 0
    assert texts(composer.compose(Run("一"), 13)) == ["一"]
    with pytest.raises(ValueError):
        composer.compose([Run("一", "nope")], 13)
    with pytest.raises(ValueError):
        composer.compose("一", 13, align="right")


def test_a_composer_is_independent_of_others():
    first = Composer().compose(TEN * 4, 13)
    assert Composer().compose(TEN * 4, 13) == first


def test_a_dash_or_word_split_between_runs_still_never_breaks(composer):
    runs = [Run("一二三四五六七八九—", "kai"), Run("—十一App", "body"), Run("le十二", "kai")]
    for measure in (9.5, 10, 10.5, 11, 12, 13):
        lines = composer.compose(runs, measure, indent=0)
        assert faults(texts(lines)) == [], measure


def test_cut_tells_where_a_paragraph_fills_so_many_lines(composer):
    text = TEN * 5
    lines = composer.compose(text, 13)
    at = composer.cut(text, 13, 2)
    assert at == len(lines[0].text) + len(lines[1].text) == 24
    assert composer.cut(text, 13, 0) == 0 and composer.cut(text, 13, 99) == len(text)
    rest = composer.compose(text[at:], 13, indent=0)
    assert "".join(texts(lines[:2] + rest)) == text
