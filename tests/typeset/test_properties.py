"""Properties over random Chinese text with punctuation and Latin runs (hypothesis)."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.typeset import Composer, Run
from publish.typeset.rules import faults

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
OPENING = "（［｛「『“‘《〈【〖〔"
CLOSING = "。，、；：？！）］｝」』”’》〉】〗〕·～"
LATIN = st.from_regex(r"[A-Za-z]{1,6}|[0-9]{1,4}(\.[0-9]{1,2})?%?|CN[0-9]{2}-[0-9]{4}|100-1=0",
                      fullmatch=True)

han = st.text(alphabet=HAN, min_size=1, max_size=6)
body = st.one_of(han, st.tuples(han, LATIN, st.sampled_from(["", " "]), han).map("".join))
segment = st.tuples(
    st.one_of(st.just(""), st.sampled_from(OPENING)),
    body,
    st.text(alphabet=CLOSING, max_size=2),
    st.sampled_from(["", "", "", "——", "……"]),
).map("".join)
paragraph = st.lists(segment, min_size=1, max_size=25).map("".join)

COMPOSER = Composer()
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=paragraph, measure=st.floats(11, 30), indent=st.sampled_from([0.0, 2.0]))
def test_realistic_text_sets_by_the_rules_and_flush(text, measure, indent):
    lines = COMPOSER.compose(text, measure, indent=indent)
    shown = [line.text for line in lines]
    assert "".join(shown) == text
    assert faults(shown) == []
    assert COMPOSER.count_lines(text, measure, indent=indent) == len(lines)
    for line in lines:
        total = line.indent + sum(p.advance + p.gap_after for p in line.pieces)
        assert total == pytest.approx(line.width, abs=1e-9)
        assert line.width <= measure + 0.01
        if not line.last:
            assert line.width == pytest.approx(measure, abs=0.01)
        assert all(p.gap_after >= 0 for p in line.pieces)
        assert all(p.advance == 1.0 for p in line.pieces if p.text in HAN)    # never squeezed


@SETTINGS
@given(text=paragraph, cut=st.integers(0, 400), measure=st.floats(11, 30))
def test_a_byline_run_in_another_font_breaks_with_the_text(text, cut, measure):
    runs = [Run(text[:cut], "kai"), Run(text[cut:], "body")]
    lines = COMPOSER.compose(runs, measure)
    assert "".join(line.text for line in lines) == text
    assert faults([line.text for line in lines]) == []
    kai = len(text[:cut])
    assert "".join(p.text for line in lines for p in line.pieces if p.role == "kai") == text[:kai]
    for line in lines:
        if not line.last:
            assert line.width == pytest.approx(measure, abs=0.01)


@SETTINGS
@given(text=paragraph, measure=st.floats(8, 30), align=st.sampled_from(["start", "center"]))
def test_headlines_are_never_stretched(text, measure, align):
    lines = COMPOSER.compose([Run(text, "headline")], measure, indent=0, align=align)
    assert "".join(line.text for line in lines) == text
    assert faults([line.text for line in lines]) == []
    for line in lines:
        assert line.width <= measure + 0.01
        assert all(p.gap_after in (0.0,) or p.gap_after <= 0.25 for p in line.pieces)


anything = st.text(alphabet=st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(HAN + OPENING + CLOSING + " \t—…\u3000\u00a0\u0301a1."),
), max_size=120)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=anything, measure=st.floats(0.5, 40), indent=st.floats(0, 4),
       align=st.sampled_from(["justify", "start", "center"]),
       role=st.sampled_from(["body", "headline", "sans", "kai"]))
def test_any_text_never_crashes_and_comes_back(text, measure, indent, align, role):
    lines = COMPOSER.compose([Run(text, role)], measure, indent=indent, align=align)
    assert "".join(line.text for line in lines) == text
    # overlong Latin words may be broken (last resort); marks never land wrong
    assert [f for f in faults([line.text for line in lines]) if "Latin" not in f] == []
    for line in lines:
        total = line.indent + sum(p.advance + p.gap_after for p in line.pieces)
        assert total == pytest.approx(line.width, abs=1e-6)
        assert line.pieces
