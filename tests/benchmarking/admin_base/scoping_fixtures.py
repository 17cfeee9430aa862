"""Two institutions with a row of every scoped model, for the tests of the admin's scoping.

The rows are marked "Kenanga" (the organizer's) and "Cempaka" (another institution's). The tests
look from the side of the refused organizer: Cempaka's rows are absent from every page, out of
reach of every form, and unchanged.
"""

import pytest

from benchmarking.models import (
    Cohort,
    Institution,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from participants.models import (
    ChangeProposal,
    Facilitator,
    Milestone,
    Participant,
    PracticeAdaptation,
    ProposalStatusChange,
    Review,
)
from tests.admin_helpers import (
    organizer_login,
    status_change_create,
)
from tests.factories import (
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    ReviewFactory,
    VisitFactory,
    VisitGroupFactory,
    VisitHostAgencyFactory,
    VisitOfficialFactory,
)

OWN, OTHER = "Kenanga", "Cempaka"


def institution_rows(marker: str) -> dict:
    """An institution with a row of every scoped model, each named with ``marker``."""
    institution = InstitutionFactory(name=f"BPSDM {marker}", short_name=f"BPSDM {marker}")
    cohort = CohortFactory(institution=institution, name=f"Angkatan {marker}")
    visit = VisitFactory(cohort=cohort, title=f"Kunjungan {marker} ke Jawa Tengah")
    group = VisitGroupFactory(visit=visit, name=f"Kelompok {marker}")
    coach = FacilitatorFactory(institution=institution, full_name=f"Coach {marker}")
    participant = ParticipantFactory(
        cohort=cohort, visit_group=group, full_name=f"Peserta {marker}"
    )
    proposal = ChangeProposalFactory(
        participant=participant, title=f"Rancangan {marker}", coach=coach
    )
    return {
        Institution: institution,
        Cohort: cohort,
        Visit: visit,
        VisitHostAgency: VisitHostAgencyFactory(visit=visit),
        VisitOfficial: VisitOfficialFactory(visit=visit, name=f"Pejabat {marker}"),
        VisitGroup: group,
        Participant: participant,
        Facilitator: coach,
        ChangeProposal: proposal,
        PracticeAdaptation: PracticeAdaptationFactory(proposal=proposal),
        Milestone: MilestoneFactory(proposal=proposal, description=f"Tahap {marker}"),
        Review: ReviewFactory(proposal=proposal, reviewer=coach),
        ProposalStatusChange: status_change_create(proposal=proposal),
    }


@pytest.fixture
def own():
    return institution_rows(OWN)


@pytest.fixture
def other():
    return institution_rows(OTHER)


@pytest.fixture
def organizer(client, own, other):
    """The client logged in as the organizer of the "Kenanga" institution."""
    return organizer_login(client, own[Institution])
