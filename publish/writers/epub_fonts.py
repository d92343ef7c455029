"""Embedded fonts: one subset per typographic role, cut to exactly what it draws.

The layout's role table (epub.toml [fonts.roles]) says which elements each
face sets; the stylesheet's font-family rules are generated from the same
table, and here the rendered documents are walked with it, so the headline
face carries only headline characters, the 楷体 only bylines and captions.
That keeps an issue's four faces to a few hundred kilobytes where one shared
character set would carry every character four times. Subsets are OTF/TTF,
not WOFF2, which Kobo and Kindle ignore.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .. import fonts

XHTML = "http://www.w3.org/1999/xhtml"
_SELECTOR = re.compile(r"^(?P<tag>[a-z][a-z0-9]*)?(?:\.(?P<cls>[A-Za-z][A-Za-z0-9_-]*))?$")
# Whitespace that collapses away; U+0020 and U+3000 are drawn and kept.
_COLLAPSED = set("\t\n\r")


@dataclass(frozen=True)
class EmbeddedFont:
    role: str
    family: str
    href: str             # relative to the OPF folder
    media_type: str
    css_format: str
    weight: str
    data: bytes
    characters: str


class RoleMatcher:
    """Which role an element's text belongs to, by the simple selectors of the
    role table, with CSS's rule that a class outweighs a tag name."""

    def __init__(self, roles: dict[str, list[str]]):
        self.rules = []
        for role, selectors in roles.items():
            for selector in selectors:
                found = _SELECTOR.match(selector)
                if not found or not selector:
                    raise ValueError(f"epub.toml [fonts.roles] {role}: '{selector}' is not `tag`, "
                                     f"`.class` or `tag.class`")
                self.rules.append((role, found.group("tag"), found.group("cls")))

    def role_of(self, element) -> str | None:
        tag = etree.QName(element).localname
        classes = (element.get("class") or "").split()
        matches = [((cls is not None, rule_tag is not None), role) for role, rule_tag, cls in self.rules
                   if (rule_tag is None or rule_tag == tag) and (cls is None or cls in classes)]
        if not matches:
            return None
        best = max(weight for weight, _ in matches)
        roles = {role for weight, role in matches if weight == best}
        if len(roles) > 1:
            raise ValueError(f"epub.toml [fonts.roles]: <{tag} class='{' '.join(classes)}'> is set by "
                             f"{' and '.join(sorted(roles))} with equal weight")
        return roles.pop()


def role_characters(documents: list[bytes], roles: dict[str, list[str]]) -> dict[str, set[str]]:
    """Characters each role draws in the bodies of `documents` (XHTML bytes)."""
    matcher = RoleMatcher(roles)
    found: dict[str, set[str]] = {role: set() for role in roles}

    def add(role: str, text: str | None) -> None:
        if text:
            found[role].update(ch for ch in text if ch not in _COLLAPSED)

    def walk(element, inherited: str) -> None:
        if not isinstance(element.tag, str):      # comments, processing instructions
            return
        role = matcher.role_of(element) or inherited
        add(role, element.text)
        for child in element:
            walk(child, role)
            add(role, child.tail)

    for data in documents:
        body = etree.fromstring(data).find(f"{{{XHTML}}}body")
        if body is not None:
            walk(body, "body")
    return found


def _face(role: str, family: str, name: str, weight: str, data: bytes, text: str) -> EmbeddedFont:
    cff = data[:4] == b"OTTO"
    return EmbeddedFont(role=role, family=family, href=f"fonts/{name}.{'otf' if cff else 'ttf'}",
                        media_type="font/otf" if cff else "font/ttf",
                        css_format="opentype" if cff else "truetype", weight=weight, data=data, characters=text)


def embed(characters: dict[str, set[str]], weights: dict[str, str]) -> tuple[list[EmbeddedFont], dict[str, str]]:
    """Subset each role's bundled face to its characters.

    A character the bundled face lacks (a rare name such as 𠮷, in CJK
    Extension B) is cut from the face that the print edition draws it with too
    (`fonts.fallback_faces`: the role's fallback chain, system faces as
    fontconfig sorts them, then the other bundled faces), one more face of the
    role per stand-in face, named in the stylesheet after the bundled one, so the
    book carries every glyph it shows whatever the reading system has. Returns the
    faces and the characters no face on this machine has (char -> role)."""
    embedded: list[EmbeddedFont] = []
    missing: dict[str, str] = {}
    for role, chars in characters.items():
        if not chars:
            continue
        font = fonts.font_for(role)
        text = "".join(sorted(chars))
        weight = weights.get(role, "normal")
        embedded.append(_face(role, font.family, role, weight, fonts.subset(font.path, text), text))
        groups, nowhere = fonts.fallback_faces(role, text)
        missing.update((ch, role) for ch in nowhere)
        for number, (face, lacking) in enumerate(groups.items(), start=1):
            name = f"{role}-fallback" + (f"-{number}" if number > 1 else "")
            embedded.append(_face(role, fallback_family(font.family, number), name, weight,
                                  fonts.subset(face.path, lacking, face.index), lacking))
    return embedded, missing


def fallback_family(family: str, number: int = 1) -> str:
    """The CSS family of a role's `number`th stand-in face."""
    return f"{family} Fallback" + (f" {number}" if number > 1 else "")
