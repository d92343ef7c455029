"""The EPUB layout folder (layouts/epub/): its settings file and its templates.

Markup lives in Jinja2 templates and words, colours and font tables in
epub.toml, so an editor can restyle the book without touching Python. Every
XML template is autoescaped and every value passes `xml_safe`, so user text
(titles with `<` or `&`, stray control characters) can never break a document.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from ..paths import LAYOUTS

FOLDER = LAYOUTS / "epub"
SETTINGS_FILE = "epub.toml"

# Characters XML 1.0 does not allow at all (C0 controls but tab/newline/return,
# surrogates, U+FFFE/U+FFFF): dropped rather than written as an invalid file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value):
    """Drop characters that cannot appear in XML; a Markup value stays Markup."""
    if isinstance(value, str) and _NOT_XML.search(value):
        return type(value)(_NOT_XML.sub("", value))
    return value


@dataclass(frozen=True)
class Layout:
    folder: Path
    settings: dict
    env: jinja2.Environment

    def render(self, template: str, **values) -> bytes:
        return self.env.get_template(template).render(**values).encode("utf-8")

    def label(self, name: str, **values) -> str:
        return self.settings["labels"][name].format(**values)


def _autoescape(name: str | None) -> bool:
    """Escape in every XML template; the stylesheet only receives our own values."""
    return not (name or "").endswith(".css.j2")


@lru_cache(maxsize=4)
def load_layout(folder: Path = FOLDER) -> Layout:
    settings = tomllib.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=xml_safe,
    )
    return Layout(folder, settings, env)
