"""People around a proposal after approval, shared by the tests of the project's later life."""

import datetime

import pytest

from participants.models import ChangeProposal, FacilitatorRole, ProposalStatus
from tests.factories import (
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ParticipantFactory,
    UserFactory,
    proposal_ready_to_submit,
)

#: Who is who around the proposal; the outsiders must be refused.
ROLES = (
    "owner",
    "coach",
    "mentor",
    "examiner",
    "organizer",
    "other_organizer",
    "other_participant",
    "unassigned_facilitator",
    "superuser",
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode"


def put_in(proposal: ChangeProposal, status: str) -> ChangeProposal:
    ChangeProposal.objects.filter(pk=proposal.pk).update(
        status=status, submitted_at=datetime.datetime(2018, 9, 1, tzinfo=datetime.UTC)
    )
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def circle(settings, tmp_path):
    """A proposal with its owner, coach, mentor, examiner and organizer, and outsiders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    users = {name: UserFactory(username=name) for name in ROLES}
    for name in ("organizer", "other_organizer", "superuser"):
        users[name].is_staff = True
    users["superuser"].is_superuser = True
    for user in users.values():
        user.save()
    institution = InstitutionFactory()
    institution.organizers.add(users["organizer"])
    InstitutionFactory().organizers.add(users["other_organizer"])
    facilitators = {
        role: FacilitatorFactory(role=role, user=users[role], full_name=f"Ibu {role}")
        for role in (FacilitatorRole.COACH, FacilitatorRole.MENTOR, FacilitatorRole.EXAMINER)
    }
    FacilitatorFactory(user=users["unassigned_facilitator"])
    ParticipantFactory(user=users["other_participant"])
    cohort = CohortFactory(institution=institution, end_date=datetime.date(2018, 11, 30))
    proposal = proposal_ready_to_submit(
        participant=ParticipantFactory(user=users["owner"], cohort=cohort),
        coach=facilitators["coach"],
        mentor=facilitators["mentor"],
        examiner=facilitators["examiner"],
    )
    put_in(proposal, ProposalStatus.IMPLEMENTING)
    return users, proposal
