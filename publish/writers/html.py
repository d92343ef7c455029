"""The digital edition (数字报): a folder of static pages built from the same
page plan and PDF as the print edition, so the web shows the printed paper.

`EXTENSION = ""` makes the output the folder OUT/<paper>-<date>/, which the
build writes as a temporary folder renamed into place (outputs.atomic_folder);
`MARKER` is the file that tells a later build the folder is ours to replace.
The page pictures are read back from the PDF built in the same run; when
only the edition is asked for, the PDF is built into a temporary folder
first, since the pictures must be the printed pages and nothing else draws
them.
"""
from __future__ import annotations

import json
import posixpath
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from ..errors import PublishError
from ..layout.format import broadsheet
from ..web.documents import EditionPlan, Figure, Names
from ..web.fonts import families, role_characters, web_fonts
from ..web.layout import web_layout
from ..web import page_images
from ..web.zones import issue_zones, trim_size

EXTENSION = ""
MARKER = web_layout().settings["files"]["marker"]
# Picture formats every browser shows; anything else is re-encoded as PNG.
WEB_PICTURES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


@contextmanager
def _printed_pdf(context):
    """The PDF of this build, or one built now into a temporary folder (its
    findings stay out of this build's report: no PDF was asked for)."""
    if "pdf" in context.outputs:
        yield context.outputs["pdf"]
        return
    from . import pdf as pdf_writer

    saved = context.report
    context.report = {"warnings": saved.setdefault("warnings", [])}
    try:
        with tempfile.TemporaryDirectory(prefix="publish-edition-") as folder:
            path = Path(folder) / "print.pdf"
            context.progress("building the PDF the page pictures are read from")
            pdf_writer.write(context, path)
            context.report = saved
            yield path
    finally:
        context.report = saved


def _figures(context, names, folder: Path, base: str) -> dict[str, list[Figure]]:
    """Each story's pictures published into the edition through the picture path
    every writer shares (publish.pictures): upright, without EXIF, XMP, comments
    or text chunks; a format browsers do not show becomes PNG."""
    import io

    from PIL import Image

    from ..pictures import web_bytes

    root = Path(context.root).resolve()
    figures: dict[str, list[Figure]] = {}
    for article in context.issue.articles():
        for index, image in enumerate(article.images, start=1):
            source = (root / image.path).resolve()
            if not source.is_relative_to(root) or not source.is_file():
                raise PublishError(f"{article.source or article.id}: image '{image.path}' is not a file "
                                   f"inside the issue folder {root}")
            suffix = source.suffix.lower()
            extension = (".jpg" if suffix == ".jpeg" else suffix) if suffix in WEB_PICTURES else ".png"
            media_type = {".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
                          ".webp": "image/webp"}[extension]
            name = f"{base}/{names.safe[article.id]}-{index}{extension}"
            (folder / base).mkdir(parents=True, exist_ok=True)
            try:
                data = web_bytes(source, media_type, credit=image.credit, alt=image.alt)
                with Image.open(io.BytesIO(data)) as picture:
                    size = picture.size
            except (OSError, PublishError) as error:
                raise PublishError(f"{article.source or article.id}: image '{image.path}' cannot be read: "
                                   f"{error}") from None
            (folder / name).write_bytes(data)
            alt = image.alt or image.caption or web_layout().label("picture_alt", title=article.title)
            figures.setdefault(article.id, []).append(Figure(name, size[0], size[1], alt, image.caption,
                                                             image.credit))
    return figures


def _assets(layout, plan: EditionPlan, faces, fmt) -> dict[str, bytes]:
    """The stylesheet (with the faces' URLs relative to it), the zones' rules,
    the script and the faces, by their place in the edition folder."""
    settings, files = layout.settings, layout.settings["files"]
    folder = posixpath.dirname(files["stylesheet"]) or "."
    width, height = trim_size(fmt)
    stylesheet = layout.render(
        "edition.css.j2", style=settings["style"], roles=settings["fonts"]["roles"],
        families=families(settings["fonts"]), weights=settings["fonts"]["weight"], aspect=f"{width / height:.5f}",
        faces=[dict(family=f.family, weight=f.weight, href=posixpath.relpath(f.href, folder)) for f in faces])
    assets = {files["stylesheet"]: stylesheet.encode("utf-8"), files["zones"]: plan.zones_css().encode("utf-8"),
              files["script"]: layout.file("edition.js")}
    assets.update({face.href: face.data for face in faces})
    return assets


def _marker(issue, plan: EditionPlan, numbers: list[int]) -> bytes:
    """edition.json: what the folder holds; its presence marks the folder as ours."""
    m = issue.masthead
    return (json.dumps({"generator": "publish", "paper": m.paper, "date": m.date.isoformat(), "serial": m.serial,
                        "index": "index.html", "pages": [f"page-{n}.html" for n in numbers],
                        "articles": [plan.names.article(a.id) for a in plan.stories]},
                       ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _start_pictures(context, pdf: Path):
    settings = web_layout().settings
    numbers = [page.number for page in context.issue.pages]
    pictures = page_images.plan_pictures(pdf, settings["files"]["pages"], numbers, settings["page_image"])
    return pictures, page_images.start(pdf, pictures, settings["page_image"])


def on_output(context, name: str, path: Path) -> None:
    """The PDF is written: its pages are pictured from now on, in a process of
    their own, while the build goes on (with the EPUB in a `--format all`)."""
    if name == "pdf":
        context.pending["html"] = _start_pictures(context, path)


def write(context, target: Path) -> dict:
    started = time.perf_counter()
    layout = web_layout()
    settings, files = layout.settings, layout.settings["files"]
    fmt = broadsheet()
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    pending = context.pending.pop("html", None)
    pdf_ready = started
    if pending is None:         # no PDF in this build: make one, and wait for the pictures
        with _printed_pdf(context) as pdf:
            pdf_ready = time.perf_counter()
            pictures, making = _start_pictures(context, pdf)
            making = page_images.Ready(making.result())
    else:
        pictures, making = pending
    documents_begun = time.perf_counter()
    zones = issue_zones(context.plan, fmt, settings["zones"]["gutter_share"], settings["zones"]["row_share"])
    numbers = [page.number for page in context.issue.pages]
    figures = _figures(context, Names(context.issue), target, files["pictures"])
    plan = EditionPlan(context.issue, zones, pictures, figures, layout, trim_size(fmt), files)
    documents = {doc.href: layout.render(doc.template, **doc.values) for doc in plan.documents()}
    faces = web_fonts(role_characters(list(documents.values()), settings["fonts"]["roles"]),
                      settings["fonts"], files["fonts"])
    fonts_done = time.perf_counter()
    outputs = dict(making.result())
    pictures_seconds = outputs.pop(page_images.SECONDS_KEY)
    encoded = time.perf_counter()
    outputs.update(_assets(layout, plan, faces, fmt))
    outputs.update({href: html.encode("utf-8") for href, html in documents.items()})
    outputs[MARKER] = _marker(context.issue, plan, numbers)
    for href, data in outputs.items():
        path = target / href
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    written = time.perf_counter()
    from ..build import output_stem

    return {"folder": output_stem(context.issue), "pages": len(numbers), "articles": len(plan.stories),
            "zones": sum(len(z) for z in zones.values()),
            "fonts": {f.role: {"characters": len(f.characters), "bytes": len(f.data)} for f in faces},
            "timing": {"pdf": round(pdf_ready - started, 3),
                       "documents_and_fonts": round(fonts_done - documents_begun, 3),
                       "pictures": round(pictures_seconds[0], 3), "pictures_cpu": round(pictures_seconds[1], 3),
                       "pictures_wait": round(encoded - fonts_done, 3),
                       "write": round(written - encoded, 3), "total": round(written - started, 3)}}
