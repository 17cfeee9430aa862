"""Playwright driving Debian's Chromium against pytest-django's ``live_server``.

Without ``/usr/bin/chromium`` the browser tests skip with the reason; CI sets
``LOKUS_REQUIRE_BROWSER=1`` so that such a skip becomes a failure instead.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("LOKUS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _missing_browser(reason: str):
    if os.environ.get("LOKUS_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (LOKUS_REQUIRE_BROWSER is set, so this is a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_browser():
    if not CHROMIUM.exists():
        _missing_browser(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("Playwright for Python is not installed (requirements-dev.txt)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser, live_server):
    """A fresh browser context (no cookies) per test, in Indonesian like a first visit."""
    context = chromium_browser.new_context(locale="id-ID", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
