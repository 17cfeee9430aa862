"""Checks made when the site starts serving (WSGI, ASGI, and so runserver)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MISSING_SECRET_KEY = (
    "DJANGO_SECRET_KEY is not set. Set it in the environment, or set "
    "DJANGO_DEBUG=1 for local development."
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
