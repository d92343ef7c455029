"""The page pictures of the edition, read back from the PDF the build wrote.

Each page is rendered once, at twice the screen width (the 2x picture for
high-density screens), trimmed to its TrimBox like publish/page_images.py
(bleed and crop marks cut away); the 1x picture and the thumbnail of the
版面导航 are reduced from it, which costs milliseconds where a second render
costs a few hundred. WebP encoding is most of the work: it runs in threads
while the next page renders (libwebp releases the GIL; PDFium, not
thread-safe, renders one page at a time).

All of it runs in a forked process, started as soon as the PDF is written
(`start`), so in a `--format all` build the pictures are made while the EPUB
is written: PDFium then also never runs in two threads of one process. The
result is the files' bytes, written into the edition by the writer. libwebp's
output depends only on the pixels and the settings: a rebuild writes the same
bytes.
"""
from __future__ import annotations

import io
import multiprocessing
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import PublishError


SECONDS_KEY = ""      # not a file name


@dataclass(frozen=True)
class PagePicture:
    number: int
    src: str            # the 1x picture, relative to the edition folder
    src2x: str
    thumb: str
    width: int          # of the 1x picture
    height: int
    thumb_width: int
    thumb_height: int


def _webp(image, quality: int, method: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "WEBP", quality=quality, method=method)
    return out.getvalue()


def _open(pdf: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as error:
        raise PublishError(f"{pdf}: cannot read the PDF for its page pictures: {error}") from None


def plan_pictures(pdf: Path, base: str, numbers: list[int], settings: dict) -> list[PagePicture]:
    """What the pictures will be: names and sizes from each page's TrimBox (the
    documents need them before the pictures are made)."""
    width = settings["width"]
    document = _open(pdf)
    try:
        if len(document) != len(numbers):
            raise PublishError(f"{pdf}: {len(document)} pages for the issue's {len(numbers)}")
        pictures = []
        for index, number in enumerate(numbers):
            left, bottom, right, top = document[index].get_trimbox()
            height = round((top - bottom) * width / (right - left))
            factor = max(1, round(width / settings["thumb_width"]))
            pictures.append(PagePicture(number, f"{base}/page-{number}.webp", f"{base}/page-{number}@2x.webp",
                                        f"{base}/page-{number}-thumb.webp", width, height,
                                        -(-width // factor), -(-height // factor)))
        return pictures
    finally:
        document.close()


def _rendered(pdf: Path, pictures: list[PagePicture]):
    """Each page trimmed to its TrimBox, at exactly twice its picture's size (RGB)."""
    document = _open(pdf)
    try:
        for index, picture in enumerate(pictures):
            page = document[index]
            left, bottom, right, top = page.get_trimbox()
            media_left, media_bottom, media_right, media_top = page.get_mediabox()
            size = (2 * picture.width, 2 * picture.height)
            # One pixel over, then cut: PDFium truncates width x scale, which lands a hair under.
            scale = (size[0] + 1) / (right - left)
            # Pictures are drawn without smoothing: at twice the screen width they are still
            # scaled down from their print resolution, and the 1x picture is averaged from
            # this one anyway; it saves a third of the render.
            bitmap = page.render(scale=scale, rev_byteorder=True, draw_annots=False, no_smoothimage=True,
                                 crop=(left - media_left, bottom - media_bottom, media_right - right,
                                       media_top - top))
            image = bitmap.to_pil()
            if image.mode != "RGB":
                image = image.convert("RGB")
            if image.size != size:
                image = image.resize(size, box=(0, 0, min(size[0], image.width), min(size[1], image.height)))
            yield image
            page.close()
    finally:
        document.close()


def make_pictures(pdf: Path, pictures: list[PagePicture], settings: dict) -> dict[str, bytes]:
    """The files of the planned pictures, by their path in the edition folder
    (and at SECONDS_KEY how long making them took, wall and CPU, for the report)."""
    started, cpu = time.perf_counter(), time.process_time()
    method = settings["method"]
    jobs: dict[str, Future] = {}
    with ThreadPoolExecutor(max_workers=settings["threads"]) as pool:
        for picture, image in zip(pictures, _rendered(pdf, pictures)):
            screen = image.reduce(2)
            thumb = screen.reduce(max(1, round(screen.width / settings["thumb_width"])))
            if thumb.size != (picture.thumb_width, picture.thumb_height):
                raise PublishError(f"page {picture.number}: thumbnail of {thumb.size}, planned "
                                   f"{(picture.thumb_width, picture.thumb_height)}")
            jobs[picture.src2x] = pool.submit(_webp, image, settings["quality_2x"], method)
            jobs[picture.src] = pool.submit(_webp, screen, settings["quality"], method)
            jobs[picture.thumb] = pool.submit(_webp, thumb, settings["thumb_quality"], method)
        files = {name: job.result() for name, job in jobs.items()}
    return {**files, SECONDS_KEY: (time.perf_counter() - started, time.process_time() - cpu)}


class Ready:
    """A result already at hand, with a future's `result()`."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def start(pdf: Path, pictures: list[PagePicture], settings: dict) -> Future | Ready:
    """Begin making the planned pictures in a forked process; `.result()`
    waits for the files. Where no process can be forked, or where other threads
    run (a batch worker's: a lock one of them holds would stay locked in the
    child), they are made here and now."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return Ready(make_pictures(pdf, pictures, settings))
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        return pool.submit(make_pictures, Path(pdf), list(pictures), dict(settings))
    finally:
        pool.shutdown(wait=False)      # the job runs on; the worker leaves when it is done
