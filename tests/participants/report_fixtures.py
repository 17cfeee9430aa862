"""A proposal being implemented, with its examiner, shared by the tests of the final report."""

import pytest
from django.utils import timezone

from participants.models import (
    FacilitatorRole,
    FinalReport,
    ProposalStatus,
)
from tests.factories import (
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
    proposal_ready_to_submit,
)

SECTIONS = {
    "results": "Kanal aduan terpadu berjalan di tiga OPD.",
    "organisation_benefits": "Aduan tercatat dan dilacak.",
    "public_benefits": "Warga mendapat jawaban dalam lima hari.",
    "lessons_learned": "Dukungan pimpinan menentukan.",
    "sustainability_plan": "SK Kepala Dinas dan anggaran tahunan.",
}


def _person(role, username):
    return FacilitatorFactory(
        user=UserFactory(username=username), role=role, full_name=f"Bapak {username}"
    )


@pytest.fixture
def proposal():
    """A proposal being implemented, with its participant, coach, mentor and examiner."""
    proposal = proposal_ready_to_submit(
        participant=ParticipantFactory(user=UserFactory(username="peserta")),
        title="Kanal aduan terpadu",
        coach=_person(FacilitatorRole.COACH, "coach"),
        mentor=_person(FacilitatorRole.MENTOR, "mentor"),
        examiner=_person(FacilitatorRole.EXAMINER, "penguji"),
        status=ProposalStatus.IMPLEMENTING,
        submitted_at=timezone.now(),
    )
    return proposal


def _submitted_report(proposal):
    FinalReport.objects.create(proposal=proposal, submitted_at=timezone.now(), **SECTIONS)
    proposal.status = ProposalStatus.REPORT_SUBMITTED
    proposal.save()
    return proposal
