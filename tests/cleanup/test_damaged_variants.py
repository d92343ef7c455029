"""Damaged variants of the example's page 1, scored against the hand-made page 1.

Each variant is page 1 written as raw text, then damaged by one to four of the
operations in damage.py (column splits across articles, shredded columns,
duplicated runs cut at a seam, misplaced starts, …), each seeded. The score
of a variant is the share of the hand-made page's paragraphs the import
recovers exactly, in the right article and order. The distribution is written
to the test's output (pytest -s) and to the report below.
"""
from __future__ import annotations

import random
import statistics
from collections import Counter

import pytest

from cleanup.damage import OPERATIONS, damage, render_masthead, render_page, score, stories
from publish.readers.raw import import_text

VARIANTS = 200
MIN_MEAN = 0.965        # measured 0.972
MIN_AT_095 = 0.72       # share of variants scoring 0.95 or more: measured 150 of 200 (0.75)
MIN_EACH = 0.5          # no variant may be lost wholesale (worst measured 0.533)


@pytest.fixture(scope="module")
def page_one(example_issue):
    return list(example_issue.pages[0].articles), render_masthead(example_issue)


def _variant(page_one, seed: int, operations=OPERATIONS, steps=None) -> tuple[float, list[str]]:
    articles, masthead = page_one
    rng = random.Random(seed)
    damaged, done = damage(stories(articles), rng, steps or rng.randint(1, 4), operations)
    result = import_text(render_page(masthead, damaged), f"variant-{seed}.txt")
    return score(articles, result.issue.articles()), done


def test_the_clean_page_scores_one(page_one):
    articles, masthead = page_one
    assert score(articles, import_text(render_page(masthead, stories(articles))).issue.articles()) == 1.0


def test_the_scorer_sees_damage(page_one):
    """A page with one paragraph glued to the next scores below one (the scorer can fail)."""
    articles, _ = page_one
    broken = [articles[0].__class__(**{**articles[0].__dict__,
                                       "paragraphs": (articles[0].texts()[0] + articles[0].texts()[1],
                                                      *articles[0].texts()[2:])})] + articles[1:]
    assert score(articles, broken) < 1.0


@pytest.mark.slow
def test_damaged_variants_score_095(page_one):
    scores, failing = [], Counter()
    for seed in range(VARIANTS):
        value, done = _variant(page_one, seed)
        scores.append(value)
        if value < 1:
            failing.update(set(done))
    ordered = sorted(scores)
    summary = (f"{VARIANTS} variants: mean {statistics.mean(scores):.4f}, median {statistics.median(scores):.4f}, "
               f"5th percentile {ordered[VARIANTS // 20]:.3f}, worst {ordered[0]:.3f}, "
               f"perfect {sum(s == 1 for s in scores)}, at least 0.95: {sum(s >= 0.95 for s in scores)}; "
               f"operations in imperfect variants: {dict(failing)}")
    print(summary)
    assert statistics.mean(scores) >= MIN_MEAN, summary
    assert sum(s >= 0.95 for s in scores) >= MIN_AT_095 * VARIANTS, summary
    assert ordered[0] >= MIN_EACH, summary


@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_operation_alone(page_one, operation):
    """Each kind of damage on its own, on 25 seeded variants: repaired on average to
    at least 0.95 and none below 0.85. The hardest is a column split across articles
    (measured 0.985, worst 0.897: a rest cut at a sentence's end leaves no sign, and a
    rest whose first paragraph says little of its story can lose to a later one)."""
    scores = [_variant(page_one, seed, (operation,), steps=1)[0] for seed in range(25)]
    assert statistics.mean(scores) >= 0.95 and min(scores) >= 0.85, (operation, scores)
