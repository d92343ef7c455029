"""Fonts: which face draws each character of each typographic role.

Roles follow Chinese newspaper practice: body 书宋, headline 标宋, sans 黑体,
kai 楷体 (bylines, captions). The bundled subsets in fonts/ come first, so a
build looks the same on every machine: they hold GB 2312 and the whole
通用规范汉字表. A character they lack (an Extension B name character such as
𠮷) is drawn from a face installed on the system: fontconfig sorts the
installed faces once per role by closeness to the role's family, weight and
language (`fallback_chain`), and each character goes to the first of them
whose cmap has it (`face_for`). Everything that draws or measures text asks
the same function, so the line composer measures a fallback glyph in the face
the PDF embeds it from, and the EPUB embeds the same face.

Look-ups are cached per face, never per character: one fontconfig call per
role, one cmap read per face, then a set look-up per character.
"""
from __future__ import annotations

import base64
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Article, Issue
from .paths import FONTS

ROLES = ("body", "headline", "sans", "kai")
# The role (face) each paragraph kind is printed in; kinds not named are body text.
PARAGRAPH_ROLES = {"intertitle": "sans", "label": "sans", "caption": "kai", "credit": "kai",
                   "author": "kai", "note": "kai"}
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


@dataclass(frozen=True)
class Face:
    """One face of a font file (a .ttc collection holds several)."""

    path: Path
    index: int = 0
    family: str = ""        # the face's own family name, for reports
    bundled: bool = False

    @property
    def label(self) -> str:
        """How reports name it: 'Noto Serif CJK SC (NotoSerifCJK-Regular.ttc)'."""
        return f"{self.family or self.path.stem} ({self.path.name})"

    def covers(self, char: str) -> bool:
        return ord(char) in cmap(self.path, self.index)


# role -> (CSS family, bundled file, fontconfig pattern of the role's own family and weight)
_ROLE_FONTS = {
    "body": ("Publish Body", "NotoSerifCJKsc-Regular.otf", "Noto Serif CJK SC:style=Regular"),
    "headline": ("Publish Headline", "NotoSerifCJKsc-Bold.otf", "Noto Serif CJK SC:style=Bold"),
    "sans": ("Publish Sans", "NotoSansCJKsc-Bold.otf", "Noto Sans CJK SC:style=Bold"),
    "kai": ("Publish Kai", "PublishKai-Regular.ttf", "LXGW WenKai:style=Regular"),
}
# Simplified Chinese: fontconfig then prefers the SC face of a CJK collection.
LANGUAGE = "zh-cn"


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


def _sorted_system_faces(pattern: str) -> list[Face]:
    """Every installed face fontconfig would fall back through for `pattern`,
    best first, faces that add no coverage pruned (`fc-match --sort`)."""
    try:
        done = subprocess.run(["fc-match", "--sort", "--format=%{file}\t%{index}\t%{family[0]}\n",
                               pattern], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    faces = []
    for line in done.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].isdigit() and Path(parts[0]).is_file():
            faces.append(Face(Path(parts[0]).resolve(), int(parts[1]), parts[2]))
    return faces


@lru_cache(maxsize=None)
def fallback_chain(role: str) -> tuple[Face, ...]:
    """The faces that stand in for a role's bundled face, best first: the installed
    faces as fontconfig sorts them for the role's family, weight and language, then
    the other roles' bundled faces (a machine without CJK fonts still draws a
    character one of them has). One fontconfig call per role and process."""
    own = font_for(role)
    chain: list[Face] = []
    for face in _sorted_system_faces(f"{_ROLE_FONTS[role][2]}:lang={LANGUAGE}"):
        if face.path != own.path and face not in chain:
            chain.append(face)
    for other in ROLES:
        font = font_for(other)
        if other != role and font.bundled:
            chain.append(Face(font.path, 0, font.family, True))
    return tuple(chain)


# role -> char -> the face that draws it (None: no face has it)
_DRAWN_BY: dict[str, dict[str, Face | None]] = {}


def own_face(role: str) -> Face:
    font = font_for(role)
    return Face(font.path, 0, font.family, font.bundled)


def face_for(role: str, char: str) -> Face | None:
    """The face that draws `char` in `role`: the role's own font when it has the
    character, else the first face of the role's fallback chain that has it, else
    None (no font on this machine has it)."""
    known = _DRAWN_BY.setdefault(role, {})
    if char in known:
        return known[char]
    code = ord(char)
    if code in cmap(font_for(role).path):
        found: Face | None = own_face(role)
    else:
        found = next((face for face in fallback_chain(role)
                      if code in cmap(face.path, face.index)), None)
    known[char] = found
    return found


def fallback_faces(role: str, chars) -> tuple[dict[Face, str], str]:
    """The characters of `chars` that `role`'s own font lacks, grouped by the
    face that draws each ({face: characters}, in chain order), and those no face
    has. Whitespace and control characters are left out: they are never drawn."""
    own = font_for(role).path
    groups: dict[Face, list[str]] = {}
    missing = []
    for char in sorted(set(chars)):
        if _undrawn(char) or ord(char) in cmap(own):
            continue
        face = face_for(role, char)
        if face is None:
            missing.append(char)
        else:
            groups.setdefault(face, []).append(char)
    order = {face: n for n, face in enumerate(fallback_chain(role))}
    return ({face: "".join(groups[face]) for face in sorted(groups, key=order.__getitem__)},
            "".join(missing))


def _undrawn(char: str) -> bool:
    return char.isspace() or ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0


def fallback_pattern(role: str) -> str:
    """The fontconfig pattern of a role's own family and weight."""
    return _ROLE_FONTS[role][2]


def _article_texts(article: Article) -> list[tuple[str, str]]:
    """(role, text) of everything an article shows. Headline parts are listed in
    the headline and the sans face both: the make-up sets small titles in 黑体."""
    heads = [t for t in (article.kicker, article.title, article.subtitle) if t]
    texts = [(role, t) for t in heads for role in ("headline", "sans")]
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
    if issue.imprint is not None:
        out += [("imprint", "body", f"{label}{value}") for label, value in issue.imprint.entries()]
    return out


@dataclass(frozen=True)
class Uncovered:
    """A character the bundled face of some role it is printed in lacks."""

    char: str
    where: tuple[str, ...]                       # article ids (or 'masthead', 'page N') it occurs in
    faces: tuple[tuple[str, Face | None], ...]   # (role, the face that draws it there) per role used

    @property
    def fallback(self) -> Path | None:
        """A file that draws it (the first role's), None when no font has it."""
        return next((face.path for _, face in self.faces if face is not None), None)

    @property
    def printable(self) -> bool:
        return all(face is not None for _, face in self.faces)

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    def as_report(self) -> dict:
        """The build report's entry: the character, where it is, the faces it is set in."""
        return {"char": self.char, "codepoint": self.codepoint, "where": list(self.where),
                "fallback": {role: face.label if face else None for role, face in self.faces}}


def uncovered(issue: Issue) -> list[Uncovered]:
    """Characters a bundled role font cannot draw, with where they occur and the
    face that stands in for each role they are printed in (None: no font has it)."""
    places: dict[str, list[str]] = {}
    roles: dict[str, list[str]] = {}
    covered = {role: cmap(font_for(role).path) for role in ROLES}
    for where, role, text in issue_texts(issue):
        own = covered[role]
        for char in set(text):
            if ord(char) in own or _undrawn(char):
                continue
            spots = places.setdefault(char, [])
            if where not in spots:
                spots.append(where)
            used = roles.setdefault(char, [])
            if role not in used:
                used.append(role)
    found = []
    for char in sorted(places):
        faces = tuple((role, face_for(role, char)) for role in ROLES if role in roles[char])
        found.append(Uncovered(char, tuple(sorted(places[char], key=_place_order(issue))), faces))
    return found


def _place_order(issue: Issue):
    order = {a.id: n for n, a in enumerate(issue.articles())}
    return lambda where: (order.get(where, -1), where)


def missing_glyph_message(missing: list[Uncovered], output: str) -> str:
    """One line naming every character no font has and where each is used."""
    parts = [f"{u.char} ({u.codepoint}) in {', '.join(u.where)}" for u in missing[:12]]
    more = f" and {len(missing) - 12} more" if len(missing) > 12 else ""
    several = len(missing) > 1
    return (f"{output}: no font on this machine has {'these characters' if several else 'the character'}: "
            + "; ".join(parts) + more + f" (install a font that has {'them' if several else 'it'})")


def fallback_warnings(found: list[Uncovered], output: str) -> list[str]:
    """One build warning per stand-in face: which characters it draws and where.
    A face outside the bundle can differ between machines, so the desk hears of it."""
    by_face: dict[Face, list[Uncovered]] = {}
    for u in found:
        for face in dict.fromkeys(face for _, face in u.faces if face is not None):
            by_face.setdefault(face, []).append(u)
    lines = []
    for face, chars in by_face.items():
        where = list(dict.fromkeys(w for u in chars for w in u.where))
        shown = " ".join(u.char for u in chars[:20]) + (f" … ({len(chars)} in all)" if len(chars) > 20 else "")
        origin = "a bundled face of another role" if face.bundled else "a system font"
        lines.append(f"{output}: {shown} set in {face.label}, {origin}, in {', '.join(where[:8])}"
                     + (" …" if len(where) > 8 else ""))
    return lines


# -- the print edition's faces ------------------------------------------------------------

# Issue folder -> the @font-face entries of its last checked print edition (see print_faces);
# the few most recent only, as a batch process builds issue after issue.
_PRINT_FACES: dict[Path, tuple[dict, ...]] = {}
_PRINT_FACES_KEPT = 8


def check_print_fonts(issue: Issue, root: Path) -> list[Uncovered]:
    """Before the print edition is made up: every character the bundle lacks,
    with its stand-in faces. Raises MissingGlyphError naming the characters no
    font has and the articles using them. Registers the issue's fallback faces
    for the page stylesheet (print_faces)."""
    found = uncovered(issue)
    unprintable = [u for u in found if not u.printable]
    if unprintable:
        from .errors import MissingGlyphError
        raise MissingGlyphError(missing_glyph_message(unprintable, "PDF"))
    key = Path(root).resolve()
    _PRINT_FACES.pop(key, None)
    _PRINT_FACES[key] = _fallback_css_faces(found)
    while len(_PRINT_FACES) > _PRINT_FACES_KEPT:
        del _PRINT_FACES[next(iter(_PRINT_FACES))]
    return found


# WeasyPrint 70 keys the fonts of a PDF by their Pango description (family, style,
# weight, stretch): two faces of one family and description would be written as
# one PDF font, their glyph ids mixed up. Each stand-in face of a role therefore
# declares a stretch of its own (nothing is synthesised: only the name differs).
FALLBACK_STRETCHES = ("semi-expanded", "expanded", "extra-expanded", "ultra-expanded",
                      "semi-condensed", "condensed", "extra-condensed", "ultra-condensed")


def _fallback_css_faces(found: list[Uncovered]) -> tuple[dict, ...]:
    """One @font-face per role and stand-in face: a subset holding exactly the
    characters it draws, named like the role's own face, so that WeasyPrint (Pango)
    takes each character from the face of the family that has it, inlined as a
    data URL. A role with more stand-in faces than stretches leaves the
    characters of the rest to Pango's own fallback (drawn, but not from the
    face the composer measured)."""
    wanted: dict[str, set[str]] = {}
    for u in found:
        for role, _ in u.faces:
            wanted.setdefault(role, set()).add(u.char)
    faces = []
    for role in ROLES:
        if role not in wanted:
            continue
        groups, _ = fallback_faces(role, wanted[role])
        for (face, chars), stretch in zip(groups.items(), FALLBACK_STRETCHES):
            data = subset(face.path, chars, face.index)
            kind = "font/otf" if data[:4] == b"OTTO" else "font/ttf"
            faces.append({"family": font_for(role).family, "stretch": stretch, "role": role,
                          "face": face.label, "characters": chars,
                          "url": f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"})
    return tuple(faces)


def print_faces(root: Path | None = None) -> list[dict]:
    """The @font-face entries of the page stylesheet ({family, url[, stretch]}):
    each role's bundled face, then the stand-in faces registered for the issue folder `root` by
    check_print_fonts (none when it was not called: Pango then falls back on
    its own, unmeasured)."""
    faces = [{"family": font_for(role).family, "url": font_for(role).path.as_uri()} for role in ROLES]
    if root is not None:
        faces += [{"family": f["family"], "url": f["url"], "stretch": f["stretch"]}
                  for f in _PRINT_FACES.get(Path(root).resolve(), ())]
    return faces


def coverage_report(issue: Issue) -> tuple[bool, list[str]]:
    """Lines for `publish fonts`: the role fonts, then each character the bundle
    lacks with the face that draws it in each role, or NO FONT."""
    lines = []
    for role in ROLES:
        font = font_for(role)
        origin = "bundled" if font.bundled else "system"
        lines.append(f"{role:9} {font.family:17} {font.path.name} ({origin}, {len(cmap(font.path))} characters)")
    missing = uncovered(issue)
    ok = all(u.printable for u in missing)
    for u in missing:
        state = ", ".join(f"{role}: {face.label if face else 'NO FONT'}" for role, face in u.faces)
        lines.append(f"{u.codepoint} {u.char}  {state}  in {', '.join(u.where)}")
    if not missing:
        lines.append("every character is covered by the bundled fonts")
    elif ok:
        lines.append(f"{len(missing)} character(s) drawn by fallback fonts")
    else:
        lines.append(f"{sum(not u.printable for u in missing)} character(s) no font covers")
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
