"""A raw issue whose lead is ten times the seed's (longer than a page) still
builds into the paper's four pages: the lead jumps, the other stories move on,
下转 and 上接 lines match, and no character is lost."""
from __future__ import annotations

import random
import re
from collections import Counter

import pdfplumber
import pytest

from pdfread import text_counter
from support import SEED, run_cli

pytestmark = pytest.mark.slow


def long_lead_raw() -> str:
    """The seed with its lead's body ten times as long. Every new paragraph opens
    with its own ordinal and mixes the lead's sentences, so none of them is a
    duplicate or a fragment of another for the importer to drop."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("## 全省疫情防控"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
    body = [line for line in lines[start + 1:end] if line.strip()]
    text = "".join(body)
    sentences = [s + "。" for s in re.split(r"。", text.split("）", 1)[1]) if len(s) > 8]
    rng = random.Random(7478)
    target = 10 * len(text)
    paragraphs, size, ordinal = [], 0, 0
    while size < target - len(text):
        ordinal += 1
        paragraph = f"第{ordinal}段补记：" + "".join(rng.sample(sentences, 3))
        paragraphs.append(paragraph)
        size += len(paragraph)
    new_body = body + [p for p in paragraphs]
    lines[start + 1:end] = ["", *sum(([p, ""] for p in new_body), [])]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def long_issue(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long")
    raw = folder / "long-lead.txt"
    raw.write_text(long_lead_raw(), encoding="utf-8")
    result = run_cli("build", raw, "-o", folder / "out", "--format", "pdf")
    assert result.code == 0, result.err
    (pdf,) = (folder / "out").glob("*.pdf")
    return raw, pdf


def test_the_lead_is_ten_times_the_seeds(long_issue):
    from publish.readers.raw import import_raw
    from publish.readers.raw import import_text

    raw, _ = long_issue
    seed_lead = import_text(SEED.read_text(encoding="utf-8")).issue.pages[0].articles[0]
    lead = import_raw(raw).issue.pages[0].articles[0]
    assert sum(map(len, lead.texts())) >= 9.5 * sum(map(len, seed_lead.texts()))


def test_it_builds_four_pages_with_matching_jump_lines(long_issue):
    _, pdf = long_issue
    with pdfplumber.open(pdf) as document:
        texts = ["".join(c["text"] for c in page.chars) for page in document.pages]
    assert len(texts) == 4
    jumps_out = [(number, int(n)) for number, text in enumerate(texts, 1)
                 for n in re.findall(r"（下转第(\d+)版）", text)]
    jumps_in = [(int(n), number) for number, text in enumerate(texts, 1)
                for n in re.findall(r"（上接第(\d+)版）", text)]
    assert jumps_out, "the long lead must jump"
    assert sorted(jumps_out) == sorted(jumps_in)
    assert all(to > source for source, to in jumps_out)


def test_no_character_is_lost(long_issue):
    from publish.readers.raw import import_raw

    raw, pdf = long_issue
    wanted: Counter = Counter()
    for article in import_raw(raw).issue.articles():
        for text in (article.kicker, article.title, article.subtitle, article.byline, *article.texts()):
            wanted.update(ch for ch in (text or "") if not ch.isspace())
    missing = wanted - text_counter(pdf)
    assert not missing, dict(missing.most_common(10))
