"""The error pages in the site's layout: each says what went wrong and where to go next.

The 500 page is Django's own ``server_error``: it renders ``500.html`` with an empty context,
so that a broken database cannot break the page that reports it.
"""

from http import HTTPStatus

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def back_url(request: HttpRequest) -> str:
    """The page the visitor came from when it is on this site, else an empty string."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return ""


def render_error(
    request: HttpRequest, template: str, status: HTTPStatus, **context
) -> HttpResponse:
    """``template`` in the site's layout, with the status and the way back."""
    context = {"status": int(status), "back_url": back_url(request), **context}
    return render(request, template, context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: the address or the form holds something Lokus cannot read."""
    return render_error(request, "400.html", HTTPStatus.BAD_REQUEST)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the refusal's own message says who may take the action; views raise
    ``PermissionDenied(message)`` with that sentence."""
    reason = str(exception) if exception is not None else ""
    return render_error(request, "403.html", HTTPStatus.FORBIDDEN, reason=reason)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: nothing at this address that the visitor may see."""
    return render_error(request, "404.html", HTTPStatus.NOT_FOUND)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a form that came without a valid CSRF token: usually an old tab or a form sent
    after logging in or out elsewhere; a missing cookie means cookies are blocked."""
    return render_error(
        request,
        "403_csrf.html",
        HTTPStatus.FORBIDDEN,
        cookies_blocked=reason == REASON_NO_CSRF_COOKIE,
    )
