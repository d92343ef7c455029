"""Zones from the page plan, as geometry: one per article on each page it is
printed on, none overlapping another, a 栏目 group split between its members."""
from __future__ import annotations

import pytest

from publish.layout.format import broadsheet
from publish.web.zones import issue_zones, trim_size

pytestmark = pytest.mark.slow


def _overlap(a, b) -> bool:
    return a.left < b.left + b.width and b.left < a.left + a.width and \
        a.top < b.top + b.height and b.top < a.top + a.height


def test_zones_tile_without_overlap_and_stay_on_the_page(edition):
    fmt = broadsheet()
    width, height = trim_size(fmt)
    zones = issue_zones(edition["plan"], fmt, 0.5, 0.25)
    for number, page in zones.items():
        for i, a in enumerate(page):
            assert 0 < a.left and a.left + a.width < width and 0 < a.top and a.top + a.height < height
            for b in page[i + 1:]:
                assert not _overlap(a, b), f"page {number}: {a.article} and {b.article} overlap"


def test_every_article_has_a_zone_on_each_page_it_is_printed_on(edition):
    zones = issue_zones(edition["plan"], broadsheet(), 0.5, 0.25)
    on = {(z.article, n) for n, page in zones.items() for z in page}
    for page in edition["issue"].pages:
        for article in page.articles:
            assert (article.id, page.number) in on
    jump = edition["report"]["jumps"][0]
    assert (jump["article"], jump["to"]) in on


def test_a_group_is_split_into_stacked_bands_one_per_member(edition):
    fmt = broadsheet()
    zones = issue_zones(edition["plan"], fmt, 0.5, 0.25)
    group = next(m for p in edition["plan"].pages for m in p.modules if m.kind == "group" and len(m.ids) > 1)
    page = next(p.number for p in edition["plan"].pages if group in p.modules)
    bands = [z for z in zones[page] if z.article in group.ids]
    assert [z.article for z in bands] == list(group.ids)
    for upper, lower in zip(bands, bands[1:]):
        assert upper.top + upper.height == pytest.approx(lower.top)
    assert bands[0].height > 3 * fmt.pitch_pt and bands[-1].height > 3 * fmt.pitch_pt
