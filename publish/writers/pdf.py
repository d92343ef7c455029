"""The print edition: the page plan painted by WeasyPrint into a broadsheet PDF.

WeasyPrint only paints here: every module, column and line has been placed by
the make-up, so one render is all it takes. The writer also fills the build
report with what the preflight and the digital edition read: each page's
modules as grid rectangles, fill ratios, jumps, overset and missing glyphs.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..errors import PublishError
from ..fonts import uncovered
from ..layout import plan_issue
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
            "fill_ratio": page.fill_ratio(fmt.rows, fmt.columns),
            "modules": modules,
            "empty_areas": page.empty_areas,
            "butting_headlines": [list(pair) for pair in page.butting],
            "moved_in": page.moved_in,
            "overset": sum(v for k, v in plan.overset.items()
                           if any(k in m.ids for m in page.modules)),
        })
    return pages


def _print_images(context) -> dict[str, str]:
    """Every picture of the issue converted to CMYK once, as data URLs for the page."""
    import base64

    from ..prepress import cmyk_image

    urls = {}
    for article in context.issue.articles():
        for image in article.images:
            if image.path not in urls:
                data = cmyk_image(Path(context.root) / image.path)
                urls[image.path] = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
    return urls


def write(context, target: Path) -> dict:
    import weasyprint

    from .. import prepress
    from ..check.pdf import check_pdf
    from .broadsheet_html import render_html
    from .fetcher import IssueFetcher

    fmt = broadsheet()
    started = time.perf_counter()
    missing = uncovered(context.issue)
    unprintable = [u for u in missing if u.fallback is None]
    if unprintable:
        u = unprintable[0]
        raise PublishError(f"no font has the character {u.char} (U+{ord(u.char):04X}), used in "
                           f"{', '.join(u.where)}" + (f" and {len(unprintable) - 1} more" if len(unprintable) > 1 else ""))
    plan = context.plan
    planned = time.perf_counter()
    images = _print_images(context)
    html = render_html(context.issue, plan, fmt, context.root, context.timestamp,
                       prepress_css=prepress.PRINT_CSS, image_url=images.__getitem__)
    fetcher = IssueFetcher(context.root)
    identifier = context.issue.slug
    painted = time.perf_counter()
    try:
        document = weasyprint.HTML(string=html, base_url=str(Path(context.root).resolve()) + "/",
                                   url_fetcher=fetcher).render(**prepress.pdf_options(identifier))
        rendered = time.perf_counter()
        document.write_pdf(target, **prepress.write_options(identifier))
    except weasyprint.urls.FatalURLFetchingError as error:
        raise PublishError(str(error)) from None
    written = time.perf_counter()
    if len(document.pages) != len(context.issue.pages):
        raise PublishError(f"internal make-up error: {len(document.pages)} PDF pages for "
                           f"{len(context.issue.pages)} planned pages")
    context.report["pages"] = page_report(plan, fmt)
    context.report["overset"] = sum(plan.overset.values())
    context.report["jumps"] = plan.jumps
    context.report["missing_glyphs"] = [{"char": u.char, "codepoint": f"U+{ord(u.char):04X}",
                                         "where": list(u.where)} for u in missing]
    passed, lines = check_pdf(target, context.report)
    context.report["preflight"] = {"ok": passed, "checks": lines}
    for line in lines:
        if line.startswith("FAIL"):
            context.progress(f"preflight: {line}")
    return {"pages": len(document.pages),
            "timing": {"plan": round(planned - started, 3), "html": round(painted - planned, 3),
                       "render": round(rendered - painted, 3),
                       "write": round(written - rendered, 3)}}
