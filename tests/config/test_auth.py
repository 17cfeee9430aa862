"""Signing in safely: the lockout after failed logins, and password change and reset."""

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.admin_helpers import organizer_login
from tests.factories import PASSWORD, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = (
    "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci selama 15 menit; "
    "coba lagi nanti atau hubungi penyelenggara."
)
LOGIN_URLS = [reverse("login"), reverse("admin:login")]


def login(client, url, username, password, address="127.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client, url, username, address="127.0.0.1"):
    for _attempt in range(5):
        login(client, url, username, "wrong-password", address)


def logged_in_user(client):
    return client.get(reverse("home")).wsgi_request.user


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, url):
    UserFactory(username="siti", is_staff=True)
    fail_five_times(client, url, "siti")

    response = login(client, url, "siti", PASSWORD)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    content = response.content.decode()
    assert LOCKED in content
    assert 'class="site-header"' in content  # the site's layout, not a bare page
    assert not logged_in_user(client).is_authenticated


@pytest.mark.parametrize(("minutes", "words"), [(15, "15 minutes;"), (1, "1 minute;")])
def test_the_lockout_message_is_in_english_too(client, settings, minutes, words):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=minutes)
    UserFactory(username="siti")
    fail_five_times(client, reverse("login"), "siti")

    client.cookies["django_language"] = "en"
    response = login(client, reverse("login"), "siti", PASSWORD)

    assert f"Too many failed login attempts. This account is locked for {words} try again" in (
        " ".join(response.content.decode().split())
    )


def test_four_wrong_passwords_do_not_lock(client):
    UserFactory(username="siti")
    for _attempt in range(4):
        login(client, reverse("login"), "siti", "wrong-password")

    response = login(client, reverse("login"), "siti", PASSWORD)

    assert response.status_code == HTTPStatus.FOUND
    assert logged_in_user(client).username == "siti"


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_after_the_cooloff_the_right_password_logs_in(client, url):
    UserFactory(username="siti", is_staff=True)
    fail_five_times(client, url, "siti")

    reset(username="siti")
    response = login(client, url, "siti", PASSWORD)

    assert response.status_code == HTTPStatus.FOUND
    assert logged_in_user(client).username == "siti"


def test_the_lock_expires_after_fifteen_minutes(client):
    UserFactory(username="siti")
    fail_five_times(client, reverse("login"), "siti")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    response = login(client, reverse("login"), "siti", PASSWORD)

    assert response.status_code == HTTPStatus.FOUND


def test_the_lockout_is_per_account_and_address(client):
    UserFactory(username="siti")
    UserFactory(username="budi")
    fail_five_times(client, reverse("login"), "siti", address="10.0.0.1")

    from_elsewhere = login(client, reverse("login"), "siti", PASSWORD, address="10.0.0.2")
    assert from_elsewhere.status_code == HTTPStatus.FOUND
    client.logout()
    other_account = login(client, reverse("login"), "budi", PASSWORD, address="10.0.0.1")
    assert other_account.status_code == HTTPStatus.FOUND


def lockout_delete_url(attempt) -> str:
    return reverse("admin:axes_accessattempt_delete", args=[attempt.pk])


def test_an_organizer_lifts_a_lockout_in_the_admin(client):
    UserFactory(username="siti")
    fail_five_times(client, reverse("login"), "siti")
    attempt = AccessAttempt.objects.get(username="siti")

    organizer_login(client)
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert "siti" in listing.content.decode()
    client.post(lockout_delete_url(attempt), {"post": "yes"})
    client.logout()

    assert not AccessAttempt.objects.exists()
    assert login(client, reverse("login"), "siti", PASSWORD).status_code == HTTPStatus.FOUND


def test_a_participant_cannot_lift_a_lockout(client):
    UserFactory(username="siti")
    fail_five_times(client, reverse("login"), "siti")
    attempt = AccessAttempt.objects.get(username="siti")

    client.force_login(ParticipantFactory(user=UserFactory(is_staff=True)).user)
    response = client.post(lockout_delete_url(attempt), {"post": "yes"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_the_login_page_offers_a_password_reset(client):
    content = client.get(reverse("login")).content.decode()

    assert f'<a href="{reverse("password_reset")}">Lupa kata sandi?</a>' in content


# Password change


def test_anonymous_is_sent_to_log_in_to_change_a_password(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{reverse('login')}?next={reverse('password_change')}"


def test_a_user_changes_their_password(client):
    user = UserFactory(username="siti")
    client.force_login(user)
    page = client.get(reverse("password_change")).content.decode()
    assert "<h1>Ubah kata sandi</h1>" in page

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "lokus-Baru-2026",
            "new_password2": "lokus-Baru-2026",
        },
        follow=True,
    )

    assert "Kata sandi Anda sudah diubah." in response.content.decode()
    assert response.wsgi_request.user.is_authenticated  # the session stays
    user.refresh_from_db()
    assert user.check_password("lokus-Baru-2026")


def test_a_wrong_current_password_changes_nothing(client):
    user = UserFactory(username="siti")
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "lokus-Baru-2026",
            "new_password2": "lokus-Baru-2026",
        },
    )

    assert response.status_code == HTTPStatus.OK
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_header_links_to_the_password_change(client):
    client.force_login(UserFactory())

    content = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("password_change")}">Ubah kata sandi</a>' in content


# Password reset


def reset_link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_forgotten_password_is_reset_through_the_mailed_link(client, settings):
    settings.LOKUS_SITE_URL = "https://lokus.example.go.id"
    UserFactory(username="siti", email="siti@example.go.id")

    response = client.post(reverse("password_reset"), {"email": "siti@example.go.id"})
    assert response.url == reverse("password_reset_done")

    (message,) = mail.outbox
    assert message.to == ["siti@example.go.id"]
    assert message.subject == "[Lokus] Atur ulang kata sandi Anda"
    assert "Nama pengguna Anda: siti" in message.body
    link = reset_link(message)
    assert link.startswith("https://lokus.example.go.id/accounts/reset/")

    path = link.removeprefix("https://lokus.example.go.id")
    form_page = client.get(path, follow=True)
    assert "Masukkan kata sandi baru Anda dua kali." in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "lokus-Baru-2026", "new_password2": "lokus-Baru-2026"},
        follow=True,
    )
    assert "Kata sandi baru Anda sudah diatur." in done.content.decode()

    assert login(client, reverse("login"), "siti", "lokus-Baru-2026").status_code == (
        HTTPStatus.FOUND
    )
    used = client.get(path, follow=True).content.decode()
    assert "Tautan atur ulang kata sandi ini tidak berlaku" in used


def without_csrf_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_a_reset_does_not_say_whether_the_address_exists(client):
    UserFactory(username="siti", email="siti@example.go.id")

    known = client.post(reverse("password_reset"), {"email": "siti@example.go.id"}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.go.id"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert without_csrf_token(known) == without_csrf_token(unknown)
    assert len(mail.outbox) == 1


def test_the_reset_pages_speak_english_too(client):
    client.cookies["django_language"] = "en"

    content = client.get(reverse("password_reset")).content.decode()

    assert "<h1>Reset password</h1>" in content
    assert "Enter the e-mail address of your account." in content
