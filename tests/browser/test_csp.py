"""In a real browser, under the Content-Security-Policy: the site and the admin load their own
scripts and styles, the admin's widgets come alive, and the browser reports no violation."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def collect_policy_violations(page) -> list[str]:
    """The browser's reports of blocked content on ``page``, filled in as it loads."""
    violations = []

    def record(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", record)
    return violations


def test_the_admin_works_under_the_policy(page):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    violations = collect_policy_violations(page)

    page.goto("/admin/login/")
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto("/admin/benchmarking/visit/add/")

    expect(page.locator(".datetimeshortcuts").first).to_be_visible()
    expect(page.locator(".select2-container").first).to_be_visible()
    expect(page.locator(".add-row a").first).to_be_visible()
    page.locator(".add-row a").first.click()
    assert violations == []


def test_the_public_site_works_under_the_policy(page):
    violations = collect_policy_violations(page)

    page.goto("/")
    page.goto("/accounts/login/")

    expect(page.locator("input[name=username]")).to_be_visible()
    assert page.evaluate("[...document.styleSheets].every((sheet) => sheet.cssRules.length)")
    assert violations == []
