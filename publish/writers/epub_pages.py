"""The picture of each printed page that its opener shows, for visual page navigation.

A reader of the paper finds a story by its place on the page. Each 第N版
opener therefore shows the page itself: rendered from the print PDF when this
build wrote one (greyscale JPEG, sized for e-ink and kept under a byte budget),
else a map drawn from the page plan (frames of the stories with their
titles; greyscale PNG, which keeps line art and type crisp where JPEG would
ring). Either way each story carries a numbered badge where the plan placed
it, and the opener lists the stories under the picture with the same numbers.
Without a plan (the make-up could not fit the issue) a PDF page is shown
without badges and no map is drawn.

Everything here is deterministic: no timestamps or random state reach the
encoders, so a rebuild gives the same bytes.
"""
from __future__ import annotations

import io
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .. import fonts
from ..model import Issue
from .epub_text import CLOSING

# A folder of their own: an article "page" has pictures images/page-1.jpg, ...
IMAGE_DIR = "images/pages"


@dataclass(frozen=True)
class PagePicture:
    number: int
    href: str             # relative to the OPF folder
    media_type: str
    data: bytes
    width: int
    height: int
    source: str           # "pdf" or "map"


@dataclass(frozen=True)
class Geometry:
    """Where the grid of the broadsheet sits on its trimmed page, in millimetres."""

    trim_width: float
    trim_height: float
    left: float
    top: float
    column: float
    gutter: float
    row: float
    columns: int
    masthead_span: int

    @classmethod
    def of(cls, fmt) -> "Geometry":
        from ..layout.format import MM
        return cls(fmt.trim_width_mm, fmt.trim_height_mm, fmt.margin_left_mm, fmt.margin_top_mm,
                   fmt.column_pt / MM, fmt.gutter_pt / MM, fmt.pitch_pt / MM, fmt.columns, fmt.masthead_span)

    def box(self, column: int, span: int, row: int, rows: int, scale: float) -> tuple[int, int, int, int]:
        """The pixel rectangle of a grid area at `scale` pixels per millimetre."""
        x0 = self.left + column * (self.column + self.gutter)
        y0 = self.top + row * self.row
        x1 = x0 + span * self.column + (span - 1) * self.gutter
        y1 = y0 + rows * self.row
        return round(x0 * scale), round(y0 * scale), round(x1 * scale), round(y1 * scale)


@lru_cache(maxsize=32)
def _font(role: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts.font_for(role).path), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, font, width: float) -> list[str]:
    """Break CJK text at any character so each line fits `width` pixels; a
    closing mark takes the character before it to the next line."""
    lines, line = [], ""
    for ch in text:
        if line and draw.textlength(line + ch, font=font) > width:
            carried = line[-1] if ch in CLOSING and len(line) > 1 else ""
            lines.append(line[:len(line) - len(carried)])
            line = carried
        line += ch
    return lines + ([line] if line else [])


def _badge(draw: ImageDraw.ImageDraw, x: int, y: int, number: int, settings: dict) -> int:
    """A numbered badge with its top-left corner at (x, y); returns its width."""
    size = settings["badge"]
    font = _font("sans", round(size * 0.7))
    label = str(number)
    width = max(size, round(draw.textlength(label, font=font)) + size // 2)
    draw.rectangle((x, y, x + width, y + size), fill=settings["ink"], outline=settings["paper"], width=2)
    left, top, right, bottom = draw.textbbox((0, 0), label, font=font)
    draw.text((x + (width - (right - left)) / 2 - left, y + (size - (bottom - top)) / 2 - top), label,
              font=font, fill=settings["paper"])
    return width


def _badges(draw, page_plan, numbers: dict[str, int], geometry: Geometry, scale: float, settings: dict) -> None:
    """Each numbered story's badge at the top-left corner of its module."""
    inset = max(2, settings["badge"] // 6)
    for module in page_plan.modules:
        x0, y0, _, _ = geometry.box(module.column, module.span, module.row, module.rows, scale)
        x = x0 + inset
        for article_id in module.ids:
            if article_id in numbers:
                x += _badge(draw, x, y0 + inset, numbers[article_id], settings) + inset


def _draw_map(issue: Issue, page_plan, numbers: dict[str, int], titles: dict[str, str], head: str,
              geometry: Geometry, settings: dict) -> Image.Image:
    """A map of the page plan: furniture in grey, each module framed with its titles."""
    width = settings["width"]
    scale = width / geometry.trim_width
    height = round(geometry.trim_height * scale)
    image = Image.new("L", (width, height), settings["paper"])
    draw = ImageDraw.Draw(image)
    ink, frame = settings["ink"], settings["frame"]

    # The top furniture: the masthead band on page 1, the running head elsewhere.
    x0, y0, x1, y1 = geometry.box(0, geometry.columns, 0, page_plan.top_rows, scale)
    draw.rectangle((x0, y0, x1, y1), fill=settings["furniture"])
    if page_plan.number == 1:
        name_box = geometry.box(0, geometry.masthead_span, 0, page_plan.top_rows, scale)
        paper = issue.masthead.paper
        size = max(12, min(round((name_box[2] - name_box[0]) * 0.8 / max(len(paper), 1)),
                           round((name_box[3] - name_box[1]) * 0.6)))
        font = _font("headline", size)
        left, top, right, bottom = draw.textbbox((0, 0), paper, font=font)
        draw.text(((name_box[0] + name_box[2] - (right - left)) / 2 - left,
                   (name_box[1] + name_box[3] - (bottom - top)) / 2 - top), paper, font=font, fill=ink)
    else:
        font = _font("sans", max(10, round((y1 - y0) * 0.45)))
        left, top, _, bottom = draw.textbbox((0, 0), head, font=font)
        draw.text((x0 + settings["badge"] // 2 - left, (y0 + y1 - (bottom - top)) / 2 - top), head, font=font, fill=ink)

    smallest = max(10, round(settings["badge"] * 0.75))
    for module in page_plan.modules:
        # Titles at their printed size where that is larger than the smallest legible one.
        printed = round((module.headline_pt or 0) * 25.4 / 72 * scale)
        title_size = max(smallest, printed if module.kind == "article" else 0)
        title_font = _font("headline", title_size)
        x0, y0, x1, y1 = geometry.box(module.column, module.span, module.row, module.rows, scale)
        draw.rectangle((x0, y0, x1, y1), outline=frame, width=2)
        y = y0 + settings["badge"] + settings["badge"] // 3
        pad = settings["badge"] // 4
        for article_id in module.ids:
            for line in wrap(draw, titles.get(article_id, ""), title_font, x1 - x0 - 2 * pad)[:3]:
                if y + title_size > y1 - pad:
                    break
                draw.text((x0 + pad, y), line, font=title_font, fill=ink)
                y += round(title_size * 1.3)
            y += title_size // 2
    _badges(draw, page_plan, numbers, geometry, scale, settings)
    return image


def _jpeg(image: Image.Image, settings: dict) -> bytes:
    """The smallest step of quality from `quality` down that fits `max_bytes`;
    below `min_quality` the picture is made smaller instead."""
    while True:
        quality = settings["quality"]
        while True:
            out = io.BytesIO()
            image.save(out, "JPEG", quality=quality, optimize=True)
            if out.tell() <= settings["max_bytes"] or quality - 10 < settings["min_quality"]:
                break
            quality -= 10
        if out.tell() <= settings["max_bytes"]:
            return out.getvalue()
        image = image.resize((image.width * 4 // 5, image.height * 4 // 5), Image.Resampling.LANCZOS)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)     # optimize=True: 3x the time for 6% less
    return out.getvalue()


def page_pictures(issue: Issue, pdf: Path | None, plan, fmt, numbering: dict[int, dict[str, int]],
                  settings: dict, labels) -> dict[int, PagePicture]:
    """page number -> its picture: the PDF's page when `pdf` is given, else the
    map drawn from `plan` (none without a plan). `numbering` gives each page's
    badge number of each story id."""
    geometry = Geometry.of(fmt) if fmt is not None else None
    page_plans = {p.number: p for p in plan.pages} if plan is not None else {}
    titles = {a.id: a.title for a in issue.articles()}
    pictures: dict[int, PagePicture] = {}
    if pdf is not None:
        from ..page_images import page_images

        for page, image in zip(issue.pages, page_images(Path(pdf), settings["width"], grey=True)):
            page_plan = page_plans.get(page.number)
            if page_plan is not None and geometry is not None:
                scale = image.width / geometry.trim_width
                _badges(ImageDraw.Draw(image), page_plan, numbering.get(page.number, {}), geometry, scale, settings)
            data = _jpeg(image, settings)
            size = Image.open(io.BytesIO(data)).size
            pictures[page.number] = PagePicture(page.number, f"{IMAGE_DIR}/page-{page.number}.jpg", "image/jpeg",
                                                data, *size, "pdf")
        return pictures
    for page in issue.pages:
        page_plan = page_plans.get(page.number)
        if page_plan is None or geometry is None:
            continue
        head = f"{labels('page', number=page.number)} {page.name or ''}".strip()
        image = _draw_map(issue, page_plan, numbering.get(page.number, {}), titles, head, geometry, settings)
        pictures[page.number] = PagePicture(page.number, f"{IMAGE_DIR}/page-{page.number}.png", "image/png",
                                            _png(image), image.width, image.height, "map")
    return pictures
