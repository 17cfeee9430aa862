"""The review queue's filter set: it takes the user, offers only their assigned proposals'
cohorts, and turns a bad value into a message in the user's language."""

import pytest

from participants.filters import ReviewQueueFilter
from participants.models import ChangeProposal, FacilitatorRole, ProposalStatus
from tests.factories import (
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory())


def proposal_in(cohort, **kwargs):
    return ChangeProposalFactory(participant=ParticipantFactory(cohort=cohort), **kwargs)


def test_the_cohort_choices_are_those_of_my_assigned_proposals(coach):
    mine = CohortFactory(name="Angkatan I")
    proposal_in(mine, coach=coach)
    proposal_in(mine, coach=coach)
    proposal_in(CohortFactory(name="Angkatan II"), coach=FacilitatorFactory())

    filterset = ReviewQueueFilter(None, queryset=ChangeProposal.objects.all(), user=coach.user)

    assert list(filterset.form.fields["cohort"].queryset) == [mine]


def test_a_user_with_no_facilitator_profile_gets_no_cohort_choice():
    proposal_in(CohortFactory())

    filterset = ReviewQueueFilter(None, queryset=ChangeProposal.objects.all(), user=UserFactory())

    assert list(filterset.form.fields["cohort"].queryset) == []


def test_filters_by_status_and_cohort(coach):
    cohort = CohortFactory()
    wanted = proposal_in(cohort, coach=coach, status=ProposalStatus.DRAFT)
    proposal_in(CohortFactory(), coach=coach, status=ProposalStatus.DRAFT)

    filterset = ReviewQueueFilter(
        {"status": "draft", "cohort": str(cohort.pk)},
        queryset=ChangeProposal.objects.all(),
        user=coach.user,
    )

    assert list(filterset.qs) == [wanted]


def test_another_facilitators_cohort_is_refused_with_a_message(coach):
    foreign = proposal_in(CohortFactory(), coach=FacilitatorFactory()).participant.cohort

    filterset = ReviewQueueFilter(
        {"cohort": str(foreign.pk)}, queryset=ChangeProposal.objects.all(), user=coach.user
    )

    assert not filterset.is_valid()
    assert filterset.errors["cohort"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
