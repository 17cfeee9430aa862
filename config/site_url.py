"""The address of the site in links that leave it (e-mails).

``LOKUS_SITE_URL`` wins when it is set. Otherwise a link follows the address the page was
served on: ``SiteURLMiddleware`` keeps the request's scheme and host for the length of the
request, and the code that queues a mail passes it on as the task's ``site_url``. A mail
queued without a request (a management command, a shell) falls back to ``FALLBACK_SITE_URL``,
the address of ``make run``.
"""

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

FALLBACK_SITE_URL = "http://127.0.0.1:8000"

_request: ContextVar[HttpRequest | None] = ContextVar("site_url_request", default=None)


def request_site_url(request: HttpRequest) -> str:
    """The scheme and host ``request`` was served on, e.g. ``http://127.0.0.1:8123``."""
    return request.build_absolute_uri("/").rstrip("/")


def current_site_url() -> str:
    """The site's address as seen by the request being served, else ``""``; the value to pass
    as ``site_url`` to a mail task."""
    request = _request.get()
    return request_site_url(request) if request is not None else ""


def absolute_url(path: str, *, site_url: str = "") -> str:
    """``path`` behind ``LOKUS_SITE_URL`` when set, else behind ``site_url``, else behind the
    fallback address."""
    base = settings.LOKUS_SITE_URL or site_url or FALLBACK_SITE_URL
    return base.rstrip("/") + path


class SiteURLMiddleware:
    """Keep the request's scheme and host while the request is served (``current_site_url``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
