"""The web layout folder (layouts/web/): its settings file and its templates.

Markup lives in Jinja2 templates, words, sizes and font tables in web.toml.
HTML templates are autoescaped, so a title holding `<` or `&` stays text; the
stylesheets are not (they hold only our own values and generated numbers).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import jinja2

from ..paths import LAYOUTS

FOLDER = LAYOUTS / "web"
SETTINGS_FILE = "web.toml"


@dataclass(frozen=True)
class WebLayout:
    folder: Path

    @cached_property
    def settings(self) -> dict:
        return tomllib.loads((self.folder / SETTINGS_FILE).read_text(encoding="utf-8"))

    @cached_property
    def environment(self) -> jinja2.Environment:
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.folder)),
            autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)

    def render(self, template: str, **values) -> str:
        return self.environment.get_template(template).render(**values)

    def label(self, key: str, /, **values) -> str:
        return self.settings["labels"][key].format(**values)

    def file(self, name: str) -> bytes:
        """A static file of the layout, copied into the edition as it is."""
        return (self.folder / name).read_bytes()


@lru_cache(maxsize=None)
def web_layout(folder: Path = FOLDER) -> WebLayout:
    return WebLayout(folder)
