"""The digital edition built once per session (the example with its PDF, and a
small issue that uses every paragraph kind, built without a PDF of its own),
and one Chromium for every browser test: Debian's, driven by Playwright."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from support import EXAMPLE, REPO

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")     # Debian's package
AXE = REPO / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
# As root Chromium needs --no-sandbox; the rest keeps it from calling home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-domain-reliability"]


def _build(source: Path, out: Path, formats: tuple[str, ...]) -> dict:
    from publish.build import BuildOptions, build

    context = build(source, out, BuildOptions(formats=formats))
    report = json.loads((out / f"{context.issue.slug}.report.json").read_text(encoding="utf-8"))
    return {"folder": context.outputs["html"], "pdf": context.outputs.get("pdf"), "issue": context.issue,
            "report": report, "out": out, "plan": context.plan}


@pytest.fixture(scope="session")
def edition(tmp_path_factory):
    """The example built as PDF and edition in one run (pictures from that PDF)."""
    return _build(EXAMPLE, tmp_path_factory.mktemp("edition"), ("pdf", "html"))


@pytest.fixture(scope="session")
def small_edition(tmp_path_factory):
    """A small issue built as an edition alone: the writer makes its own PDF."""
    from web.small_issue import write_small_issue

    root = tmp_path_factory.mktemp("small")
    return _build(write_small_issue(root / "issue"), root / "out", ("html",))


@pytest.fixture(scope="session")
def chromium(playwright_driver):
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium)")
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make browser` (installs axe-core from npm)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1600, "height": 1200})
    yield context.new_page()
    context.close()

