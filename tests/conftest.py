"""Fixtures shared by every test folder; plain helpers live in support.py."""
import pytest


@pytest.fixture(scope="session")
def example_issue():
    from publish.readers.source import read_source
    from support import EXAMPLE
    return read_source(EXAMPLE).issue
