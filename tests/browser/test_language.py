"""In a real browser: the language switch turns the page English and back, on the same page."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import VisitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_language_switch_keeps_the_page_and_turns_it_english_and_back(page):
    VisitFactory(title="Benchmarking ke Jawa Tengah")
    page.goto("/?from=home")

    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dari kunjungan benchmarking menuju praktik baik"
    )

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/\?from=home$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "From benchmarking visits to best practice"
    )
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text("Visits")
    expect(page).to_have_title("Home · Lokus")

    page.get_by_role("button", name="Bahasa Indonesia").click()

    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page).to_have_url(re.compile(r"/\?from=home$"))
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_contain_text("Kunjungan")
    expect(page).to_have_title("Beranda · Lokus")
