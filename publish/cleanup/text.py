"""Small tests on text that several rules share.

They decide where a paragraph may end. Chinese prose ends a paragraph with
sentence-final punctuation; the few things that legitimately end without it
(a teaser, a signature, a photo credit, a jump line) are listed here so that
no rule glues them to whatever follows.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

SENTENCE_END = "。！？…!?"
# Closing marks that may follow the final punctuation: 。” 。） ！』
CLOSERS = "”’」』）)】》〉\"'"

# Paragraphs shorter than this are not matched across articles (duplicates,
# fragments, votes on continuations): a short line such as 会议强调： or a
# signature may legitimately occur twice in one issue.
MIN_SHARED = 10
TOPIC_CHARS = 400       # of a paragraph, enough to tell its story by

PAGE_NUMBER = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"

TEASER = re.compile(
    r"[（(【\[《]?\s*[▶►→>＞]*\s*(?:详见|详情见|详情请见|请见|见)\s*(?:今日|本报|本期|本刊)?\s*"
    rf"第\s*(?P<page>{PAGE_NUMBER})\s*版\s*[）)】\]》]?\s*[。.]?")

_LEGIT_END = re.compile(
    r"(?:"
    # signatures: （完） （记者 张三） （本报综合） （据新华社）
    r"[（(]\s*(?:完|全文完|本文完|未完待续|待续|终)\s*[）)]"
    r"|[（(]\s*(?:本报|特约)?(?:记者|通讯员|见习记者|实习生|编辑|责任编辑|责编|校对|摄影|摄|图|文|据|来源|综合|整理|编译|供稿)"
    r"[^（）()]{0,30}[）)]"
    # photo credits: 张三 摄 / 记者 张三 摄 / （张三 摄）
    r"|(?:^|\s)[\u4e00-\u9fff·]{2,6}\s+摄"
    r"|[（(][^（）()]{1,30}摄[）)]"
    # jump lines: （下转第2版） （上接第1版）
    rf"|[（(]\s*(?:下转|上接|转|接)\s*第?\s*(?:{PAGE_NUMBER})\s*版\s*[）)]"
    r")$")
_SIGNATURE_TAIL = 64
_CREDIT_START = re.compile(r"^(?:图|摄影|摄|图文)\s*[／/:：]\s*\S")

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


# Characters no line of Chinese text may start with (GB/T 15834, clreq): a block
# starting with one is the tail of the paragraph before it, cut at a column edge.
NO_LINE_START = "。，、；：？！）］｝」』”’》〉】"


WIDE_SPACE = "\u3000"    # what normalise makes of a wide space: a pause, a name's padding


def narrow(text: str) -> str:
    """Body text's spacing: every space a single one."""
    return text.replace(WIDE_SPACE, " ") if WIDE_SPACE in text else text


def glue(left: str, right: str) -> str:
    """Join two pieces of one paragraph. Chinese needs no space; two Latin words do."""
    if left and right and _latin_letter(left[-1]) and _latin_letter(right[0]):
        return f"{left} {right}"
    return left + right


def _latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def is_terminated(text: str) -> bool:
    """Does the text end a sentence (。！？… possibly followed by a closing quote)?"""
    core = text.rstrip(CLOSERS + " ")
    return bool(core) and core[-1] in SENTENCE_END


def is_signature(text: str) -> bool:
    """A line that ends a paragraph without punctuation on purpose: teaser, signature,
    photo credit, jump line."""
    tail = text[-_SIGNATURE_TAIL:]     # all of them are short; spare a search of a long text
    return (bool(_LEGIT_END.search(tail)) or bool(_CREDIT_START.match(text))
            or (len(text) <= _SIGNATURE_TAIL and TEASER.fullmatch(text) is not None))


def ends_paragraph(text: str) -> bool:
    return is_terminated(text) or is_signature(text)


def ems(text: str) -> float:
    """The printed width of a line: a CJK character is an em, a Latin letter or digit half."""
    return sum(0.5 if char.isascii() else 1.0 for char in text)


def pairs(text: str) -> set[str]:
    """The text's neighbouring letter pairs: a vocabulary to tell one story from another."""
    chars = [c for c in text if c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:])}


def closeness(text: str, vocabulary: set[str]) -> float:
    """The share of the text's pairs found in a vocabulary."""
    mine = pairs(text)
    return len(mine & vocabulary) / len(mine) if mine else 0.0


def pair_counts(text: str) -> Counter:
    """The text's neighbouring letter pairs, counted."""
    chars = [c for c in text if c.isalnum()]
    return Counter(a + b for a, b in zip(chars, chars[1:]))


def lean(text: str, one: Counter, other: Counter, seen: bool = False) -> float:
    """How much more likely the text's letter pairs are under one story's counts than
    under another's (naive Bayes, add-one smoothing), per pair: above 0 leans to `one`.
    With `seen`, only the pairs either story holds count: a pair neither holds favours
    the story with fewer pairs, which says nothing about the text's subject when one
    story is known by little more than its headline."""
    mine = pair_counts(text[:TOPIC_CHARS])
    if not mine:
        return 0.0
    size = len(one) + len(other) + 1          # the pairs either has seen, for the smoothing
    n_one, n_other = one.total() + size, other.total() + size
    total = sum(count * math.log((one[pair] + 1) * n_other / ((other[pair] + 1) * n_one))
                for pair, count in mine.items() if not seen or pair in one or pair in other)
    return total / mine.total()


def has_punctuation(text: str) -> bool:
    return any(unicodedata.category(char).startswith("P") for char in text)


def compact(text: str) -> str:
    """The text without any whitespace: how two copies of a headline are compared."""
    return "".join(text.split())


def cn_number(text: str) -> int | None:
    """An integer in digits (also full-width) or in Chinese numerals below 100:
    2, ２, 二, 十二, 二十一; 〇二三 as digit by digit (years: 二〇二三)."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        if len(tens) > 1 or len(units) > 1:
            return None
        high = _CN_DIGITS.get(tens, -1) if tens else 1
        low = _CN_DIGITS.get(units, -1) if units else 0
        return None if high < 1 or low < 0 else high * 10 + low
    if all(char in _CN_DIGITS for char in text):
        value = 0
        for char in text:
            value = value * 10 + _CN_DIGITS[char]
        return value
    return None
