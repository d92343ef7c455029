"""The composer's work read back from a real build (samples.sample_issue): characters
beyond the bundled fonts drawn from embedded faces in the PDF and the EPUB, the
paragraph kinds and the poem as printed, and 孤字 counted on the page."""
from __future__ import annotations

import io
import re
import zipfile

import pdfplumber
import pikepdf
import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from pdfread import FMT, body_lines
from typeset.samples import BEYOND_BUNDLE, NAME_CHARS, POEM

pytestmark = pytest.mark.slow
EM = FMT.body_pt
MARKS = set("。，、；：？！）］｝」』”’》〉】〗〕·～（［｛「『“‘《〈【〖〔 　")


def to_unicode(font) -> dict[int, str]:
    """Glyph id -> text, from a PDF font's ToUnicode CMap (bfchar and bfrange)."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    found = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for gid, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            found[int(gid, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, start in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = bytes.fromhex(start).decode("utf-16-be")
            for offset in range(int(hi, 16) - int(lo, 16) + 1):
                found[int(lo, 16) + offset] = first[:-1] + chr(ord(first[-1]) + offset)
    return found


def embedded_program(font) -> bytes | None:
    descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = descendant.get("/FontDescriptor")
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if descriptor is not None and key in descriptor:
            return descriptor[key].read_bytes()
    return None


def has_outline(program: bytes, gid: int) -> bool:
    """The embedded glyph draws something (not an empty .notdef)."""
    font = TTFont(io.BytesIO(program))
    name = font.getGlyphOrder()[gid]
    pen = BoundsPen(font.getGlyphSet())
    font.getGlyphSet()[name].draw(pen)
    return pen.bounds is not None


def test_both_formats_are_written_and_the_report_names_each_fallback(print_sample):
    assert print_sample["pdf"].is_file() and print_sample["epub"].is_file()
    entries = {e["char"]: e for e in print_sample["report"]["missing_glyphs"]}
    assert set(entries) == set(BEYOND_BUNDLE)            # 旸 喆 堃 are bundled
    assert entries["𠮷"]["where"] == ["p2-01"] and entries["𠮷"]["codepoint"] == "U+20BB7"
    for entry in entries.values():
        assert entry["fallback"]["body"] and "(" in entry["fallback"]["body"]
    assert entries["𠮷"]["fallback"]["headline"]
    warnings = " ".join(print_sample["report"]["warnings"])
    assert "𠮷" in warnings and entries["𠮷"]["fallback"]["body"] in warnings


def test_every_name_character_is_drawn_from_an_embedded_font_that_maps_it(print_sample):
    path = print_sample["pdf"]
    seen: dict[str, set[float]] = {}
    with pdfplumber.open(path) as pdf, pikepdf.open(path) as doc:
        for number, page in enumerate(pdf.pages):
            fonts = {str(font.BaseFont).lstrip("/"): font
                     for font in doc.pages[number].obj.Resources.Font.values()}
            for char in page.chars:
                if char["text"] not in NAME_CHARS + BEYOND_BUNDLE:
                    continue
                seen.setdefault(char["text"], set()).add(round(char["size"]))
                font = fonts[char["fontname"]]
                program = embedded_program(font)
                assert program is not None, f"{char['text']}: {char['fontname']} is not embedded"
                gids = [gid for gid, text in to_unicode(font).items() if text == char["text"]]
                assert gids and 0 not in gids, f"{char['text']} maps to no glyph of {char['fontname']}"
                assert all(has_outline(program, gid) for gid in gids), char["text"]
    for char in NAME_CHARS:        # in the body (9 pt) and in the headline (larger)
        assert round(EM) in seen[char] and max(seen[char]) > EM, (char, seen.get(char))
    assert round(EM) in seen["龘"]


def test_the_epub_embeds_the_fallback_glyphs(print_sample):
    with zipfile.ZipFile(print_sample["epub"]) as book:
        fonts = [TTFont(io.BytesIO(book.read(name))) for name in book.namelist()
                 if name.startswith("EPUB/fonts/")]
        text = "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml"))
        css = book.read("EPUB/styles/epub.css").decode("utf-8")
    for char in NAME_CHARS + BEYOND_BUNDLE:
        assert char in text
        assert any(ord(char) in font.getBestCmap() for font in fonts), char
    assert '"Publish Body Fallback"' in css


def paragraph_ends(lines):
    """Last lines of multi-line paragraphs as printed: a line flush with its column's
    left edge followed, one pitch below in the same column, by an indented line."""
    at = {(line.page, line.column, round(line.top)): line for line in lines}
    ends = []
    for line in lines:
        below = at.get((line.page, line.column, round(line.top + FMT.pitch_pt)))
        if below is not None and abs(below.x0 - 2 * EM) < 0.3 * EM and line.x0 < 0.5 * EM:
            ends.append(line)
    return ends


def lone(text: str) -> bool:
    return len(re.sub(r"[A-Za-z0-9.%\-]+", "A", "".join(c for c in text if c not in MARKS))) <= 1


def test_at_most_two_percent_of_paragraphs_end_on_a_lone_character(print_sample):
    poem = set("".join(POEM))
    ends = [line for line in paragraph_ends(body_lines(print_sample["pdf"])) if not set(line.text) <= poem]
    assert len(ends) >= 120, len(ends)         # enough paragraphs to measure
    lone_lines = [line.text for line in ends if lone(line.text)]
    assert len(lone_lines) / len(ends) <= 0.02, lone_lines


def find_line(lines, text):
    found = [line for line in lines if line.text.replace(" ", "") == text.replace(" ", "")]
    assert found, text
    return found[0]


def test_paragraph_kinds_print_in_their_faces_and_places(print_sample):
    lines = body_lines(print_sample["pdf"])
    with pdfplumber.open(print_sample["pdf"]) as pdf:
        fonts = {}
        for page in pdf.pages:
            for char in page.chars:
                fonts.setdefault(char["text"], set()).add(char["fontname"].split("+")[-1])
    assert all(any("Publish-Sans" in f for f in fonts[c]) for c in "核心阅读重点旅客有人帮")
    credit = find_line(lines, "本报记者 吴思源 摄")
    assert abs(credit.x1 - FMT.column_pt) < 0.5, credit           # flush right
    assert any("Publish-Kai" in f for f in fonts["摄"])
    label = find_line(lines, "核心阅读")
    assert label.x0 < 0.5                                        # flush left, no indent
    title = find_line(lines, "重点旅客有人帮")
    assert abs((title.x0 + title.x1) / 2 - FMT.column_pt / 2) < 1.0     # centred


def test_the_poem_prints_line_for_line_with_hanging_turn_overs(print_sample):
    lines = body_lines(print_sample["pdf"])
    first = find_line(lines, "腊月的风从海上来")
    chars = set("".join(POEM).replace("\n", ""))
    poem = sorted((line for line in lines if line.page == first.page and line.column >= first.column
                   and set(line.text) <= chars and (line.column > first.column or line.top >= first.top)),
                  key=lambda line: (line.column, line.top))
    texts = [line.text for line in poem]
    verse_lines = [v for stanza in POEM for v in stanza.split("\n")]
    assert "".join(texts) == "".join(verse_lines)            # every verse line, in order
    starts, position = set(), 0
    for verse in verse_lines:                                 # which printed lines start a verse line
        starts.add(texts.index(next(t for t in texts[position:] if verse.startswith(t))))
        covered = ""
        while covered != verse:
            covered += texts[position]
            position += 1
    for index, line in enumerate(poem):
        expected = 0.0 if index in starts else 2 * EM         # turn-overs hang by 2 em
        assert abs(line.x0 - expected) < 0.5, (line.text, line.x0)
    assert len(starts) < len(poem)                            # the poem has turn-overs
    # one blank row between stanzas, counted in reading order over the module's
    # balanced columns (a column may begin or end with it)
    top = min(line.top for line in poem + [find_line(lines, "文/苏半夏")])
    depth = round((max(line.top for line in poem) - top) / FMT.pitch_pt) + 1
    columns = sorted({line.column for line in poem})

    def position(line):
        return columns.index(line.column) * depth + round((line.top - top) / FMT.pitch_pt)

    for stanza, following in zip(POEM, POEM[1:]):
        last = next(line for line in reversed(poem) if stanza.endswith(line.text))
        after = find_line(poem, following.split("\n")[0])
        assert position(after) - position(last) == 2, (last.text, after.text)
