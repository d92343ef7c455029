#!/usr/bin/env python3
"""Rebuild the bundled font subsets in this folder from Debian's font packages.

    apt-get install fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai unicode-data
    python fonts/rebuild.py            # or: make fonts

Each subset covers GB2312 (its 6,763 hanzi and its symbol rows), the whole
通用规范汉字表 (the 8,105 characters of the 2013 General Standard Chinese
Characters table, which holds the name characters GB2312 lacks: 旸 喆 堃 …),
ASCII, CJK and full-width punctuation and symbols, and every character of
examples/ and layouts/.

The 通用规范汉字表 list comes from the Unicode Han Database: every code point
with a kTGH value in Unihan_OtherMappings.txt, read from Debian's unicode-data
package (Unicode 15.0). It is written to tgh-8105.txt beside this script (the
fonts' tests read it there) with the Unicode licence in LICENSE-Unicode.txt;
without unicode-data the stored list is used. Layout features kept: the ones CJK typesetting needs (vertical
forms, half-width punctuation, kerning); `locl` is dropped so the SC faces keep
their Simplified Chinese glyphs whatever language a reader reports, and
ligatures are dropped so every character keeps its own advance width (the line
composer measures characters one by one).

fontTools is slow on the 25 MB collections (several seconds per face); this
runs only when the character set changes. The per-book subsets of the EPUB
writer use HarfBuzz instead.
"""
from __future__ import annotations

import bz2
import sys
import time
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
NOTO = Path("/usr/share/fonts/opentype/noto")
WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai")
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
TGH_LIST = HERE / "tgh-8105.txt"
TGH_COUNT = 8105

# output file -> (source file, index of the SC face in the collection or None)
FACES = {
    "NotoSerifCJKsc-Regular.otf": (NOTO / "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    "NotoSerifCJKsc-Bold.otf": (NOTO / "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC Bold"),
    "NotoSansCJKsc-Bold.otf": (NOTO / "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC Bold"),
    "PublishKai-Regular.ttf": (WENKAI / "LXGWWenKai-Regular.ttf", None),
}
# LXGW WenKai's licence reserves the names "LXGW" and "霞鹜" for unmodified fonts:
# our subset is a Modified Version, so it gets a name of its own.
RENAMED = {"PublishKai-Regular.ttf": ("Publish Kai", "PublishKai-Regular",
                                      "Subset of LXGW WenKai Regular 1.250 made by fonts/rebuild.py")}
LAYOUT_FEATURES = ["ccmp", "kern", "vkrn", "halt", "vhal", "palt", "vpal", "vert", "vrt2"]

RANGES = [
    (0x0020, 0x007E),   # ASCII
    (0x00A0, 0x00FF),   # Latin-1 signs: · × ÷ ° ± § ...
    (0x2010, 0x2027),   # dashes, quotes, ellipsis
    (0x2030, 0x203B),   # per mille, primes, reference mark
    (0x2160, 0x216B),   # Roman numerals
    (0x2460, 0x249B),   # circled and parenthesised numbers
    (0x2500, 0x257F),   # box drawing (rules in tables)
    (0x25A0, 0x25FF),   # geometric shapes ■□▲△◆◇○●
    (0x2605, 0x2606),   # ★☆
    (0x3000, 0x303F),   # CJK symbols and punctuation
    (0x3200, 0x32FF),   # enclosed CJK
    (0xFE10, 0xFE19),   # vertical forms
    (0xFE30, 0xFE4F),   # CJK compatibility forms
    (0xFF01, 0xFF5E),   # full-width ASCII
    (0xFFE0, 0xFFE6),   # full-width signs
]


def gb2312() -> set[str]:
    """Every character GB2312 encodes (symbol rows 1-9 and hanzi rows 16-87)."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def tongyong_guifan() -> set[str]:
    """The 8,105 characters of the 通用规范汉字表: from Unihan's kTGH field when
    unicode-data is installed (and then stored in tgh-8105.txt), else the stored list."""
    if UNIHAN.is_file():
        chars = set()
        with bz2.open(UNIHAN, "rt", encoding="utf-8") as table:
            for line in table:
                fields = line.split("\t")
                if len(fields) == 3 and fields[1] == "kTGH":
                    chars.add(chr(int(fields[0][2:], 16)))
        if len(chars) != TGH_COUNT:
            raise SystemExit(f"{UNIHAN}: {len(chars)} kTGH entries, expected {TGH_COUNT}")
        write_tgh_list(chars)
        return chars
    return read_tgh_list()


def write_tgh_list(chars: set[str]) -> None:
    header = ("# 通用规范汉字表 (General Standard Chinese Characters, 2013): 8105 characters,\n"
              "# 80 to a line, in code point order. Derived by fonts/rebuild.py from the kTGH\n"
              "# field of Unihan_OtherMappings.txt, Unicode 15.0 (Debian package unicode-data);\n"
              "# Unicode data, distributed under the Unicode licence in LICENSE-Unicode.txt.\n"
              "# Only the selection and order of the code points were changed.\n")
    ordered = "".join(sorted(chars))
    rows = [ordered[i:i + 80] for i in range(0, len(ordered), 80)]
    TGH_LIST.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")


def read_tgh_list() -> set[str]:
    lines = TGH_LIST.read_text(encoding="utf-8").splitlines()
    return {c for line in lines if not line.startswith("#") for c in line}


def project_text() -> set[str]:
    """Characters the example and the layouts show."""
    chars = set()
    for folder in (PROJECT / "examples", PROJECT / "layouts"):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in {".md", ".toml", ".txt", ".html", ".j2", ".css", ".xhtml"}:
                chars.update(path.read_text(encoding="utf-8"))
    return chars


def character_set() -> set[int]:
    chars = gb2312() | tongyong_guifan() | project_text()
    for low, high in RANGES:
        chars.update(chr(c) for c in range(low, high + 1))
    return {ord(c) for c in chars if ord(c) >= 0x20 and c not in "\x7f"}


def load(source: Path, face: str | None) -> TTFont:
    if face is None:
        return TTFont(source)
    for font in TTCollection(source).fonts:
        if font["name"].getDebugName(4) == face:
            return font
    raise SystemExit(f"{source}: no face named {face!r}")


def rename(font: TTFont, family: str, postscript: str, note: str) -> None:
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            table.removeNames(nameID=record.nameID)
    for name_id, value in ((1, family), (2, "Regular"), (3, f"{postscript};{note}"), (4, family),
                           (6, postscript), (10, note)):
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def build(name: str, codepoints: set[int]) -> int:
    source, face = FACES[name]
    font = load(source, face)
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    if name in RENAMED:
        rename(font, *RENAMED[name])
    target = HERE / name
    font.save(target)
    return target.stat().st_size


def main() -> int:
    missing = [str(src) for src, _ in FACES.values() if not src.exists()]
    if missing:
        print("missing source fonts (apt-get install fonts-noto-cjk fonts-noto-cjk-extra "
              "fonts-lxgw-wenkai):\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    codepoints = character_set()
    print(f"{len(codepoints)} characters requested")
    for name in FACES:
        started = time.perf_counter()
        size = build(name, codepoints)
        print(f"{name}: {size / 1e6:.2f} MB in {time.perf_counter() - started:.1f} s")
    total = sum(p.stat().st_size for p in HERE.iterdir() if p.is_file())
    print(f"fonts/ total {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
