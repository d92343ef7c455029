"""`publish typeset`: the composed lines and their adjustments, for an editor."""
from click.testing import CliRunner

from publish.cli import cli
from publish.typeset import preview

# (ends on two sentences: with the first alone the last line would hold 症”。 only, a
# 孤字 the composer avoids by halving the 、 instead)
TEXT = ("近日，全省疫情防控工作会议召开。市领导朱建军等在温岭分会场参加会议。"
        "抓住黄金72小时，“保健康、防重症”。会议要求。")


def test_preview_shows_each_line_and_its_adjustments():
    out = preview(TEXT, 13)
    rows = out.splitlines()
    assert rows[0] == "measure 13 em, indent 2 em, 5 line(s)"
    body = rows[1:]
    assert [row.split("│")[0].strip() for row in body] == ["1", "2", "3", "4", "5"]
    shown = "".join(row.split("│")[1].strip() for row in body)
    assert shown == TEXT
    assert body[0].split("│")[1].startswith("    近日")          # the 2-em indent, two columns an em
    assert all("13.000 em" in row for row in body[:-1]) and body[-1].endswith("last")
    assert "gaps +0.036×9, +0.286×2" in body[3]      # push-out and the Han–Latin spaces


def test_preview_names_the_marks_set_at_half_width():
    out = preview("一二三四五六七八九。”一二三", 10, indent=False)
    assert out.splitlines()[1].endswith("10.000 em  ½ 。(pair) ”(end)")


def test_preview_without_indent_and_of_nothing():
    assert preview("一二三", 13, indent=False).splitlines()[1].split("│")[1].startswith("一二三")
    assert "nothing to set" in preview("", 13)


def test_preview_flags_a_line_wider_than_the_measure():
    assert "OVERFULL" in preview("“（《【一】》）”", 3, indent=False)


def test_the_typeset_command_prints_the_preview():
    result = CliRunner().invoke(cli, ["typeset", "--width", "13", TEXT])
    assert result.exit_code == 0
    assert result.output.rstrip("\n") == preview(TEXT, 13)
    result = CliRunner().invoke(cli, ["typeset", "--width", "9", "--no-indent", TEXT])
    assert result.output.startswith("measure 9 em, indent 0 em")
