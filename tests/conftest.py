"""Fixtures shared by every test folder; plain helpers live in support.py."""
import os

import pytest

# Builds date themselves from the issue unless SOURCE_DATE_EPOCH is set; the tests
# that check those dates must not depend on the caller's environment.
os.environ.pop("SOURCE_DATE_EPOCH", None)


@pytest.fixture(scope="session")
def example_issue():
    from publish.readers.source import read_source
    from support import EXAMPLE
    return read_source(EXAMPLE).issue


@pytest.fixture(scope="session")
def built_example(tmp_path_factory):
    """The example built once for the whole session: {'pdf': path, 'epub': path, 'report': dict}."""
    import json

    from publish.build import BuildOptions, build
    from support import EXAMPLE

    out = tmp_path_factory.mktemp("example")
    context = build(EXAMPLE, out, BuildOptions(formats=("pdf", "epub")))
    report = json.loads((out / f"{context.issue.slug}.report.json").read_text(encoding="utf-8"))
    return {"pdf": context.outputs["pdf"], "epub": context.outputs["epub"], "report": report,
            "issue": context.issue, "out": out}


@pytest.fixture(scope="session")
def playwright_driver():
    """The one Playwright driver of the run: its sync API refuses to start a second
    while one is running, and both the EPUB's and the edition's tests use Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install '.[test]')")
    with sync_playwright() as driver:
        yield driver
