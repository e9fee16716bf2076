"""Fixtures for the demo tests: the Kitakyushu demo loaded once per test (fast hasher from the root conftest)."""

import pytest

from tsunagu.demo.loader import load_demo


@pytest.fixture
def demo(db):
    return load_demo()
