import pytest

from tests.factories import (
    ChangeProposalFactory,
    MilestoneFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    ReviewFactory,
    VisitGroupFactory,
    VisitHostAgencyFactory,
    VisitOfficialFactory,
)

pytestmark = pytest.mark.django_db


def test_every_factory_builds_a_row():
    for factory in (
        VisitHostAgencyFactory,
        VisitOfficialFactory,
        VisitGroupFactory,
        PracticeObservationFactory,
        PracticeAdaptationFactory,
        MilestoneFactory,
        ReviewFactory,
        ChangeProposalFactory,
    ):
        assert factory().pk
