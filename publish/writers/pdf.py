"""The print edition: the page plan painted by WeasyPrint into a broadsheet PDF.

WeasyPrint only paints here: every module, column and line has been placed by
the make-up, so one render is all it takes. The writer also fills the build
report with what the preflight and the digital edition read: each page's
modules as grid rectangles, fill ratios, jumps, overset and missing glyphs.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from ..errors import PublishError
from ..fonts import check_print_fonts, fallback_warnings
from ..layout.format import broadsheet

EXTENSION = ".pdf"


def page_report(plan, fmt) -> list[dict]:
    pages = []
    for page in plan.pages:
        modules = []
        for module in page.modules:
            modules.append({
                "kind": module.kind, "articles": list(module.ids),
                "column": module.column + 1, "span": module.span,
                "row": module.row + 1, "rows": module.rows,
                "headline_pt": module.headline_pt,
                **({"jump_to": module.jump_to} if module.jump_to else {}),
                **({"jump_from": module.jump_from} if module.jump_from else {}),
            })
        pages.append({
            "number": page.number, "name": page.name,
            "fill_ratio": round(page.fill, 4),
            "largest_empty": page.largest_empty,
            "modules": modules,
            "empty_areas": page.empty_areas,
            "butting_headlines": [list(pair) for pair in page.butting],
            "moved_in": page.moved_in,
            "overset": sum(v for k, v in plan.overset.items()
                           if any(k in m.ids for m in page.modules)),
        })
    return pages


def _print_images(context, pool: ThreadPoolExecutor) -> dict[str, Future]:
    """Every picture of the issue converted to CMYK once (JPEG bytes).
    Conversion runs in threads (Pillow and littleCMS release the GIL) while the
    make-up plans the pages."""
    paths = dict.fromkeys(image.path for article in context.issue.articles() for image in article.images)
    return {path: pool.submit(_cmyk, Path(context.root) / path) for path in paths}


def _cropped_urls(converted: dict[str, bytes]):
    """image_url for the page: each picture as the make-up cropped it to its module.
    Cropping here rather than with a CSS clip keeps in the PDF only what prints, so
    a picture's box in the PDF is what the reader sees (and the preflight measures)."""
    import base64
    import io

    from PIL import Image as PILImage

    from ..prepress import JPEG_QUALITY

    cache: dict = {}

    def url(block) -> str:
        key = (block.path, block.crop)
        if key not in cache:
            data = converted[block.path]
            if block.crop is not None:
                with PILImage.open(io.BytesIO(data)) as image:
                    w, h = image.size
                    left, top, right, bottom = block.crop
                    box = (round(left * w), round(top * h), round(right * w), round(bottom * h))
                    out = io.BytesIO()
                    image.crop(box).save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
                    data = out.getvalue()
            cache[key] = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
        return cache[key]
    return url


def _cmyk(path: Path) -> bytes:
    from ..prepress import cmyk_image

    return cmyk_image(path)


@contextmanager
def _font_timestamp(when):
    """Without HarfBuzz's subsetter WeasyPrint subsets fonts with fontTools, which
    stamps each subset's `head.modified` with the clock (a PDF that differs when a
    second ticks over): fontTools takes SOURCE_DATE_EPOCH instead when it is set."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def write(context, target: Path) -> dict:
    fmt = broadsheet()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:     # pictures convert while we import and plan
        converting = _print_images(context, pool)
        return _write(context, target, fmt, started, converting)


def _write(context, target: Path, fmt, started: float, converting: dict[str, Future]) -> dict:
    import weasyprint

    from .. import prepress
    from .broadsheet_html import render_html
    from .fetcher import IssueFetcher

    imported = time.perf_counter()
    missing = check_print_fonts(context.issue, context.root)    # MissingGlyphError: no font has one
    for warning in fallback_warnings(missing, "PDF"):
        context.warn(warning)
    plan = context.plan
    planned = time.perf_counter()
    images = {path: future.result() for path, future in converting.items()}
    html = render_html(context.issue, plan, fmt, context.root, context.timestamp,
                       prepress_css=prepress.PRINT_CSS, image_url=_cropped_urls(images))
    fetcher = IssueFetcher(context.root)
    identifier = context.issue.slug
    painted = time.perf_counter()
    try:
        document = weasyprint.HTML(string=html, base_url=str(Path(context.root).resolve()) + "/",
                                   url_fetcher=fetcher).render(**prepress.pdf_options(identifier))
        rendered = time.perf_counter()
        with _font_timestamp(context.timestamp):
            document.write_pdf(target, **prepress.write_options(identifier))
    except weasyprint.urls.FatalURLFetchingError as error:
        raise PublishError(str(error)) from None
    written = time.perf_counter()
    if len(document.pages) != len(context.issue.pages):
        raise PublishError(f"internal make-up error: {len(document.pages)} PDF pages for "
                           f"{len(context.issue.pages)} planned pages")
    for warning in plan.warnings:
        context.warn(warning)
    context.report["pages"] = page_report(plan, fmt)
    context.report["overset"] = sum(plan.overset.values())
    context.report["jumps"] = plan.jumps
    context.report["missing_glyphs"] = [u.as_report() for u in missing]
    return {"pages": len(document.pages),
            "timing": {"import": round(imported - started, 3), "plan": round(planned - imported, 3),
                       "html": round(painted - planned, 3),
                       "render": round(rendered - painted, 3),
                       "write": round(written - rendered, 3)}}
