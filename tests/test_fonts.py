"""The bundled fonts: coverage (GB 2312 and the 通用规范汉字表), size budget, features,
subsetting; the fallback to installed faces beyond the bundle."""
import base64
import bz2
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from fontTools.ttLib import TTFont

import publish.fonts as fonts_module
from publish.fonts import (ROLES, check_print_fonts, cmap, face_for, fallback_chain, font_for, print_faces,
                           subset, uncovered)
from publish.model import Article, Issue, Masthead, Page, Paragraph
from publish.typeset import Composer
from publish.typeset.metrics import metrics_for
from support import REPO


def features(font: TTFont, table: str) -> set[str]:
    if table not in font:
        return set()
    return {record.FeatureTag for record in font[table].table.FeatureList.FeatureRecord}


def test_bundled_fonts_cover_every_character_of_the_example(example_issue):
    assert uncovered(example_issue) == []


def test_each_role_uses_a_bundled_file():
    for role in ROLES:
        font = font_for(role)
        assert font.bundled and font.path.parent == REPO / "fonts", role


def test_bundled_fonts_cover_gb2312_and_keep_cjk_features_without_locl():
    gb2312 = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                gb2312.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    assert len(gb2312) == 6763
    for role in ("body", "headline", "sans"):
        font = TTFont(font_for(role).path, lazy=True)
        assert gb2312 <= cmap(font_for(role).path), role
        assert {"vert", "vrt2"} <= features(font, "GSUB"), role
        assert {"halt", "palt", "kern"} <= features(font, "GPOS"), role
        assert "locl" not in features(font, "GSUB") | features(font, "GPOS"), role
    kai = TTFont(font_for("kai").path, lazy=True)
    assert "vert" in features(kai, "GSUB") and "locl" not in features(kai, "GSUB")
    # the Kai subset is a Modified Version: it must not carry the reserved name
    names = {r.toUnicode() for r in kai["name"].names if r.nameID in (1, 4, 6)}
    assert not any("LXGW" in n or "霞鹜" in n for n in names), names
    for licence in ("OFL-NotoCJK.txt", "OFL-PublishKai.txt"):
        assert "SIL OPEN FONT LICENSE Version 1.1" in (REPO / "fonts" / licence).read_text()


def test_subset_holds_exactly_the_characters_asked_for_with_vertical_forms():
    text = "温岭日报，“一二三”（CN33-0106）"
    data = subset(font_for("body").path, text)
    font = TTFont(io.BytesIO(data))
    assert set(font.getBestCmap()) == {ord(c) for c in text}
    assert {"vert", "vrt2"} <= features(font, "GSUB")
    assert len(data) < 20_000


# -- coverage of the bundle: GB 2312 + 通用规范汉字表 ----------------------------------------

def tongyong_guifan() -> set[int]:
    """The 通用规范汉字表 as stored beside the fonts (from Unihan's kTGH field)."""
    lines = (REPO / "fonts" / "tgh-8105.txt").read_text(encoding="utf-8").splitlines()
    return {ord(c) for line in lines if not line.startswith("#") for c in line}


def test_the_stored_tongyong_guifan_list_is_the_unihan_table():
    chars = tongyong_guifan()
    assert len(chars) == 8105
    assert {ord(c) for c in "旸喆堃"} <= chars and 0x20BB7 not in chars     # 𠮷 is not in the table
    unihan = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
    if unihan.is_file():       # Debian's unicode-data (make fonts installs it): the same set
        with bz2.open(unihan, "rt", encoding="utf-8") as table:
            ktgh = {int(f[0][2:], 16) for f in (line.split("\t") for line in table)
                    if len(f) == 3 and f[1] == "kTGH"}
        assert ktgh == chars
    notice = (REPO / "fonts" / "LICENSE-Unicode.txt").read_text(encoding="utf-8")
    assert "Unicode, Inc." in notice and "kTGH" in notice


@pytest.mark.parametrize("role", ROLES)
def test_every_bundled_face_covers_gb2312_and_the_whole_tongyong_guifan_table(role):
    covered = cmap(font_for(role).path)
    missing = (gb2312_hanzi() | tongyong_guifan()) - covered
    assert not missing, f"{role}: {len(missing)} missing, e.g. {''.join(map(chr, sorted(missing)[:10]))}"


def gb2312_hanzi() -> set[int]:
    found = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return found


def test_fonts_folder_stays_under_16_mb():
    total = sum(p.stat().st_size for p in (REPO / "fonts").rglob("*") if p.is_file())
    assert total <= 16_000_000, total


# -- fallback beyond the bundle ------------------------------------------------------------------

def _issue(*articles: Article) -> Issue:
    return Issue(Masthead("测试日报", dt.date(2023, 1, 19), page_count=1), pages=(Page(1, articles=articles),))


def no_font_character() -> str | None:
    """A CJK Extension G ideograph (Unicode 13) that no font on this machine draws."""
    for code in range(0x30000, 0x3134B):
        if all(face_for(role, chr(code)) is None for role in ROLES):
            return chr(code)
    return None


def require_system_cjk():
    if face_for("body", "𠮷") is None:
        pytest.skip("no installed font has 𠮷 (make system installs fonts-noto-cjk)")


def test_a_character_beyond_the_bundle_is_drawn_by_a_system_face_that_has_it():
    require_system_cjk()
    for role in ROLES:
        face = face_for(role, "𠮷")
        assert face is not None and not face.bundled and face.covers("𠮷")
        assert 0x20BB7 not in cmap(font_for(role).path)          # so it really is a fallback
        assert face_for(role, "旸").path == font_for(role).path   # bundled since the rebuild
    # the role's weight and family come first: the headline's stand-in is a bold serif
    assert "Bold" in face_for("headline", "𠮷").path.name and "Serif" in face_for("headline", "𠮷").path.name


def test_the_composer_measures_a_fallback_glyph_in_the_face_that_draws_it():
    import uharfbuzz as hb

    require_system_cjk()
    for role in ROLES:
        face = face_for(role, "𠮷")
        font = hb.Font(hb.Face(hb.Blob.from_file_path(str(face.path)), face.index))
        expected = font.get_glyph_h_advance(font.get_nominal_glyph(0x20BB7)) / font.face.upem
        assert metrics_for(role).advance("𠮷") == pytest.approx(expected)
        # and in a unit mixing faces: each character in its own
        assert metrics_for(role).advance("a𠮷") == pytest.approx(metrics_for(role).advance("a") + expected)


def test_uncovered_names_the_fallback_face_of_each_role_a_character_is_printed_in():
    require_system_cjk()
    issue = _issue(Article(id="a1", title="𠮷田", byline="本报记者 龘",
                           paragraphs=(Paragraph("王喆、陈堃、李旸和𠮷田。"),)))
    found = {u.char: u for u in uncovered(issue)}
    assert set(found) == {"𠮷", "龘"}                 # 旸 喆 堃 are bundled now
    assert [role for role, _ in found["𠮷"].faces] == ["body", "headline", "sans"]
    assert [role for role, _ in found["龘"].faces] == ["kai"]
    entry = found["𠮷"].as_report()
    assert entry["codepoint"] == "U+20BB7" and entry["where"] == ["a1"]
    assert all(label and label.endswith(")") for label in entry["fallback"].values())


def test_fallback_lookups_are_cached_per_face_not_per_character(monkeypatch):
    """One article with 20,000 distinct Extension B characters: fontconfig is asked
    once per role, never once per character."""
    import subprocess

    require_system_cjk()
    calls = []
    real_run = subprocess.run

    def counting_run(args, *rest, **options):
        calls.append(args)
        return real_run(args, *rest, **options)

    fallback_chain.cache_clear()
    monkeypatch.setattr(fonts_module, "_DRAWN_BY", {})
    monkeypatch.setattr(subprocess, "run", counting_run)
    text = "".join(chr(code) for code in range(0x20000, 0x20000 + 20_000))
    issue = _issue(Article(id="a1", title=text[:8], paragraphs=(text,)))
    found = uncovered(issue)
    lines = Composer().compose(text, 13)
    fallback_chain.cache_clear()
    assert "".join(line.text for line in lines) == text
    assert len(found) > 19_000
    assert len(calls) <= len(ROLES), calls


def test_a_character_no_font_has_stops_the_pdf_naming_it_and_its_article(tmp_path):
    missing = no_font_character()
    if missing is None:
        pytest.skip("every Extension G test character has a font on this machine")
    from publish.build import BuildOptions, build
    from publish.errors import SourceError
    from publish.writers.source import write_source

    issue = _issue(Article(id="a1", title="标题", paragraphs=(f"王{missing}说。",)),
                   Article(id="a2", title="另一篇", paragraphs=("没有生僻字。",), order=1))
    write_source(issue, tmp_path / "issue")
    with pytest.raises(SourceError) as raised:
        build(tmp_path / "issue", tmp_path / "out", BuildOptions(formats=("pdf",)))
    message = str(raised.value)
    line = next(n for n, text in enumerate((tmp_path / "issue" / "articles" / "a1.md").read_text(
        encoding="utf-8").splitlines(), 1) if missing in text)
    assert f"articles/a1.md:{line}: no font has {missing} (U+{ord(missing):X})" in message
    assert "a2" not in message
    assert "\n" not in message
    assert not list(tmp_path.rglob("*.pdf"))


def test_the_print_stylesheet_gets_one_font_face_per_stand_in_face(tmp_path):
    require_system_cjk()
    issue = _issue(Article(id="a1", title="𠮷田", paragraphs=("龘𠮷。",)))
    found = check_print_fonts(issue, tmp_path)
    faces = print_faces(tmp_path)
    bundled, extra = faces[:len(ROLES)], faces[len(ROLES):]
    assert [f["family"] for f in bundled] == [font_for(r).family for r in ROLES]
    assert {f["family"] for f in extra} == {"Publish Body", "Publish Headline", "Publish Sans"}
    for face in extra:     # each a data URL of a subset holding exactly its characters
        data = base64.b64decode(face["url"].split(",", 1)[1])
        chars = {chr(c) for c in TTFont(io.BytesIO(data)).getBestCmap()}
        assert chars and chars <= {"𠮷", "龘"}
    # two stand-ins of one role never share a description (WeasyPrint would merge them)
    keys = [(f["family"], f["stretch"]) for f in extra]
    assert len(keys) == len(set(keys)) and "normal" not in {f["stretch"] for f in extra}
    assert {u.char for u in found} == {"𠮷", "龘"}
    assert print_faces(tmp_path / "elsewhere") == bundled


def test_publish_fonts_lists_each_stand_in_and_each_character_no_font_has():
    from publish.fonts import coverage_report

    require_system_cjk()
    ok, lines = coverage_report(_issue(Article(id="a1", title="标题", paragraphs=("李旸与𠮷田。",))))
    assert ok and any(line.startswith("U+20BB7 𠮷  body: ") and line.endswith("in a1") for line in lines)
    assert not any("U+65F8" in line for line in lines)          # 旸 is bundled
    missing = no_font_character()
    if missing is not None:
        ok, lines = coverage_report(_issue(Article(id="a2", title="标题", paragraphs=(f"王{missing}。",))))
        assert not ok and any("NO FONT" in line and "a2" in line for line in lines)


CJK_BLOCKS = st.one_of(st.integers(0x4E00, 0x9FFF), st.integers(0x3400, 0x4DBF),
                       st.integers(0x20000, 0x2A6DF), st.integers(0x2A700, 0x2EBEF), st.integers(0x30000, 0x3134A))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(codes=st.lists(CJK_BLOCKS, min_size=1, max_size=12), role=st.sampled_from(ROLES))
def test_any_ideograph_is_measured_in_the_face_that_draws_it(codes, role):
    import uharfbuzz as hb

    for code in codes:
        char = chr(code)
        face = face_for(role, char)
        own = cmap(font_for(role).path)
        if code in own:
            assert face.path == font_for(role).path
        elif face is not None:
            assert face.covers(char) and face.path != font_for(role).path
            font = hb.Font(hb.Face(hb.Blob.from_file_path(str(face.path)), face.index))
            advance = font.get_glyph_h_advance(font.get_nominal_glyph(code)) / font.face.upem
            assert metrics_for(role).advance(char) == pytest.approx(advance)
    issue = _issue(Article(id="a1", title="标题", paragraphs=("".join(map(chr, codes)),)))
    body_own = cmap(font_for("body").path)
    assert {u.char for u in uncovered(issue)} == {chr(c) for c in codes if c not in body_own}
