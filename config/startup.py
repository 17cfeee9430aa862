"""Checks made when the site starts serving (WSGI, ASGI, and so runserver)."""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MISSING_SECRET_KEY = (
    "DJANGO_SECRET_KEY is not set. Set it in the environment, or set "
    "DJANGO_DEBUG=1 for local development."
)

PLAIN_HTTP_WARNING = (
    "DJANGO_INSECURE_HTTP=1: plain HTTP, without SSL redirect, Secure cookies or HSTS; "
    "passwords and sessions cross the network readable. For a trial on a closed intranet only."
)


def require_secret_key() -> None:
    """Refuse to serve without a secret key: sessions, CSRF tokens and password resets sign with it.

    Django itself would only complain at the first request that needs the key; failing at start
    tells the operator at once, in words that name the environment variable to set.
    """
    try:
        settings.SECRET_KEY  # noqa: B018 - Django raises on an empty key
    except ImproperlyConfigured:
        raise ImproperlyConfigured(MISSING_SECRET_KEY) from None


def warn_about_plain_http() -> None:
    """Say loudly, at start, that the HTTPS protections are off by the operator's choice."""
    if settings.LOKUS_INSECURE_HTTP:
        from config.security_log import event

        event("plain_http_opt_out", level=logging.WARNING, message=PLAIN_HTTP_WARNING)
