"""Whole pages kept in the cache, with holes for what belongs to each visitor.

A view of ``page_cache.CachedPartsMixin`` keeps its whole rendered page under the page key
(which already separates the viewers who may read different proposals). Two visitors of the
same class still differ in a few places, left as holes in the kept page and filled for every
request, whether the page came from the cache or was just rendered:

- the CSRF token, each visitor's own: the page is rendered with a placeholder as its token,
  replaced by the request's token (``get_token``, which also sets the visitor's cookie);
- ``{% page_hole "template" %}``: a small template rendered for the request (the header's
  account links, the navigation's role links, home's role panel), with the view's
  ``hole_context()``, the request, its user and its CSRF token only (``hole_context``).

Placeholders and marks carry a secret derived from ``SECRET_KEY``: no text a user typed can
forge one (and what users type is escaped before it reaches a page). A hole's mark is the
placeholder followed by the template's name, so one search over the page finds both.
"""

import functools
import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.functional import SimpleLazyObject


@functools.cache
def _secret(secret_key: str) -> str:
    return hashlib.sha256(f"lokus-page-hole:{secret_key}".encode()).hexdigest()[:24]


def csrf_placeholder() -> str:
    """What a kept page carries where the visitor's CSRF token goes (letters and digits, so
    it survives HTML escaping unchanged)."""
    return _placeholder(_secret(settings.SECRET_KEY))


def marker(template_name: str) -> str:
    """The mark of a hole filled with ``template_name`` for each request."""
    return f"{_placeholder(_secret(settings.SECRET_KEY))}:{template_name}:"


def _placeholder(secret: str) -> str:
    return f"lokushole{secret}"


@functools.cache
def _holes_pattern(secret: str) -> re.Pattern:
    """The CSRF placeholder, or a hole's mark: the placeholder followed by its template's name
    (group 1). Both begin with the same text, which the regular expression engine then looks
    for as a whole (four times faster over a page than an alternative of two texts)."""
    return re.compile(re.escape(_placeholder(secret)) + r"(?::([\w/.\-]+):)?")


def fill(body: str, request, context: Callable[[], dict]) -> str:
    """``body`` for ``request``: its CSRF placeholder replaced by the request's token and each
    hole by its template rendered for the request (``context()`` read once, when needed).

    One pass over the page finds both (a page is some 50 kB, and each pass over it costs
    tens of µs); the token is masked once for the page and its holes' forms (masking one
    costs about 40 µs)."""
    token = functools.cache(functools.partial(get_token, request))
    extra = functools.cache(context)

    def filled(match: re.Match) -> str:
        template_name = match.group(1)
        if template_name is None:
            return token()
        return get_template(template_name).render(hole_context(request, token, extra()))

    return _holes_pattern(_secret(settings.SECRET_KEY)).sub(filled, body)


def hole_context(request, token: Callable[[], str], extra: dict) -> dict:
    """What a hole's template reads: ``extra`` (the view's ``hole_context()``), the request,
    its user and its CSRF token. Not the context processors' variables: rendered with them,
    the two holes of every page took 170 µs against 95 µs without (bench data).
    """
    # Lazy, as Django's own csrf_token: a hole without a form masks no token.
    return {
        **extra,
        "request": request,
        "user": request.user,
        "csrf_token": SimpleLazyObject(token),
    }
