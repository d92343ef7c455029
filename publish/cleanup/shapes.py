"""shapes: find the paper's name, the headlines and the column banners of text
that has no `#` marks, by the shape of its lines.

Plain extracted text (pdftotext, a copy from a 数字报 page) marks nothing.
When a file has no `## ` headline, this rule reads:

- the masthead zone: the lines at the top that the masthead rule can read
  (organ, date, CN number …, a running head), and among them the paper's
  name, a line that is only a name ending in 报;
- headlines: a line, or a few lines in a row, that is short (at most 48
  characters), does not end a sentence (no 。！？ at its end, no comma either),
  and stands where a story can start: after the masthead, a finished paragraph
  or a teaser. That alone also fits an intertitle or a paragraph's first
  line, so a headline must show one more sign: a byline, a dateline or a
  teaser right after it; parts separated by spaces as an extractor writes a
  headline's printed lines (全省疫情防控工作会议召开 更加有力…); or several
  such lines in a row of varied width and no comma. The line after a headline
  must not be a shorter unfinished line (the next shred of a narrow column);
- column banners: a short one-part line right before a headline written in
  parts, or a bracketed one (【新春走基层】).

Every headline, banner and paper found so is a guess, listed in the import
report with its reason; an editor corrects the source where one is wrong.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .bylines import split_byline
from .draft import BANNER, HEADLINE, PAPER, TEXT, Block, Draft
from .journal import Journal
from .kinds import fixed_kind
from .masthead import looks_like_paper, parse_line
from .teasers import teaser_page
from .text import NO_LINE_START, WIDE_SPACE, ems, ends_paragraph, is_terminated

MAX_HEADLINE = 48
MAX_BANNER = 10
MAX_LINES = 4              # printed lines of one headline
MIN_SPREAD = 2.0           # ems between a multi-line headline's longest and shortest line
_SENTENCE_INSIDE = re.compile(r"[。！？；]")
_BRACKETED = re.compile(r"[【〖\[［][^】〗\]］]{2,10}[】〗\]］]")
GUESS = "(a guess)"


def _parts(text: str) -> list[str]:
    return [p for p in re.split(f"[ {WIDE_SPACE}]", text) if p]


def headline_shape(text: str) -> bool:
    """Short, no sentence ended or cut at a comma, no mark of another kind of line."""
    core = "".join(text.split())
    if not 2 <= len(core) <= MAX_HEADLINE or is_terminated(text) or text[-1] in "，、；：,;:（(“‘《":
        return False
    if text[0] in NO_LINE_START or _SENTENCE_INSIDE.search(text.rstrip("！？!?")):
        return False
    if teaser_page(text) is not None or fixed_kind(text) or split_byline(text) or parse_line(text):
        return False
    return True


def _in_parts(text: str) -> bool:
    parts = _parts(text)
    return len(parts) >= 2 and all(len(p) >= 2 and p[-1] not in "，、" for p in parts)


def _masthead_zone(blocks: tuple[Block, ...]) -> int:
    """How many blocks at the top are masthead lines."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == PAPER or (block.kind == TEXT and (looks_like_paper(block.text) or parse_line(block.text))):
            index += 1
            continue
        break
    return index


def _evidence(lines: list[Block], after: Block | None) -> str | None:
    """Why these lines are a headline, or None."""
    if after is not None and after.kind == TEXT:
        if split_byline(after.text, first=True):
            return "a byline follows"
        if teaser_page(after.text) is not None:
            return "a teaser follows"
    if any(_in_parts(b.text) for b in lines):
        return "printed lines separated by spaces"
    widths = [ems(b.text) for b in lines]
    if len(lines) >= 2 and max(widths) - min(widths) >= MIN_SPREAD and not any("，" in b.text for b in lines):
        return f"{len(lines)} short lines in a row"
    return None


def apply(draft: Draft, journal: Journal) -> Draft:
    blocks = draft.blocks
    if any(b.kind == HEADLINE for b in blocks):
        return draft
    zone = _masthead_zone(blocks)
    out = list(blocks[:zone])
    if not any(b.kind == PAPER for b in out):
        for index, block in enumerate(out):
            if block.kind == TEXT and looks_like_paper(block.text):
                out[index] = replace(block, kind=PAPER)
                journal.record(f"paper {GUESS}", [block.line], detail="a name ending in 报 at the top")
                break
    index = zone
    while index < len(blocks):
        block = blocks[index]
        before = blocks[index - 1] if index else None
        opens = before is None or index == zone or before.kind != TEXT or ends_paragraph(before.text) \
            or teaser_page(before.text) is not None
        if block.kind != TEXT or not opens or not headline_shape(block.text):
            out.append(block)
            index += 1
            continue
        end = index + 1
        while end < len(blocks) and end - index < MAX_LINES and blocks[end].kind == TEXT \
                and headline_shape(blocks[end].text):
            end += 1
        # the lines end where the text after them starts: keep the longest run that has a reason
        found = None
        for stop in range(end, index, -1):
            lines = list(blocks[index:stop])
            following = blocks[stop] if stop < len(blocks) else None
            if following is None or following.kind != TEXT:
                continue
            if not ends_paragraph(following.text) and ems(following.text) < ems(lines[-1].text) \
                    and not split_byline(following.text, first=True):
                continue              # the next shred of a narrow column
            why = _evidence(lines, following)
            if why:
                found = (lines, why)
                break
        if found is None:
            out.append(block)
            index += 1
            continue
        taken, why = found
        lines = list(taken)
        if len(lines) >= 2 and len(lines[0].text) <= MAX_BANNER and len(_parts(lines[0].text)) == 1 \
                and _in_parts(lines[1].text) or _BRACKETED.fullmatch(lines[0].text):
            banner = lines.pop(0)
            out.append(replace(banner, kind=BANNER, text=banner.text.strip("【】〖〗[]［］")))
            journal.record(f"column banner {GUESS}", [banner.line], detail="a short line over a headline")
        if lines:
            head = Block(lines[0].line, HEADLINE, " ".join(b.text for b in lines), tuple(b.line for b in lines[1:]))
            out.append(head)
            journal.record(f"headline {GUESS}", [b.line for b in lines], detail=why)
        index += len(taken)
    return replace(draft, blocks=tuple(out))
