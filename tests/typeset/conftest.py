"""Fixtures of the line composer's tests."""
from pathlib import Path

import pytest

from publish.typeset import Composer
from publish.typeset.bench import body_paragraphs

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "wenling-2023-01-19"


@pytest.fixture(scope="session")
def composer() -> Composer:
    return Composer()


@pytest.fixture(scope="session")
def example_paragraphs() -> list[str]:
    return body_paragraphs(EXAMPLE)
