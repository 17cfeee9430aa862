"""Organizers on the public site: a staff user who is not a superuser reads and moves the
unapproved proposals of their own institution's participants only; approved ones like every
logged-in user; a superuser everything. Looked at from the refused organizer's side too."""

from http import HTTPStatus

import pytest
from django.utils import timezone

from benchmarking.proposal_rules import visible_q as port_visible_q
from participants import permissions
from participants.models import (
    ChangeProposal,
    FacilitatorRole,
    PracticeAdaptation,
    ProposalStatus,
    ProposalStatusChange,
    Review,
    ReviewDecision,
)
from participants.selectors import readable_adaptations
from participants.services import TransitionRefused, proposal_transition, review_record
from tests.factories import (
    ChangeProposalFactory,
    FacilitatorFactory,
    InstitutionFactory,
    PracticeAdaptationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def organizer_of(*institutions, **flags):
    """A staff user (not a superuser) organizing ``institutions``."""
    user = UserFactory(is_staff=True, **flags)
    user.organized_institutions.add(*institutions)
    return user


def put_in(proposal, status):
    ChangeProposal.objects.filter(pk=proposal.pk).update(status=status, submitted_at=timezone.now())
    proposal.refresh_from_db()


@pytest.fixture
def draft():
    return ChangeProposalFactory(title="Rancangan rahasia Kenanga", status=ProposalStatus.DRAFT)


@pytest.fixture
def institution(draft):
    return draft.participant.cohort.institution


def test_organizer_reads_the_unapproved_proposals_of_their_institution(client, draft, institution):
    client.force_login(organizer_of(institution))

    response = client.get(draft.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert "Rancangan rahasia Kenanga" in response.text


def test_organizer_of_another_institution_gets_not_found(client, draft):
    client.force_login(organizer_of(InstitutionFactory()))

    response = client.get(draft.get_absolute_url())

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Rancangan rahasia Kenanga" not in response.text


def test_staff_who_organize_nothing_read_only_approved_proposals(draft):
    approved = ChangeProposalFactory()
    put_in(approved, ProposalStatus.APPROVED)
    staff = organizer_of()

    assert list(ChangeProposal.objects.filter(permissions.visible_q(staff))) == [approved]


def test_superuser_reads_every_proposal(draft):
    superuser = UserFactory(is_staff=True, is_superuser=True)

    assert list(ChangeProposal.objects.filter(permissions.visible_q(superuser))) == [draft]


def test_the_rule_gives_no_duplicate_rows_with_several_organizers(draft, institution):
    put_in(ChangeProposalFactory(participant=draft.participant), ProposalStatus.APPROVED)
    organizer = organizer_of(institution)
    organizer_of(institution)
    organizer_of(institution)

    readable = ChangeProposal.objects.filter(permissions.visible_q(organizer))

    assert readable.count() == 2


def test_counts_and_lists_of_the_apps_below_follow_the_rule(draft, institution):
    adaptation = PracticeAdaptationFactory(proposal=draft)
    other = organizer_of(InstitutionFactory())
    own = organizer_of(institution)

    def counted(user):
        return PracticeAdaptation.objects.filter(port_visible_q(user, prefix="proposal__")).count()

    assert (counted(own), counted(other)) == (1, 0)
    assert list(readable_adaptations(own)) == [adaptation]
    assert list(readable_adaptations(other)) == []


# --- status changes --------------------------------------------------------------------------


def test_organizer_moves_their_institutions_proposal(draft, institution):
    organizer = organizer_of(institution)

    saved = proposal_transition(proposal=draft, user=organizer, to_status=ProposalStatus.APPROVED)

    assert saved.status == ProposalStatus.APPROVED


@pytest.mark.parametrize(
    ("from_status", "to_status", "message"),
    [
        (
            ProposalStatus.SUBMITTED,
            ProposalStatus.DRAFT,
            "Hanya staf yang dapat mengembalikan rancangan menjadi draf.",
        ),
        (
            ProposalStatus.SUBMITTED,
            ProposalStatus.APPROVED,
            "Hanya coach, mentor, atau penguji yang ditugaskan pada rancangan ini yang dapat "
            "memutuskannya.",
        ),
        (
            ProposalStatus.DRAFT,
            ProposalStatus.SUBMITTED,
            "Hanya peserta yang menyusun rancangan ini yang dapat mengajukannya.",
        ),
    ],
)
def test_organizer_of_another_institution_cannot_move_it(draft, from_status, to_status, message):
    put_in(draft, from_status)

    with pytest.raises(TransitionRefused) as refused:
        proposal_transition(
            proposal=draft, user=organizer_of(InstitutionFactory()), to_status=to_status
        )

    assert refused.value.message == message
    draft.refresh_from_db()
    assert draft.status == from_status
    assert not ProposalStatusChange.objects.exists()


def test_reopening_an_approved_proposal_needs_a_comment(draft, institution):
    put_in(draft, ProposalStatus.APPROVED)

    with pytest.raises(TransitionRefused) as refused:
        proposal_transition(
            proposal=draft,
            user=organizer_of(institution),
            to_status=ProposalStatus.REVISION_REQUESTED,
            comment="  ",
        )

    assert refused.value.message == (
        "Sebutkan alasan rancangan yang sudah disetujui dibuka kembali: komentar wajib diisi."
    )
    draft.refresh_from_db()
    assert draft.status == ProposalStatus.APPROVED
    assert not ProposalStatusChange.objects.exists()


def test_a_staff_facilitator_of_another_institution_cannot_review(draft):
    put_in(draft, ProposalStatus.SUBMITTED)
    user = organizer_of(InstitutionFactory())
    FacilitatorFactory(user=user, role=FacilitatorRole.COACH)

    with pytest.raises(TransitionRefused):
        review_record(proposal=draft, user=user, decision=ReviewDecision.APPROVE, comments="Bagus.")

    draft.refresh_from_db()
    assert draft.status == ProposalStatus.SUBMITTED
    assert not Review.objects.exists()
