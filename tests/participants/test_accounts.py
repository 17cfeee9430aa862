"""Invitations: a new account without a password is mailed a one-time link to set it."""

import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from participants.accounts import AccountInviteError, account_invite
from participants.models import Facilitator, Participant
from tests.admin_helpers import admin_url, form_data, organizer_login
from tests.factories import FacilitatorFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://lokus.example.go.id"
NEW_PASSWORD = "lokus-Baru-2026"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.LOKUS_SITE_URL = SITE


def new_account(**kwargs):
    user = UserFactory(**kwargs)
    user.set_unusable_password()
    user.save()
    return user


def invitation_path(message) -> str:
    link = re.search(rf"{re.escape(SITE)}\S+", message.body).group(0)
    return link.removeprefix(SITE)


def test_the_invitation_is_mailed_after_commit(django_capture_on_commit_callbacks):
    user = new_account(username="siti", email="siti@example.go.id")

    with django_capture_on_commit_callbacks(execute=True):
        account_invite(user=user, name="Siti Aminah")
        assert not mail.outbox  # not before the commit

    (message,) = mail.outbox
    assert message.to == ["siti@example.go.id"]
    assert message.subject == "[Lokus] Akun Anda sudah siap: atur kata sandi Anda"
    assert message.body.startswith("Halo Siti Aminah,")
    assert "Nama pengguna Anda: siti" in message.body
    assert f"{SITE}/accounts/invitation/" in message.body


def test_the_link_sets_the_password_once(client, django_capture_on_commit_callbacks):
    user = new_account(username="siti", email="siti@example.go.id")
    with django_capture_on_commit_callbacks(execute=True):
        account_invite(user=user)
    path = invitation_path(mail.outbox[0])

    form_page = client.get(path, follow=True)
    assert "<h1>Atur kata sandi Anda</h1>" in form_page.text
    assert "<strong>siti</strong>" in form_page.text
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert done.redirect_chain[-1][0] == reverse("login")
    assert "Kata sandi Anda sudah diatur. Sekarang Anda dapat masuk." in done.text
    assert client.login(request=done.wsgi_request, username="siti", password=NEW_PASSWORD)

    client.logout()
    used = client.get(path, follow=True)
    assert "Tautan undangan ini tidak berlaku: tautan sudah dipakai" in used.text
    assert 'name="new_password1"' not in used.text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"email": ""}, "Akun siti tidak memiliki alamat email."),
        ({"is_active": False}, "Akun siti tidak aktif."),
    ],
)
def test_an_account_that_cannot_be_reached_is_not_invited(kwargs, message):
    user = new_account(username="siti", **kwargs)

    with pytest.raises(AccountInviteError, match=message):
        account_invite(user=user)


def test_an_account_with_a_password_is_sent_to_the_reset(django_capture_on_commit_callbacks):
    user = UserFactory(username="siti")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(AccountInviteError, match="“Lupa kata sandi\\?”"),
    ):
        account_invite(user=user)

    assert not mail.outbox


# In the admin


def test_linking_a_new_account_to_a_participant_invites_it(
    admin_client, django_capture_on_commit_callbacks
):
    participant = ParticipantFactory(full_name="Siti Aminah")
    user = new_account(username="siti", email="siti@example.go.id")
    url = admin_url(Participant, "change", participant.pk)
    data = form_data(admin_client.get(url))
    data["user"] = user.pk

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, data)

    (message,) = mail.outbox
    assert message.to == ["siti@example.go.id"]
    assert message.body.startswith("Halo Siti Aminah,")


def test_an_organizer_sends_the_invitation_again(client, django_capture_on_commit_callbacks):
    invited = ParticipantFactory(user=new_account(email="siti@example.go.id"))
    no_account = ParticipantFactory(full_name="Budi Santoso", cohort=invited.cohort)
    organizer_login(client, invited.cohort.institution)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url(Participant, "changelist"),
            {"action": "invitation_send", "_selected_action": [invited.pk, no_account.pk]},
            follow=True,
        )

    assert [message.to for message in mail.outbox] == [["siti@example.go.id"]]
    assert "Undangan untuk mengatur kata sandi dikirim ke 1 akun." in response.text
    assert "Budi Santoso belum memiliki akun untuk diundang." in response.text


def test_a_facilitator_is_invited_from_the_admin(admin_client, django_capture_on_commit_callbacks):
    facilitator = FacilitatorFactory(user=new_account(email="coach@example.go.id"))

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            admin_url(Facilitator, "changelist"),
            {"action": "invitation_send", "_selected_action": [facilitator.pk]},
        )

    assert [message.to for message in mail.outbox] == [["coach@example.go.id"]]


def test_an_organizer_cannot_invite_another_institutions_participant(
    client, django_capture_on_commit_callbacks
):
    other = ParticipantFactory(user=new_account(email="siti@example.go.id"))
    organizer_login(client, ParticipantFactory().cohort.institution)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            admin_url(Participant, "changelist"),
            {"action": "invitation_send", "_selected_action": [other.pk]},
        )

    assert not mail.outbox


def test_a_participant_cannot_send_invitations(client, django_capture_on_commit_callbacks):
    invited = ParticipantFactory(user=new_account(email="siti@example.go.id"))
    client.force_login(ParticipantFactory(user=UserFactory()).user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url(Participant, "changelist"),
            {"action": "invitation_send", "_selected_action": [invited.pk]},
        )

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("admin:login"))
    assert not mail.outbox
