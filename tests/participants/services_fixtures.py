"""The people around a proposal and the statuses, shared by the tests of the workflow services."""

import itertools

import pytest

from participants.models import (
    ChangeProposal,
    FacilitatorRole,
    ProposalStatus,
)
from tests.factories import (
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
    proposal_ready_to_submit,
)

DRAFT = ProposalStatus.DRAFT
SUBMITTED = ProposalStatus.SUBMITTED
REVISION = ProposalStatus.REVISION_REQUESTED
APPROVED = ProposalStatus.APPROVED
STATUSES = [DRAFT, SUBMITTED, REVISION, APPROVED]
#: Who may make which (from, to) status change; everything else is refused.
ALLOWED = {
    "owner": {(DRAFT, SUBMITTED), (REVISION, SUBMITTED)},
    "coach": {(SUBMITTED, APPROVED), (SUBMITTED, REVISION)},
    "mentor": {(SUBMITTED, APPROVED), (SUBMITTED, REVISION)},
    "examiner": {(SUBMITTED, APPROVED), (SUBMITTED, REVISION)},
    "other_participant": set(),
    "unassigned_facilitator": set(),
    "staff": {(a, b) for a, b in itertools.product(STATUSES, STATUSES) if a != b},
}


@pytest.fixture
def people():
    """A proposal ready to submit, with its owner, coach, mentor and examiner, and outsiders."""
    users = {name: UserFactory(username=name) for name in ALLOWED}
    users["staff"].is_staff = True
    users["staff"].save()
    facilitators = {
        role: FacilitatorFactory(role=role, user=users[role], email=f"{role}@fasilitator.id")
        for role in (FacilitatorRole.COACH, FacilitatorRole.MENTOR, FacilitatorRole.EXAMINER)
    }
    FacilitatorFactory(user=users["unassigned_facilitator"])
    ParticipantFactory(user=users["other_participant"])
    proposal = proposal_ready_to_submit(
        participant=ParticipantFactory(user=users["owner"]),
        coach=facilitators["coach"],
        mentor=facilitators["mentor"],
        examiner=facilitators["examiner"],
    )
    proposal.participant.cohort.institution.organizers.add(users["staff"])
    return users, proposal


def _put_in(proposal, status):
    ChangeProposal.objects.filter(pk=proposal.pk).update(
        status=status, submitted_at=None if status == DRAFT else "2018-09-01T09:00:00+07:00"
    )
    proposal.refresh_from_db()
