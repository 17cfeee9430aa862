"""The workflow services: every status change allowed or refused, and reviews."""

import itertools

import pytest
from django.core import mail

from participants.models import (
    ProposalStatusChange,
    Review,
    ReviewDecision,
)
from participants.services import (
    ProposalIncomplete,
    TransitionRefused,
    proposal_transition,
    review_record,
)
from tests.factories import (
    ChangeProposalFactory,
)
from tests.participants.services_fixtures import (
    ALLOWED,
    APPROVED,
    DRAFT,
    REVISION,
    STATUSES,
    SUBMITTED,
    _put_in,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("actor", "from_status", "to_status"),
    [
        (actor, a, b)
        for actor in ALLOWED
        for a, b in itertools.product(STATUSES, STATUSES)
        if a != b
    ],
)
def test_every_transition_is_allowed_or_refused_by_role(people, actor, from_status, to_status):
    users, proposal = people
    _put_in(proposal, from_status)
    version = proposal.version
    if (from_status, to_status) in ALLOWED[actor]:
        saved = proposal_transition(
            proposal=proposal, user=users[actor], to_status=to_status, comment="Catatan."
        )
        assert saved.status == to_status
        assert saved.version == version + 1
        if to_status != DRAFT:
            assert saved.submitted_at is not None
        change = ProposalStatusChange.objects.get(proposal=proposal)
        assert (change.from_status, change.to_status, change.changed_by) == (
            from_status,
            to_status,
            users[actor],
        )
        assert change.comment == "Catatan."
        assert proposal.history.latest().history_user == users[actor]
    else:
        with pytest.raises(TransitionRefused):
            proposal_transition(proposal=proposal, user=users[actor], to_status=to_status)
        proposal.refresh_from_db()
        assert proposal.status == from_status
        assert proposal.version == version
        assert not ProposalStatusChange.objects.exists()


@pytest.mark.parametrize(
    ("actor", "from_status", "to_status", "message"),
    [
        (
            "coach",
            DRAFT,
            SUBMITTED,
            "Hanya peserta yang menyusun rancangan ini yang dapat mengajukannya.",
        ),
        (
            "owner",
            APPROVED,
            SUBMITTED,
            "Rancangan yang berstatus “Disetujui” tidak dapat diajukan.",
        ),
        (
            "owner",
            SUBMITTED,
            APPROVED,
            "Hanya coach, mentor, atau penguji yang ditugaskan pada rancangan ini yang dapat "
            "memutuskannya.",
        ),
        (
            "coach",
            REVISION,
            APPROVED,
            "Hanya rancangan yang sudah diajukan yang dapat disetujui atau dikembalikan untuk "
            "direvisi; rancangan ini berstatus “Perlu revisi”.",
        ),
        ("coach", SUBMITTED, DRAFT, "Hanya staf yang dapat mengembalikan rancangan menjadi draf."),
        ("owner", SUBMITTED, SUBMITTED, "Rancangan ini sudah berstatus “Diajukan”."),
        ("staff", DRAFT, "archived", "“archived” bukan status rancangan proyek perubahan."),
    ],
)
def test_a_refused_transition_says_why_in_indonesian(
    people, actor, from_status, to_status, message
):
    users, proposal = people
    _put_in(proposal, from_status)
    with pytest.raises(TransitionRefused) as refused:
        proposal_transition(proposal=proposal, user=users[actor], to_status=to_status)
    assert refused.value.message == message


def test_submitting_an_incomplete_proposal_lists_what_is_missing_and_writes_nothing(people):
    users, proposal = people
    proposal.milestones.filter(term="long").delete()
    proposal.adaptations.update(kept="  ", changed="")
    with pytest.raises(ProposalIncomplete) as incomplete:
        proposal_transition(proposal=proposal, user=users["owner"], to_status=SUBMITTED)
    practice = proposal.adaptations.get().practice.title
    assert [p.message for p in incomplete.value.problems] == [
        f"Jelaskan apa yang dipertahankan dari “{practice}”.",
        f"Jelaskan apa yang diubah saat mengadaptasi “{practice}”.",
        "Tambahkan minimal satu milestone jangka panjang.",
    ]
    proposal.refresh_from_db()
    assert proposal.status == DRAFT
    assert not ProposalStatusChange.objects.exists()


def test_a_proposal_without_practices_or_milestones_cannot_be_submitted(people):
    users, _proposal = people
    bare = ChangeProposalFactory(participant=users["owner"].participant)
    with pytest.raises(ProposalIncomplete) as incomplete:
        proposal_transition(proposal=bare, user=users["owner"], to_status=SUBMITTED)
    assert [p.message for p in incomplete.value.problems] == [
        "Tambahkan minimal satu praktik baik yang diadaptasi.",
        "Tambahkan minimal satu milestone jangka pendek.",
        "Tambahkan minimal satu milestone jangka menengah.",
        "Tambahkan minimal satu milestone jangka panjang.",
    ]


def test_adopting_as_is_needs_no_note_on_what_changes(people):
    users, proposal = people
    proposal.adaptations.update(mode="adopt", changed="")
    saved = proposal_transition(proposal=proposal, user=users["owner"], to_status=SUBMITTED)
    assert saved.status == SUBMITTED


def test_a_comment_is_kept_without_changing_the_status(people):
    users, proposal = people
    review = review_record(
        proposal=proposal, user=users["mentor"], decision=ReviewDecision.COMMENT, comments="Bagus."
    )
    assert (review.reviewer, review.decision, review.comments) == (
        proposal.mentor,
        "comment",
        "Bagus.",
    )
    proposal.refresh_from_db()
    assert proposal.status == DRAFT


@pytest.mark.parametrize(
    ("decision", "status"),
    [(ReviewDecision.APPROVE, APPROVED), (ReviewDecision.REQUEST_REVISION, REVISION)],
)
def test_a_decision_is_kept_and_changes_the_status(people, decision, status):
    users, proposal = people
    _put_in(proposal, SUBMITTED)
    review_record(proposal=proposal, user=users["examiner"], decision=decision, comments="Ok.")
    proposal.refresh_from_db()
    assert proposal.status == status
    assert Review.objects.get().reviewer == proposal.examiner
    assert ProposalStatusChange.objects.get().comment == "Ok."


@pytest.mark.parametrize("actor", ["unassigned_facilitator", "owner", "other_participant"])
def test_only_an_assigned_facilitator_reviews(people, actor):
    users, proposal = people
    _put_in(proposal, SUBMITTED)
    with pytest.raises(TransitionRefused):
        review_record(proposal=proposal, user=users[actor], decision=ReviewDecision.APPROVE)
    with pytest.raises(TransitionRefused):
        review_record(
            proposal=proposal, user=users[actor], decision=ReviewDecision.COMMENT, comments="x"
        )
    assert not Review.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == SUBMITTED


def test_a_refused_decision_keeps_no_review(people):
    users, proposal = people
    with pytest.raises(TransitionRefused):
        review_record(proposal=proposal, user=users["coach"], decision=ReviewDecision.APPROVE)
    assert not Review.objects.exists()
    assert mail.outbox == []
