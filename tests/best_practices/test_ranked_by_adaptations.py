"""Practices ranked by the adaptations a viewer may read (``ranked_by_adaptations``): the kept
counts of the shared proposals, plus, for those who read unshared proposals too (their own,
assigned or organized), those few; the same ranking as counting every readable adaptation."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from benchmarking.proposal_rules import visible_q
from best_practices import querysets
from best_practices.models import BestPractice
from participants.models import FacilitatorRole, PracticeAdaptation, ProposalStatus
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
    province,
)

pytestmark = pytest.mark.django_db


def proposal(status=ProposalStatus.APPROVED, **kwargs):
    submitted = None if status == ProposalStatus.DRAFT else timezone.now()
    return ChangeProposalFactory(status=status, submitted_at=submitted, **kwargs)


def adapt(practice, times: int, **proposal_fields):
    for _ in range(times):
        PracticeAdaptationFactory(practice=practice, proposal=proposal(**proposal_fields))


@pytest.fixture
def world():
    """Practices with shared adaptations, and a coach, a participant and an organizer who
    each read a few unshared ones besides."""
    coach = FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory())
    author = ParticipantFactory(user=UserFactory())
    institution = InstitutionFactory()
    organizer = UserFactory(is_staff=True)
    institution.organizers.add(organizer)
    practices = {
        title: BestPracticeFactory(title=title, host_province=province(code))
        for title, code in [
            ("Alpha", "33"),
            ("Bravo", "33"),
            ("Charlie", "33"),
            ("Delta", "51"),
            ("Echo", "33"),
            ("Foxtrot", "33"),
        ]
    }
    adapt(practices["Alpha"], 3)
    adapt(practices["Bravo"], 2)
    adapt(practices["Charlie"], 2)
    adapt(practices["Delta"], 1)
    # Unshared: submitted to the coach (Echo four times: more than any shared count),
    # the author's drafts, and a draft of the organizer's institution.
    adapt(practices["Echo"], 4, status=ProposalStatus.SUBMITTED, coach=coach)
    adapt(practices["Charlie"], 1, status=ProposalStatus.SUBMITTED, coach=coach)
    adapt(practices["Foxtrot"], 1, status=ProposalStatus.DRAFT, participant=author)
    adapt(
        practices["Delta"],
        2,
        status=ProposalStatus.DRAFT,
        participant=ParticipantFactory(cohort__institution=institution),
    )
    return {
        "coach": coach.user,
        "author": author.user,
        "organizer": organizer,
        "reader": ParticipantFactory(user=UserFactory()).user,
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }


def ranked(user, limit=10, *, practices=None, adapted_only=False):
    practices = BestPractice.objects.all() if practices is None else practices
    rows = practices.ranked_by_adaptations(user, limit, adapted_only=adapted_only)
    return [(row.title, row.adaptation_count) for row in rows]


def counted_one_by_one(user, practices, *, adapted_only):
    """The ranking by the rule itself: every adaptation the user may read, counted."""
    readable = PracticeAdaptation.objects.filter(visible_q(user, prefix="proposal__"))
    rows = [(p.title, readable.filter(practice=p).count()) for p in practices]
    if adapted_only:
        rows = [row for row in rows if row[1]]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        (
            "coach",
            [("Echo", 4), ("Alpha", 3), ("Charlie", 3), ("Bravo", 2), ("Delta", 1)],
        ),
        (
            "author",
            [("Alpha", 3), ("Bravo", 2), ("Charlie", 2), ("Delta", 1), ("Foxtrot", 1)],
        ),
        (
            "organizer",
            [("Alpha", 3), ("Delta", 3), ("Bravo", 2), ("Charlie", 2)],
        ),
        ("reader", [("Alpha", 3), ("Bravo", 2), ("Charlie", 2), ("Delta", 1)]),
    ],
)
def test_each_viewer_counts_the_shared_adaptations_and_their_own_unshared_ones(
    world, viewer, expected
):
    assert ranked(world[viewer], adapted_only=True) == expected


@pytest.mark.parametrize("viewer", ["coach", "author", "organizer", "reader", "superuser"])
@pytest.mark.parametrize("adapted_only", [True, False])
@pytest.mark.parametrize("limit", [1, 2, 4, 10])
def test_the_ranking_is_the_one_counting_every_readable_adaptation(
    world, monkeypatch, viewer, adapted_only, limit
):
    user = world[viewer]
    everything = counted_one_by_one(user, BestPractice.objects.all(), adapted_only=adapted_only)

    assert ranked(user, limit, adapted_only=adapted_only) == everything[:limit]
    # Past the merge limit (a superuser, large institutions) the database counts them all.
    monkeypatch.setattr(querysets, "UNSHARED_MERGE_LIMIT", 0)
    assert ranked(user, limit, adapted_only=adapted_only) == everything[:limit]


def test_a_province_ranks_only_its_practices_with_the_viewers_unshared_ones(world):
    central_java = BestPractice.objects.filter(host_province=province("33"))

    assert ranked(world["coach"], 3, practices=central_java) == [
        ("Echo", 4),  # no shared adaptation: the unshared ones alone bring it up
        ("Alpha", 3),
        ("Charlie", 3),
    ]
    # Delta (Bali) is the organizer's most adapted, but not a practice of this province.
    assert ranked(world["organizer"], 10, practices=central_java) == [
        ("Alpha", 3),
        ("Bravo", 2),
        ("Charlie", 2),
        ("Echo", 0),
        ("Foxtrot", 0),
    ]


def test_anonymous_visitors_rank_by_title_with_no_count(world):
    assert ranked(AnonymousUser(), 3) == [("Alpha", 0), ("Bravo", 0), ("Charlie", 0)]
