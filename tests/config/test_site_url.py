"""Links in e-mails follow the address the site is served on, unless LOKUS_SITE_URL says
otherwise; a mail sent without a request uses LOKUS_SITE_URL, else the address of make run."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from config.site_url import FALLBACK_SITE_URL, absolute_url
from participants.accounts import account_invite
from participants.models import Participant
from tests.admin_helpers import admin_url, organizer_login
from tests.factories import (
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
    proposal_ready_to_submit,
)

pytestmark = pytest.mark.django_db

SERVED_ON = "testserver:8123"
SITE = "https://lokus.example.go.id"


@pytest.fixture
def no_site_url(settings):
    settings.LOKUS_SITE_URL = ""


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def reset_mail(client):
    UserFactory(username="siti", email="siti@example.go.id")
    client.post(
        reverse("password_reset"), {"email": "siti@example.go.id"}, headers={"host": SERVED_ON}
    )
    (message,) = mail.outbox
    return message


def test_the_reset_link_follows_the_address_the_site_is_served_on(client, no_site_url):
    (link,) = links(reset_mail(client))
    assert link.startswith(f"http://{SERVED_ON}/accounts/reset/")


def test_the_reset_link_follows_lokus_site_url_when_set(client, settings):
    settings.LOKUS_SITE_URL = SITE
    (link,) = links(reset_mail(client))
    assert link.startswith(f"{SITE}/accounts/reset/")


def submit_through_the_page(client, callbacks):
    user = UserFactory(username="peserta")
    proposal = proposal_ready_to_submit(
        participant=ParticipantFactory(user=user),
        coach=FacilitatorFactory(email="coach@bpsdm.id"),
    )
    client.force_login(user)
    with callbacks(execute=True):
        client.post(
            reverse("participants:proposal-submit", kwargs={"pk": proposal.pk}),
            headers={"host": SERVED_ON},
        )
    (message,) = mail.outbox
    return message, reverse("participants:review-detail", kwargs={"pk": proposal.pk})


def test_the_review_link_follows_the_address_of_the_submitting_request(
    client, django_capture_on_commit_callbacks, no_site_url
):
    message, review_path = submit_through_the_page(client, django_capture_on_commit_callbacks)
    assert f"http://{SERVED_ON}{review_path}" in links(message)


def test_the_review_link_follows_lokus_site_url_when_set(
    client, django_capture_on_commit_callbacks, settings
):
    settings.LOKUS_SITE_URL = SITE
    message, review_path = submit_through_the_page(client, django_capture_on_commit_callbacks)
    assert f"{SITE}{review_path}" in links(message)


def test_an_invitation_sent_from_the_admin_links_to_its_address(
    client, django_capture_on_commit_callbacks, no_site_url
):
    user = UserFactory(email="siti@example.go.id")
    user.set_unusable_password()
    user.save()
    participant = ParticipantFactory(user=user)
    organizer_login(client, participant.cohort.institution)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            admin_url(Participant, "changelist"),
            {"action": "invitation_send", "_selected_action": [participant.pk]},
            headers={"host": SERVED_ON},
        )
    (message,) = mail.outbox
    (link,) = links(message)
    assert link.startswith(f"http://{SERVED_ON}/")


def test_a_mail_sent_without_a_request_uses_the_fallback_address(
    django_capture_on_commit_callbacks, no_site_url
):
    user = UserFactory(email="siti@example.go.id")
    user.set_unusable_password()
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        account_invite(user=user)
    (link,) = links(mail.outbox[0])
    assert link.startswith(f"{FALLBACK_SITE_URL}/")
    assert FALLBACK_SITE_URL == "http://127.0.0.1:8000"


def test_lokus_site_url_wins_over_the_request_address(settings):
    settings.LOKUS_SITE_URL = SITE
    assert absolute_url("/usulan/", site_url=f"http://{SERVED_ON}") == f"{SITE}/usulan/"
    settings.LOKUS_SITE_URL = ""
    assert absolute_url("/usulan/", site_url=f"http://{SERVED_ON}") == (
        f"http://{SERVED_ON}/usulan/"
    )
