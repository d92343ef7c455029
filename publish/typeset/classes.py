"""Character classes: which marks may not start or end a line, what is Latin, what is Han.

The tables follow GB/T 15834-2011 §5 and W3C clreq ("Requirements for Chinese Text
Layout"), plus the ASCII and half-width counterparts a Chinese text mixes in and the
postfix/prefix signs that belong to the number beside them (12％, ￥5). They say
nothing about widths: how wide a mark is, and whether it can be set at half width,
is read from the font (metrics.py).
"""
from __future__ import annotations

import re
import unicodedata

# Closing and trailing marks: never the first character of a line.
NO_START = frozenset(
    "。，、；：？！）］｝」』”’》〉】〗〕·～"      # GB/T 15834-2011 §5 as the issue lists them
    "〙〛｠〞〟・‧〜‼⁇⁈⁉"                          # more CJK closing brackets and separators
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞｡､｣"                          # small and half-width forms
    "％‰‱℃℉°′″"                                 # postfix signs that stay with their number
    "ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"   # kana iteration, small kana
    "!),.:;?]}%"                                 # ASCII counterparts
)
# Opening marks: never the last character of a line.
NO_END = frozenset(
    "（［｛「『“‘《〈【〖〔"                        # GB/T 15834-2011 §5
    "〘〚｟〝﹙﹛﹝｢"                                # more CJK opening brackets
    "￥＄"                                         # prefix signs that stay with their number
    "([{"                                          # ASCII counterparts
)
# Units that are never split however long: runs of dashes (——) and ellipses (……).
DASHES = "\u2014\u2015\u2e3a\u2e3b"
ELLIPSES = "\u2026\u22ef"

# Unit kinds.
HAN, PUNCT, DASH, ELLIPSIS, LATIN, SPACE = range(6)

# Characters that join the character before them into one unit (combining marks,
# joiners, variation selectors).
_ATTACH = "\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\u200c\u200d\ufe00-\ufe0f\ufe20-\ufe2f\U000e0100-\U000e01ef"
# Breaking white space (U+00A0, U+2007, U+202F do not break: they are Latin glue;
# U+3000 IDEOGRAPHIC SPACE is a full-width blank character, not a break).
_SPACES = " \t\n\r\f\v\u0085\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f"
# Narrow ("Latin") characters: they run together into words and numbers that are
# never split. Everything else (ideographs, kana, hangul, full-width forms, CJK
# punctuation, symbols) is one unit per character.
_LATIN = ("\u0021-\u007e\u00a0-\u00b6\u00b8-\u02ff\u0370-\u058f\u0e00-\u0e7f"
          "\u1e00-\u1fff\u2007\u2010-\u2013\u2030\u2032-\u2034\u2039\u203a\u2044\u2052"
          "\u202f\u20a0-\u20cf\u2150-\u218f\u2212\ufb00-\ufb4f")

# Units longer than one character. Everything between two matches is one unit per
# character, which is most of a Chinese text: splitting it is then a C-speed list().
MULTI = re.compile(
    f"[{_SPACES}]+"                     # white space run
    f"|[{DASHES}]+"                     # —— (any run of dashes is one unit)
    f"|[{ELLIPSES}]+"                   # ……
    f"|(?:[{_LATIN}][{_ATTACH}]*)+"     # a Latin word, number or code: CN33-0106, 6.6, 100-1=0
    f"|.[{_ATTACH}]+",                  # a character with combining marks or a selector
    re.DOTALL,
)
LATIN_CHAR = re.compile(f".[{_ATTACH}]*", re.DOTALL)   # clusters inside a Latin word
_LATIN_RE = re.compile(f"[{_LATIN}]")
# Breaking white space is measured and painted as U+0020 (a tab or a line feed
# would mean something else under white-space: pre).
AS_SPACE = {c: " " for c in
            [*range(0x09, 0x0E), 0x85, 0x1680, *range(0x2000, 0x2007), *range(0x2008, 0x200B),
             0x2028, 0x2029, 0x205F]}
_SPACE_RE = re.compile(f"[{_SPACES}]")


def kind_of(unit: str) -> int:
    """The kind of a unit `units` produced."""
    first = unit[0]
    if _SPACE_RE.match(first):
        return SPACE
    if first in DASHES:
        return DASH
    if first in ELLIPSES:
        return ELLIPSIS
    if _LATIN_RE.match(first):
        return LATIN
    if unicodedata.east_asian_width(first) in "WF" and unicodedata.category(first)[0] in "LN":
        return HAN
    return PUNCT


def spaces_with_latin(char: str) -> bool:
    """Does a Latin unit ending (or starting) with `char` take the quarter-em space
    next to Han (clreq, mixed Chinese and Western text)? Letters, digits and the
    signs read with them do; Latin punctuation and brackets do not."""
    return char.isalnum() or char in "%‰‱°$€£¥#&@" or unicodedata.category(char) == "Sc"


_SPECIAL = re.compile(f"[{_SPACES}{DASHES}{ELLIPSES}{_LATIN}{_ATTACH}]")
_MARK = re.compile(f"[{_ATTACH}]")


def units(text: str) -> list[str]:
    """`text` cut into units: one per character, except where MULTI matches.
    Only the rare characters that can start a longer unit are looked at."""
    out: list[str] = []
    pos = 0
    special = _SPECIAL.search(text)
    while special:
        start = special.start()
        if start > pos and _MARK.match(text, start):
            start -= 1                          # a mark joins the character before it
        longer = MULTI.match(text, start)
        end = longer.end() if longer else start + 1
        out += text[pos:start]
        out.append(text[start:end])
        pos = end
        special = _SPECIAL.search(text, pos)
    out += text[pos:]
    return out


def has_space(text: str) -> bool:
    return _SPACE_RE.search(text) is not None


def has_latin(text: str) -> bool:
    return _LATIN_RE.search(text) is not None
