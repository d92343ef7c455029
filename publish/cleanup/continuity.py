"""How likely a text goes on a sentence cut at a column's foot, rather than
opening one of its own.

Two kinds of evidence, both from the language rather than from one page:

- a word of the dictionary that would cross the join (实际利|用外资: 利用,
  推进全|面回暖: 全面). The dictionary is jieba's (its `dict.txt`, read once
  per process and only when a join is in doubt; jieba's segmenter is not
  loaded). Rare entries are left out: the dictionary holds many odd pairs, and
  a pair of letters meeting by chance should not read as a word;
- how sentences open on the page: the share of a text's first letter (and
  first two) that stands at a sentence's start (after 。！？ or at a line's
  start) among all its occurrences. 会议强调… and 当前… open many sentences;
  书记、… and 的载体… none. A text that opens with a short item before a
  list comma (预算、代表建议, 特色鲜明、作用明显) is the middle of a list, unless
  the item is a numeral (一、 1、).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..words import jieba_dictionary
from .text import CLOSERS, SENTENCE_END

MIN_FREQUENCY = 20          # of a dictionary entry, in jieba's counts
LONGEST = 4                 # characters of the words looked for across a join
_ENTRY = re.compile(r"^(\S{2,4}) (\d+)", re.M)
_LIST_ITEM = re.compile(r"^[^\W\d_一二三四五六七八九十〇零]{1,4}、")


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """The dictionary's common words of two to four letters (empty without jieba)."""
    path = jieba_dictionary()
    if path is None:
        return frozenset()
    return frozenset(word for word, count in _ENTRY.findall(path.read_text(encoding="utf-8"))
                     if int(count) >= MIN_FREQUENCY)


def word_across(left: str, right: str) -> bool:
    """Would a common word cross the join left|right (a word cut in two)?"""
    if not left or not right or not (_han(left[-1]) and _han(right[0])):
        return False
    known = words()
    for before in range(1, LONGEST):
        for after in range(1, LONGEST - before + 1):
            if before <= len(left) and after <= len(right):
                word = left[-before:] + right[:after]
                if all(map(_han, word)) and word in known:
                    return True
    return False


def _han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def list_middle(text: str) -> bool:
    """Does the text open with a short item before a list comma (预算、代表建议…)?"""
    return _LIST_ITEM.match(text) is not None


class Openings:
    """How the sentences of a text open: counts of the letters (and pairs) at a
    sentence's start, against their counts anywhere."""

    def __init__(self, text: str):
        self.opens: Counter[str] = Counter()
        self.all: Counter[str] = Counter()
        previous = "\n"
        before = ""
        for i, char in enumerate(text):
            if char.isalnum():
                pair = text[i:i + 2]
                self.all[char] += 1
                self.all[pair] += 1
                if previous == "\n" or previous in SENTENCE_END or (previous in CLOSERS and before in SENTENCE_END):
                    self.opens[char] += 1
                    self.opens[pair] += 1
            before, previous = previous, char

    def add(self, other: Openings, sign: int = 1) -> None:
        """Count `other`'s text in (sign 1) or out (sign -1): a window of a long file's
        articles slides along without reading its text again."""
        for mine, theirs in ((self.opens, other.opens), (self.all, other.all)):
            if sign > 0:
                mine.update(theirs)
            else:
                mine.subtract(theirs)

    def opening(self, text: str) -> float:
        """The share (0 to 1) of sentences opening as `text` does, its own opening left
        out (the text stands in the page the counts were taken from, at a line's start)."""
        if not text or not text[0].isalnum():
            return 0.0
        if list_middle(text):
            return 0.0
        one = (self.opens[text[0]] - 1) / max(1, self.all[text[0]] - 1)
        seen = self.all[text[:2]] - 1
        if len(text) < 2 or seen <= 0:
            return max(0.0, one)
        two = (self.opens[text[:2]] - 1) / seen
        return max(0.0, (one + two) / 2)
