"""Widths come from the fonts themselves (HarfBuzz), cross-checked with fontTools."""
import pytest
from fontTools.ttLib import TTFont

from publish.fonts import ROLES, font_for
from publish.typeset.metrics import BLANK_LEFT, BLANK_RIGHT, NO_BLANK, metrics_for


@pytest.mark.parametrize("role", ROLES)
def test_ideographs_are_one_em_as_the_font_says(role):
    for char in "中国温岭日报":
        assert metrics_for(role).advance(char) == 1.0


@pytest.mark.parametrize("role", ROLES)
def test_latin_widths_are_the_fonts_advance_widths(role):
    font = TTFont(font_for(role).path, lazy=True)
    cmap, hmtx, upem = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    for word in ("App", "CN33-0106", "6.6", "100-1=0", "12%"):
        expected = sum(hmtx[cmap[ord(c)]][0] for c in word) / upem
        assert metrics_for(role).advance(word) == pytest.approx(expected)


def test_body_marks_halve_with_the_blank_on_the_right_side():
    body = metrics_for("body")
    for mark in "。，、；：？！）］｝」』”’》〉】〗〕":
        assert body.halt(mark) == (0.5, BLANK_RIGHT), mark
    for mark in "（［｛「『“‘《〈【〖〔":
        assert body.halt(mark) == (0.5, BLANK_LEFT), mark
    assert body.halt("·")[1] == NO_BLANK          # proportional, nothing to remove


def test_the_kai_font_has_no_halt_and_proportional_quotes():
    kai = metrics_for("kai")
    assert kai.halt("。") == (1.0, NO_BLANK)
    assert kai.halt("（") == (1.0, NO_BLANK)
    assert kai.advance("“") < 0.5                  # LXGW WenKai draws “” proportional


def test_a_dash_pair_is_measured_as_the_font_joins_it():
    body = metrics_for("body")
    # Noto CJK's ccmp turns —— into one wider glyph: measured as painted, not as 2 × —
    assert body.advance("——") != 2 * body.advance("—")
    assert 1.5 < body.advance("——") <= 2.0
