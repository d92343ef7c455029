"""Real reading engines for the EPUB tests: MuPDF, headless Chromium, calibre.

Each engine lays the book out itself and the tests measure what it drew:
- MuPDF (`mutool draw`, Debian's mupdf-tools): structured text with every
  character's box, the images it painted (its trace device), PNG pages.
- Chromium (Debian's chromium, driven by Playwright with `executable_path`):
  the book's files are served straight from the EPUB (over loopback HTTP) to
  a tab at a reader's screen size; the lines each paragraph broke into are read back from the
  boxes of its characters; screenshots go through the DevTools protocol's
  `Page.captureScreenshot`, which places vertical pages correctly.
- calibre (`ebook-convert`, Debian's calibre): the AZW3 conversion, read back
  as text and through its EXTH header records.

The Makefile installs the three when run as root (CI does). A test needing one
that is absent skips with the reason when not root, and fails when root:
there the install step is what is broken.

The punctuation tables below are the tests' own (GB/T 15834-2011 §5), not the
writer's.
"""
from __future__ import annotations

import http.server
import mimetypes
import os
import shutil
import struct
import subprocess
import tempfile
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

NO_START = set("。，、；：？！）］｝」』”’》〉】〗〕·～")
NO_END = set("（［｛「『“‘《〈【〖〔")
PUNCTUATION = NO_START | NO_END | set("——……")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
TIMEOUT = 300


def require(tool: str, package: str) -> str:
    """The path of `tool`; skip when absent and not root, fail when absent as root."""
    found = shutil.which(tool) if not tool.startswith("/") else (tool if os.path.exists(tool) else None)
    if found:
        return found
    message = f"{tool} is not installed (Debian package {package})"
    if os.geteuid() == 0:
        pytest.fail(f"{message}: `make test` installs it when run as root")
    pytest.skip(f"{message}; `make test` run as root installs it")


# ---- MuPDF ----

@dataclass(frozen=True)
class Char:
    c: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float


@dataclass
class Line:
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(ch.c for ch in self.chars)

    @property
    def x0(self) -> float:
        return min(ch.x0 for ch in self.chars)

    @property
    def top(self) -> float:
        return min(ch.y0 for ch in self.chars)

    @property
    def bottom(self) -> float:
        return max(ch.y1 for ch in self.chars)


@dataclass
class Block:
    lines: list[Line]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


def mupdf_pages(epub: Path, width: int = 600, height: int = 800, size: int = 12) -> list[list[Block]]:
    """Each page MuPDF lays the book out on, as its text blocks (paragraphs)."""
    mutool = require("mutool", "mupdf-tools")
    with tempfile.TemporaryDirectory(prefix="epub-mupdf-") as folder:
        out = Path(folder) / "book.stext"
        subprocess.run([mutool, "draw", "-q", "-F", "stext", "-W", str(width), "-H", str(height),
                        "-S", str(size), "-o", str(out), str(epub)], check=True, capture_output=True,
                       timeout=TIMEOUT)
        root = etree.parse(str(out), etree.XMLParser(huge_tree=True)).getroot()
    pages = []
    for page in root.iter("page"):
        blocks = []
        for block in page.iter("block"):
            lines = []
            for line in block.iter("line"):
                chars = []
                for font in line.iter("font"):
                    font_size = float(font.get("size"))
                    for char in font.iter("char"):
                        q = [float(v) for v in char.get("quad").split()]
                        chars.append(Char(char.get("c"), min(q[0::2]), min(q[1::2]), max(q[0::2]), max(q[1::2]),
                                          font_size))
                if chars:
                    lines.append(Line(chars))
            if lines:
                blocks.append(Block(lines))
        pages.append(blocks)
    return pages


@dataclass(frozen=True)
class PaintedImage:
    page: int
    x: float
    y: float
    width: float
    height: float


def mupdf_images(epub: Path, width: int = 600, height: int = 800, size: int = 12) -> list[PaintedImage]:
    """Every image MuPDF paints, with its page and box (from its trace device)."""
    mutool = require("mutool", "mupdf-tools")
    with tempfile.TemporaryDirectory(prefix="epub-mupdf-") as folder:
        out = Path(folder) / "book.trace"
        subprocess.run([mutool, "draw", "-q", "-F", "trace", "-W", str(width), "-H", str(height),
                        "-S", str(size), "-o", str(out), str(epub)], check=True, capture_output=True,
                       timeout=TIMEOUT)
        # The trace is one XML fragment per page; wrap it to parse it whole.
        text = out.read_text(encoding="utf-8", errors="replace")
    root = etree.fromstring(f"<trace>{text}</trace>".encode(), etree.XMLParser(recover=True, huge_tree=True))
    images = []
    for number, page in enumerate(root.iter("page"), 1):
        for image in page.iter("fill_image"):
            a, b, c, d, e, f = (float(v) for v in image.get("transform").split())
            images.append(PaintedImage(number, e, f, abs(a) + abs(c), abs(b) + abs(d)))
    return images


def mupdf_png(epub: Path, pages: str, out_pattern: Path, width: int = 600, height: int = 800,
              size: int = 12, resolution: int = 96) -> None:
    """PNG renders of `pages` (mutool's page ranges, e.g. "5-6")."""
    mutool = require("mutool", "mupdf-tools")
    subprocess.run([mutool, "draw", "-q", "-F", "png", "-r", str(resolution), "-W", str(width), "-H", str(height),
                    "-S", str(size), "-o", str(out_pattern), str(epub), pages], check=True, capture_output=True,
                   timeout=TIMEOUT)


# ---- Chromium ----

# The lines of each element matching a selector, read from its characters' boxes:
# in horizontal text a new line starts where a character's top moves down, in
# vertical-rl where its left moves left. Each line: its text, where it starts
# (inline start, px) and its block position.
LINES_JS = """
([selector, vertical]) => {
  const out = [];
  for (const element of document.querySelectorAll(selector)) {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const pad = vertical ? parseFloat(style.paddingTop) : parseFloat(style.paddingLeft);
    const lines = [];
    let current = null;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const ch = node.data[i];
        if (ch === "\\n" || (ch === " " && current === null)) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (!rects.length) continue;
        const r = rects[0];
        const block = vertical ? r.left + r.width / 2 : r.top + r.height / 2;
        const start = vertical ? r.top : r.left;
        const size = vertical ? r.width : r.height;
        if (current === null || Math.abs(block - current.block) > current.size * 0.6) {
          current = {text: "", block: block, start: start, size: size};
          lines.push(current);
        }
        current.text += ch;
        current.start = Math.min(current.start, start);
      }
    }
    out.push({
      cls: element.className, tag: element.tagName.toLowerCase(),
      fontSize: parseFloat(style.fontSize),
      contentStart: (vertical ? box.top : box.left) + pad,
      lines: lines.map(l => ({text: l.text, start: l.start, block: l.block})),
    });
  }
  return out;
}
"""

# Every run of digits inside `selector`: its text, its box, and how the engine
# orients it (text-combine-upright, text-orientation of its parent).
DIGITS_JS = """
(selector) => {
  const out = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[0-9]+/g;
      let m;
      while ((m = re.exec(node.data)) !== null) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const r = range.getBoundingClientRect();
        const style = getComputedStyle(node.parentElement);
        out.push({text: m[0], context: node.parentElement.closest("p,h1,h2,li,a,time,span").textContent,
                  width: r.width, height: r.height, fontSize: parseFloat(style.fontSize),
                  combine: style.textCombineUpright, orientation: style.textOrientation,
                  writingMode: style.writingMode});
      }
    }
  }
  return out;
}
"""

# The advance of each occurrence of a two-mark pair (。” ”，) in em, along the line.
PAIR_JS = """
([pair, vertical]) => {
  const chars = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    for (let i = 0; i < n.data.length; i++) chars.push([n, i]);
  const out = [];
  for (let k = 0; k + 1 < chars.length; k++) {
    const [a, i] = chars[k], [b, j] = chars[k + 1];
    if (a.data[i] + b.data[j] !== pair) continue;
    const range = document.createRange();
    range.setStart(a, i);
    range.setEnd(b, j + 1);
    const r = range.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(a.parentElement).fontSize);
    out.push((vertical ? r.height : r.width) / size);
  }
  return out;
}
"""

IMAGES_JS = """
() => Array.from(document.images).map(img => {
  const r = img.getBoundingClientRect();
  return {src: img.getAttribute("src"), width: r.width, height: r.height, complete: img.complete,
          natural: img.naturalWidth, viewWidth: window.innerWidth, viewHeight: window.innerHeight};
})
"""


class BookServer:
    """Serves an EPUB's files to Chromium straight from the zip, over HTTP on the
    loopback address (a real server rather than request interception, which
    would switch off the browser's cache: the fonts then load once per book)."""

    def __init__(self, epub: Path):
        with zipfile.ZipFile(epub) as z:
            files = {name: z.read(name) for name in z.namelist()}

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the standard library's name
                name = self.path.lstrip("/").split("#")[0].split("?")[0]
                data = files.get(name)
                if data is None:
                    self.send_error(404)
                    return
                suffix = PurePosixPath(name).suffix
                media = {".xhtml": "application/xhtml+xml", ".css": "text/css", ".otf": "font/otf",
                         ".ttf": "font/ttf"}.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
                self.send_response(200)
                self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "max-age=86400")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "BookServer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Chromium:
    """One headless Chromium (Debian's) driven through Playwright, one tab."""

    def __init__(self, playwright, profile: str):
        executable = require(CHROMIUM, "chromium")
        self.context = playwright.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 600, "height": 800}, device_scale_factor=1)
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()

    def open(self, book: BookServer, name: str, width: int = 600, height: int = 800):
        """The tab showing document `name` of `book` at width x height CSS pixels."""
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.goto(book.origin + name, wait_until="load")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self.page

    def screenshot(self, page, path: Path) -> None:
        """The viewport through DevTools' Page.captureScreenshot."""
        import base64

        session = self.context.new_cdp_session(page)
        shot = session.send("Page.captureScreenshot", {"format": "png"})
        Path(path).write_bytes(base64.b64decode(shot["data"]))
        session.detach()

    def close(self):
        self.context.close()


@contextmanager
def chromium(driver=None):
    """A Chromium of its own profile, on the run's Playwright `driver` (tests pass the
    `playwright_driver` fixture) or, outside pytest, on a driver started here."""
    require(CHROMIUM, "chromium")
    if driver is None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            pytest.skip("Playwright for Python is not installed (pip install '.[test]')")
        with sync_playwright() as own:
            with chromium(own) as browser:
                yield browser
        return
    with tempfile.TemporaryDirectory(prefix="epub-chromium-") as profile:
        browser = Chromium(driver, profile)
        try:
            yield browser
        finally:
            browser.close()


# ---- calibre ----

def to_azw3(epub: Path, out: Path) -> Path:
    converter = require("ebook-convert", "calibre")
    env = dict(os.environ, CALIBRE_CONFIG_DIRECTORY=str(out.parent / "calibre-config"), HOME=str(out.parent))
    subprocess.run([converter, str(epub), str(out)], check=True, capture_output=True, timeout=TIMEOUT, env=env)
    return out


def azw3_text(azw3: Path) -> str:
    converter = require("ebook-convert", "calibre")
    out = azw3.with_suffix(".txt")
    env = dict(os.environ, CALIBRE_CONFIG_DIRECTORY=str(azw3.parent / "calibre-config"), HOME=str(azw3.parent))
    subprocess.run([converter, str(azw3), str(out)], check=True, capture_output=True, timeout=TIMEOUT, env=env)
    return out.read_text(encoding="utf-8")


def exth_records(path: Path) -> dict[int, list[bytes]]:
    """The EXTH header records of a MOBI/AZW3 file (type -> values), read from
    its first record: PalmDB header, record list, then the MOBI header."""
    data = Path(path).read_bytes()
    count = struct.unpack(">H", data[76:78])[0]
    assert count > 0, "no records"
    first = struct.unpack(">I", data[78:82])[0]
    record = data[first:]
    assert record[16:20] == b"MOBI", "no MOBI header"
    header_length = struct.unpack(">I", record[20:24])[0]
    exth = record[16 + header_length:]
    assert exth[:4] == b"EXTH", "no EXTH header"
    n = struct.unpack(">I", exth[8:12])[0]
    records: dict[int, list[bytes]] = {}
    offset = 12
    for _ in range(n):
        kind, length = struct.unpack(">II", exth[offset:offset + 8])
        records.setdefault(kind, []).append(exth[offset + 8:offset + length])
        offset += length
    return records
