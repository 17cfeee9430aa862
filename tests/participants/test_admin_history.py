"""The admin of change proposals: their history, restoring an earlier version, and edits that
make an open proposal form stale."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import (
    ChangeProposal,
    Milestone,
    PracticeAdaptation,
    ProposalStatus,
    Review,
)
from tests.admin_helpers import (
    admin_url,
    form_data,
    organizer_login,
)
from tests.factories import (
    ChangeProposalFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    ReviewFactory,
    UserFactory,
    proposal_form_data_for,
    proposal_ready_to_submit,
)

pytestmark = pytest.mark.django_db


def _restore_url(proposal, record) -> str:
    return reverse(
        "admin:participants_changeproposal_simple_history", args=[proposal.pk, record.history_id]
    )


def test_staff_see_and_restore_an_earlier_version_of_a_proposal(admin_client, admin_user):
    proposal = ChangeProposalFactory(title="Aplikasi aduan masyarakat")
    url = admin_url(ChangeProposal, "change", proposal.pk)
    data = form_data(admin_client.get(url))
    data["title"] = "Aplikasi aduan masyarakat terpadu"
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND

    history = admin_client.get(admin_url(ChangeProposal, "history", proposal.pk))
    assert history.status_code == HTTPStatus.OK
    assert "Aplikasi aduan masyarakat terpadu" in history.text
    assert admin_user.username in history.text
    first = proposal.history.earliest()
    restore = admin_client.get(_restore_url(proposal, first))
    assert restore.status_code == HTTPStatus.OK
    assert 'value="Aplikasi aduan masyarakat"' in restore.text

    response = admin_client.post(_restore_url(proposal, first), form_data(restore))

    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.title == "Aplikasi aduan masyarakat"
    assert proposal.version == 3
    assert proposal.history.count() == 3
    assert proposal.history.latest().history_user == admin_user


def test_restoring_an_old_version_keeps_the_status(admin_client):
    proposal = ChangeProposalFactory(title="Versi draf")
    first = proposal.history.get()
    proposal.title = "Versi yang disetujui"
    proposal.status = ProposalStatus.APPROVED
    proposal.submitted_at = timezone.now()
    proposal.save()

    restore = admin_client.get(_restore_url(proposal, first))
    admin_client.post(_restore_url(proposal, first), form_data(restore))

    proposal.refresh_from_db()
    assert proposal.title == "Versi draf"
    assert proposal.status == ProposalStatus.APPROVED
    assert proposal.submitted_at is not None


def test_editing_a_milestone_in_the_proposal_form_is_kept_in_history(admin_client, admin_user):
    milestone = MilestoneFactory(description="Menyusun SOP.")
    proposal = milestone.proposal
    url = admin_url(ChangeProposal, "change", proposal.pk)
    data = form_data(admin_client.get(url))
    data["milestones-0-description"] = "Menyusun dan mengesahkan SOP."
    data["milestones-0-target_date"] = "2018-11-01"

    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND

    latest = milestone.history.latest()
    assert (latest.description, latest.history_user) == (
        "Menyusun dan mengesahkan SOP.",
        admin_user,
    )
    assert latest.target_date == datetime.date(2018, 11, 1)
    assert milestone.history.earliest().description == "Menyusun SOP."
    history = admin_client.get(admin_url(Milestone, "history", milestone.pk))
    assert "Menyusun dan mengesahkan SOP." in history.text


def test_editing_an_adaptation_on_its_own_page_makes_proposal_forms_stale(admin_client):
    adaptation = PracticeAdaptationFactory()
    url = admin_url(PracticeAdaptation, "change", adaptation.pk)
    data = form_data(admin_client.get(url))
    data["kept"] = "Alur pengaduan daring dan tindak lanjutnya."
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND
    adaptation.proposal.refresh_from_db()
    assert adaptation.proposal.version == 2
    assert adaptation.history.latest().kept == "Alur pengaduan daring dan tindak lanjutnya."


def test_bulk_deleting_milestones_makes_proposal_forms_stale(admin_client):
    milestone = MilestoneFactory()
    MilestoneFactory(proposal=milestone.proposal)
    response = admin_client.post(
        admin_url(Milestone, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(Milestone.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert not Milestone.objects.exists()
    milestone.proposal.refresh_from_db()
    assert milestone.proposal.version == 2
    assert milestone.history.latest().history_type == "-"


CONFLICT = "Orang lain mengubah rancangan ini setelah Anda membukanya. Tidak ada yang disimpan."


def _admin_edits_a_milestone(admin_client, milestone, *, inline: bool) -> None:
    """Staff change ``milestone``'s description in the admin, on its own page or inline."""
    if inline:
        url = admin_url(ChangeProposal, "change", milestone.proposal_id)
        data = form_data(admin_client.get(url))
        index = next(
            key.split("-")[1]
            for key, value in data.items()
            if key.startswith("milestones-")
            and key.endswith("-id")
            and str(value) == str(milestone.pk)
        )
        data[f"milestones-{index}-description"] = "Dikoreksi oleh staf."
    else:
        url = admin_url(Milestone, "change", milestone.pk)
        data = form_data(admin_client.get(url))
        data["description"] = "Dikoreksi oleh staf."
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND


@pytest.mark.parametrize("inline", [False, True], ids=["own-page", "inline"])
def test_an_admin_edit_of_a_milestone_makes_an_open_proposal_form_stale(
    client, admin_client, inline
):
    user = UserFactory()
    proposal = proposal_ready_to_submit(participant=ParticipantFactory(user=user))
    milestone = proposal.milestones.order_by("pk").first()
    client.force_login(user)
    edit_url = reverse("participants:proposal-edit", kwargs={"pk": proposal.pk})
    opened = proposal_form_data_for(proposal, title="Ketikan peserta")
    opened["milestones-0-description"] = "Ketikan peserta pada milestone."

    _admin_edits_a_milestone(admin_client, milestone, inline=inline)
    response = client.post(edit_url, opened)

    assert response.status_code == HTTPStatus.CONFLICT
    assert CONFLICT in response.text
    proposal.refresh_from_db()
    assert proposal.title != "Ketikan peserta"
    milestone.refresh_from_db()
    assert milestone.description == "Dikoreksi oleh staf."
    assert not Milestone.objects.filter(description="Ketikan peserta pada milestone.").exists()


def test_organizer_sees_a_review_history_but_cannot_restore_it(client):
    review = ReviewFactory(comments="Perjelas tahapan.")
    organizer_login(client, review.proposal.participant.cohort.institution)
    review.comments = "Perjelas tahapan dan anggaran."
    review.save()
    first = review.history.earliest()
    history = client.get(admin_url(Review, "history", review.pk))
    assert history.status_code == HTTPStatus.OK
    assert "Perjelas tahapan dan anggaran." in history.text
    url = reverse("admin:participants_review_simple_history", args=[review.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK

    response = client.post(url, form_data(page))

    assert response.status_code == HTTPStatus.FORBIDDEN
    review.refresh_from_db()
    assert review.comments == "Perjelas tahapan dan anggaran."
