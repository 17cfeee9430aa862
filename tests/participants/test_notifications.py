"""E-mails of the workflow: on submit to the assigned facilitators, on a decision to the
participant, in Indonesian, only once the change is committed."""

import os
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

import config
from benchmarking.models import Province
from participants.models import FacilitatorRole, ProposalStatus
from participants.services import TransitionRefused, proposal_transition
from tests.factories import (
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
    proposal_ready_to_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal():
    """A proposal ready to submit: its coach has an address of their own, the mentor only
    through their account, the examiner none at all."""
    return proposal_ready_to_submit(
        title="Aduan terpadu",
        participant=ParticipantFactory(
            full_name="Siti Peserta", user=UserFactory(email="siti@peserta.id")
        ),
        coach=FacilitatorFactory(email="coach@bpsdm.id", user=UserFactory()),
        mentor=FacilitatorFactory(
            role=FacilitatorRole.MENTOR, email="", user=UserFactory(email="mentor@opd.id")
        ),
        examiner=FacilitatorFactory(role=FacilitatorRole.EXAMINER, email=""),
    )


def _submit(proposal, callbacks):
    with callbacks(execute=True):
        return proposal_transition(
            proposal=proposal, user=proposal.participant.user, to_status=ProposalStatus.SUBMITTED
        )


def test_submitting_tells_the_assigned_facilitators(
    proposal, django_capture_on_commit_callbacks, settings
):
    settings.LOKUS_SITE_URL = "https://lokus.example.go.id/"
    _submit(proposal, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["coach@bpsdm.id", "mentor@opd.id"]
    assert message.subject == (
        "[Lokus] Rancangan proyek perubahan diajukan untuk ditelaah: Aduan terpadu"
    )
    review_url = reverse("participants:review-detail", kwargs={"pk": proposal.pk})
    assert "Siti Peserta mengajukan rancangan proyek perubahan “Aduan terpadu”" in message.body
    assert f"https://lokus.example.go.id{review_url}" in message.body


def test_a_facilitator_with_two_roles_gets_one_mail(proposal, django_capture_on_commit_callbacks):
    proposal.mentor = proposal.coach
    proposal.save()
    _submit(proposal, django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["coach@bpsdm.id"]


def test_no_facilitator_with_an_address_no_mail(proposal, django_capture_on_commit_callbacks):
    proposal.coach = proposal.mentor = None
    proposal.save()
    _submit(proposal, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def _decide(proposal, callbacks, to_status, comment=""):
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_at = "2018-09-01T09:00:00+07:00"
    proposal.save()
    with callbacks(execute=True):
        proposal_transition(
            proposal=proposal, user=proposal.coach.user, to_status=to_status, comment=comment
        )


def test_approval_tells_the_participant(proposal, django_capture_on_commit_callbacks):
    _decide(proposal, django_capture_on_commit_callbacks, ProposalStatus.APPROVED)
    message = mail.outbox[0]
    assert message.to == ["siti@peserta.id"]
    assert message.subject == "[Lokus] Rancangan proyek perubahan disetujui: Aduan terpadu"
    assert "Rancangan proyek perubahan Anda “Aduan terpadu” telah disetujui." in message.body
    assert proposal.get_absolute_url() in message.body


def test_a_revision_request_tells_the_participant_with_the_comment(
    proposal, django_capture_on_commit_callbacks
):
    _decide(
        proposal,
        django_capture_on_commit_callbacks,
        ProposalStatus.REVISION_REQUESTED,
        "Perjelas milestone jangka panjang.",
    )
    message = mail.outbox[0]
    assert message.to == ["siti@peserta.id"]
    assert message.subject == (
        "[Lokus] Rancangan proyek perubahan Anda perlu direvisi: Aduan terpadu"
    )
    assert "Komentar:\nPerjelas milestone jangka panjang." in message.body


def test_a_participant_without_an_address_gets_no_mail(
    proposal, django_capture_on_commit_callbacks
):
    proposal.participant.user.email = ""
    proposal.participant.user.save()
    _decide(proposal, django_capture_on_commit_callbacks, ProposalStatus.APPROVED)
    assert mail.outbox == []


def test_mails_are_in_indonesian_whatever_the_senders_language(
    proposal, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        _submit(proposal, django_capture_on_commit_callbacks)
    assert "diajukan untuk ditelaah" in mail.outbox[0].subject


def test_a_line_break_in_a_title_does_not_reach_the_subject(
    proposal, django_capture_on_commit_callbacks
):
    proposal.title = "Aduan\nterpadu"
    proposal.save()
    _submit(proposal, django_capture_on_commit_callbacks)
    assert mail.outbox[0].subject.endswith(": Aduan terpadu")


def test_a_refused_change_sends_nothing(proposal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionRefused):
        proposal_transition(
            proposal=proposal, user=proposal.coach.user, to_status=ProposalStatus.APPROVED
        )
    assert mail.outbox == []


def test_nothing_is_sent_before_the_commit(proposal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        proposal_transition(
            proposal=proposal, user=proposal.participant.user, to_status=ProposalStatus.SUBMITTED
        )
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_submitting_in_the_browser_sends_the_mail(
    client, proposal, django_capture_on_commit_callbacks
):
    client.force_login(proposal.participant.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("participants:proposal-submit", kwargs={"pk": proposal.pk}))
    assert mail.outbox[0].to == ["coach@bpsdm.id", "mentor@opd.id"]


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_does_not_undo_or_break_the_change(client):
    # A real commit, so that the on-commit mail really runs; the data migrations' provinces
    # are flushed between such tests, hence get_or_create.
    for code, name in (("18", "Lampung"), ("33", "Jawa Tengah")):
        Province.objects.get_or_create(code=code, defaults={"name": name})
    participant = ParticipantFactory(user=UserFactory())
    proposal = proposal_ready_to_submit(
        participant=participant, coach=FacilitatorFactory(email="coach@bpsdm.id")
    )
    client.force_login(participant.user)
    with mock.patch(
        "participants.notifications.send_mail", side_effect=ConnectionRefusedError
    ) as send:
        response = client.post(reverse("participants:proposal-submit", kwargs={"pk": proposal.pk}))
    assert send.called
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.status_changes.get().to_status == ProposalStatus.SUBMITTED
    assert "Rancangan Anda telah diajukan untuk ditelaah." in client.get(response.url).text


@pytest.mark.parametrize(
    ("host", "backend"),
    [
        ("", "django.core.mail.backends.console.EmailBackend"),
        ("smtp.example.go.id", "django.core.mail.backends.smtp.EmailBackend"),
    ],
)
def test_mail_goes_to_the_console_unless_an_smtp_host_is_configured(host, backend):
    env = {**os.environ, "DJANGO_SECRET_KEY": "x", "DJANGO_EMAIL_HOST": host}
    script = "import config.settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST)"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(config.__file__).resolve().parent.parent,
    )
    assert result.stdout.split() == [backend, *([host] if host else [])]
