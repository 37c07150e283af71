"""Fixtures of the browser tests: one Chromium per test session, a new tab per test."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.kit.browser import launch


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def pages(browser):
    """Tabs opened by the test (append them), closed after it."""
    opened: list = []
    yield opened
    for page in opened:
        if not page.is_closed():
            page.close()
