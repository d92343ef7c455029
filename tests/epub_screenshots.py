"""Screenshots of one article of the example's EPUB in Chromium and MuPDF,
horizontal and vertical, at a 600 x 800 reader's screen (the README's pictures).

    .venv/bin/python tests/epub_screenshots.py docs/epub [ARTICLE_ID]

Builds both editions into a temporary folder, opens the article's document in
Debian's chromium (through the DevTools protocol's Page.captureScreenshot,
which places vertical pages correctly) and renders the MuPDF page where the
article's byline falls, then writes chromium-{horizontal,vertical}.png and
mupdf-{horizontal,vertical}.png, quantised to keep them small.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from PIL import Image  # noqa: E402

from publish.build import BuildOptions, build  # noqa: E402
from publish.readers.source import read_source  # noqa: E402
from reading_engines import BookServer, chromium, mupdf_pages, mupdf_png  # noqa: E402
from support import EXAMPLE  # noqa: E402


# A reading system's own page margins, which the book leaves to it.
READER_MARGINS = "body { margin: 24px !important; }"


def _small(path: Path) -> None:
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main(out: Path, article_id: str = "p2-01") -> None:
    out.mkdir(parents=True, exist_ok=True)
    article = next(a for a in read_source(EXAMPLE).issue.articles() if a.id == article_id)
    with tempfile.TemporaryDirectory(prefix="epub-shots-") as folder:
        books = {mode: build(EXAMPLE, Path(folder) / mode, BuildOptions(formats=("epub",), vertical=mode == "vertical"))
                 .outputs["epub"] for mode in ("horizontal", "vertical")}
        with chromium() as browser:
            for mode, epub in books.items():
                with BookServer(epub) as files:
                    page = browser.open(files, f"EPUB/text/article-{article_id}.xhtml")
                    page.add_style_tag(content=READER_MARGINS)
                    browser.screenshot(page, out / f"chromium-{mode}.png")
                _small(out / f"chromium-{mode}.png")
        for mode, epub in books.items():
            pages = mupdf_pages(epub)
            number = next(n for n, blocks in enumerate(pages, 1) for b in blocks
                          if any(line.text.strip() == article.byline for line in b.lines))
            mupdf_png(epub, str(number), Path(folder) / "page.png")
            (Path(folder) / "page.png").replace(out / f"mupdf-{mode}.png")
            _small(out / f"mupdf-{mode}.png")
    for name in sorted(out.glob("*.png")):
        print(name, name.stat().st_size)


if __name__ == "__main__":
    main(Path(sys.argv[1]), *sys.argv[2:3])
