"""The Content-Security-Policy: every page, the admin's included, loads only Lokus's own files.

Nothing inline is allowed, so the templates must hold no inline script, style block or style
attribute: these tests read the rendered pages for them.
"""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import BestPracticeFactory, UserFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    directives = response["Content-Security-Policy"].split(";")
    return {name: values for name, *values in (d.split() for d in directives if d.strip())}


def assert_nothing_inline(response):
    html = response.content.decode()
    assert INLINE_SCRIPT.findall(html) == []
    assert INLINE_STYLE.findall(html) == []


def test_a_page_carries_a_policy_of_own_files_only_without_unsafe_inline(client, settings):
    response = client.get(reverse("home"))

    assert response.status_code == HTTPStatus.OK
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    # Besides own files, only the error page's one inline style, by its hash.
    assert directives["style-src"] == ["'self'", settings.ERROR_PAGE_STYLE_HASH]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_the_public_pages_have_nothing_inline(client):
    practice = BestPracticeFactory()
    for url in [reverse("home"), practice.get_absolute_url(), reverse("login")]:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert_nothing_inline(response)


def test_the_admin_pages_have_nothing_inline_under_the_same_policy(client):
    practice = BestPracticeFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    urls = [
        reverse("admin:index"),
        reverse("admin:best_practices_bestpractice_changelist"),
        reverse("admin:best_practices_bestpractice_add"),
        reverse("admin:best_practices_bestpractice_change", args=[practice.pk]),
        reverse("admin:best_practices_bestpractice_delete", args=[practice.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert_nothing_inline(response)


def test_the_server_error_page_style_is_allowed_by_its_hash(settings):
    """500.html inlines its look (nothing to fetch when things fail); the policy allows that
    one style by its hash, and only while the hash matches the template."""
    import base64
    import hashlib
    import re

    template = (settings.BASE_DIR / "templates" / "500.html").read_text(encoding="utf-8")
    style = re.search(r"<style>(.*?)</style>", template, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()

    assert f"'sha256-{digest}'" == settings.ERROR_PAGE_STYLE_HASH
    assert (
        settings.ERROR_PAGE_STYLE_HASH
        in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    )
