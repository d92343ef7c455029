"""What a page editor checks, measured from a built PDF alone (pdfplumber).

    measure(pdf, issue) -> list[PageFigures]

Nothing here asks the planner: glyphs, pictures and rules are read back from
the PDF and put on the grid of the format (columns x rows of body type).

- fill:        share of the grid below the furniture that is not a hole, a hole
               being white deeper than `hole_rows` in a column (headline rows
               count as covered across the module, between the 栏线 around them)
- overlaps:    glyphs printed over glyphs, pictures over glyphs or pictures
- butting:     headlines side by side at one height with nothing between them
               (碰题); headlines inside a framed box are exempt
- short_cols:  a story's last column of one or two lines beside full ones
- thin:        a story spread over five or more columns of a few lines each
- headline_lines / broken: title lines beyond the limit; breaks inside a word
- white:       most white above / below a headline, in lines
- widows:      a paragraph's last line alone at the top of a column
- lone_chars:  paragraph-final lines of one character (孤字)
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pdfread import FMT, text_counter, trim_box, type_area_origin  # noqa: E402
BREAK_AFTER = set("，、；：！？。”’）》」』…—")

BODY = FMT.body_pt
PITCH = FMT.pitch_pt
STEP = FMT.column_pt + FMT.gutter_pt
THIN_LINES = 4                  # a story over 5+ columns of no more lines than this reads as a strip
HEADLINE_MIN_PT = 13.5          # title, kicker and subtitle sizes are above this
PUNCT = set("。，、；：？！”’）》」』…—")
MARKS = PUNCT | set("“‘（《「『【〔·")


@dataclass
class PageFigures:
    number: int
    fill: float = 1.0
    largest_empty: tuple[int, int] = (0, 0)      # columns x lines
    overlaps: list[str] = field(default_factory=list)
    butting: list[str] = field(default_factory=list)
    short_cols: list[str] = field(default_factory=list)
    thin: list[str] = field(default_factory=list)
    headline_lines: int = 0                     # most lines of one title
    over_limit: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    white_above: float = 0.0
    white_below: float = 0.0
    white_faults: list[str] = field(default_factory=list)
    widows: int = 0
    lone_chars: int = 0
    paragraphs: int = 0
    jumps: int = 0
    largest_title_pt: float = 0.0
    lead_title_pt: float = 0.0


@dataclass
class _Glyph:
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float
    text: str


def _page_objects(path: Path):
    """Per page: glyphs, pictures, vertical rules and boxes in type-area points."""
    tx0, _, _, ty1 = trim_box(path)
    ox, oy = type_area_origin()
    pages = []
    with pdfplumber.open(path) as pdf:
        height = float(pdf.pages[0].height)
        for page in pdf.pages:
            # pdfplumber's top is from the MediaBox top; the trim box sits `bleed` lower
            dy = height - ty1 + oy
            glyphs = [_Glyph(c["x0"] - tx0 - ox, c["x1"] - tx0 - ox, c["top"] - dy, c["bottom"] - dy,
                             ty1 - c["matrix"][5] - oy, round(c["size"], 2), c["text"])
                      for c in page.chars if not c["text"].isspace()]
            images = [(i["x0"] - tx0 - ox, i["top"] - dy, i["x1"] - tx0 - ox, i["bottom"] - dy)
                      for i in page.images]
            verticals, boxes, rules = [], [], []
            for r in page.rects + page.lines:
                x0, x1, top, bottom = r["x0"] - tx0 - ox, r["x1"] - tx0 - ox, r["top"] - dy, r["bottom"] - dy
                if x1 - x0 < 2 and bottom - top > PITCH:
                    verticals.append((x0, top, bottom))
                elif x1 - x0 > 40 and bottom - top > 2 * PITCH:
                    boxes.append((x0, top, x1, bottom))
                    rules += [(x0, top, x1, top), (x0, bottom, x1, bottom)]     # a frame's edges
                elif x1 - x0 > 20 and bottom - top < 2:
                    rules.append((x0, top, x1, bottom))
            pages.append((glyphs, images, verticals, boxes, rules))
    return pages


def _headline_blocks(glyphs: list[_Glyph], top_limit: float) -> list[dict]:
    """Lines of display type grouped into blocks (kicker, title, subtitle)."""
    lines: dict[tuple[int, float], list[_Glyph]] = {}
    for g in glyphs:
        if g.size >= HEADLINE_MIN_PT and g.top > top_limit:
            lines.setdefault((round(g.base), g.size), []).append(g)
    runs = []
    for (_base, size), found in lines.items():
        found.sort(key=lambda g: g.x0)
        run = [found[0]]
        for g in found[1:]:
            if g.x0 - run[-1].x1 > 1.5 * size:
                runs.append(run)
                run = [g]
            else:
                run.append(g)
        runs.append(run)
    lines_ = [{"x0": r[0].x0, "x1": r[-1].x1, "top": min(g.top for g in r), "bottom": max(g.bottom for g in r),
               "size": r[0].size, "text": "".join(g.text for g in r)} for r in runs]
    lines_.sort(key=lambda line: (line["top"], line["x0"]))
    blocks: list[dict] = []
    for line in lines_:
        for block in blocks:
            if line["top"] - block["bottom"] < 0.9 * line["size"] and \
                    min(line["x1"], block["x1"]) > max(line["x0"], block["x0"]):
                block["lines"].append(line)
                block.update(x0=min(block["x0"], line["x0"]), x1=max(block["x1"], line["x1"]),
                             bottom=max(block["bottom"], line["bottom"]))
                break
        else:
            blocks.append({"x0": line["x0"], "x1": line["x1"], "top": line["top"], "bottom": line["bottom"],
                           "lines": [line]})
    for block in blocks:
        biggest = max(line["size"] for line in block["lines"])
        block["size"] = biggest
        block["title"] = [line for line in block["lines"] if line["size"] == biggest]
    return blocks


_JIEBA = None


def _words(text: str) -> set[int]:
    """Offsets between two words of jieba's own cut (dictionary only, as the make-up's
    rule claims to honour), its cache kept in a temporary folder of this process."""
    global _JIEBA
    if _JIEBA is None:
        import atexit
        import logging
        import shutil
        import tempfile

        import jieba
        jieba.setLogLevel(logging.WARNING)
        _JIEBA = jieba.Tokenizer()
        _JIEBA.tmp_dir = tempfile.mkdtemp(prefix="measure-jieba-")
        atexit.register(shutil.rmtree, _JIEBA.tmp_dir, True)
    found, at = set(), 0
    for word in _JIEBA.cut(text, HMM=False):
        at += len(word)
        found.add(at)
    return found


def _break_points(text: str) -> set[int]:
    """Where a headline may end a line, found independently of the make-up: at a
    space, after a punctuation mark, or between two words of jieba's cut."""
    points = {i for i, ch in enumerate(text) if i and (ch in " \u3000" or text[i - 1] in BREAK_AFTER)}
    return points | _words(text)


def _inside(box, x0, top, x1, bottom, slack=1.0) -> bool:
    return box[0] - slack <= x0 and x1 <= box[2] + slack and box[1] - slack <= top and bottom <= box[3] + slack


def _mark(inked: list[list[bool]], x0, top, x1, bottom) -> None:
    """Mark the grid cells (row, column) the box covers as inked."""
    r0, r1 = max(0, int(top // PITCH)), min(len(inked) - 1, int((bottom - 0.01) // PITCH))
    for c in range(FMT.columns):
        left = c * STEP
        if left < x1 - 1 and x0 < left + FMT.column_pt - 1:
            for r in range(r0, r1 + 1):
                inked[r][c] = True


def measure(pdf: Path, issue, report: dict | None = None) -> list[PageFigures]:
    import re

    titles = {a.title.replace(" ", "").replace("\u3000", ""): a.title for a in issue.articles()}
    out = []
    for number, (glyphs, images, verticals, boxes, rules) in enumerate(_page_objects(Path(pdf)), start=1):
        fig = PageFigures(number)
        top_rows = FMT.top_rows(number)
        top_limit = top_rows * PITCH
        below = [g for g in glyphs if g.base > top_limit]
        # -- overlaps ---------------------------------------------------------------
        cells: dict[tuple[int, int], list[_Glyph]] = {}
        for g in below:
            cells.setdefault((int(g.x0 // 20), int(g.top // 20)), []).append(g)
        seen = 0
        for g in below:
            for dx in (-1, 0, 1):
                for dy_ in (-1, 0, 1):
                    for h in cells.get((int(g.x0 // 20) + dx, int(g.top // 20) + dy_), ()):
                        if h is g or id(h) < id(g) or g.text in MARKS or h.text in MARKS:
                            continue        # pdfplumber boxes a halved mark at full width
                        w = min(g.x1, h.x1) - max(g.x0, h.x0)
                        hgt = min(g.bottom, h.bottom) - max(g.top, h.top)
                        if w > 0.3 * min(g.x1 - g.x0, h.x1 - h.x0) and hgt > 0.3 * min(g.size, h.size):
                            seen += 1
                            if seen <= 3:
                                fig.overlaps.append(f"{g.text}/{h.text} at {g.x0:.0f},{g.top:.0f}")
        if seen > 3:
            fig.overlaps.append(f"… {seen} glyph overlaps in all")
        for i, box in enumerate(images):
            for g in below:
                cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
                if box[0] < cx < box[2] and box[1] < cy < box[3]:
                    fig.overlaps.append(f"picture {i + 1} covers {g.text} at {g.x0:.0f},{g.top:.0f}")
                    break
            for other in images[i + 1:]:
                if min(box[2], other[2]) - max(box[0], other[0]) > 1 and \
                        min(box[3], other[3]) - max(box[1], other[1]) > 1:
                    fig.overlaps.append(f"pictures overlap at {box[0]:.0f},{box[1]:.0f}")
        # -- headlines --------------------------------------------------------------
        blocks = _headline_blocks(below, top_limit)
        framed = [b for b in blocks if any(_inside(box, b["x0"], b["top"], b["x1"], b["bottom"], 3)
                                           for box in boxes)]
        for block in blocks:
            text = "".join(line["text"] for line in block["title"])
            source = titles.get(text)
            fig.headline_lines = max(fig.headline_lines, len(block["title"]))
            if block in framed:
                continue            # teaser boxes and 栏目 frames set their own titles
            if len(block["title"]) > FMT.headline.title_max_lines:
                fig.over_limit.append(f"{text[:12]} in {len(block['title'])} lines")
            if source and len(block["title"]) > 1:
                points = _break_points(source)
                at, offset = [], 0
                compact = source.replace(" ", "")
                for line in block["title"][:-1]:
                    offset += len(line["text"])
                    at.append(offset)
                # map offsets in the text without spaces back to the source
                mapping, k = {}, 0
                for i, ch in enumerate(source):
                    if ch != " ":
                        k += 1
                        mapping[k] = i + 1
                for cut in at:
                    pos = mapping.get(cut)
                    ok = pos is not None and (pos in points or (pos < len(source) and source[pos] == " "))
                    if not ok:
                        fig.broken.append(f"{compact[:cut]}/{compact[cut:]}")
        page_titles = [b for b in blocks if b not in framed]
        for a in page_titles:
            for b in page_titles:
                if a is b or a["x1"] >= b["x0"]:
                    continue
                if not (a["top"] < b["bottom"] + 2 * PITCH and b["top"] < a["bottom"] + 2 * PITCH):
                    continue
                lo, hi = max(a["top"], b["top"]), min(a["bottom"], b["bottom"])
                between = [g for g in below if a["x1"] < g.x0 and g.x1 < b["x0"]
                           and g.top < max(hi, lo) + PITCH and g.bottom > min(lo, hi) - PITCH]
                pictures = [i for i in images if a["x1"] <= i[0] and i[2] <= b["x0"] + 1
                            and i[1] < hi and i[3] > lo]
                if not between and not pictures:
                    fig.butting.append(f"{a['title'][0]['text'][:8]} | {b['title'][0]['text'][:8]}")
        sizes = [b["size"] for b in page_titles]
        fig.largest_title_pt = max(sizes, default=0.0)
        if page_titles:
            first = min(page_titles, key=lambda b: (round(b["top"] / PITCH), b["x0"]))
            fig.lead_title_pt = first["size"]
        # white above / below each headline block (ink to ink, in the block's columns)
        ink = [(g.x0, g.top, g.x1, g.bottom) for g in below if g.size < HEADLINE_MIN_PT] + images \
            + [(b["x0"], b["top"], b["x1"], b["bottom"]) for b in blocks] \
            + [r for r in rules if r[1] > top_limit]          # a rule or a frame's edge is not white
        for block in page_titles:
            beside = [i for i in ink if min(i[2], block["x1"]) > max(i[0], block["x0"])]
            over = [i for i in beside if i[3] <= block["top"] + 0.5]
            under = [i for i in beside if i[1] >= block["bottom"] - 0.5]
            if over:
                gap = (block["top"] - max(i[3] for i in over)) / PITCH
                fig.white_above = max(fig.white_above, gap)
                limit = FMT.module_gap_rows + FMT.headline.space_rows + 1 + 1.5
                if gap > limit:
                    fig.white_faults.append(f"{gap:.1f} lines above {block['title'][0]['text'][:8]}")
            if under:
                gap = (min(i[1] for i in under) - block["bottom"]) / PITCH
                fig.white_below = max(fig.white_below, gap)
                if gap > FMT.headline.space_rows + 1 + 1.5:
                    fig.white_faults.append(f"{gap:.1f} lines below {block['title'][0]['text'][:8]}")
        # -- the grid: fill and holes ---------------------------------------------------
        rows = FMT.rows
        inked = [[False] * FMT.columns for _ in range(rows)]
        for g in below:
            _mark(inked, g.x0, g.top, g.x1, g.bottom)
        for i in images:
            _mark(inked, *i)
        for block in blocks:        # a headline covers its module's width: out to the rules beside it
            left, right = 0.0, FMT.type_width_pt
            for x, t, b in verticals:
                if t < block["bottom"] and b > block["top"]:
                    if x <= block["x0"]:
                        left = max(left, x)
                    elif x >= block["x1"]:
                        right = min(right, x)
            _mark(inked, left + 1, block["top"] - PITCH, right - 1, block["bottom"] + PITCH)
        holes = [[False] * FMT.columns for _ in range(rows)]
        for c in range(FMT.columns):
            run = None
            for r in range(top_rows + 1, rows + 1):
                empty = r < rows and not inked[r][c]
                if empty and run is None:
                    run = r
                elif not empty and run is not None:
                    if r - run > FMT.fill["hole_rows"]:
                        for k in range(run, r):
                            holes[k][c] = True
                    run = None
        area = (rows - top_rows - 1) * FMT.columns
        fig.fill = round(1 - sum(map(sum, holes)) / area, 3)
        heights, best = [0] * FMT.columns, (0, 0)
        for r in range(rows):
            heights = [h + 1 if holes[r][c] else 0 for c, h in enumerate(heights)]
            for left in range(FMT.columns):
                low = heights[left]
                for right in range(left, FMT.columns):
                    low = min(low, heights[right])
                    if not low:
                        break
                    if low * (right - left + 1) > best[0] * best[1]:
                        best = (right - left + 1, low)
        fig.largest_empty = best
        # -- body columns: short last columns, widows, 孤字 ------------------------------
        body = [g for g in below if abs(g.size - BODY) < 0.05]
        by_line: dict[tuple[int, int], list[_Glyph]] = {}
        for g in body:
            # by the glyph's centre: a halved opening mark at a column's head is boxed
            # at full width, reaching back into the gutter
            column = int(((g.x0 + g.x1) / 2 + FMT.gutter_pt / 2) // STEP)
            by_line.setdefault((column, round(g.base)), []).append(g)
        lines = {}
        for (column, base), found in by_line.items():
            found.sort(key=lambda g: g.x0)
            if found[-1].x1 - found[0].x0 > FMT.column_pt + BODY:
                continue            # a caption or the imprint across columns
            x0 = found[0].x0 - column * STEP
            lines[(column, base)] = {"x0": x0, "x1": found[-1].x1 - column * STEP,
                                     "text": "".join(g.text for g in found)}
        runs = []                   # vertical runs of body lines in one column
        for column in range(FMT.columns):
            bases = sorted(b for c, b in lines if c == column)
            run = []
            for base in bases:
                if run and base - run[-1] > PITCH + 1:
                    runs.append((column, run))
                    run = []
                run.append(base)
            if run:
                runs.append((column, run))
        full = FMT.column_pt - BODY * 0.75
        for column, run in runs:
            first = lines[(column, run[0])]
            if len(run) >= 2 or first["x0"] < BODY:
                if first["x1"] < full and first["x0"] < BODY * 0.5 and len(run) > 1:
                    nxt = lines[(column, run[1])]
                    if nxt["x0"] > BODY * 1.5:      # the next line starts a paragraph
                        fig.widows += 1
            for k, base in enumerate(run):
                line = lines[(column, base)]
                if line["x0"] > BODY * 1.5:
                    fig.paragraphs += 1
                final = k == len(run) - 1 or lines[(column, run[k + 1])]["x0"] > BODY * 1.5
                core = line["text"].rstrip("".join(PUNCT))
                if final and len(core) == 1 and line["x0"] < BODY * 0.5 and line["x1"] < full:
                    fig.lone_chars += 1
        # a story's columns: runs side by side with one top; the last much shorter
        tops: dict[int, list[tuple[int, list[int]]]] = {}
        for column, run in runs:
            tops.setdefault(round(run[0]), []).append((column, run))
        for top, group in tops.items():
            group.sort()
            chain = [group[0]]
            for item in group[1:]:
                if item[0] == chain[-1][0] + 1:
                    chain.append(item)
                else:
                    chain = [item]
                if len(chain) >= 2:
                    last, before = chain[-1][1], chain[-2][1]
                    nxt_col = chain[-1][0] + 1
                    continues = any(c == nxt_col and round(r[0]) == top for c, r in runs)
                    if len(last) <= 2 and len(before) >= 6 and not continues:
                        fig.short_cols.append(f"column {chain[-1][0] + 1}: {len(last)} lines beside {len(before)}")
            chains, chain = [], [group[0]]
            for item in group[1:]:
                if item[0] == chain[-1][0] + 1:
                    chain.append(item)
                else:
                    chains.append(chain)
                    chain = [item]
            chains.append(chain)
            for chain in chains:        # a story spread thin: 5+ columns of a few lines each
                if len(chain) >= 5 and max(len(run) for _, run in chain) <= THIN_LINES:
                    fig.thin.append(f"{len(chain)} columns of {max(len(run) for _, run in chain)} lines "
                                    f"from column {chain[0][0] + 1}")
        fig.jumps = sum(1 for g in glyphs if g.text == "转") and len(
            re.findall("下转第", "".join(g.text for g in glyphs)))
        out.append(fig)
    return out


def lost_characters(pdf: Path, issue) -> int:
    wanted: Counter = Counter()
    for article in issue.articles():
        for text in (article.kicker, article.title, article.subtitle, article.byline, *article.texts()):
            wanted.update(ch for ch in (text or "") if not ch.isspace())
    return sum((wanted - text_counter(Path(pdf))).values())
