"""The pages a browser test walks: every page of the site that answers a role with HTML,
found from the URL configuration and the permission matrix's world (``tests/url_matrix.py``),
so that a page added by anyone is walked without editing the tests.

A role's browser context is logged in by the session cookie of ``Client.force_login``: no
login form per role, one context per role and screen size.
"""

from http import HTTPStatus

from django.conf import settings
from django.test import Client

from tests.url_matrix import url_of, url_patterns

#: One user of each kind: a visitor, a participant, a coach, an organizer, a superuser.
ROLES = (
    "anonymous",
    "owner",
    "assigned_facilitator",
    "examiner",
    "organizer_same",
    "superuser",
)

#: Screen widths: a phone, an office screen.
PHONE = {"width": 390, "height": 844}
OFFICE = {"width": 1366, "height": 768}


def logged_in_client(world, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def is_document(response) -> bool:
    """An HTML document, not a fragment served to a page's script."""
    return response["Content-Type"].startswith("text/html") and (
        b"<html" in response.content[:1000].lower()
    )


def site_pages(world, role: str) -> list[tuple[str, str]]:
    """(URL name, URL) of every page outside the admin that answers ``role`` with an HTML
    page (200): the pages the role can reach."""
    client = logged_in_client(world, role)
    pages = []
    for key, pattern, route in url_patterns():
        if key.startswith("admin") or route.startswith("admin"):
            continue
        url = url_of(key, pattern, route, world)
        response = client.get(url)
        if response.status_code == HTTPStatus.OK and is_document(response):
            pages.append((key, url))
    return pages


def browser_context(
    browser, live_server, world, role: str, viewport: dict, *, locale="id-ID", **options
):
    """A browser context at ``viewport``, in Indonesian (or ``locale``), logged in as ``role``."""
    context = browser.new_context(
        locale=locale, base_url=live_server.url, viewport=viewport, **options
    )
    context.set_default_timeout(10_000)
    # The site speaks Indonesian whatever the browser asks; English is the reader's choice,
    # kept in the language cookie as the switch in the header sets it.
    language = locale[:2]
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    if role != "anonymous":
        client = logged_in_client(world, role)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context
