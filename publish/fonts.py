"""Fonts: which file draws each typographic role, what it covers, and subsets.

Roles follow Chinese newspaper practice: body 书宋, headline 标宋, sans 黑体,
kai 楷体 (bylines, captions). The bundled subsets in fonts/ come first, so a
build looks the same on every machine; fonts installed on the system
(fontconfig) are the fallback for characters the bundle lacks.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Article, Issue
from .paths import FONTS

ROLES = ("body", "headline", "sans", "kai")
# The role (face) each paragraph kind is printed in; kinds not named are body text.
PARAGRAPH_ROLES = {"intertitle": "sans", "label": "sans", "caption": "kai", "credit": "kai",
                   "author": "kai"}
# The OpenType features CJK setting needs: vertical forms, half-width
# punctuation, kerning. Ligatures are left out on purpose: the line composer
# measures every character on its own.
LAYOUT_FEATURES = ("ccmp", "kern", "vkrn", "halt", "vhal", "palt", "vpal", "vert", "vrt2")


@dataclass(frozen=True)
class Font:
    role: str
    family: str         # the CSS family name our layouts use for this role
    path: Path
    bundled: bool

    def covers(self, char: str) -> bool:
        return ord(char) in cmap(self.path)


# role -> (CSS family, bundled file, fontconfig pattern for the fallback)
_ROLE_FONTS = {
    "body": ("Publish Body", "NotoSerifCJKsc-Regular.otf", "Noto Serif CJK SC:style=Regular"),
    "headline": ("Publish Headline", "NotoSerifCJKsc-Bold.otf", "Noto Serif CJK SC:style=Bold"),
    "sans": ("Publish Sans", "NotoSansCJKsc-Bold.otf", "Noto Sans CJK SC:style=Bold"),
    "kai": ("Publish Kai", "PublishKai-Regular.ttf", "LXGW WenKai:style=Regular"),
}


def _fontconfig_file(pattern: str) -> Path | None:
    try:
        found = subprocess.run(["fc-match", "--format=%{file}", pattern], capture_output=True,
                               text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    return Path(found) if found and Path(found).is_file() else None


@lru_cache(maxsize=None)
def font_for(role: str) -> Font:
    """The font of a role: the bundled subset, else what fontconfig matches."""
    if role not in _ROLE_FONTS:
        raise ValueError(f"unknown font role {role!r} (roles: {', '.join(ROLES)})")
    family, filename, pattern = _ROLE_FONTS[role]
    bundled = FONTS / filename
    if bundled.is_file():
        return Font(role, family, bundled, True)
    system = _fontconfig_file(pattern)
    if system is None:
        from .errors import PublishError
        raise PublishError(f"no font for role '{role}': {bundled} is missing and fontconfig "
                           f"has nothing for '{pattern}' (run `make fonts` or install Noto CJK)")
    return Font(role, family, system, False)


@lru_cache(maxsize=None)
def cmap(path: Path | str, index: int = 0) -> frozenset[int]:
    """Code points a font face maps, read by HarfBuzz (microseconds, where
    fontTools' cmap decoding takes a tenth of a second per CJK font)."""
    import uharfbuzz as hb

    return frozenset(hb.Face(hb.Blob.from_file_path(str(path)), index).unicodes)


def system_face(pattern: str, chars: str) -> tuple[Path, int] | None:
    """A face installed on this machine that has every one of `chars`, as close
    to the fontconfig `pattern` (family and weight of a role) as fontconfig finds."""
    charset = " ".join(f"{ord(c):x}" for c in chars)
    try:
        found = subprocess.run(["fc-match", "--format=%{file}\n%{index}", f"{pattern}:charset={charset}"],
                               capture_output=True, text=True, timeout=10, check=False).stdout.split("\n")
    except (OSError, subprocess.TimeoutExpired):
        return None
    if len(found) != 2 or not found[0] or not found[1].isdigit():
        return None
    path, index = Path(found[0]), int(found[1])
    try:
        covered = cmap(path, index)
    except Exception:  # noqa: BLE001 - an unreadable system font is simply no fallback
        return None
    return (path, index) if all(ord(c) in covered for c in chars) else None


def fallback_pattern(role: str) -> str:
    """The fontconfig pattern of a role's own family and weight."""
    return _ROLE_FONTS[role][2]


def _article_texts(article: Article) -> list[tuple[str, str]]:
    """(role, text) of everything an article shows."""
    texts = [("headline", t) for t in (article.kicker, article.title, article.subtitle) if t]
    texts += [("kai", t) for t in (article.byline,) if t]
    texts += [("sans", article.column)] if article.column else []
    texts += [(PARAGRAPH_ROLES.get(p.kind, "body"), p.text) for p in article.paragraphs]
    for image in article.images:
        texts += [("kai", t) for t in (image.caption, image.credit) if t]
    return texts


def issue_texts(issue: Issue) -> list[tuple[str, str, str]]:
    """(where, role, text) of everything the issue prints, where = article id or 'masthead'."""
    m = issue.masthead
    out = [("masthead", "headline", m.paper)]
    out += [("masthead", "body", t) for t in (m.organ, m.publisher, m.weekday, m.lunar, m.cn) if t]
    for page in issue.pages:
        if page.name:
            out.append((f"page {page.number}", "sans", page.name))
        out += [(f"page {page.number}", "body", e) for e in page.editors]
        for article in page.articles:
            out += [(article.id, role, text) for role, text in _article_texts(article)]
    return out


@dataclass(frozen=True)
class Uncovered:
    char: str
    where: tuple[str, ...]   # article ids (or 'masthead', 'page N') it occurs in
    fallback: Path | None    # a system font that has it, if any


def uncovered(issue: Issue) -> list[Uncovered]:
    """Characters the bundled role font cannot draw, with where they occur and
    whether a system font can stand in. Whitespace and controls are ignored."""
    places: dict[str, list[str]] = {}
    for where, role, text in issue_texts(issue):
        font = font_for(role)
        for char in text:
            if char.isspace() or ord(char) < 0x20 or font.covers(char):
                continue
            if where not in places.setdefault(char, []):
                places[char].append(where)
    found = []
    for char in sorted(places):
        bundled = next((font_for(r).path for r in ROLES if font_for(r).covers(char)), None)
        system = None if bundled else system_face(fallback_pattern("body"), char)
        found.append(Uncovered(char, tuple(places[char]), bundled or (system[0] if system else None)))
    return found


def coverage_report(issue: Issue) -> tuple[bool, list[str]]:
    """Lines for `publish fonts`: the role fonts, then each character no font covers."""
    lines = []
    for role in ROLES:
        font = font_for(role)
        origin = "bundled" if font.bundled else "system"
        lines.append(f"{role:9} {font.family:17} {font.path.name} ({origin}, {len(cmap(font.path))} characters)")
    missing = uncovered(issue)
    ok = all(u.fallback is not None for u in missing)
    for u in missing:
        state = f"fallback {u.fallback.name}" if u.fallback else "NO FONT"
        lines.append(f"U+{ord(u.char):04X} {u.char}  {state}  in {', '.join(u.where)}")
    if not missing:
        lines.append("every character is covered by the bundled fonts")
    elif ok:
        lines.append(f"{len(missing)} character(s) drawn by system fallback fonts")
    else:
        lines.append(f"{sum(u.fallback is None for u in missing)} character(s) no font covers")
    return ok, lines


def subset(path: Path | str, text: str, index: int = 0) -> bytes:
    """An OpenType subset of a face holding exactly the characters of `text`,
    with the CJK layout features and every name record (the OFL wants the
    copyright and licence fields kept). HarfBuzz's subsetter: milliseconds
    where fontTools takes seconds."""
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(path)), index)
    inputs = hb.SubsetInput()
    names = inputs.sets(hb.SubsetInputSets.NAME_ID)
    for name_id in range(0, 26):
        names.add(name_id)
    for char in set(text):
        inputs.unicode_set.add(ord(char))
    features = inputs.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG)
    features.clear()
    for tag in LAYOUT_FEATURES:
        features.add(int.from_bytes(tag.encode("ascii"), "big"))
    result = hb.subset(face, inputs)
    if result is None:
        raise RuntimeError(f"HarfBuzz could not subset {path}")
    return result.blob.data
