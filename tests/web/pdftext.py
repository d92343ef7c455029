"""The printed pages' text read back from the PDF with pdfplumber: glyphs
grouped into runs (a line of one column or one headline), in points from the
TrimBox's top-left corner, the picture the edition shows of each page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber


@dataclass
class Run:
    page: int
    text: str
    chars: list[tuple[float, float, float, float]]     # x0, top, x1, bottom per glyph (trim space)

    @property
    def box(self) -> tuple[float, float, float, float]:
        xs0, tops, xs1, bottoms = zip(*self.chars)
        return min(xs0), min(tops), max(xs1), max(bottoms)


def trim_boxes(pdf: Path) -> list[tuple[float, float, float, float]]:
    """Each page's TrimBox as pdfplumber places it (x0, top, x1, bottom, in its
    top-down coordinates, where a glyph's x0 and top are measured too)."""
    with pdfplumber.open(pdf) as document:
        return [tuple(float(v) for v in page.trimbox) for page in document.pages]


def text_runs(pdf: Path) -> list[list[Run]]:
    """Per page, the runs of glyphs that stand on one baseline without a gap
    wider than half their size (a column's gutter is a whole em)."""
    boxes = trim_boxes(pdf)
    pages = []
    with pdfplumber.open(pdf) as document:
        for number, (page, box) in enumerate(zip(document.pages, boxes), start=1):
            dx, dy = box[0], box[1]         # glyphs from the TrimBox's top-left corner
            glyphs = [c for c in page.chars if c["text"].strip()]
            glyphs.sort(key=lambda c: (round(c["bottom"], 1), c["x0"]))
            runs, current, last = [], None, None
            for c in glyphs:
                same_line = last is not None and abs(c["bottom"] - last["bottom"]) < 0.5 \
                    and abs(c["size"] - last["size"]) < 0.5 and c["x0"] - last["x1"] < 0.5 * c["size"]
                if not same_line:
                    current = Run(number, "", [])
                    runs.append(current)
                current.text += c["text"]
                current.chars.append((c["x0"] - dx, c["top"] - dy, c["x1"] - dx, c["bottom"] - dy))
                last = c
            pages.append(runs)
    return pages


def article_texts(issue) -> dict[str, str]:
    """Everything an article prints, whitespace removed, byline run into the text
    as print sets it."""
    texts = {}
    for article in issue.articles():
        parts = [article.kicker, article.title, article.subtitle, article.column, article.byline]
        parts += [p.text for p in article.paragraphs]
        parts += [t for image in article.images for t in (image.caption, image.credit)]
        texts[article.id] = "".join("".join(p.split()) for p in parts if p)
    return texts
