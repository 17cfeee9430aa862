"""Whole pages kept in the cache, with holes for what belongs to each visitor.

A view of ``page_cache.CachedPartsMixin`` keeps its whole rendered page under the page key
(which already separates the viewers who may read different proposals). Two visitors of the
same class still differ in a few places, left as holes in the kept page and filled for every
request, whether the page came from the cache or was just rendered:

- the CSRF token, each visitor's own: the page is rendered with a placeholder as its token,
  replaced by the request's token (``get_token``, which also sets the visitor's cookie);
- ``{% page_hole "template" %}``: a small template rendered for the request (the header's
  account links, the navigation's role links, home's role panel), with the view's
  ``hole_context()``.

Placeholders and markers carry a secret derived from ``SECRET_KEY``: no text a user typed can
forge one (and what users type is escaped before it reaches a page).
"""

import functools
import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import render_to_string


@functools.cache
def _secret(secret_key: str) -> str:
    return hashlib.sha256(f"lokus-page-hole:{secret_key}".encode()).hexdigest()[:24]


def csrf_placeholder() -> str:
    """What a kept page carries where the visitor's CSRF token goes (letters and digits, so
    it survives HTML escaping unchanged)."""
    return f"csrfhole{_secret(settings.SECRET_KEY)}"


def marker(template_name: str) -> str:
    """The mark of a hole filled with ``template_name`` for each request."""
    return f"<!--hole:{_secret(settings.SECRET_KEY)}:{template_name}-->"


@functools.cache
def _hole_pattern(secret: str) -> re.Pattern:
    return re.compile(re.escape(f"<!--hole:{secret}:") + r"([\w/.\-]+)-->")


def fill(body: str, request, context: Callable[[], dict]) -> str:
    """``body`` for ``request``: its CSRF placeholder replaced by the request's token and each
    hole by its template rendered for the request (``context()`` read once, when needed)."""
    # One masked token for the page and its holes' forms: masking one costs about 40 µs.
    token = functools.cache(functools.partial(get_token, request))
    placeholder = csrf_placeholder()
    if placeholder in body:
        body = body.replace(placeholder, token())
    extra = functools.cache(context)

    def render(match: re.Match) -> str:
        return render_to_string(match.group(1), {**extra(), "csrf_token": token()}, request=request)

    return _hole_pattern(_secret(settings.SECRET_KEY)).sub(render, body)
