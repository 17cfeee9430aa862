"""The participant's pages: editing a proposal (conflicts, read-only states) and submitting it."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from participants.models import ChangeProposal, ProposalStatus, ProposalStatusChange
from tests.factories import (
    ChangeProposalFactory,
    FacilitatorFactory,
    proposal_form_data,
    proposal_form_data_for,
    proposal_ready_to_submit,
)
from tests.participants.views.workflow_fixtures import CREATE, MINE, edit_url

pytestmark = pytest.mark.django_db


def submit_url(proposal):
    return reverse("participants:proposal-submit", kwargs={"pk": proposal.pk})


# --- the form: edit ---------------------------------------------------------------------------


def test_editing_my_draft(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    response = client.get(edit_url(proposal))
    assert response.status_code == HTTPStatus.OK
    assert f'name="version" value="{proposal.version}"' in response.text
    data = proposal_form_data_for(proposal, title="Judul baru")
    response = client.post(edit_url(proposal), data)
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Judul baru", 2)


def test_removing_a_milestone_and_a_practice(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    data = proposal_form_data_for(proposal)
    data["milestones-0-DELETE"] = "on"
    data["adaptations-0-DELETE"] = "on"
    client.post(edit_url(proposal), data)
    assert proposal.milestones.count() == 2
    assert proposal.adaptations.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_participants_proposal_is_a_404(client, participant, other, method):
    response = getattr(client, method)(edit_url(other), proposal_form_data_for(other))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert client.post(submit_url(other)).status_code == HTTPStatus.NOT_FOUND
    other.refresh_from_db()
    assert other.status == ProposalStatus.DRAFT
    assert other.title == "Rancangan milik orang lain"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            ProposalStatus.SUBMITTED,
            "Rancangan ini sudah diajukan dan hanya dapat dibaca sampai fasilitator meminta revisi.",
        ),
        (ProposalStatus.APPROVED, "Rancangan ini sudah disetujui dan tetap hanya dapat dibaca."),
    ],
)
def test_a_submitted_or_approved_proposal_is_read_only(client, participant, status, message):
    proposal = proposal_ready_to_submit(
        participant=participant, status=status, submitted_at="2018-09-01T09:00:00+07:00"
    )
    response = client.get(edit_url(proposal))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == proposal.get_absolute_url()
    response = client.post(edit_url(proposal), proposal_form_data_for(proposal, title="Diubah"))
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.title != "Diubah"
    page = client.get(response.url)
    assert message in page.text
    assert edit_url(proposal) not in page.text


def test_a_proposal_sent_back_shows_the_comment_and_can_be_resubmitted(client, participant):
    proposal = proposal_ready_to_submit(
        participant=participant,
        status=ProposalStatus.REVISION_REQUESTED,
        submitted_at="2018-09-01T09:00:00+07:00",
    )
    ProposalStatusChange.objects.create(
        proposal=proposal,
        from_status=ProposalStatus.SUBMITTED,
        to_status=ProposalStatus.REVISION_REQUESTED,
        actor_name="Bu Coach",
        comment="Perjelas milestone jangka panjang.",
    )
    response = client.get(edit_url(proposal))
    assert "Perlu revisi" in response.text
    assert "Perjelas milestone jangka panjang." in response.text
    assert "Bu Coach" in response.text
    client.post(edit_url(proposal), proposal_form_data_for(proposal, action="submit"))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_a_stale_form_is_refused_and_the_input_kept(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    first = proposal_form_data_for(proposal, title="Simpanan pertama")
    second = proposal_form_data_for(proposal, title="Ketikan kedua yang tidak boleh hilang")
    assert client.post(edit_url(proposal), first).status_code == HTTPStatus.FOUND
    response = client.post(edit_url(proposal), second)
    assert response.status_code == HTTPStatus.CONFLICT
    text = response.text
    assert (
        "Orang lain mengubah rancangan ini setelah Anda membukanya. Tidak ada yang disimpan."
        in text
    )
    assert "Versi tersimpan terakhir diubah oleh Siti Peserta" in text
    assert 'value="Ketikan kedua yang tidak boleh hilang"' in text
    # The hidden version is now the current one: saving again is a deliberate overwrite.
    assert 'name="version" value="2"' in text
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Simpanan pertama", 2)
    second["version"] = "2"
    assert client.post(edit_url(proposal), second).status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.title == "Ketikan kedua yang tidak boleh hilang"


def test_owner_status_and_assignment_cannot_be_posted(client, participant, other):
    coach = FacilitatorFactory()
    proposal = proposal_ready_to_submit(participant=participant)
    data = proposal_form_data_for(proposal)
    data.update(
        participant=other.participant.pk,
        status=ProposalStatus.APPROVED,
        coach=coach.pk,
        mentor=coach.pk,
        examiner=coach.pk,
        submitted_at="2018-01-01T00:00:00Z",
    )
    client.post(edit_url(proposal), data)
    client.post(CREATE, data | {"milestones-INITIAL_FORMS": "0", "adaptations-TOTAL_FORMS": "0"})
    for saved in ChangeProposal.objects.filter(participant__in=[participant, other.participant]):
        assert saved.coach is None and saved.mentor is None and saved.examiner is None
        assert saved.status == ProposalStatus.DRAFT and saved.submitted_at is None
    assert ChangeProposal.objects.filter(participant=participant).count() == 2


def test_forms_are_protected_against_cross_site_posts(participant):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(participant.user)
    proposal = proposal_ready_to_submit(participant=participant)
    assert csrf_client.post(CREATE, proposal_form_data()).status_code == HTTPStatus.FORBIDDEN
    response = csrf_client.post(edit_url(proposal), proposal_form_data_for(proposal, title="X"))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert csrf_client.post(submit_url(proposal)).status_code == HTTPStatus.FORBIDDEN
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) != ("X", ProposalStatus.SUBMITTED)
    assert proposal.title != "X"
    assert proposal.status == ProposalStatus.DRAFT
    assert ChangeProposal.objects.count() == 1


# --- submit from the proposal page ------------------------------------------------------------


def test_submitting_from_the_proposal_page(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    page = client.get(proposal.get_absolute_url())
    assert submit_url(proposal) in page.text and edit_url(proposal) in page.text
    response = client.post(submit_url(proposal))
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    page = client.get(response.url)
    assert "Rancangan Anda telah diajukan untuk ditelaah." in page.text
    assert "Riwayat status" in page.text and "oleh Siti Peserta" in page.text
    assert submit_url(proposal) not in page.text


def test_submitting_an_incomplete_proposal_from_its_page_says_what_is_missing(client, participant):
    proposal = ChangeProposalFactory(participant=participant)
    response = client.post(submit_url(proposal))
    assert response.url == edit_url(proposal)
    page = client.get(response.url)
    assert "Tambahkan minimal satu praktik baik yang diadaptasi." in page.text
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_submitting_twice_is_refused_with_a_message(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    client.post(submit_url(proposal))
    response = client.post(submit_url(proposal), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "Rancangan ini sudah berstatus “Diajukan”." in response.text
    assert ProposalStatusChange.objects.count() == 1


def test_submit_only_answers_posts(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    assert client.get(submit_url(proposal)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_another_participant_sees_neither_actions_nor_the_draft(client, participant, other):
    assert client.get(other.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert "Rancangan milik orang lain" not in client.get(MINE).text


@pytest.mark.parametrize(
    ("version", "status", "shown"),
    [
        ("abc", HTTPStatus.OK, "Masukkan keseluruhan angka bilangan."),
        ("", HTTPStatus.CONFLICT, "Orang lain mengubah rancangan ini"),
    ],
)
def test_a_tampered_version_is_answered_not_a_crash(client, participant, version, status, shown):
    proposal = proposal_ready_to_submit(participant=participant)
    data = proposal_form_data_for(proposal, title="Diubah")
    data["version"] = version
    response = client.post(edit_url(proposal), data)
    assert response.status_code == status
    assert shown in response.text
    proposal.refresh_from_db()
    assert proposal.title != "Diubah"


def test_a_draft_with_only_a_title_is_saved(client, participant):
    data = proposal_form_data(milestones=[], problem="", goals="", benefits="", stakeholders="")
    response = client.post(CREATE, data)
    proposal = ChangeProposal.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert (proposal.title, proposal.problem, proposal.status) == (
        "Aplikasi aduan masyarakat terpadu",
        "",
        ProposalStatus.DRAFT,
    )


def test_a_refused_submit_lists_every_error_as_a_link_to_its_field(client, participant):
    response = client.post(CREATE, proposal_form_data(problem="", action="submit"))
    assert response.status_code == HTTPStatus.OK
    assert (
        '<a href="#id_problem">Uraikan permasalahan yang ingin diatasi rancangan ini.</a>'
        in response.text
    )
    assert (
        '<a href="#adaptations">Tambahkan minimal satu praktik baik yang diadaptasi.</a>'
        in response.text
    )
    assert not ChangeProposal.objects.exists()


def test_a_saved_draft_without_a_problem_cannot_be_submitted_from_its_page(client, participant):
    proposal = proposal_ready_to_submit(participant=participant, problem="")
    response = client.post(reverse("participants:proposal-submit", args=[proposal.pk]))
    assert response.status_code == HTTPStatus.FOUND
    page = client.get(response.url)
    assert "Uraikan permasalahan yang ingin diatasi rancangan ini." in page.text
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_the_edit_form_shows_the_saved_milestones_and_no_empty_rows(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    response = client.get(reverse("participants:proposal-edit", args=[proposal.pk]))
    assert 'name="milestones-TOTAL_FORMS" value="3"' in response.text
    assert 'name="milestones-INITIAL_FORMS" value="3"' in response.text
