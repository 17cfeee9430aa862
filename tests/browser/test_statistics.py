"""The statistics in a real browser: the charts draw under the Content-Security-Policy and
without JavaScript, and print without the download links."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.test_csp import collect_policy_violations
from tests.factories import BestPracticeFactory, province, sector
from tests.participants.statistics_data import proposal_from

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def national():
    jateng = BestPracticeFactory(host_province=province("33"), sectors=[sector("kesehatan")])
    papua = BestPracticeFactory(host_province=province("91"), sectors=[sector("pendidikan")])
    proposal_from("18", [jateng], year=2019)
    proposal_from("11", [jateng, papua], year=2021)
    proposal_from("91", [jateng], year=2021)


def test_the_charts_draw_under_the_policy_and_print(page, national):
    violations = collect_policy_violations(page)

    page.goto("/statistics/")

    charts = page.locator("svg.chart")
    expect(charts).to_have_count(4)
    for index in range(4):
        assert charts.nth(index).bounding_box()["height"] > 40
    # The shades come from the stylesheet: Central Java's square is the darkest.
    fill = page.locator('#chart-provinces [data-province="33"] rect').evaluate(
        "(r) => getComputedStyle(r).fill"
    )
    assert fill == "rgb(11, 74, 87)"
    expect(page.locator("path.flow-arrow")).to_have_count(4)
    if os.environ.get("LOKUS_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['LOKUS_SCREENSHOTS']}/statistics.png", full_page=True)
    page.emulate_media(media="print")
    expect(page.locator(".chart-download").first).to_be_hidden()
    expect(charts.first).to_be_visible()
    assert violations == []


def test_the_charts_need_no_javascript(chromium_browser, live_server, national):
    context = chromium_browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()

    page.goto("/provinces/33/")

    expect(page.locator("svg.chart--map")).to_be_visible()
    expect(page.locator('[data-province="33"].tile--highlight')).to_have_count(1)
    page.goto("/statistics/")
    expect(page.locator("svg.chart")).to_have_count(4)
    context.close()
