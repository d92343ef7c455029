"""Make-up checks of `publish check FILE.pdf`, read from the PDF itself (pdfium):

- overlap: no picture covers a glyph or another picture, no glyph prints over
  another; with the build report, every glyph and picture below the page's
  furniture lies inside one module's rectangle and no two rectangles overlap
  (so no module's text or picture sits in another's box);
- fill:    per page, the share of the type area below the furniture that is not
  a hole (white deeper than the format's hole_rows in a column); a page under
  the format's fill target fails unless the build warned about it (skipped
  without the build report).

Positions are put on the format's grid (columns x rows of body type), as the
make-up sees the page.
"""
from __future__ import annotations

import ctypes

MARKS = set("。，、；：？！”’）》」』…—“‘（《「『【〔·")
HEADLINE_PT = 13.5          # display type (titles, kickers) is set above this


def _objects(path, fmt):
    """Per page: glyphs (x0, top, x1, bottom, size, char) and pictures (x0, top, x1,
    bottom), in points from the type area's top-left corner."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    ox = fmt.margin_left_mm * 72 / 25.4
    oy = fmt.margin_top_mm * 72 / 25.4
    pages = []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            left, bottom, right, top = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
            trim_x0, trim_top = 0.0, page.get_height()
            if raw.FPDFPage_GetTrimBox(page.raw, left, bottom, right, top):
                trim_x0, trim_top = left.value, top.value
            text = page.get_textpage()
            glyphs = []
            for index in range(text.count_chars()):
                char = text.get_text_range(index, 1)
                if not char or char.isspace():
                    continue
                x0, y0, x1, y1 = text.get_charbox(index, loose=False)
                size = raw.FPDFText_GetFontSize(text.raw, index)
                glyphs.append((x0 - trim_x0 - ox, trim_top - y1 - oy, x1 - trim_x0 - ox, trim_top - y0 - oy,
                               size, char))
            images = []
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]):
                x0, y0, x1, y1 = obj.get_bounds()
                images.append((x0 - trim_x0 - ox, trim_top - y1 - oy, x1 - trim_x0 - ox, trim_top - y0 - oy))
            pages.append((glyphs, images))
            text.close()
            page.close()
    finally:
        document.close()
    return pages


def _module_boxes(fmt, page: dict) -> list[tuple[str, float, float, float, float]]:
    boxes = []
    for module in page.get("modules", []):
        x0 = fmt.column_x(module["column"] - 1)
        top = fmt.row_y(module["row"] - 1)
        boxes.append(("+".join(module.get("articles") or [module.get("kind", "?")]), x0, top,
                      x0 + fmt.span_pt(module["span"]), top + module["rows"] * fmt.pitch_pt))
    return boxes


def check_overlap(pages, fmt, report: dict | None) -> tuple[bool, str]:
    problems = []
    report_pages = (report or {}).get("pages") or []
    for number, (glyphs, images) in enumerate(pages, 1):
        limit = fmt.top_rows(number) * fmt.pitch_pt
        below = [g for g in glyphs if g[3] > limit + 1]
        for i, box in enumerate(images):
            covered = next((g for g in below if box[0] < (g[0] + g[2]) / 2 < box[2]
                            and box[1] < (g[1] + g[3]) / 2 < box[3]), None)
            if covered:
                problems.append(f"page {number}: a picture covers “{covered[5]}”")
            for other in images[i + 1:]:
                if min(box[2], other[2]) - max(box[0], other[0]) > 1 and \
                        min(box[3], other[3]) - max(box[1], other[1]) > 1:
                    problems.append(f"page {number}: two pictures overlap")
        grid: dict = {}
        for g in below:
            grid.setdefault((int(g[0] // 20), int(g[1] // 20)), []).append(g)
        for g in below:
            if g[5] in MARKS:
                continue
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for h in grid.get((int(g[0] // 20) + dx, int(g[1] // 20) + dy), ()):
                        if h is g or h[5] in MARKS or id(h) < id(g):
                            continue
                        w = min(g[2], h[2]) - max(g[0], h[0])
                        t = min(g[3], h[3]) - max(g[1], h[1])
                        if w > 0.3 * min(g[2] - g[0], h[2] - h[0]) and t > 0.3 * min(g[4], h[4]):
                            problems.append(f"page {number}: “{g[5]}” prints over “{h[5]}”")
        if number <= len(report_pages) and "modules" in report_pages[number - 1]:
            boxes = _module_boxes(fmt, report_pages[number - 1])
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    if min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1:
                        problems.append(f"page {number}: modules {a[0]} and {b[0]} overlap")
            slack = fmt.gutter_pt
            for g in below:
                cx, cy = (g[0] + g[2]) / 2, (g[1] + g[3]) / 2
                if not any(b[1] - slack <= cx <= b[3] + slack and b[2] - slack <= cy <= b[4] + slack for b in boxes):
                    problems.append(f"page {number}: “{g[5]}” at {cx:.0f}, {cy:.0f} pt lies in no module")
                    break
            for box in images:
                if not any(b[1] - 1 <= box[0] and box[2] <= b[3] + 1 and b[2] - 1 <= box[1] and box[3] <= b[4] + 1
                           for b in boxes):
                    problems.append(f"page {number}: a picture at {box[0]:.0f}, {box[1]:.0f} pt "
                                    f"leaves its module")
    if problems:
        shown = list(dict.fromkeys(problems))
        return False, "; ".join(shown[:8]) + (f"; … and {len(shown) - 8} more" if len(shown) > 8 else "")
    modules = ", each inside its module" if any("modules" in page for page in report_pages) else ""
    return True, f"no picture or glyph prints over another on {len(pages)} pages{modules}"


def page_fill(glyphs, images, fmt, number: int) -> tuple[float, tuple[int, int, int]]:
    """(fill, (columns, rows, first row) of the largest hole) of one page."""
    rows, columns, pitch = fmt.rows, fmt.columns, fmt.pitch_pt
    step = fmt.column_pt + fmt.gutter_pt
    top_rows = fmt.top_rows(number)
    inked = [[False] * columns for _ in range(rows)]

    def mark(x0, top, x1, bottom, widen=0):
        r0, r1 = max(0, int(top // pitch)), min(rows - 1, int((bottom - 0.01) // pitch))
        for c in range(columns):
            left = c * step
            if left < x1 - 1 + widen * step and x0 + 1 - widen * step < left + fmt.column_pt:
                for r in range(r0, r1 + 1):
                    inked[r][c] = True
    for g in glyphs:
        if g[4] >= HEADLINE_PT:     # a display line speaks for its module's width around it
            mark(g[0], g[1] - pitch, g[2], g[3] + pitch, widen=2)
        else:
            mark(g[0], g[1], g[2], g[3])
    for box in images:
        mark(*box)
    hole = fmt.fill["hole_rows"]
    holes = [[False] * columns for _ in range(rows)]
    for c in range(columns):
        start = None
        for r in range(top_rows + 1, rows + 1):
            empty = r < rows and not inked[r][c]
            if empty and start is None:
                start = r
            elif not empty and start is not None:
                if r - start > hole:
                    for k in range(start, r):
                        holes[k][c] = True
                start = None
    area = (rows - top_rows - 1) * columns
    heights, best = [0] * columns, (0, 0, 0)
    for r in range(rows):
        heights = [h + 1 if holes[r][c] else 0 for c, h in enumerate(heights)]
        for left in range(columns):
            low = heights[left]
            for right in range(left, columns):
                low = min(low, heights[right])
                if not low:
                    break
                if low * (right - left + 1) > best[0] * best[1]:
                    best = (right - left + 1, low, r - low + 2)
    return 1 - sum(map(sum, holes)) / area, best


def check_fill(pages, fmt, report: dict | None) -> tuple[bool | None, str]:
    """None (skipped) without a build report of the make-up: the fill target is
    the broadsheet format's, and whether a short page was warned is in the report."""
    if not report or not any("modules" in page for page in report.get("pages") or ()):
        return None, "no build report of the make-up beside the PDF"
    warnings = report.get("warnings") or []
    figures, problems = [], []
    for number, (glyphs, images) in enumerate(pages, 1):
        fill, (columns, rows, row) = page_fill(glyphs, images, fmt, number)
        figures.append(f"{number}: {fill:.2f}")
        if fill < fmt.fill_target(number):
            warned = any(w.startswith(f"page {number} ") for w in warnings)
            if warned:
                figures[-1] += " (short, warned)"
            else:
                problems.append(f"page {number} filled {fill:.2f} (target {fmt.fill_target(number):.2f}): "
                                f"{columns} columns × {rows} lines empty from row {row}, not warned")
    if problems:
        return False, "; ".join(problems)
    return True, "pages " + ", ".join(figures)


def check_makeup(path, report: dict | None) -> list[tuple[str, bool | None, str]]:
    from ..layout.format import broadsheet

    fmt = broadsheet()
    pages = _objects(path, fmt)
    return [("overlap", *check_overlap(pages, fmt, report)), ("fill", *check_fill(pages, fmt, report))]
