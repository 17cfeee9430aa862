"""On a phone (390 px) and an office screen (1366 px), no page of the site scrolls sideways,
whoever opens it: the document is never wider than the window. A failure names the page and
the widest element that sticks out."""

import pytest

from tests.browser.site_pages import OFFICE, PHONE, ROLES, browser_context, site_pages
from tests.url_matrix import world_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: The document's overflow, and the element that reaches furthest right past the window
#: (its tag, classes and first words), or null when the page fits.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const root = document.documentElement;
  if (root.scrollWidth <= width) return null;
  let widest = null;
  let right = width;
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.right > width + 0.5 && box.right >= right) {
      right = box.right;
      widest = element;
    }
  }
  const name = widest
    ? widest.tagName.toLowerCase() + (widest.className ? '.' + String(widest.className)
        .trim().split(/\\s+/).join('.') : '') + ' "' + widest.textContent.trim()
        .replace(/\\s+/g, ' ').slice(0, 40) + '"'
    : 'unknown';
  return {scrollWidth: root.scrollWidth, widest: name, right: Math.round(right)};
}"""


def overflowing_pages(browser, live_server, world, role: str, locale="id-ID") -> list[str]:
    """Each page is loaded once on the phone, then the window is widened to the office
    screen: the page reflows as it would have loaded there."""
    context = browser_context(browser, live_server, world, role, PHONE, locale=locale)
    page = context.new_page()
    wrong = []
    for key, url in site_pages(world, role):
        page.set_viewport_size(PHONE)
        page.goto(url)
        if page.evaluate("document.documentElement.lang") != locale[:2]:
            wrong.append(f"{key} ({url}) is not in the language {locale}")
        for viewport in (PHONE, OFFICE):
            page.set_viewport_size(viewport)
            found = page.evaluate(OVERFLOW)
            if found:
                wrong.append(
                    f"{key} ({url}) at {viewport['width']} px is {found['scrollWidth']} px "
                    f"wide; widest: {found['widest']} reaching {found['right']} px"
                )
    context.close()
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways_on_a_phone_or_an_office_screen(
    chromium_browser, live_server, role
):
    wrong = overflowing_pages(chromium_browser, live_server, world_create(), role)

    assert not wrong, f"As {role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ["anonymous", "owner", "assigned_facilitator", "organizer_same"])
def test_no_page_scrolls_sideways_in_english_either(chromium_browser, live_server, role):
    """English words are shorter, but its labels differ: the same pages, in English."""
    wrong = overflowing_pages(chromium_browser, live_server, world_create(), role, locale="en-US")

    assert not wrong, f"As {role}, in English:\n" + "\n".join(wrong)
