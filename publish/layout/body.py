"""An article's body as composed lines of one column, each paragraph kind set as
a Chinese paper prints it.

Every line keeps the body's 12-pt pitch and size (the planner counts rows, and a
column's lines stand on one grid); a kind differs by its face, indent and
alignment only:

- text: 书宋, 2-em first-line indent, justified; the byline (本报讯（记者…）)
  starts the first text paragraph in 楷体.
- intertitle 小标题: 黑体 on lines of its own, centred, never letter-spaced.
- caption 图片说明 standing in the text, note 数据来源/注: 楷体, justified
  (a caption without indent, a note with the paragraph indent).
- credit 摄影: 楷体, flush right.
- label 核心阅读: 黑体 on a line of its own, flush left.
- author 文/潮生: 楷体 on a line of its own, centred under the title when it
  opens the body, flush right when it signs the end (（作者为…）).
- verse: each line of a stanza as written, no first-line indent, a turn-over
  hanging by 2 em; a blank row between stanzas.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..fonts import PARAGRAPH_ROLES
from ..model import Article, Paragraph
from ..typeset import Composer, Line, Run

VERSE_HANG_EM = 2.0
BLANK = Line((), 0.0, 0.0, True)       # a blank row (between stanzas)


@dataclass(frozen=True)
class KindStyle:
    """How one paragraph kind is set in a column."""

    indent: bool            # the paragraph's first-line indent (the format's indent_em)
    align: str              # justify | start | center | end

    def role(self, kind: str) -> str:
        return PARAGRAPH_ROLES.get(kind, "body")


STYLES = {
    "text": KindStyle(True, "justify"),
    "intertitle": KindStyle(False, "center"),
    "caption": KindStyle(False, "justify"),
    "credit": KindStyle(False, "end"),
    "note": KindStyle(True, "justify"),
    "label": KindStyle(False, "start"),
    "author": KindStyle(False, "center"),
    "verse": KindStyle(False, "start"),
}


def is_verse(article: Article, paragraph: Paragraph) -> bool:
    """A stanza: a verse paragraph, or a text paragraph of a poem (`verse = true`)."""
    return paragraph.kind == "verse" or (article.verse and paragraph.kind == "text")


def body_lines(composer: Composer, article: Article, measure: float, indent: float) -> list[Line]:
    """Every line of the article's body at one column's `measure` (em), paragraph
    first-line indent `indent` (em)."""
    lines: list[Line] = []
    paragraphs = article.paragraphs
    byline_at = _byline_paragraph(article)
    if article.byline and byline_at is None:
        # No paragraph to start: the byline stands on a line of its own.
        lines += composer.compose([Run(article.byline, "kai")], measure, indent=0, align="start")
    for index, paragraph in enumerate(paragraphs):
        if is_verse(article, paragraph):
            if lines and index and is_verse(article, paragraphs[index - 1]):
                lines.append(BLANK)
            lines += _stanza(composer, paragraph, measure)
            continue
        style = STYLES[paragraph.kind]
        role = style.role(paragraph.kind)
        align = style.align
        if paragraph.kind == "author" and index > 0 and any(
                p.kind not in ("author", "label") for p in paragraphs[:index]):
            align = "end"               # a signature after the text
        runs = [Run(paragraph.text.replace("\n", ""), role)]
        if index == byline_at and article.byline:      # (byline_at is None without one)
            runs.insert(0, Run(article.byline, "kai"))
        lines += composer.compose(runs, measure, indent=indent if style.indent else 0.0, align=align)
    return lines


def _byline_paragraph(article: Article) -> int | None:
    """The paragraph the byline starts: the first text paragraph (not a stanza)."""
    if not article.byline:
        return None
    return next((i for i, p in enumerate(article.paragraphs)
                 if p.kind == "text" and not is_verse(article, p)), None)


def _stanza(composer: Composer, paragraph: Paragraph, measure: float) -> list[Line]:
    """A stanza line for line: each verse line starts flush left, its turn-overs
    hang by 2 em. An empty verse line is a blank row."""
    lines: list[Line] = []
    role = PARAGRAPH_ROLES.get(paragraph.kind, "body")
    for verse_line in paragraph.text.split("\n"):
        if not verse_line.strip():
            lines.append(BLANK)
            continue
        lines += composer.compose([Run(verse_line, role)], measure, indent=0.0, align="start",
                                  hang=VERSE_HANG_EM)
    return lines
