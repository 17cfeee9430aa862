"""Logging in through the site's own login form, as a person would, for the browser tests."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD


def log_in(page, username: str, next_path: str, *, password: str = PASSWORD) -> None:
    """Forget any earlier login, log ``username`` in and wait until ``next_path`` is shown."""
    page.context.clear_cookies()
    page.goto(f"/accounts/login/?next={next_path}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(next_path)))
