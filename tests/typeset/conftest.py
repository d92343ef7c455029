"""Fixtures of the line composer's tests: the example's paragraphs, and one built
issue (PDF and EPUB, see samples.sample_issue) read back by the print tests."""
from __future__ import annotations

import pytest

from publish.typeset import Composer
from publish.typeset.bench import body_paragraphs
from typeset.samples import EXAMPLE, sample_issue


@pytest.fixture(scope="session")
def composer() -> Composer:
    return Composer()


@pytest.fixture(scope="session")
def example_paragraphs() -> list[str]:
    return body_paragraphs(EXAMPLE)


@pytest.fixture(scope="session")
def print_sample(tmp_path_factory):
    """sample_issue() written as an issue folder and built to PDF and EPUB once:
    {'issue', 'pdf', 'epub', 'report'}."""
    import json

    from publish.build import BuildOptions, build
    from publish.writers.source import write_source

    root = tmp_path_factory.mktemp("type-sample")
    issue = sample_issue()
    write_source(issue, root / "issue", images_from=EXAMPLE)
    context = build(root / "issue", root / "out", BuildOptions(formats=("pdf", "epub")))
    report = json.loads((root / "out" / f"{issue.slug}.report.json").read_text(encoding="utf-8"))
    return {"issue": context.issue, "pdf": context.outputs["pdf"], "epub": context.outputs["epub"],
            "report": report}
