"""The proposal rules: one list of facilitator fields decides who is assigned, and so who
sees, reviews, is in the queue and gets the e-mail; the refused side of each rule too."""

import pytest
from django.contrib.auth.models import AnonymousUser

from participants import permissions
from participants.models import ChangeProposal, FacilitatorRole, ProposalStatus
from participants.notifications import facilitator_emails
from participants.selectors import proposals_assigned_to
from tests.factories import ChangeProposalFactory, FacilitatorFactory, UserFactory

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
