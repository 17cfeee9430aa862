"""Data for the tests of the national statistics: proposals from one province adapting the
practices of others, in a given status and cohort year."""

from django.utils import timezone

from participants.models import ProposalStatus
from tests.factories import (
    ChangeProposalFactory,
    CohortFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    province,
)


def proposal_from(
    home: str, practices, *, status=ProposalStatus.APPROVED, year=2018, title=None, **person
):
    """A proposal by a participant (``person``'s fields) of an institution in province ``home``
    (its code), of a cohort of ``year``, adapting ``practices``."""
    cohort = CohortFactory(institution=InstitutionFactory(province=province(home)), year=year)
    submitted = None if status == ProposalStatus.DRAFT else timezone.now()
    proposal = ChangeProposalFactory(
        participant=ParticipantFactory(cohort=cohort, **person),
        status=status,
        submitted_at=submitted,
        **({"title": title} if title else {}),
    )
    for practice in practices:
        PracticeAdaptationFactory(proposal=proposal, practice=practice)
    return proposal
