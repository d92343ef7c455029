"""Measures of items without rendering: balanced columns, headline breaks, the
format file's validation, the interval arithmetic of heights."""
from __future__ import annotations

import pytest

from publish.layout.blocks import add, best_at_most, column_lengths, decompose, merge
from publish.layout.format import FORMAT_FILE, FormatError, _load
from publish.layout.headline import break_points, candidates
from publish.typeset import Line


def lines(paragraphs: list[int]) -> tuple[Line, ...]:
    """Stub lines: paragraphs of the given line counts (only `last` matters here)."""
    out = []
    for count in paragraphs:
        out += [Line((), 0.0, 13.0, k == count - 1) for k in range(count)]
    return tuple(out)


def test_a_last_column_never_holds_one_or_two_lines_beside_full_ones():
    for total in range(7, 200):
        for span in (2, 3, 4, 5, 8):
            body = lines([total])
            rows = -(-total // span)
            lengths = None
            for candidate in range(rows, rows + 4):
                lengths = column_lengths(body, [0] * span, candidate)
                if lengths:
                    break
            assert lengths is not None and sum(lengths) == total
            used = [n for n in lengths if n]
            if len(used) > 1 and max(used) >= 6:
                assert used[-1] >= 3, (total, span, lengths)


def test_a_paragraphs_last_line_is_not_left_alone_at_the_top_of_a_column():
    body = lines([4, 5, 6, 3, 7, 5, 4])          # 34 lines
    lengths = column_lengths(body, [0, 0, 0], 12)
    starts, at = [], 0
    for n in lengths[:-1]:
        at += n
        starts.append(at)
    for start in starts:
        assert not (body[start].last and not body[start - 1].last), lengths


def test_columns_under_a_picture_start_lower():
    lengths = column_lengths(lines([40]), [20, 20, 0, 0], 20)
    assert lengths[0] == 0 and lengths[1] == 0 and sum(lengths) == 40


@pytest.mark.parametrize("title, bad", [
    ("全市群众共度平安祥和新春佳节", ("全市群", "众")),
    ("更加有力有序有效做好疫情防控工作", ("疫", "情")),
])
def test_a_headline_is_never_broken_inside_a_word(title, bad):
    points = break_points(title)
    cut = title.index(bad[0]) + len(bad[0])
    assert cut not in points
    for _, parts in candidates(title, 2):
        assert all(not part.endswith(bad[0]) for part in parts[:-1])


def test_a_headline_of_two_clauses_breaks_at_its_space_first():
    best = [c for c in candidates("订单排到3月 车间忙到年根", 2) if len(c[1]) == 2][0]
    assert best[1] == ("订单排到3月", "车间忙到年根")


def test_a_break_after_a_comma_keeps_the_comma_at_the_line_end():
    for _, parts in candidates("这一年，实心实意", 2):
        assert not any(part.startswith("，") for part in parts)


def test_heights_add_as_intervals():
    assert merge([(3, 5), (6, 8), (10, 11)]) == ((3, 8), (10, 11))
    assert add(((1, 2),), ((10, 10), (20, 21))) == ((11, 12), (21, 23))
    assert best_at_most(((5, 8), (12, 14)), 10) == 8
    heights = decompose([((5, 9),), ((10, 10),), ((3, 6),)], [5, 10, 3], 22)
    assert sum(heights) == 22 and heights[1] == 10


def test_a_wrong_format_file_names_the_key_and_its_line(tmp_path):
    text = FORMAT_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "format.toml"
    broken.write_text(text.replace("rows = 115 ", 'rows = "many" ').replace("crop_min = 0.75\n", ""),
                      encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        _load(broken)
    message = str(raised.value)
    number = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("rows = 115"))
    assert f"format.toml:{number}: grid.rows: expected an integer, found 'many'" in message
    assert "picture.crop_min: expected a number, found nothing" in message


def test_the_shipped_format_file_is_valid():
    fmt = _load(FORMAT_FILE)
    assert fmt.columns == 8 and fmt.headline.front_lead[0] >= max(max(r) for r in fmt.headline.ranks)


def test_a_photo_turned_by_its_exif_is_planned_upright(tmp_path):
    """A camera stores a portrait photo landscape with an EXIF quarter turn; the
    writers print it upright, so the make-up must give it a portrait module."""
    import datetime as dt

    from PIL import Image as PILImage

    from publish.layout import plan_issue
    from publish.model import Article, Image, Issue, Masthead, Page
    from publish.writers.source import write_source

    source = tmp_path / "src"
    (source / "images").mkdir(parents=True)
    exif = PILImage.Exif()
    exif[0x0112] = 6                                  # shown turned 90° clockwise
    PILImage.new("RGB", (1800, 1200), (90, 120, 160)).save(source / "images" / "turned.jpg", exif=exif)
    body = ("记者走进村里的文化礼堂，看到老人们正在排练新春节目，孩子们在一旁写春联。",) * 12
    issue = Issue(Masthead(paper="测试报", date=dt.date(2023, 1, 19), weekday="星期四", page_count=1),
                  (Page(1, "要闻", (), (Article(id="a1", title="文化礼堂里的年味", paragraphs=body,
                                                images=(Image("images/turned.jpg", caption="排练新春节目"),)),)),))
    write_source(issue, tmp_path / "issue", images_from=source)
    plan = plan_issue(issue, tmp_path / "issue")
    (picture,) = [b for page in plan.pages for m in page.modules for b in m.images]
    assert picture.height > picture.width, (picture.width, picture.height)
