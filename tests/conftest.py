"""Fixtures shared by every test folder; plain helpers live in support.py.

Hypothesis runs derandomized under `make test` (the `ci` profile: the same
examples on every run, no example database, no deadline on a loaded machine), so
a property test cannot fail on one run and pass on the next. `make fuzz` loads the
`fuzz` profile instead: random seeds, many more examples, the local database in
.hypothesis/; every counterexample it finds becomes an `@example` or a fixture.
"""
import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", derandomize=False, deadline=None, max_examples=1000, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def pytest_collection_modifyitems(items):
    """A clock on a loaded machine is a flake: a test that asks for `deadline=2000`, or
    Hypothesis's own too-slow health check, fails when CI shares its two cores with a
    build. Under the `ci` and `fuzz` profiles every property test runs without either
    (speed is measured by `make bench`, not by the tests), whatever its own @settings
    say. Hypothesis reads a test's settings from this attribute when it runs; a test
    without it is left alone."""
    if PROFILE not in ("ci", "fuzz"):
        return
    for item in items:
        test = getattr(item, "obj", None)
        chosen = getattr(test, "_hypothesis_internal_use_settings", None)
        if not isinstance(chosen, settings):
            continue
        quiet = set(chosen.suppress_health_check) | {HealthCheck.too_slow}
        if chosen.deadline is not None or quiet != set(chosen.suppress_health_check):
            test._hypothesis_internal_use_settings = settings(chosen, deadline=None, suppress_health_check=quiet)

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
