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


def embed(characters: dict[str, set[str]], weights: dict[str, str],
          fallbacks: dict[str, list[str]]) -> tuple[list[EmbeddedFont], dict[str, str]]:
    """Subset each role's bundled face to its characters.

    A character the bundled face lacks (the bundle is GB2312 plus the example;
    a poem may quote 曈) is cut from the system face fontconfig finds for the
    role's first fallback family and embedded as a second face of the role,
    named after it in the stylesheet, so the book still carries every glyph it
    shows. Returns the faces and the characters no face has (char -> role)."""
    embedded, missing = [], {}
    for role, chars in characters.items():
        if not chars:
            continue
        font = fonts.font_for(role)
        text = "".join(sorted(chars))
        weight = weights.get(role, "normal")
        embedded.append(_face(role, font.family, role, weight, fonts.subset(font.path, text), text))
        covered = fonts.cmap(font.path)
        lacking = "".join(ch for ch in text if not ch.isspace() and ord(ch) not in covered)
        if not lacking:
            continue
        system = fonts.system_face(f"{fallbacks[role][0]}:weight={200 if weight == 'bold' else 80}", lacking) \
            if fallbacks.get(role) else None
        if system is None:
            missing.update((ch, role) for ch in lacking)
            continue
        embedded.append(_face(role, fallback_family(font.family), f"{role}-fallback", weight,
                              fonts.subset(system[0], lacking, system[1]), lacking))
    return embedded, missing


def fallback_family(family: str) -> str:
    return f"{family} Fallback"
