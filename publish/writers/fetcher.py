"""The only URLs WeasyPrint may read: files of the issue folder, layouts/ and fonts/.

WeasyPrint's default fetcher reads any file and any host; a page that named
`/etc/passwd` as an attachment would carry it inside the PDF. Everything the
make-up paints is ours, so any other URL is a bug or an attack: the render
stops with a clear error instead of skipping it.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher

from ..paths import FONTS, LAYOUTS


class RefusedURL(FatalURLFetchingError):
    pass


class IssueFetcher(URLFetcher):
    def __init__(self, issue_root: Path, extra_roots: tuple[Path, ...] = ()):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.roots = tuple(p.resolve() for p in (Path(issue_root), LAYOUTS, FONTS, *extra_roots))

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path == root or root in path.parents for root in self.roots)

    def fetch(self, url, headers=None):
        if not self.allows(url):
            raise RefusedURL(f"refused to read {url}: only the issue folder, layouts/ and fonts/ "
                             "may be read")
        return super().fetch(url, headers)

