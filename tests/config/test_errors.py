"""The error pages: in the site's layout and the visitor's language, each with a next step;
a refused action says who may take it; the 500 page needs no database."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse
from django.views.defaults import server_error

from best_practices.views.home import HomeView
from tests.admin_helpers import organizer_login
from tests.factories import (
    BestPracticeFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ParticipantFactory,
    UserFactory,
)

CREATE = reverse("participants:proposal-create")
SEARCH = reverse("best_practices:practice-list")
LOGIN = reverse("login")

PAGES = {
    # status: (Indonesian title, English title)
    HTTPStatus.BAD_REQUEST: ("Permintaan tidak dapat diproses", "Request not understood"),
    HTTPStatus.FORBIDDEN: ("Akses ditolak", "Access denied"),
    HTTPStatus.NOT_FOUND: ("Halaman tidak ditemukan", "Page not found"),
}
NEXT_STEP = {"id": ("Yang dapat Anda lakukan", "Beranda"), "en": ("What you can do", "Home")}
WHO_MAY_WRITE = {
    "id": (
        "Hanya peserta yang menyusun rancangan proyek perubahan. Penyelenggara di lembaga "
        "pelatihan Anda dapat menambahkan Anda sebagai peserta."
    ),
    "en": (
        "Only participants write change proposals. An organizer of your training institution "
        "can add you as a participant."
    ),
}


@pytest.fixture
def production(settings):
    settings.DEBUG = False


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def error_response(client, status):
    """A request that ends in ``status``, as a visitor would meet it."""
    if status == HTTPStatus.BAD_REQUEST:
        return client.get("/", HTTP_HOST="tidak-diizinkan.example")
    if status == HTTPStatus.FORBIDDEN:
        client.force_login(FacilitatorFactory(user=UserFactory()).user)
        return client.get(CREATE)
    return client.get("/tidak-ada/")


def assert_in_the_layout(content, language, title):
    assert f'<html lang="{language}">' in content
    assert '<header class="site-header">' in content
    assert '<footer class="site-footer">' in content
    assert 'href="/static/css/lokus.css"' in content
    assert f"<title>{title} · Lokus</title>" in content
    assert f"<h1>{title}</h1>" in content


@pytest.mark.django_db
@pytest.mark.usefixtures("production")
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("status", list(PAGES))
def test_each_error_page_has_the_layout_a_title_and_a_next_step(client, status, language):
    in_language(client, language)

    response = error_response(client, status)

    assert response.status_code == status
    content = response.content.decode()
    title = PAGES[status][0 if language == "id" else 1]
    assert_in_the_layout(content, language, title)
    heading, home = NEXT_STEP[language]
    assert f'<h2 class="error-page__subheading">{heading}</h2>' in content
    assert f'<li><a href="{reverse("home")}">{home}</a></li>' in content
    assert f'action="{SEARCH}"' in content and 'id="error-search-q" name="q"' in content


@pytest.mark.django_db
@pytest.mark.usefixtures("production")
def test_no_error_page_says_galat_404(client):
    content = client.get("/tidak-ada/").content.decode()

    assert "Galat 404" not in content
    assert "Kode status 404" in content


@pytest.mark.django_db
@pytest.mark.usefixtures("production")
def test_an_error_page_offers_the_way_back_only_within_the_site(client):
    from_here = client.get("/tidak-ada/", HTTP_REFERER="http://testserver/visits/?year=2018")
    from_elsewhere = client.get("/tidak-ada/", HTTP_REFERER="https://jahat.example/")

    assert (
        '<a href="http://testserver/visits/?year=2018">Kembali ke halaman sebelumnya</a>'
        in from_here.content.decode()
    )
    assert "jahat.example" not in from_elsewhere.content.decode()
    assert "Kembali ke halaman sebelumnya" not in from_elsewhere.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("production")
def test_a_visitor_on_an_error_page_is_offered_to_log_in(client):
    content = client.get("/tidak-ada/").content.decode()

    assert f'href="{LOGIN}?next=/tidak-ada/">Masuk</a>' in content


# ---------- 403: who may take the refused action ----------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_facilitator_opening_the_proposal_form_is_told_who_may_write(client, language):
    in_language(client, language)
    client.force_login(FacilitatorFactory(user=UserFactory()).user)

    response = client.get(CREATE)

    assert response.status_code == HTTPStatus.FORBIDDEN
    content = response.content.decode()
    assert_in_the_layout(content, language, PAGES[HTTPStatus.FORBIDDEN][language == "en"])
    assert f'<p class="lead error-page__reason">{WHO_MAY_WRITE[language]}</p>' in content


@pytest.mark.django_db
def test_an_organizer_opening_the_proposal_form_is_told_who_may_write(client):
    organizer_login(client, InstitutionFactory())

    response = client.get(CREATE)

    assert response.status_code == HTTPStatus.FORBIDDEN
    content = response.content.decode()
    assert WHO_MAY_WRITE["id"] in content
    assert f'href="{LOGIN}?next={CREATE}">Masuk dengan akun lain</a>' in content


@pytest.mark.django_db
def test_a_refusal_without_a_reason_gets_the_general_sentence(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("admin:benchmarking_province_add"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    content = response.content.decode()
    assert "<title>Akses ditolak · Lokus</title>" in content
    assert "Akun Anda tidak berhak membuka halaman ini atau melakukan tindakan ini." in content
    assert "Jika peran Anda seharusnya mengizinkannya, hubungi penyelenggara" in content


# ---------- The adapt button only for those who may adapt ----------

ADAPT = "Gunakan praktik ini dalam rancangan saya"


@pytest.fixture
def practice_page(db):
    practice = BestPracticeFactory(title="LAPOR Gub!", slug="lapor-gub")
    return practice.get_absolute_url()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["facilitator", "organizer"])
def test_the_adapt_button_is_hidden_from_who_may_not_write(client, practice_page, role):
    if role == "facilitator":
        client.force_login(FacilitatorFactory(user=UserFactory()).user)
    else:
        organizer_login(client, InstitutionFactory())

    content = client.get(practice_page).content.decode()

    assert "LAPOR Gub!" in content
    assert ADAPT not in content
    assert CREATE not in content


@pytest.mark.django_db
def test_the_adapt_button_shows_to_a_participant(client, practice_page):
    client.force_login(ParticipantFactory(user=UserFactory()).user)

    content = client.get(practice_page).content.decode()

    assert f'<a class="button" href="{CREATE}?practice=lapor-gub">{ADAPT}</a>' in content


@pytest.mark.django_db
def test_the_adapt_button_sends_a_visitor_to_log_in(client, practice_page):
    content = client.get(practice_page).content.decode()
    assert f'href="{CREATE}?practice=lapor-gub">{ADAPT}</a>' in content

    response = client.get(f"{CREATE}?practice=lapor-gub")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(f"{LOGIN}?next=")


# ---------- CSRF failure ----------


@pytest.fixture
def csrf_client(client):
    client.handler.enforce_csrf_checks = True
    return client


@pytest.mark.django_db
def test_a_form_from_an_old_page_gets_the_branded_csrf_page(csrf_client):
    csrf_client.force_login(ParticipantFactory(user=UserFactory()).user)
    csrf_client.get(CREATE)  # sets the CSRF cookie

    response = csrf_client.post(CREATE, {"csrfmiddlewaretoken": "x" * 32, "title": "Baru"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    content = response.content.decode()
    assert_in_the_layout(content, "id", "Formulir sudah kedaluwarsa")
    assert "Formulir ini berasal dari halaman lama" in content
    assert "Tidak ada yang disimpan" in content


@pytest.mark.django_db
def test_a_browser_without_cookies_is_told_to_allow_them(csrf_client):
    in_language(csrf_client, "en")
    csrf_client.cookies.pop(settings.CSRF_COOKIE_NAME, None)

    response = csrf_client.post(reverse("set_language"), {"language": "id"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    content = response.content.decode()
    assert_in_the_layout(content, "en", "The form has expired")
    assert "Allow cookies for this site" in content


# ---------- 500: no database needed ----------
# These tests have no database access: pytest-django refuses any query, as a database that is
# down would.


def test_the_500_page_renders_with_the_database_down(rf):
    response = server_error(rf.get("/"))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    content = response.content.decode()
    assert '<html lang="id">' in content
    assert "Terjadi kesalahan di sisi kami" in content
    assert '<a href="/">Kembali ke beranda</a>' in content


def test_a_lost_database_answers_with_the_500_page(client, settings, monkeypatch):
    settings.DEBUG = False

    def database_down(self, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(HomeView, "get_context_data", database_down)
    client.raise_request_exception = False
    in_language(client, "en")

    response = client.get(reverse("home"))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Something went wrong on our side" in content
    assert '<a href="/">Back to the home page</a>' in content
