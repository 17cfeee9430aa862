"""Shared fixtures: factories are in ``tests/factories.py``, the browser in ``tests/browser.py``."""

import pytest

from tests.browser import chromium_browser, page  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def _indonesian_by_default(settings):
    """Every test starts in the site's default language, as a first-time visitor would."""
    settings.LANGUAGE_CODE = "id"
