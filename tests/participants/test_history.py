"""Nothing lost: every save of a proposal and its parts, from the site or the admin, leaves a
history row naming who made it; staff restore an earlier version in the admin."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from participants.models import ChangeProposal, FacilitatorRole, ProposalStatus
from tests.admin_helpers import admin_url, form_data
from tests.factories import (
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
    proposal_form_data_for,
    proposal_ready_to_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal():
    return proposal_ready_to_submit(
        title="Versi pertama",
        participant=ParticipantFactory(user=UserFactory(username="peserta")),
        coach=FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory(username="coach")),
    )


def _edit(client, proposal, **changes):
    client.force_login(proposal.participant.user)
    data = proposal_form_data_for(proposal, **changes)
    data["milestones-0-description"] = "Menyusun SOP yang diperbarui."
    data["adaptations-0-kept"] = "Alur pengaduan daring dan tindak lanjutnya."
    data["milestones-2-DELETE"] = "on"
    response = client.post(reverse("participants:proposal-edit", kwargs={"pk": proposal.pk}), data)
    assert response.status_code == HTTPStatus.FOUND
    return proposal.participant.user


def test_a_save_in_the_proposal_form_is_recorded_with_its_author(client, proposal):
    user = _edit(client, proposal, title="Versi kedua")
    latest = proposal.history.latest()
    assert (latest.title, latest.version, latest.history_user) == ("Versi kedua", 2, user)
    assert proposal.history.earliest().title == "Versi pertama"
    milestone = proposal.milestones.order_by("pk").first()
    assert milestone.history.latest().history_user == user
    assert milestone.history.earliest().description == "Tahap short."
    adaptation = proposal.adaptations.get()
    assert adaptation.history.latest().history_user == user
    removed = proposal.milestones.model.history.filter(history_type="-").get()
    assert (removed.description, removed.history_user) == ("Tahap long.", user)


def test_status_changes_and_reviews_are_recorded_with_their_author(client, proposal):
    owner = proposal.participant.user
    client.force_login(owner)
    client.post(reverse("participants:proposal-submit", kwargs={"pk": proposal.pk}))
    submitted = proposal.history.latest()
    assert (submitted.status, submitted.history_user) == (ProposalStatus.SUBMITTED, owner)

    coach = proposal.coach.user
    client.force_login(coach)
    url = reverse("participants:review-detail", kwargs={"pk": proposal.pk})
    client.post(url, {"decision": "revise", "comments": "Perjelas tujuan."})
    assert proposal.history.latest().history_user == coach
    review = proposal.reviews.get()
    assert (review.history.get().history_user, review.history.get().comments) == (
        coach,
        "Perjelas tujuan.",
    )
    assert [change.to_status for change in proposal.status_changes.all()] == [
        ProposalStatus.SUBMITTED,
        ProposalStatus.REVISION_REQUESTED,
    ]


def test_a_save_in_the_admin_is_recorded_with_its_author(admin_client, admin_user, proposal):
    url = admin_url(ChangeProposal, "change", proposal.pk)
    data = form_data(admin_client.get(url))
    data["title"] = "Diperbaiki oleh staf"
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND
    latest = proposal.history.latest()
    assert (latest.title, latest.history_user) == ("Diperbaiki oleh staf", admin_user)


def test_staff_restore_a_version_written_in_the_proposal_form(
    client, admin_client, admin_user, proposal
):
    _edit(client, proposal, title="Versi kedua")
    first = proposal.history.earliest()
    restore_url = reverse(
        "admin:participants_changeproposal_simple_history", args=[proposal.pk, first.history_id]
    )
    restore = admin_client.get(restore_url)
    assert restore.status_code == HTTPStatus.OK
    assert admin_client.post(restore_url, form_data(restore)).status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.title == "Versi pertama"
    assert proposal.history.latest().history_user == admin_user
    # The participant's form opened before the restore is now stale.
    assert proposal.version > 2


def test_the_proposal_page_shows_the_status_timeline(client, proposal):
    owner = proposal.participant.user
    client.force_login(owner)
    client.post(reverse("participants:proposal-submit", kwargs={"pk": proposal.pk}))
    client.force_login(proposal.coach.user)
    client.post(
        reverse("participants:review-detail", kwargs={"pk": proposal.pk}),
        {"decision": "approve", "comments": "Layak dilaksanakan."},
    )
    page = client.get(proposal.get_absolute_url())
    text = page.text[page.text.index("Riwayat status") :]
    assert '<span class="badge badge--submitted">Diajukan</span>' in text
    assert '<span class="badge badge--approved">Disetujui</span>' in text
    assert "Layak dilaksanakan." in text
    assert text.index("badge--submitted") < text.index("badge--approved")
