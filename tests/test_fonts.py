"""The bundled fonts: coverage of the example, size budget, features, subsetting."""
import io

from fontTools.ttLib import TTFont

from publish.fonts import ROLES, cmap, font_for, subset, uncovered
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


def test_fonts_folder_stays_under_15_mb():
    total = sum(p.stat().st_size for p in (REPO / "fonts").rglob("*") if p.is_file())
    assert total <= 15 * 1024 * 1024, total


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
