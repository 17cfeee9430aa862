"""The site shell: the home page, signing in and out, the error pages, the language switch and
the assets, as a visitor meets them."""

import datetime
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from benchmarking import views as benchmarking_views
from participants.models import ProposalStatus
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    FacilitatorFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
    VisitFactory,
    province,
)

pytestmark = pytest.mark.django_db

HOME = reverse("home")
LOGIN = reverse("login")
LOGOUT = reverse("logout")
SUBMITTED = datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC)


# ---------- Home ----------


@pytest.fixture
def holdings():
    """Two provinces with practices, six visits, a draft and an approved proposal."""
    popular = BestPracticeFactory(
        title="LAPOR Gub!", slug="lapor-gub", host_province=province("33")
    )
    quiet = BestPracticeFactory(title="Mal Pelayanan Publik", host_province=province("51"))
    for day in range(1, 7):
        VisitFactory(
            title=f"Kunjungan tanggal {day}",
            start_date=datetime.date(2018, 8, day),
            end_date=datetime.date(2018, 8, day),
        )
    owner = UserFactory(username="owner")
    draft = ChangeProposalFactory(participant=ParticipantFactory(user=owner))
    PracticeAdaptationFactory(proposal=draft, practice=popular)
    PracticeAdaptationFactory(proposal=draft, practice=quiet)
    approved = ChangeProposalFactory(status=ProposalStatus.APPROVED, submitted_at=SUBMITTED)
    PracticeAdaptationFactory(proposal=approved, practice=popular)
    return {"owner": owner, "popular": popular, "quiet": quiet}


def test_home_says_what_lokus_holds(client, holdings):
    response = client.get(HOME)

    assert response.status_code == HTTPStatus.OK
    context = response.context
    assert (context["practice_count"], context["province_count"], context["visit_count"]) == (
        2,
        2,
        6,
    )
    content = response.content.decode()
    assert "<title>Beranda · Lokus</title>" in content
    assert "Dari kunjungan benchmarking menuju praktik baik" in content
    assert "Masuk untuk membaca rancangan proyek perubahan" in content


def test_home_lists_the_five_latest_visits(client, holdings):
    content = client.get(HOME).content.decode()

    for day in range(2, 7):
        assert f"Kunjungan tanggal {day}<" in content
    assert "Kunjungan tanggal 1<" not in content
    assert content.index("Kunjungan tanggal 6") < content.index("Kunjungan tanggal 2")
    assert f'href="{reverse("benchmarking:visit-list")}"' in content


def test_home_search_box_sends_q_to_the_practice_list(client):
    content = client.get(HOME).content.decode()

    assert f'action="{reverse("best_practices:practice-list")}"' in content
    assert (
        '<label class="search-form__label" for="home-search-q">Cari praktik baik</label>' in content
    )
    assert 'id="home-search-q" name="q"' in content


def test_anonymous_visitors_count_no_adaptation(client, holdings):
    response = client.get(HOME)

    assert list(response.context["most_adapted"]) == []
    assert (
        "Masuk untuk melihat praktik baik mana yang telah diadaptasi." in response.content.decode()
    )


def test_another_participant_counts_only_approved_proposals(client, holdings):
    client.force_login(ParticipantFactory(user=UserFactory()).user)

    response = client.get(HOME)

    assert response.context["proposal_count"] == 1
    assert [(p.title, p.adaptation_count) for p in response.context["most_adapted"]] == [
        ("LAPOR Gub!", 1)
    ]
    content = response.content.decode()
    assert "Diadaptasi oleh 1 rancangan proyek perubahan" in content
    assert "Mal Pelayanan Publik" not in content


def test_the_owner_counts_their_draft(client, holdings):
    client.force_login(holdings["owner"])

    response = client.get(HOME)

    assert response.context["proposal_count"] == 2
    assert [(p.title, p.adaptation_count) for p in response.context["most_adapted"]] == [
        ("LAPOR Gub!", 2),
        ("Mal Pelayanan Publik", 1),
    ]
    practice_url = reverse("best_practices:practice-detail", kwargs={"slug": "lapor-gub"})
    assert f'href="{practice_url}"' in response.content.decode()


def test_staff_count_every_proposal(client, holdings):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(HOME).context["proposal_count"] == 2


def test_an_empty_lokus_shows_empty_states(client):
    content = client.get(HOME).content.decode()

    assert "Belum ada kunjungan yang tercatat." in content
    assert "Belum ada rancangan proyek perubahan yang dapat Anda baca" in content


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
    assert f'href="{mine}"' in participant and "Proposal saya" in participant
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
        "Masukkan nama pengguna dan sandi yang benar. Huruf besar dan kecil dibedakan"
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
    assert "<title>Galat server · Lokus</title>" in content
    assert "Terjadi kesalahan di sisi kami" in content
    assert '<a href="/">Kembali ke beranda</a>' in content
    # Self-contained: no stylesheet to fetch, the look is inlined.
    assert "<style>" in content and "<link" not in content


def test_a_crashing_page_answers_with_the_500_page(client, settings, monkeypatch):
    settings.DEBUG = False

    def crash(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(benchmarking_views.ProvinceListView, "get_queryset", crash)
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
