"""The edition's faces: one WOFF2 subset per typographic role, cut to exactly
the characters that role draws in the edition's documents.

The role table of web.toml says which elements each face sets; the stylesheet's
font-family rules come from the same table, and here the written documents are
walked with it, so the headline face carries only headline characters. A
character the bundled face lacks is left to the device's fonts named after
ours in the stylesheet.

WOFF2 is fontTools' writer with brotli at a lower quality than its default:
quality 11 takes seconds per CJK face for about a tenth less size.
"""
from __future__ import annotations

import io
import re
from contextlib import contextmanager
from dataclasses import dataclass

import lxml.html

from .. import fonts

_SELECTOR = re.compile(r"^(?P<tag>[a-z][a-z0-9]*)?(?:\.(?P<cls>[A-Za-z][A-Za-z0-9_-]*))?$")
_COLLAPSED = set("\t\n\r")
GENERIC = ("serif", "sans-serif")


@dataclass(frozen=True)
class WebFont:
    role: str
    family: str
    href: str           # relative to the edition folder
    weight: str
    data: bytes
    characters: str


class RoleMatcher:
    """Which role an element's text belongs to, by the simple selectors of the
    role table: a class outweighs a tag, and the nearest matching ancestor wins."""

    def __init__(self, roles: dict[str, list[str]]):
        self.rules = []
        for role, selectors in roles.items():
            for selector in selectors:
                found = _SELECTOR.match(selector)
                if not found or not selector:
                    raise ValueError(f"web.toml [fonts.roles] {role}: '{selector}' is not `tag`, "
                                     "`.class` or `tag.class`")
                self.rules.append((role, found.group("tag"), found.group("cls")))

    def role_of(self, element) -> str | None:
        classes = (element.get("class") or "").split()
        matches = [((cls is not None, tag is not None), role) for role, tag, cls in self.rules
                   if (tag is None or tag == element.tag) and (cls is None or cls in classes)]
        return max(matches)[1] if matches else None


def role_characters(documents: list[str], roles: dict[str, list[str]]) -> dict[str, set[str]]:
    """Characters each role draws in the bodies of the HTML `documents`
    (image alt texts and attributes are not drawn, so they are not counted)."""
    matcher = RoleMatcher(roles)
    found: dict[str, set[str]] = {role: set() for role in roles}

    def add(role: str, text: str | None) -> None:
        if text:
            found[role].update(ch for ch in text if ch not in _COLLAPSED)

    def walk(element, inherited: str) -> None:
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            return
        role = matcher.role_of(element) or inherited
        add(role, element.text)
        for child in element:
            walk(child, role)
            add(role, child.tail)

    for document in documents:
        body = lxml.html.document_fromstring(document).find("body")
        if body is not None:
            walk(body, "body")
    return found


@contextmanager
def _brotli_quality(quality: int):
    """fontTools' WOFF2 writer calls `brotli.compress` with brotli's default
    quality; hand it one that uses ours for the length of a `with`."""
    from fontTools.ttLib import woff2

    real = woff2.brotli
    if real is None:
        raise RuntimeError("WOFF2 needs the brotli package")

    class Brotli:
        MODE_FONT, MODE_TEXT, decompress = real.MODE_FONT, real.MODE_TEXT, staticmethod(real.decompress)

        @staticmethod
        def compress(data, **options):
            return real.compress(data, **{"quality": quality, **options})

    woff2.brotli = Brotli
    try:
        yield
    finally:
        woff2.brotli = real


def woff2_bytes(opentype: bytes, quality: int) -> bytes:
    from fontTools.ttLib import woff2

    out = io.BytesIO()
    with _brotli_quality(quality):
        woff2.compress(io.BytesIO(opentype), out)
    return out.getvalue()


def web_fonts(characters: dict[str, set[str]], settings: dict, folder: str) -> list[WebFont]:
    """A WOFF2 subset of each role's bundled face holding the characters it draws."""
    faces = []
    for role, chars in characters.items():
        text = "".join(sorted(ch for ch in chars if not ch.isspace() or ch == "\u3000"))
        if not text:
            continue
        font = fonts.font_for(role)
        data = woff2_bytes(fonts.subset(font.path, text), settings["brotli_quality"])
        faces.append(WebFont(role, font.family, f"{folder}/{role}.woff2", settings["weight"][role], data, text))
    return faces


def families(settings: dict) -> dict[str, str]:
    """Each role's font-family list: our face, then the device's."""
    stacks = {}
    for role, device in settings["fallback"].items():
        names = [fonts.font_for(role).family] + list(device)
        stacks[role] = ", ".join(name if name in GENERIC else f'"{name}"' for name in names)
    return stacks
