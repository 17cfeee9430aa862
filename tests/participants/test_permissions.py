"""The proposal rules: one list of facilitator fields decides who is assigned, and so who
sees, reviews, is in the queue and gets the e-mail; the refused side of each rule too."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.utils import timezone

from benchmarking import proposal_rules
from best_practices.models import BestPractice
from participants import permissions
from participants.models import SHARED_STATUSES, ChangeProposal, FacilitatorRole, ProposalStatus
from participants.notifications import facilitator_emails
from participants.selectors import proposals_assigned_to, visible_proposal_count
from tests.factories import (
    ChangeProposalFactory,
    FacilitatorFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLE_OF_FIELD = {
    "coach": FacilitatorRole.COACH,
    "mentor": FacilitatorRole.MENTOR,
    "examiner": FacilitatorRole.EXAMINER,
}


def test_the_facilitator_fields_are_the_coach_mentor_and_examiner():
    assert permissions.FACILITATOR_FIELDS == ("coach", "mentor", "examiner")
    for field in permissions.FACILITATOR_FIELDS:
        assert ChangeProposal._meta.get_field(field).related_model.__name__ == "Facilitator"


def what_the_rules_give(user, proposal) -> dict:
    readable = ChangeProposal.objects.filter(permissions.visible_q(user))
    return {
        "assigned": permissions.is_assigned_facilitator(user, proposal),
        "may review": permissions.can_review(user, proposal),
        "may edit": permissions.can_edit(user, proposal),
        "may read": readable.filter(pk=proposal.pk).exists(),
        "in the queue": proposals_assigned_to(user).filter(pk=proposal.pk).exists(),
    }


@pytest.mark.parametrize("field", ["coach", "mentor", "examiner"])
def test_each_assigned_facilitator_reads_reviews_and_queues_a_draft(field):
    facilitator = FacilitatorFactory(
        role=ROLE_OF_FIELD[field], user=UserFactory(), email=f"{field}@example.go.id"
    )
    proposal = ChangeProposalFactory(status=ProposalStatus.DRAFT, **{field: facilitator})

    assert what_the_rules_give(facilitator.user, proposal) == {
        "assigned": True,
        "may review": True,
        "may edit": False,
        "may read": True,
        "in the queue": True,
    }
    assert facilitator_emails(proposal) == [f"{field}@example.go.id"]


@pytest.mark.parametrize("field", ["coach", "mentor", "examiner"])
def test_a_facilitator_not_assigned_gets_nothing(field):
    assigned = FacilitatorFactory(role=ROLE_OF_FIELD[field], email="assigned@example.go.id")
    other = FacilitatorFactory(role=ROLE_OF_FIELD[field], user=UserFactory())
    proposal = ChangeProposalFactory(status=ProposalStatus.DRAFT, **{field: assigned})

    assert what_the_rules_give(other.user, proposal) == {
        "assigned": False,
        "may review": False,
        "may edit": False,
        "may read": False,
        "in the queue": False,
    }
    assert facilitator_emails(proposal) == ["assigned@example.go.id"]


def test_the_assigned_facilitators_come_in_field_order_without_gaps():
    coach = FacilitatorFactory(role=FacilitatorRole.COACH)
    examiner = FacilitatorFactory(role=FacilitatorRole.EXAMINER)
    proposal = ChangeProposalFactory(coach=coach, examiner=examiner)

    assert permissions.assigned_facilitators(proposal) == [coach, examiner]


def test_staff_read_every_proposal_and_anonymous_users_none():
    proposal = ChangeProposalFactory(status=ProposalStatus.DRAFT)

    staff = ChangeProposal.objects.filter(
        permissions.visible_q(UserFactory(is_staff=True, is_superuser=True))
    )
    anonymous = ChangeProposal.objects.filter(permissions.visible_q(AnonymousUser()))

    assert list(staff) == [proposal]
    assert list(anonymous) == []


def proposal(*, title: str, status: str, **people) -> ChangeProposal:
    submitted = {} if status == ProposalStatus.DRAFT else {"submitted_at": timezone.now()}
    return ChangeProposalFactory(title=title, status=status, **submitted, **people)


def readable_titles(user) -> set[str]:
    return set(
        ChangeProposal.objects.filter(permissions.visible_q(user)).values_list("title", flat=True)
    )


def test_a_reader_of_shared_proposals_only_gets_the_status_rule_and_the_same_proposals():
    """Once the request knows the class (``reads_shared_only``), the rule skips the joins to
    the people; what it reads is what the whole rule reads."""
    participant = ParticipantFactory(user=UserFactory())
    coach = FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory())
    proposal(title="Milik sendiri", participant=participant, status=ProposalStatus.APPROVED)
    proposal(title="Didampingi", coach=coach, status=ProposalStatus.EVALUATED)
    proposal(title="Orang lain disetujui", status=ProposalStatus.IMPLEMENTING)
    proposal(title="Draf orang lain", status=ProposalStatus.DRAFT)
    proposal(title="Diajukan orang lain", status=ProposalStatus.SUBMITTED)

    for user in (participant.user, coach.user):
        whole_rule = readable_titles(User.objects.get(pk=user.pk))
        user = User.objects.get(pk=user.pk)
        assert proposal_rules.reads_shared_only(user)

        assert permissions.visible_q(user) == Q(status__in=SHARED_STATUSES)
        assert readable_titles(user) == whole_rule
    assert whole_rule == {"Milik sendiri", "Didampingi", "Orang lain disetujui"}


@pytest.mark.parametrize("field", ["participant", "coach"])
def test_a_reader_with_an_unshared_proposal_keeps_the_whole_rule(field):
    person = (
        ParticipantFactory(user=UserFactory())
        if field == "participant"
        else FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory())
    )
    proposal(title="Draf sendiri", status=ProposalStatus.SUBMITTED, **{field: person})
    proposal(title="Draf orang lain", status=ProposalStatus.DRAFT)
    proposal(title="Orang lain disetujui", status=ProposalStatus.APPROVED)
    user = User.objects.get(pk=person.user.pk)

    assert not proposal_rules.reads_shared_only(user)
    assert readable_titles(user) == {"Draf sendiri", "Orang lain disetujui"}


@pytest.mark.parametrize("field", ["participant", "coach", "mentor", "examiner"])
def test_the_whole_rule_reads_the_proposals_own_keys_with_no_join_to_the_people(field):
    """The rule names the keys of the profiles read with the user (``own_and_assigned``), not
    the people's users: a page that shows the people joins them for display alone, and
    PostgreSQL plans its query in a fraction of the time. Through a lookup path too."""
    person = (
        ParticipantFactory(user=UserFactory())
        if field == "participant"
        else FacilitatorFactory(role=ROLE_OF_FIELD[field], user=UserFactory())
    )
    own = proposal(title="Draf sendiri", status=ProposalStatus.SUBMITTED, **{field: person})
    other = proposal(title="Draf orang lain", status=ProposalStatus.DRAFT)
    own_practice = PracticeAdaptationFactory(proposal=own).practice
    PracticeAdaptationFactory(proposal=other)
    user = User.objects.get(pk=person.user.pk)

    readable = ChangeProposal.objects.filter(permissions.visible_q(user))
    adapted = BestPractice.objects.filter(
        permissions.visible_q(user, prefix="adaptations__proposal__")
    )

    assert " JOIN " not in str(readable.query)
    assert list(readable.values_list("title", flat=True)) == ["Draf sendiri"]
    assert list(adapted.distinct()) == [own_practice]


#: What each user of the circle may read, besides the proposal of the circle (implementing, so
#: shared) and an approved one elsewhere: the owner's draft, a proposal submitted in the
#: organizer's institution and assigned to the coach, and one submitted elsewhere.
READABLE_IN_ALL = {
    "anonymous": 0,
    "owner": 3,
    "coach": 3,
    "mentor": 2,
    "examiner": 2,
    "organizer": 4,
    "other_organizer": 2,
    "other_participant": 2,
    "unassigned_facilitator": 2,
    "superuser": 5,
}


@pytest.mark.parametrize("who", READABLE_IN_ALL)
def test_the_count_of_the_proposals_one_may_read_is_the_rules(circle, who):
    """Home's count (``selectors.visible_proposal_count``, two counts over indexes) and the
    rule (``visible_q``) agree for every role, the refused ones included."""
    users, proposal = circle
    ChangeProposalFactory(participant=proposal.participant, status=ProposalStatus.DRAFT)
    ChangeProposalFactory(
        participant=ParticipantFactory(cohort=proposal.participant.cohort),
        coach=proposal.coach,
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    ChangeProposalFactory(status=ProposalStatus.SUBMITTED, submitted_at=timezone.now())
    ChangeProposalFactory(status=ProposalStatus.APPROVED, submitted_at=timezone.now())
    user = AnonymousUser() if who == "anonymous" else User.objects.get(pk=users[who].pk)

    count = visible_proposal_count(user)

    assert count == ChangeProposal.objects.filter(permissions.visible_q(user)).count()
    assert count == READABLE_IN_ALL[who]


def test_the_count_of_one_who_reads_shared_proposals_only_is_the_shared_count(circle):
    users, _proposal = circle
    ChangeProposalFactory(status=ProposalStatus.SUBMITTED, submitted_at=timezone.now())
    reader = User.objects.get(pk=users["other_participant"].pk)
    proposal_rules.remember_viewer_class(reader, "participant")  # as the page cache tells it

    assert visible_proposal_count(reader) == 1
