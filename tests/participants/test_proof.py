"""Proven adaptations: a practice counts the proposals adapting it that were carried out,
kept through the transition service and the admin, and repaired by a full recount."""

import pytest
from django.urls import reverse

from best_practices.models import BestPractice, CatalogVersion
from participants.models import FollowUp, FollowUpStatus, ProposalStatus
from participants.proof import practice_proof_refresh
from participants.services import proposal_transition
from tests.factories import PracticeAdaptationFactory
from tests.participants.lifecycle_fixtures import put_in

pytestmark = pytest.mark.django_db


def proven(practice) -> int:
    return BestPractice.objects.get(pk=practice.pk).proven_adaptation_count


@pytest.fixture
def practice(circle):
    _users, proposal = circle
    return proposal.adaptations.get().practice


def reopen(proposal, users, comment="Dibuka kembali.") -> None:
    """An organizer sends the proposal back for revision (the superuser may from any status)."""
    proposal_transition(
        proposal=proposal,
        user=users["superuser"],
        to_status=ProposalStatus.REVISION_REQUESTED,
        comment=comment,
    )


def test_starting_the_implementation_proves_the_adapted_practice(circle, practice):
    users, proposal = circle
    put_in(proposal, ProposalStatus.APPROVED)
    assert proven(practice) == 0

    proposal_transition(proposal=proposal, user=users["owner"], to_status="implementing")

    assert proven(practice) == 1


def test_reopening_a_carried_out_proposal_unproves_it(circle, practice):
    users, proposal = circle
    practice_proof_refresh()
    assert proven(practice) == 1

    reopen(proposal, users, "Milestone belum sesuai rancangan.")

    assert proven(practice) == 0


def test_still_running_after_a_year_stays_proven_when_reopened(circle, practice):
    users, proposal = circle
    FollowUp.objects.create(
        proposal=proposal,
        checkpoint=12,
        status=FollowUpStatus.RUNNING,
        recorded_by=users["organizer"],
    )

    reopen(proposal, users)

    assert proven(practice) == 1


def test_each_carried_out_proposal_counts_and_drafts_do_not(circle, practice):
    _users, proposal = circle
    other = PracticeAdaptationFactory(practice=practice).proposal
    PracticeAdaptationFactory(practice=practice)  # a draft
    put_in(other, ProposalStatus.EVALUATED)

    assert practice_proof_refresh() == 1
    assert proven(practice) == 2
    assert practice_proof_refresh() == 0  # nothing changed, nothing written


def test_a_full_recount_repairs_a_wrong_count(circle, practice):
    BestPractice.objects.filter(pk=practice.pk).update(proven_adaptation_count=7)

    practice_proof_refresh()

    assert proven(practice) == 1


def test_an_adaptation_deleted_in_the_admin_is_no_longer_counted(client, circle, practice):
    users, proposal = circle
    practice_proof_refresh()
    adaptation = proposal.adaptations.get()
    client.force_login(users["superuser"])

    client.post(
        reverse("admin:participants_practiceadaptation_delete", args=[adaptation.pk]),
        {"post": "yes"},
    )

    assert not proposal.adaptations.exists()
    assert proven(practice) == 0


# ---------- Adaptations in approved proposals (``approved_adaptation_count``) ----------


def approved(practice) -> int:
    return BestPractice.objects.get(pk=practice.pk).approved_adaptation_count


def test_an_approval_counts_and_a_reopening_uncounts(circle, practice):
    users, proposal = circle
    put_in(proposal, ProposalStatus.SUBMITTED)
    practice_proof_refresh()
    assert approved(practice) == 0

    proposal_transition(proposal=proposal, user=users["coach"], to_status="approved")
    assert approved(practice) == 1

    reopen(proposal, users)
    assert approved(practice) == 0


def test_every_shared_status_counts_as_approved_and_drafts_do_not(circle, practice):
    _users, proposal = circle  # implementing
    evaluated = PracticeAdaptationFactory(practice=practice).proposal
    PracticeAdaptationFactory(practice=practice)  # a draft
    put_in(evaluated, ProposalStatus.EVALUATED)
    BestPractice.objects.filter(pk=practice.pk).update(approved_adaptation_count=9)

    practice_proof_refresh()

    assert approved(practice) == 2


def test_an_approval_leaves_the_catalog_token_but_a_proof_moves_it(circle, practice):
    users, proposal = circle
    put_in(proposal, ProposalStatus.SUBMITTED)
    practice_proof_refresh()
    token = CatalogVersion.objects.values_list("token", flat=True).first()

    proposal_transition(proposal=proposal, user=users["coach"], to_status="approved")
    # Approved, not carried out: the facets (and the facet index) are as they were.
    assert CatalogVersion.objects.values_list("token", flat=True).first() == token

    proposal_transition(proposal=proposal, user=users["owner"], to_status="implementing")
    assert CatalogVersion.objects.values_list("token", flat=True).first() != token


def test_an_adaptation_deleted_in_the_admin_leaves_the_approved_count(client, circle, practice):
    users, proposal = circle
    practice_proof_refresh()
    assert approved(practice) == 1
    client.force_login(users["superuser"])

    client.post(
        reverse(
            "admin:participants_practiceadaptation_delete", args=[proposal.adaptations.get().pk]
        ),
        {"post": "yes"},
    )

    assert approved(practice) == 0
