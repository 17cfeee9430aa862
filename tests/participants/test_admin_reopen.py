"""An approved proposal is read-only in the admin for organizers, inlines included; "Reopen for
revision" sends it back to its participant through the transition service, with a comment,
recorded in the timeline and the history. A superuser may still correct it directly."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participants.models import ChangeProposal, ProposalStatus, ProposalStatusChange
from tests.admin_helpers import admin_url, form_data, organizer_login
from tests.factories import (
    ChangeProposalFactory,
    InstitutionFactory,
    MilestoneFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REQUIRED = "Bidang ini tidak boleh kosong."
TITLE = "Layanan aduan satu pintu"


@pytest.fixture
def approved():
    proposal = ChangeProposalFactory(
        title=TITLE, participant=ParticipantFactory(user=UserFactory(email="peserta@bpsdm.go.id"))
    )
    MilestoneFactory(proposal=proposal, description="Sosialisasi kanal aduan")
    ChangeProposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.APPROVED, submitted_at=timezone.now()
    )
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def organizer(client, approved):
    return organizer_login(client, approved.participant.cohort.institution)


def reopen_url(proposal) -> str:
    return reverse("admin:participants_changeproposal_reopen", args=[proposal.pk])


def test_organizer_sees_an_approved_proposal_read_only(client, organizer, approved):
    page = client.get(admin_url(ChangeProposal, "change", approved.pk))

    assert page.status_code == HTTPStatus.OK
    assert TITLE in page.text
    assert 'name="title"' not in page.text
    assert 'name="_save"' not in page.text
    assert "Sosialisasi kanal aduan" in page.text
    assert 'name="milestones-0-description"' not in page.text
    assert "Buka kembali untuk revisi" in page.text
    assert reopen_url(approved) in page.text


def test_organizer_cannot_rewrite_an_approved_proposal(client, organizer, approved):
    url = admin_url(ChangeProposal, "change", approved.pk)
    data = form_data(client.get(url)) | {"title": "Ditulis ulang", "problem": "Lain."}

    response = client.post(url, data)

    assert response.status_code == HTTPStatus.FORBIDDEN
    approved.refresh_from_db()
    assert (approved.title, approved.status) == (TITLE, ProposalStatus.APPROVED)


def test_organizer_cannot_restore_an_old_version_over_an_approved_proposal(
    client, organizer, approved
):
    version = approved.history.earliest()
    url = reverse(
        "admin:participants_changeproposal_simple_history", args=[approved.pk, version.history_id]
    )

    page = client.get(url)
    response = client.post(url, {"title": "Versi lama", "participant": approved.participant_id})

    assert page.status_code == HTTPStatus.OK
    assert 'name="_save"' not in page.text

    assert response.status_code == HTTPStatus.FORBIDDEN
    approved.refresh_from_db()
    assert approved.title == TITLE


def test_organizer_reopens_an_approved_proposal_with_a_comment(
    client, organizer, approved, django_capture_on_commit_callbacks
):
    page = client.get(reopen_url(approved))
    assert page.status_code == HTTPStatus.OK
    assert "Mengapa dibuka kembali?" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reopen_url(approved), {"comment": "Anggaran daerah berubah."}, follow=True
        )

    assert response.redirect_chain[-1][0] == admin_url(ChangeProposal, "change", approved.pk)
    assert f"“{TITLE}” dibuka kembali untuk revisi; peserta diberi tahu." in response.text
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.REVISION_REQUESTED
    step = ProposalStatusChange.objects.get(proposal=approved)
    assert (step.from_status, step.to_status, step.changed_by, step.comment) == (
        ProposalStatus.APPROVED,
        ProposalStatus.REVISION_REQUESTED,
        organizer,
        "Anggaran daerah berubah.",
    )
    assert approved.history.latest().history_user == organizer
    assert [message.to for message in mail.outbox] == [["peserta@bpsdm.go.id"]]
    # Reopened, it can be changed again.
    assert 'name="title"' in client.get(admin_url(ChangeProposal, "change", approved.pk)).text


def test_reopening_without_a_comment_changes_nothing(client, organizer, approved):
    response = client.post(reopen_url(approved), {"comment": ""})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["comment"] == [REQUIRED]
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.APPROVED
    assert not ProposalStatusChange.objects.exists()


def test_organizer_of_another_institution_cannot_reopen_it(client, approved):
    organizer_login(client, InstitutionFactory())

    response = client.post(reopen_url(approved), {"comment": "Saya ubah."}, follow=True)

    assert response.redirect_chain == [(reverse("admin:index"), HTTPStatus.FOUND)]
    assert TITLE not in response.text
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.APPROVED
    assert not ProposalStatusChange.objects.exists()


def test_a_proposal_that_is_not_approved_cannot_be_reopened(client, organizer, approved):
    ChangeProposal.objects.filter(pk=approved.pk).update(status=ProposalStatus.SUBMITTED)

    response = client.post(reopen_url(approved), {"comment": "Tidak perlu."})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not ProposalStatusChange.objects.exists()


def test_a_participant_cannot_reach_the_reopen_page(client, approved):
    client.force_login(approved.participant.user)

    response = client.post(reopen_url(approved), {"comment": "Saya buka sendiri."})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("admin:login"))
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.APPROVED


def test_superuser_corrects_an_approved_proposal_directly(admin_client, approved):
    url = admin_url(ChangeProposal, "change", approved.pk)
    data = form_data(admin_client.get(url)) | {"title": "Layanan aduan satu pintu (SiAduan)"}

    response = admin_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    approved.refresh_from_db()
    assert approved.title == "Layanan aduan satu pintu (SiAduan)"
    assert approved.status == ProposalStatus.APPROVED
