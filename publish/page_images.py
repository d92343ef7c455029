"""Pictures of the printed pages, rendered from the PDF the build wrote.

The EPUB's page openers and the digital edition both show the printed page
itself, so both read it back from the PDF (PDFium, through pypdfium2) rather
than drawing it a second time. The TrimBox is what a reader sees of a page:
bleed and crop marks are cut away.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .errors import PublishError

if TYPE_CHECKING:
    import PIL.Image


def page_images(pdf: Path, width_px: int, grey: bool = False) -> Iterator[PIL.Image.Image]:
    """Each page of `pdf`, trimmed to its TrimBox, `width_px` pixels wide (RGB, or L when grey)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as error:
        raise PublishError(f"{pdf}: cannot read the PDF for its page images: {error}") from None
    try:
        for index in range(len(document)):
            page = document[index]
            left, bottom, right, top = page.get_trimbox()
            media_left, media_bottom, media_right, media_top = page.get_mediabox()
            scale = width_px / (right - left)
            crop = (left - media_left, bottom - media_bottom, media_right - right, media_top - top)
            bitmap = page.render(scale=scale, crop=crop, grayscale=grey)
            image = bitmap.to_pil()
            yield image.convert("L" if grey else "RGB")
            page.close()
    finally:
        document.close()
