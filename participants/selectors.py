"""The reads of the proposal workflow: the participant's and the facilitator's screens, the
practice picker, the proposals behind other apps' pages, and the originality check."""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.postgres.search import TrigramDistance, TrigramSimilarity
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise

from benchmarking.proposal_rules import known_shared_only
from best_practices import search
from best_practices.models import BestPractice
from best_practices.sort_orders import ORDERINGS, SortOrder
from participants import permissions, privacy, similar_cache
from participants.filters import ReviewQueueFilter
from participants.models import (
    COMPARED_TEXT_LENGTH,
    ChangeProposal,
    Facilitator,
    Milestone,
    MilestoneTerm,
    PracticeAdaptation,
    ProposalStatus,
    Review,
)

# --- the participant's screens ----------------------------------------------------------------


def proposals_of(user) -> QuerySet:
    """The proposals ``user`` wrote (none for anyone without a participant profile)."""
    participant = permissions.participant_of(user)
    if participant is None:
        return ChangeProposal.objects.none()
    return ChangeProposal.objects.filter(participant=participant)


def my_proposals(user) -> QuerySet:
    """ "My proposals": the participant's proposals with their counts, latest change first."""
    return (
        proposals_of(user)
        .annotate(
            adaptation_count=Count("adaptations", distinct=True),
            milestone_count=Count("milestones", distinct=True),
            is_editable=Case(
                When(status__in=permissions.EDITABLE_STATUSES, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-updated_at", "-pk")
    )


def editable_proposals_of(user) -> QuerySet:
    """The participant's proposals that they may still change (draft or revision)."""
    return proposals_of(user).filter(status__in=permissions.EDITABLE_STATUSES).only("pk", "title")


PRACTICE_RESULTS_LIMIT = 15


def practice_search(query: str) -> QuerySet:
    """The proposal form's picker: the site's practice search (``BestPracticeQuerySet.search``,
    the same stemming), most relevant first, at most ``PRACTICE_RESULTS_LIMIT``."""
    query = search.clean_query(query)
    if len(query) < 2:
        return BestPractice.objects.none()
    return (
        BestPractice.objects.search(query)
        .select_related("host_province")
        .order_by(*ORDERINGS[SortOrder.RELEVANCE].fields)[:PRACTICE_RESULTS_LIMIT]
    )


# --- the proposal and review pages ------------------------------------------------------------


def _with_details(proposals: QuerySet) -> QuerySet:
    """What a proposal's page shows: participant with cohort and institution, the adapted
    practices with their hosts (not their search vectors), and the milestones (undated ones
    last). The facilitators come after, from ``_with_facilitators``."""
    adaptations = (
        PracticeAdaptation.objects.select_related(
            "practice__host_province", "practice__host_agency"
        )
        .defer("practice__search_vector")
        .order_by("pk")
    )
    milestones = Milestone.objects.order_by(F("target_date").asc(nulls_last=True), "pk")
    return proposals.select_related("participant__cohort__institution__province").prefetch_related(
        Prefetch("adaptations", queryset=adaptations),
        Prefetch("milestones", queryset=milestones),
    )


def _with_facilitators(proposal: ChangeProposal) -> ChangeProposal:
    """``proposal`` with its coach, mentor and examiner read in one query by primary key.

    Joined to the proposal's own query instead, the three facilitators made it eight tables,
    which PostgreSQL took about 2 ms to plan and a tenth of that to run (on the bench data
    set); a read by primary key plans in hundredths of a millisecond.
    """
    ids = {getattr(proposal, f"{field}_id") for field in permissions.FACILITATOR_FIELDS}
    ids.discard(None)
    found = Facilitator.objects.in_bulk(ids) if ids else {}
    for field in permissions.FACILITATOR_FIELDS:
        # The same key again, with the object beside it: no further query reads it.
        setattr(proposal, field, found.get(getattr(proposal, f"{field}_id")))
    return proposal


def proposal_detail(*, pk: int, user) -> ChangeProposal:
    """The proposal page: proposal ``pk`` if ``user`` may read it, else 404 (exactly like one
    that does not exist)."""
    readable = ChangeProposal.objects.filter(permissions.visible_q(user)).annotate(
        viewer_organizes=privacy.viewer_organizes(user)
    )
    return _with_facilitators(get_object_or_404(_with_details(readable), pk=pk))


def readable_adaptations(user) -> QuerySet:
    """The practice adaptations whose proposal ``user`` may read (``permissions.visible_q``).

    Written as a union of one cheap set of proposal ids per way of seeing a proposal
    (approved: a partial index; one's own or assigned: the foreign keys) rather than one OR
    over the proposal joined to its participant and facilitators, which would read every
    proposal: the practice lists count adaptations over the whole catalogue with it.
    """
    if user is None or not user.is_authenticated:
        return PracticeAdaptation.objects.none()
    if user.is_superuser:
        return PracticeAdaptation.objects.all()
    readable = [
        ChangeProposal.objects.filter(part).order_by().values("pk")
        for part in permissions.visible_parts(user)
    ]
    return PracticeAdaptation.objects.filter(
        proposal__in=readable[0].union(*readable[1:], all=True)
    )


def unshared_readable_adaptations(user) -> QuerySet | None:
    """The practice adaptations in the unshared proposals ``user`` may read: their own, those
    assigned to them and, for staff, those of the institutions they organize (every unshared
    one for a superuser). With the shared ones, whose counts are kept on each practice
    (``BestPractice.approved_adaptation_count``), that is what they read, so their counts are
    the kept ones plus these few. ``None`` for a user who reads the shared proposals only
    (or none): the kept counts are theirs."""
    if user is None or not user.is_authenticated:
        return None
    unshared = ChangeProposal.objects.exclude(permissions.shared_q())
    if not user.is_superuser:
        parts = _unshared_parts(user)
        if not parts:
            return None
        unshared = unshared.filter(reduce(or_, parts))
    return PracticeAdaptation.objects.filter(proposal__in=unshared.order_by().values("pk"))


def _unshared_parts(user) -> list[Q]:
    """The ways a logged-in user who is not a superuser may read an unshared proposal, one
    condition each (``permissions.visible_parts`` without the shared ones): their own, those
    assigned to them and, for staff, those of the institutions they organize; none when this
    request already found that they read only the shared proposals."""
    parts = [] if known_shared_only(user) else permissions.own_and_assigned(user)
    if user.is_staff:
        parts.append(permissions.organized_q(user))
    return parts


def unshared_flow_pairs(user, limit: int) -> list[tuple[int, int, int]]:
    """``(proposal id, home province id, host province id)`` of each adaptation in the
    unshared proposals ``user`` may read (``unshared_readable_adaptations``): the participant's
    institution's province and the practice's. At most ``limit`` + 1 rows: more tells the
    caller to count otherwise. Read in two steps, the adaptations with their host then the
    proposals' home provinces: in one query PostgreSQL planned six tables around the rule's
    subquery for 3.1 ms, to read a coach's few dozen rows."""
    adaptations = unshared_readable_adaptations(user)
    if adaptations is None:
        return []
    rows = list(
        adaptations.order_by().values_list("proposal_id", "practice__host_province_id")[: limit + 1]
    )
    homes = dict(
        ChangeProposal.objects.filter(pk__in={proposal for proposal, _host in rows}).values_list(
            "pk", "participant__cohort__institution__province_id"
        )
    )
    return [(proposal, homes[proposal], host) for proposal, host in rows]


def visible_proposal_count(user) -> int:
    """How many proposals ``user`` may read (``permissions.visible_q``): the shared ones, then,
    apart, the unshared ones they may read (their own, those assigned to them and, for staff,
    those of the institutions they organize). Two counts, each over an index, took 1.1 ms
    against 8 ms for one count with the whole rule, whose joins to the people test every
    proposal (bench data, 10,000 proposals)."""
    if user is None or not user.is_authenticated:
        return 0
    proposals = ChangeProposal.objects.all()
    if user.is_superuser:
        return proposals.count()
    shared = proposals.filter(permissions.shared_q()).count()
    unshared = _unshared_parts(user)
    if not unshared:
        return shared
    return shared + proposals.exclude(permissions.shared_q()).filter(reduce(or_, unshared)).count()


def proposals_assigned_to(user) -> QuerySet:
    """The proposals ``user`` reviews: those assigned to their facilitator profile."""
    facilitator = permissions.facilitator_of(user)
    if facilitator is None:
        return ChangeProposal.objects.none()
    return ChangeProposal.objects.filter(permissions.assigned_q(facilitator))


def review_queue(*, user, data) -> ReviewQueueFilter:
    """The review queue of ``user``, filtered by ``data``: waiting (submitted) proposals
    first, the longest waiting on top, then the rest by latest change."""
    waiting = Q(status=ProposalStatus.SUBMITTED)
    queryset = (
        proposals_assigned_to(user)
        .select_related("participant__cohort__institution")
        .annotate(
            waiting=Case(
                When(waiting, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            waiting_since=Case(When(waiting, then=F("submitted_at")), default=None),
        )
        .order_by("waiting", "waiting_since", "-updated_at", "-pk")
    )
    return ReviewQueueFilter(data, queryset=queryset, user=user)


def review_detail(*, pk: int, user) -> ChangeProposal:
    """The review page: proposal ``pk`` if it is assigned to ``user``, else 404, with all the
    proposal page shows (in the same order), its reviews and its timeline."""
    proposals = _with_details(proposals_assigned_to(user)).prefetch_related(
        Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
        "status_changes",
    )
    return _with_facilitators(get_object_or_404(proposals, pk=pk))


def milestones_by_term(milestones) -> list[tuple[str | Promise, list]]:
    """The milestones grouped under each term (short, medium, long), terms in that order."""
    groups: dict[str, list] = {term: [] for term in MilestoneTerm.values}
    for milestone in milestones:
        groups.setdefault(milestone.term, []).append(milestone)
    return [(MilestoneTerm(term).label, items) for term, items in groups.items()]


def latest_revision_request(proposal: ChangeProposal):
    """The status change that last sent ``proposal`` back for revision, with its comment."""
    return (
        proposal.status_changes.filter(to_status=ProposalStatus.REVISION_REQUESTED)
        .order_by("-created_at", "-pk")
        .first()
    )


# --- originality ------------------------------------------------------------------------------

#: Proposals at least this similar (0..1, pg_trgm's scale) are shown.
SIMILARITY_THRESHOLD = 0.4
SIMILAR_LIMIT = 5
#: On SQLite the scores are computed in Python over at most this many latest proposals.
PYTHON_CANDIDATE_LIMIT = 2000


@dataclass(frozen=True)
class SimilarProposal:
    """Another proposal resembling the one under review, and how much (0..1)."""

    proposal: ChangeProposal
    score: float
    viewer_may_open: bool

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def compared_text(proposal) -> str:
    """What the originality check compares: the start of title, problem and goals, exactly as
    the database stores it in ``ChangeProposal.compared_text``. Computed from the fields, so
    that it is right even for an instance changed since it was loaded."""
    return " ".join([proposal.title, proposal.problem, proposal.goals])[:COMPARED_TEXT_LENGTH]


def trigrams(text: str) -> set[str]:
    """The trigrams of ``text`` as PostgreSQL's pg_trgm forms them: lower-cased words of
    letters and digits, each padded with two spaces before and one after."""
    result: set[str] = set()
    for word in re.findall(r"[^\W_]+", text.lower()):
        padded = f"  {word} "
        result.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return result


def trigram_similarity(left: str, right: str) -> float:
    """pg_trgm's ``similarity()``: shared trigrams over all trigrams of both texts."""
    a, b = trigrams(left), trigrams(right)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similar_proposals(
    proposal: ChangeProposal,
    *,
    viewer,
    limit: int = SIMILAR_LIMIT,
    threshold: float = SIMILARITY_THRESHOLD,
) -> list[SimilarProposal]:
    """The other participants' proposals (any cohort, any status, earlier or later) most similar
    to ``proposal`` by title, problem and goals, best first, at least ``threshold`` similar.

    Deliberate exception to the visibility rule, for reviewers only: an assigned facilitator
    sees the title, cohort and score of every similar proposal, even one they may not open,
    because an examiner must notice a copy at a glance (and the copy may be an unapproved
    proposal of another cohort). The link and the participant's name are given only where
    ``viewer`` may open the proposal (``viewer_may_open``; see ``participants.privacy``).

    The score is pg_trgm's ``similarity()`` of the stored ``compared_text`` (the start of title,
    problem and goals). PostgreSQL reads the nearest proposals from a GiST ``gist_trgm_ops``
    index (``ORDER BY <-> LIMIT``) and applies the threshold to those few rows; a GIN index
    with ``%`` would re-check nearly every row, since proposals share one vocabulary. SQLite
    computes the same measure in Python over the latest ``PYTHON_CANDIDATE_LIMIT`` proposals.
    What is found is kept until a proposal's text changes (``participants.similar_cache``).
    """
    text = compared_text(proposal)
    visible = permissions.visible_q(viewer)
    # Superusers see everything: their rule is an empty Q, which When() does not accept.
    may_open = (
        Case(When(visible, then=Value(True)), default=Value(False), output_field=BooleanField())
        if visible
        else Value(True, output_field=BooleanField())
    )
    candidates = (
        ChangeProposal.objects.exclude(participant_id=proposal.participant_id)
        .select_related("participant__cohort__institution")
        .annotate(viewer_may_open=may_open)
    )
    key = None
    if similar_cache.enabled():
        key = similar_cache.findings_key(
            proposal_pk=proposal.pk,
            participant_pk=proposal.participant_id,
            text=text,
            options=f"{limit}:{threshold}",
        )
        kept = similar_cache.findings_get(key)
        if kept is not None:
            # The same rows as found, read again for what the viewer may open now.
            by_pk = candidates.in_bulk([pk for pk, _ in kept])
            return [
                SimilarProposal(by_pk[pk], score, by_pk[pk].viewer_may_open)
                for pk, score in kept
                if pk in by_pk
            ]
    rows: QuerySet[Any]
    scored: list[tuple[float, Any]]
    if connection.vendor == "postgresql":
        # Only the distance may be ordered on: with a second key (pk) PostgreSQL no longer
        # reads the index in order but scores and sorts every row. Ties among the rows found
        # are put in a fixed order below.
        rows = candidates.annotate(
            distance=TrigramDistance("compared_text", text),
            similarity=TrigramSimilarity("compared_text", text),
        ).order_by("distance")[:limit]
        scored = [(row.similarity, row) for row in rows]
    else:
        rows = candidates.order_by("-created_at", "-pk")[:PYTHON_CANDIDATE_LIMIT]
        scored = [(trigram_similarity(text, row.compared_text), row) for row in rows]
    scored = sorted(
        (pair for pair in scored if pair[0] >= threshold), key=lambda p: (-p[0], p[1].pk)
    )[:limit]
    if key is not None:
        similar_cache.findings_set(key, [(row.pk, score) for score, row in scored])
    return [SimilarProposal(row, score, row.viewer_may_open) for score, row in scored]
