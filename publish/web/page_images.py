"""The page pictures of the edition, read back from the PDF the build wrote.

Each page is rendered once, at twice the screen width (the 2x picture for
high-density screens), trimmed to its TrimBox like publish/page_images.py
(bleed and crop marks cut away); the 1x picture and the thumbnail of the
版面导航 are reduced from it, which costs milliseconds where a second render
costs a few hundred. PDFium renders one page at a time (it is not
thread-safe); the WebP encoding, most of the work, runs in threads while the
next page renders and while the writer goes on with the documents, since
libwebp releases the GIL. libwebp's output depends only on the pixels and the
settings, so a rebuild writes the same bytes.
"""
from __future__ import annotations

import io
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import PublishError


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


def _rendered(pdf: Path, width: int):
    """Each page trimmed to its TrimBox, exactly `width` pixels wide (RGB)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as error:
        raise PublishError(f"{pdf}: cannot read the PDF for its page pictures: {error}") from None
    try:
        for index in range(len(document)):
            page = document[index]
            left, bottom, right, top = page.get_trimbox()
            media_left, media_bottom, media_right, media_top = page.get_mediabox()
            # One pixel over, then cut: PDFium truncates width x scale, which lands a hair under.
            scale = (width + 1) / (right - left)
            height = 2 * round((top - bottom) * width / (right - left) / 2)
            # Pictures are drawn without smoothing: at twice the screen width they are still
            # scaled down from their print resolution, and the 1x picture is averaged from
            # this one anyway; it saves a third of the render.
            bitmap = page.render(scale=scale, rev_byteorder=True, draw_annots=False, no_smoothimage=True,
                                 crop=(left - media_left, bottom - media_bottom, media_right - right,
                                       media_top - top))
            image = bitmap.to_pil()
            if image.mode != "RGB":
                image = image.convert("RGB")
            if image.size != (width, height):
                image = image.resize((width, height), box=(0, 0, min(width, image.width),
                                                           min(height, image.height)))
            yield image
            page.close()
    finally:
        document.close()


class PageRenderer:
    """Renders the pages now and encodes them in the background; `finish()`
    waits for every file to be written (and raises what an encoder raised)."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.pool = ThreadPoolExecutor(max_workers=settings["threads"])
        self.jobs: list[Future] = []

    def start(self, pdf: Path, folder: Path, base: str, numbers: list[int]) -> list[PagePicture]:
        s = self.settings
        width, method = s["width"], s["method"]
        target = folder / base
        target.mkdir(parents=True, exist_ok=True)

        def save(name: str, image, quality: int) -> None:
            self.jobs.append(self.pool.submit(lambda: (target / name).write_bytes(_webp(image, quality, method))))

        pictures = []
        for number, image in zip(numbers, _rendered(pdf, 2 * width)):
            screen = image.reduce(2)
            thumb = screen.reduce(max(1, round(screen.width / s["thumb_width"])))
            names = (f"page-{number}@2x.webp", f"page-{number}.webp", f"page-{number}-thumb.webp")
            save(names[0], image, s["quality_2x"])
            save(names[1], screen, s["quality"])
            save(names[2], thumb, s["thumb_quality"])
            pictures.append(PagePicture(number, f"{base}/{names[1]}", f"{base}/{names[0]}", f"{base}/{names[2]}",
                                        screen.width, screen.height, thumb.width, thumb.height))
        if len(pictures) != len(numbers):
            raise PublishError(f"{pdf}: {len(pictures)} pages for the issue's {len(numbers)}")
        return pictures

    def finish(self) -> None:
        try:
            for job in self.jobs:
                job.result()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "PageRenderer":
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
