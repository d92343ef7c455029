"""rejoin: put back together paragraphs that the print columns broke apart.

A block that does not end a paragraph (no sentence-final punctuation, and
not a teaser, signature, photo credit or jump line) continues in the next
block of the same run, whatever its width; so does a block that starts with
a mark no line may start with (”，。）…) when the paragraph before is
unfinished or left a quote or bracket open (otherwise it is the rest of a
sentence cut elsewhere, for the breaks rule). A
paragraph broken at a column boundary (…提升 / 重点地区…) and a narrow
column shredded into one printed line per block are the same damage. Never
across a headline, into a byline (a new story starts there) or into a teaser
line.

When the same unfinished block occurs several times with different
continuations (a truncated copy followed by some other paragraph), only the
continuation seen most often is taken and the others are left apart, so a
truncated duplicate does not swallow the paragraph after it. A rebuilt
paragraph is looked at again for a byline that a column edge had cut.

A printed line that ends in 。 exactly at the column edge looks like the end
of its paragraph. In a shredded column the widths tell: every line of a
paragraph fills the column but the last, and a new paragraph's first line is
two ems short of it (its indent, which extraction drops), so a full line
ending in 。 followed by a line that is not two ems short goes on.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .bylines import combined, marked
from .draft import Draft, Para, Run, with_runs
from .journal import Journal
from .text import MIN_SHARED, NO_LINE_START, TEASER, ems, ends_paragraph, glue
from .kinds import MAX_CAPTION, fixed_kind
from .teasers import MAX_TEASER


MAX_SHRED = 30       # ems: wider blocks are not a narrow column's lines
MIN_SHREDS = 3
LEFT_APART = "left apart: elsewhere this line continues differently"


PICTURE_AND_BOX = ("credit", "caption", "note", "label")   # may stand between a paragraph's two halves


def may_continue(left: Para, right: Para) -> bool:
    """May `right` be the continuation of `left`, by the text alone? Only text
    continues text; a caption broken at its column edge continues too."""
    if right.byline is not None or right.kind != "text":
        return False
    if left.kind == "caption":
        return not ends_paragraph(left.text) and len(glue(left.text, right.text)) <= 2 * MAX_CAPTION
    if left.kind != "text":
        return False
    if _teaser_line(right.text) and not _teaser_line(glue(left.text, right.text)):
        return False        # a teaser is not glued to text, but its own cut-off start is
    if left.byline is not None and not left.body:
        return False
    if not ends_paragraph(left.text):
        return True
    # a finished paragraph takes a piece starting with ”，。 only to close what it left open;
    # otherwise the piece is the rest of a sentence cut elsewhere (the breaks rule finds it)
    return right.text[0] in NO_LINE_START and _open_marks(left.text)


def _open_marks(text: str) -> bool:
    return any(text.count(a) > text.count(b) for a, b in ("“”", "‘’", "（）", "「」", "『』", "《》", "()"))


def _teaser_line(text: str) -> bool:
    return len(text) <= MAX_TEASER and TEASER.fullmatch(text) is not None


def with_byline(para: Para, journal: Journal) -> Para:
    """A rebuilt paragraph may show a byline that a column edge had cut (本 / 报讯（…）),
    or a longer one than its first piece did (本报讯（ / 记者…）), or be a credit,
    note or label whole."""
    if para.kind != "text":
        return para
    kind = fixed_kind(para.text)
    if kind is not None:            # 李 / 明 / 远摄: a credit broken at a column edge
        journal.record(f"{kind} rebuilt from pieces", para.lines)
        return replace(para, kind=kind)
    updated = marked(para)
    if updated.byline is None or updated.byline == para.byline:
        return para
    journal.record("byline at the start of a rebuilt paragraph", [para.line])
    return updated


def _successors(draft: Draft) -> dict[str, Counter]:
    seen: dict[str, Counter] = {}
    for run in draft.all_runs():
        for left, right in zip(run.paras, run.paras[1:]):
            if len(left.text) >= MIN_SHARED and may_continue(left, right):
                seen.setdefault(left.text, Counter())[right.text] += 1
    return {text: counts for text, counts in seen.items() if len(counts) > 1}


def column_width(paras) -> float | None:
    """The width in ems of the narrow column a run was shredded into, if it was: what
    most of its unfinished one-line blocks measure (three at least)."""
    widths = Counter(ems(p.text) for p in paras if len(p.pieces) == 1 and p.kind == "text"
                     and not ends_paragraph(p.text) and ems(p.text) <= MAX_SHRED)
    if not widths:
        return None
    width = max(widths, key=lambda w: (sum(n for v, n in widths.items() if abs(v - w) <= 0.5), w))
    return width if sum(n for v, n in widths.items() if abs(v - width) <= 0.5) >= MIN_SHREDS else None


def line_goes_on(left: Para, right: Para, width: float | None) -> bool:
    """In a shredded column, a full-width line ending in 。 goes on when the next one is
    not indented: a new paragraph's first line is two ems short of the column."""
    if width is None or right.kind != "text" or right.byline is not None or left.kind != "text":
        return False
    return -1.5 <= ems(left.pieces[-1]) - width <= 1 and abs(ems(right.text) - (width - 2)) > 0.5 \
        and (width - 1 <= ems(right.text) <= width + 0.5 or not ends_paragraph(right.text))


def apply(draft: Draft, journal: Journal) -> Draft:
    contested = _successors(draft)

    def rejoin(run: Run) -> Run:
        paras: list[Para] = []
        anchor = -1        # an unfinished paragraph that only pictures or box lines followed so far
        width = column_width(run.paras)
        for para in run.paras:
            at = anchor if anchor >= 0 else len(paras) - 1
            left = paras[at] if paras else None
            # a staff line rebuilt from pieces (记 / 者 方 洁) takes the dateline after it
            # (晨报讯 …), as one read whole does in the bylines rule
            if left is not None and at == len(paras) - 1 and len(left.lines) > 1 \
                    and (both := combined(left, para)) is not None:
                paras[at] = both
                journal.record("one byline from lines", both.lines)
                continue
            if left is not None and (may_continue(left, para) or line_goes_on(left, para, width)):
                counts = contested.get(left.pieces[-1])
                if counts and counts[para.text] < max(counts.values()):
                    journal.record(LEFT_APART, [left.lines[-1], para.line])
                else:
                    # read the byline again: the join may complete one (本 / 报记者 林彬)
                    paras[at] = with_byline(left.joined(para), journal)
                    across = at != len(paras) - 1
                    if across:
                        journal.record("joined across a picture or box", [left.lines[-1], para.line])
                    # still unfinished past the picture: the next text goes on with it too
                    anchor = at if across and paras[at].kind == "text" and not ends_paragraph(paras[at].text) else -1
                    continue
            if para.kind in PICTURE_AND_BOX and left is not None and left.kind == "text" \
                    and not ends_paragraph(left.text):
                anchor = at
            else:
                anchor = -1
            paras.append(para)
        if len(paras) == len(run.paras):
            return run
        for para in paras:
            if len(para.lines) > 1:
                journal.record("joined", para.lines)
        return Run(run.key, tuple(paras), run.origin, run.own)

    articles = tuple(with_runs(a, tuple(rejoin(r) for r in a.runs)) for a in draft.articles)
    return replace(draft, articles=articles, loose=tuple(rejoin(r) for r in draft.loose))
