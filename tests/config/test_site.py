"""The site shell: signing in and out, the error pages, the language switch and
the assets, as a visitor meets them."""

import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from benchmarking import views as benchmarking_views
from tests.factories import (
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("home")
LOGIN = reverse("login")
LOGOUT = reverse("logout")


# ---------- The shell around every page ----------


def test_every_page_has_landmarks_a_skip_link_and_the_language(client):
    content = client.get(reverse("benchmarking:visit-list")).content.decode()

    assert '<html lang="id">' in content
    assert '<a class="skip-link" href="#main">Langsung ke konten utama</a>' in content
    assert '<header class="site-header">' in content
    assert '<nav class="site-nav" aria-label="Navigasi utama">' in content
    assert '<main id="main"' in content
    assert '<footer class="site-footer">' in content
    assert '<nav class="breadcrumbs" aria-label="Jejak navigasi">' in content
    assert '<label for="site-search-q" class="visually-hidden">Cari praktik baik</label>' in content
    # The current section is marked in the navigation.
    assert 'class="is-active" aria-current="page">Kunjungan</a>' in content


def test_breadcrumbs_are_left_out_when_a_page_has_none(client):
    content = client.get(HOME).content.decode()

    assert 'class="breadcrumbs"' not in content


def test_header_offers_login_to_visitors_and_logout_to_users(client):
    anonymous = client.get(reverse("benchmarking:visit-list") + "?year=2018").content.decode()
    assert f'href="{LOGIN}?next=/visits/%3Fyear%3D2018"' in anonymous

    client.force_login(UserFactory(username="siti", first_name="Siti", last_name="Aminah"))
    content = client.get(HOME).content.decode()
    assert "Siti Aminah" in content
    assert f'<form class="logout-form" method="post" action="{LOGOUT}">' in content
    assert ">Keluar</button>" in content


def url_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def test_workflow_links_are_shown_by_role(client):
    mine, queue = (
        url_or_none("participants:proposal-mine"),
        url_or_none("participants:review-queue"),
    )
    if not (mine and queue):
        pytest.skip("the proposal workflow pages are not there yet")

    anonymous = client.get(HOME).content.decode()
    assert f'href="{mine}"' not in anonymous and f'href="{queue}"' not in anonymous

    client.force_login(ParticipantFactory(user=UserFactory()).user)
    participant = client.get(HOME).content.decode()
    assert f'href="{mine}"' in participant and "Rancangan saya" in participant
    assert f'href="{queue}"' not in participant

    client.force_login(FacilitatorFactory(user=UserFactory()).user)
    facilitator = client.get(HOME).content.decode()
    assert f'href="{queue}"' in facilitator and "Antrean telaah" in facilitator
    assert f'href="{mine}"' not in facilitator


# ---------- Login and logout ----------


def test_login_page_keeps_next(client):
    response = client.get(LOGIN, {"next": "/visits/"})

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "<title>Masuk · Lokus</title>" in content
    assert "Silakan masuk untuk membuka halaman tersebut." in content
    assert '<input type="hidden" name="next" value="/visits/">' in content
    assert '<label for="id_username">' in content and '<label for="id_password">' in content


def test_login_goes_on_to_next(client):
    UserFactory(username="peserta")

    response = client.post(
        LOGIN, {"username": "peserta", "password": "pass-1234", "next": "/provinces/33/"}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == "/provinces/33/"
    assert "Anda telah masuk." in client.get(response.url).content.decode()


def test_login_never_sends_a_user_off_site(client):
    UserFactory(username="peserta")

    response = client.post(
        LOGIN, {"username": "peserta", "password": "pass-1234", "next": "https://evil.example/"}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == HOME


def test_wrong_password_is_explained_in_indonesian(client):
    UserFactory(username="peserta")

    response = client.post(LOGIN, {"username": "peserta", "password": "salah"})

    assert response.status_code == HTTPStatus.OK
    assert (
        "Masukkan nama pengguna dan kata sandi yang benar. Huruf besar dan kecil dibedakan"
        in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_says_so(client):
    client.force_login(UserFactory())

    assert client.get(LOGOUT).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    response = client.post(LOGOUT, follow=True)

    assert response.redirect_chain == [(HOME, HTTPStatus.FOUND)]
    assert "_auth_user_id" not in client.session
    assert "Anda telah keluar." in response.content.decode()


# ---------- Error pages ----------


def test_404_page_is_in_the_site_style_and_in_indonesian(client, settings):
    settings.DEBUG = False

    response = client.get("/tidak-ada/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    content = response.content.decode()
    assert '<html lang="id">' in content
    assert "<title>Halaman tidak ditemukan · Lokus</title>" in content
    assert "Halaman yang Anda minta tidak ada" in content
    assert 'href="/static/css/lokus.css"' in content
    assert f'href="{reverse("best_practices:practice-list")}">Praktik baik</a>' in content


def test_500_template_renders_without_any_context():
    with translation.override("id"):
        content = render_to_string("500.html")

    assert '<html lang="id">' in content
    assert "<title>Kesalahan server · Lokus</title>" in content
    assert "Terjadi kesalahan di sisi kami" in content
    assert '<a href="/">Kembali ke beranda</a>' in content
    # Self-contained: no stylesheet to fetch, the look is inlined.
    assert "<style>" in content and "<link" not in content


def test_a_crashing_page_answers_with_the_500_page(client, settings, monkeypatch):
    settings.DEBUG = False

    def crash(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(benchmarking_views.ProvinceListView, "page", crash)
    client.raise_request_exception = False

    response = client.get(reverse("benchmarking:province-list"))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Terjadi kesalahan di sisi kami" in response.content.decode()


# ---------- Language switch ----------


def test_language_switch_form_returns_to_the_same_page(client):
    content = client.get(reverse("benchmarking:visit-list") + "?year=2018").content.decode()

    assert f'action="{reverse("set_language")}"' in content
    assert '<input type="hidden" name="next" value="/visits/?year=2018">' in content
    assert '<input type="hidden" name="language" value="en">' in content
    assert 'lang="en"' in content and "English" in content


def test_switching_to_english_and_back(client):
    page = reverse("benchmarking:visit-list") + "?year=2018"

    response = client.post(reverse("set_language"), {"language": "en", "next": page})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == page
    english = client.get(page).content.decode()
    assert '<html lang="en">' in english
    assert "<h1>Benchmarking visits</h1>" in english
    assert '<input type="hidden" name="language" value="id">' in english
    assert "Bahasa Indonesia" in english

    response = client.post(reverse("set_language"), {"language": "id", "next": page})

    assert response.url == page
    indonesian = client.get(page).content.decode()
    assert '<html lang="id">' in indonesian
    assert "<h1>Kunjungan benchmarking</h1>" in indonesian


# ---------- Assets ----------


def test_the_stylesheet_and_logo_are_served_by_the_app(client):
    css = client.get("/static/css/lokus.css")
    logo = client.get("/static/img/lokus-logo.svg")

    assert css.status_code == HTTPStatus.OK
    assert b".layout-with-sidebar" in b"".join(css.streaming_content)
    assert logo.status_code == HTTPStatus.OK
    assert b"<svg" in b"".join(logo.streaming_content)


def test_no_page_loads_anything_from_another_site(client):
    content = client.get(HOME).content.decode()

    remote = re.findall(r'<(?:link|script|img)[^>]+(?:href|src)="(?:https?:)?//', content)
    assert remote == []


def test_the_stylesheet_fetches_nothing_remote():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "lokus.css").read_text()

    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    assert "@media print" in css and "size: A4" in css


def test_an_english_browser_still_gets_indonesian_until_the_user_switches(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="id")

    assert response.headers["Content-Language"] == "en"
