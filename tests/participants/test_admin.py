"""The admin of participants, facilitators and change proposals: pages, permissions, status
actions and refused deletions."""

from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from benchmarking.models import Province
from best_practices.models import CatalogVersion, Sector
from participants.models import (
    ChangeProposal,
    Facilitator,
    FacilitatorRole,
    Milestone,
    Participant,
    PracticeAdaptation,
    ProposalStatus,
    ProposalStatusChange,
    Review,
    StatisticsFigures,
)
from tests.admin_helpers import (
    FULL_ROW,
    admin_url,
    assert_pages_show_row,
    assert_query_count_flat,
    form_data,
    organizer_login,
    status_change_create,
)
from tests.factories import (
    ChangeProposalFactory,
    FacilitatorFactory,
    ParticipantFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


MODELS = [Participant, Facilitator, ChangeProposal, PracticeAdaptation, Milestone, Review]


def _submitted(**kwargs) -> ChangeProposal:
    return ChangeProposalFactory(
        status=ProposalStatus.SUBMITTED, submitted_at=timezone.now(), **kwargs
    )


def test_every_model_is_registered_and_covered_by_the_admin_tests():
    models = {
        model
        for label in ("benchmarking", "best_practices", "participants")
        for model in apps.get_app_config(label).get_models()
        # simple-history's version tables are shown through "History" of their model; the
        # catalog version is bookkeeping that database triggers write, and the statistics
        # figures are computed by a task: nothing to edit.
        if not model.__name__.startswith("Historical")
        and model not in (CatalogVersion, StatisticsFigures)
    }
    assert {model for model in models if not admin.site.is_registered(model)} == set()
    assert models == {*FULL_ROW, Province, Sector}


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_superuser_pages_show_the_row(admin_client, model):
    assert_pages_show_row(admin_client, model, FULL_ROW[model]())


@pytest.mark.parametrize("model", [*MODELS, ProposalStatusChange], ids=lambda model: model.__name__)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    assert_query_count_flat(admin_client, model)


def test_proposal_page_shows_its_parts_and_timeline(admin_client):
    proposal = FULL_ROW[ChangeProposal]()
    adaptation = proposal.adaptations.get()
    response = admin_client.get(admin_url(ChangeProposal, "change", proposal.pk))
    assert response.status_code == HTTPStatus.OK
    assert adaptation.kept in response.text
    assert proposal.milestones.get().description in response.text
    assert proposal.reviews.get().comments in response.text
    assert "Siap ditinjau." in response.text  # the status timeline
    assert "Isi rancangan" in response.text
    assert "Fasilitator" in response.text


def test_status_timeline_is_read_only_for_everyone(admin_client):
    change = status_change_create()
    changelist = admin_client.get(admin_url(ProposalStatusChange, "changelist"))
    assert change.proposal.title in changelist.text
    page = admin_client.get(admin_url(ProposalStatusChange, "change", change.pk))
    assert page.status_code == HTTPStatus.OK
    assert "Siap ditinjau." in page.text
    assert admin_client.get(admin_url(ProposalStatusChange, "add")).status_code == (
        HTTPStatus.FORBIDDEN
    )
    delete = admin_url(ProposalStatusChange, "delete", change.pk)
    assert admin_client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert ProposalStatusChange.objects.filter(pk=change.pk).exists()


def test_organizer_reaches_the_changelists_its_permissions_allow(client):
    participant = ParticipantFactory(full_name="Siti Rahmawati")
    organizer_login(client, participant.cohort.institution)
    proposal = ChangeProposalFactory(participant=participant, title="Layanan aduan terpadu")
    response = client.get(admin_url(Participant, "changelist"))
    assert response.status_code == HTTPStatus.OK
    assert "Siti Rahmawati" in response.text
    proposals = client.get(admin_url(ChangeProposal, "changelist"))
    assert proposals.status_code == HTTPStatus.OK
    assert proposal.title in proposals.text
    for model in (Facilitator, PracticeAdaptation, Milestone, Review, ProposalStatusChange):
        assert client.get(admin_url(model, "changelist")).status_code == HTTPStatus.OK


def test_organizer_is_refused_elsewhere(client):
    organizer_login(client)
    for url in (
        admin_url(get_user_model(), "changelist"),
        admin_url(Group, "changelist"),
        admin_url(Review, "add"),
        admin_url(PracticeAdaptation, "add"),
        admin_url(Milestone, "add"),
        admin_url(ChangeProposal, "add"),
    ):
        assert client.get(url).status_code == HTTPStatus.FORBIDDEN, url
    response = client.post(admin_url(ChangeProposal, "add"), {"title": "Tidak boleh dibuat"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not ChangeProposal.objects.exists()


def test_organizer_cannot_link_a_user_account(client, admin_client):
    participant = ParticipantFactory()
    url = admin_url(Participant, "change", participant.pk)
    assert 'name="user"' in admin_client.get(url).text
    organizer_login(client, participant.cohort.institution)
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert 'name="user"' not in page.text
    data = form_data(page)
    data["user"] = UserFactory().pk
    client.post(url, data)
    participant.refresh_from_db()
    assert participant.user is None


def test_organizer_assigns_facilitators_but_not_the_status(client):
    proposal = ChangeProposalFactory()
    organizer_login(client, proposal.participant.cohort.institution)
    coach = FacilitatorFactory(role=FacilitatorRole.COACH)
    mentor = FacilitatorFactory(role=FacilitatorRole.MENTOR)
    url = admin_url(ChangeProposal, "change", proposal.pk)
    data = form_data(client.get(url))
    data.update(coach=coach.pk, mentor=mentor.pk, status=ProposalStatus.APPROVED)

    response = client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert (proposal.coach, proposal.mentor) == (coach, mentor)
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.version == 2


def test_organizer_cannot_hand_a_proposal_to_another_participant(client):
    proposal = ChangeProposalFactory()
    owner = proposal.participant
    organizer_login(client, owner.cohort.institution)
    url = admin_url(ChangeProposal, "change", proposal.pk)
    data = form_data(client.get(url))
    data["participant"] = ParticipantFactory(cohort=owner.cohort).pk
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.participant == owner


def test_a_coach_must_be_a_coach(admin_client):
    proposal = ChangeProposalFactory()
    mentor = FacilitatorFactory(role=FacilitatorRole.MENTOR)
    url = admin_url(ChangeProposal, "change", proposal.pk)
    data = form_data(admin_client.get(url))
    data["coach"] = mentor.pk
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["coach"]
    proposal.refresh_from_db()
    assert proposal.coach is None


def test_superuser_approves_through_the_workflow(admin_client, admin_user):
    proposal = _submitted()
    already = ChangeProposalFactory(status=ProposalStatus.APPROVED, submitted_at=timezone.now())
    response = admin_client.post(
        admin_url(ChangeProposal, "changelist"),
        {"action": "status_approved", "_selected_action": [proposal.pk, already.pk]},
        follow=True,
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    step = proposal.status_changes.get()
    assert (step.from_status, step.to_status, step.changed_by) == (
        ProposalStatus.SUBMITTED,
        ProposalStatus.APPROVED,
        admin_user,
    )
    messages = [str(message) for message in response.context["messages"]]
    assert "1 rancangan kini berstatus “Disetujui”." in messages
    refusal = next(message for message in messages if message.startswith(f"{already.title}: "))
    assert "“Disetujui”" in refusal
    assert not already.status_changes.exists()


def test_organizer_has_no_status_actions(client):
    proposal = _submitted()
    organizer_login(client, proposal.participant.cohort.institution)
    changelist = client.get(admin_url(ChangeProposal, "changelist"))
    assert "status_approved" not in changelist.text
    client.post(
        admin_url(ChangeProposal, "changelist"),
        {"action": "status_approved", "_selected_action": [proposal.pk]},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_deleting_a_participant_with_a_proposal_shows_why_it_is_refused(client):
    proposal = ChangeProposalFactory()
    participant = proposal.participant
    organizer_login(client, participant.cohort.institution)
    url = admin_url(Participant, "delete", participant.pk)

    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert "memerlukan penghapusan objek terlindungi" in page.text
    assert proposal.title in page.text

    response = client.post(url, {"post": "yes"})
    assert response.status_code == HTTPStatus.OK
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_bulk_deleting_participants_with_a_proposal_shows_why_it_is_refused(client):
    proposal = ChangeProposalFactory()
    free = ParticipantFactory(cohort=proposal.participant.cohort)
    organizer_login(client, free.cohort.institution)
    selection = {
        "action": "delete_selected",
        "_selected_action": [proposal.participant.pk, free.pk],
    }
    url = admin_url(Participant, "changelist")

    page = client.post(url, selection)
    assert page.status_code == HTTPStatus.OK
    assert "Menghapus peserta terpilih memerlukan penghapusan objek terlindungi" in page.text
    assert proposal.title in page.text

    response = client.post(url, {**selection, "post": "yes"})
    assert response.status_code == HTTPStatus.OK
    assert Participant.objects.count() == 2


def test_deleting_a_reviewed_proposal_shows_why_it_is_refused(admin_client):
    review = ReviewFactory()
    url = admin_url(ChangeProposal, "delete", review.proposal.pk)
    page = admin_client.get(url)
    assert "memerlukan penghapusan objek terlindungi" in page.text
    assert str(review) in page.text
    admin_client.post(url, {"post": "yes"})
    assert ChangeProposal.objects.filter(pk=review.proposal.pk).exists()
