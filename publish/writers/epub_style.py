"""The stylesheet: layouts/epub/epub.css.j2 filled with the embedded faces, the
role table's font families and the sides of the box for the writing mode.

Box sides are named through the writing mode (block start/end across lines,
inline start/end along them), so one template serves 横排 and 竖排 without
relying on logical CSS properties that older reading systems ignore.
"""
from __future__ import annotations

import posixpath
from itertools import count, takewhile

from .. import fonts
from .epub_fonts import EmbeddedFont, fallback_family

HORIZONTAL = dict(block_start="top", block_end="bottom", inline_start="left", inline_end="right")
VERTICAL_RL = dict(block_start="right", block_end="left", inline_start="top", inline_end="bottom")
GENERIC = ("serif", "sans-serif")


def families(settings: dict, faces: list[EmbeddedFont]) -> dict[str, str]:
    """Each role's font-family list: our face, its stand-in faces in the order they
    were embedded, then the device's faces (never a bare generic family alone)."""
    embedded = {face.family for face in faces}
    stacks = {}
    for role, device in settings["fonts"]["fallback"].items():
        own = fonts.font_for(role).family
        stand_ins = list(takewhile(lambda name: name in embedded,
                                   (fallback_family(own, n) for n in count(1))))
        names = [own] + stand_ins + list(device)
        stacks[role] = ", ".join(name if name in GENERIC else f'"{name}"' for name in names)
    return stacks


def render_stylesheet(layout, href: str, vertical: bool, faces: list[EmbeddedFont]) -> bytes:
    """The stylesheet at `href` (relative to the OPF folder), font URLs relative to it."""
    settings = layout.settings
    folder = posixpath.dirname(href) or "."
    return layout.render(
        "epub.css.j2", vertical=vertical, s=VERTICAL_RL if vertical else HORIZONTAL, style=settings["style"],
        roles=settings["fonts"]["roles"], families=families(settings, faces), weights=settings["fonts"]["weight"],
        faces=[dict(family=f.family, format=f.css_format, weight=f.weight, href=posixpath.relpath(f.href, folder))
               for f in faces])
