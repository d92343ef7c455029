"""The EPUB layout folder (layouts/epub/): its settings file and its templates.

Markup lives in Jinja2 templates and words, colours and font tables in
epub.toml, so an editor can restyle the book without touching Python. Every
XML template is autoescaped and every value passes `xml_safe`, so user text
(titles with `<` or `&`, stray control characters) can never break a document.

epub.toml is checked when it is read, key by key against `SCHEMA`, so an
editor's slip (a missing label, a quality of "high", a `{nmber}` placeholder)
is one line naming the key rather than a traceback in the middle of a build.
"""
from __future__ import annotations

import re
import string
import tomllib
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import jinja2

from ..errors import PublishError
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


class LayoutError(PublishError):
    """layouts/epub/epub.toml is malformed."""


# ---- the settings file's schema: a checker per key, tables as nested dicts ----

Check = Callable[[Any], str | None]      # None when the value is good, else what was expected


def _text(value) -> str | None:
    return None if isinstance(value, str) and value.strip() else "a non-empty string"


def _integer(low: int, high: int) -> Check:
    def check(value):
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"an integer from {low} to {high}"
    return check


def _grey(value) -> str | None:
    return _integer(0, 255)(value) and "a grey level from 0 to 255"


def _rgb(value) -> str | None:
    ok = isinstance(value, list) and len(value) == 3 and all(_integer(0, 255)(v) is None for v in value)
    return None if ok else "[red, green, blue] with each from 0 to 255"


def _css_colour(value) -> str | None:
    ok = isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?", value)
    return None if ok else 'a colour like "#c8102e"'


def _uuid(value) -> str | None:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return "a UUID"
    return None if isinstance(value, str) else "a UUID"


def _strings(value) -> str | None:
    ok = isinstance(value, list) and value and all(isinstance(v, str) and v for v in value)
    return None if ok else "a non-empty list of strings"


def _one_of(*choices: str) -> Check:
    return lambda value: None if value in choices else " or ".join(f'"{c}"' for c in choices)


def _relative_path(value) -> str | None:
    ok = (isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_.-]+)*", value)
          and ".." not in value.split("/"))
    return None if ok else "a relative path of plain names (letters, digits, _ . -)"


def _label(*fields: str) -> Check:
    """A label: text whose {placeholders} are exactly among `fields`."""
    def check(value):
        if _text(value):
            return "a non-empty string"
        try:
            used = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError:
            return f"a string with well-formed {{placeholders}} (allowed: {_names(fields)})"
        unknown = used - set(fields)
        return f"placeholders among {_names(fields)}, not {_names(sorted(unknown))}" if unknown else None
    return check


def _names(fields) -> str:
    return ", ".join(f"{{{f}}}" for f in fields) or "none"


def _table_of(check: Check, keys: tuple[str, ...] | None = None) -> Check:
    """A table whose every value passes `check` (and whose keys are among `keys`)."""
    def run(value):
        if not isinstance(value, dict) or not value:
            return "a non-empty table"
        for key, item in value.items():
            if keys is not None and key not in keys:
                return f"keys among {', '.join(keys)}, not '{key}'"
            problem = check(item)
            if problem:
                return f"{problem} for every key ('{key}' is not)"
        return None
    return run


ROLES = ("body", "headline", "sans", "kai")

SCHEMA: dict = {
    "package": {"folder": _relative_path, "stylesheet": _relative_path, "identifier_namespace": _uuid,
                "collection_type": _text},
    "labels": {
        "title": _label("paper", "date_cn", "serial"), "title_no_serial": _label("paper", "date_cn"),
        "toc": _label(), "landmarks": _label(), "page_list": _label(), "cover": _label(), "masthead": _label(),
        "bodymatter": _label(), "page": _label("number"), "page_image": _label("number"),
        "page_image_alt": _label("number", "titles"), "page_map_alt": _label("number", "titles"),
        "teaser": _label("numeral"), "continued": _label("numeral"), "serial": _label("serial"),
        "page_count": _label("count"),
        "cn": _label("cn"), "print_source": _label("paper", "date_cn", "serial"),
        "print_source_no_serial": _label("paper", "date_cn"), "digest": _label(),
        "image_alt": _label("title"), "cover_alt": _label("paper", "date_cn"),
        "cover_alt_generated": _label("paper", "date_cn"),
    },
    "accessibility": {"summary": _text, "hazards": _strings, "features": _strings},
    "cover": {"width": _integer(200, 4000), "height": _integer(200, 6000), "margin": _integer(0, 1000),
              "paper": _rgb, "ink": _rgb, "red": _rgb, "pdf_height": _integer(200, 6000),
              "pdf_quality": _integer(1, 95)},
    "page_images": {"width": _integer(200, 4000), "quality": _integer(1, 95), "min_quality": _integer(1, 95),
                    "max_bytes": _integer(10_000, 10_000_000), "paper": _grey, "ink": _grey, "frame": _grey,
                    "furniture": _grey, "badge": _integer(8, 400)},
    "fonts": {"roles": _table_of(_strings, ROLES), "fallback": _table_of(_strings, ROLES),
              "weight": _table_of(_one_of("normal", "bold"), ROLES)},
    "style": {"red": _css_colour, "muted": _css_colour},
}


def _problems(table: dict, schema: dict, where: str) -> list[str]:
    problems = []
    for key, rule in schema.items():
        name = f"{where}{key}"
        if key not in table:
            problems.append(f"{name}: missing")
        elif isinstance(rule, dict):
            if isinstance(table[key], dict):
                problems += _problems(table[key], rule, f"{name}.")
            else:
                problems.append(f"{name}: expected a table, found {_shown(table[key])}")
        else:
            expected = rule(table[key])
            if expected:
                problems.append(f"{name}: expected {expected}, found {_shown(table[key])}")
    problems += [f"{where}{key}: unknown key (known: {', '.join(schema)})" for key in table if key not in schema]
    return problems


def _shown(value) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "..."


def validate_settings(settings: dict, path: Path) -> dict:
    """`settings` when every key of `SCHEMA` is there and good, else a LayoutError
    naming the file and each bad key."""
    problems = _problems(settings, SCHEMA, "")
    if not problems and settings["page_images"]["min_quality"] > settings["page_images"]["quality"]:
        problems.append("page_images.min_quality: expected at most page_images.quality")
    if problems:
        raise LayoutError("\n".join(f"{path}: {problem}" for problem in problems))
    return settings


def read_settings(path: Path) -> dict:
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise LayoutError(f"{path}: cannot read the EPUB layout's settings: {error.strerror}") from None
    except UnicodeDecodeError:
        raise LayoutError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise LayoutError(f"{path}: not valid TOML: {error}") from None
    return validate_settings(settings, path)


@lru_cache(maxsize=4)
def load_layout(folder: Path = FOLDER) -> Layout:
    settings = read_settings(folder / SETTINGS_FILE)
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
