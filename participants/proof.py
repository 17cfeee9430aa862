"""Kept counts of a practice's adaptations: how many change proposals adapting it were actually
carried out, kept on the practice as ``BestPractice.proven_adaptation_count`` for the practices
list's "proven" facet and "most proven" sort order; and how many were approved (any shared
status), kept as ``BestPractice.approved_adaptation_count`` for "most adapted" and the province
pages as seen by everyone who reads only the shared proposals (most visitors; see
``benchmarking.proposal_rules.reads_shared_only``).

Why a counter on the practice: the list's facets count from bitsets built off the practice's
own columns (``best_practices.facet_index``), rebuilt when the catalog triggers change the
catalog version; ``best_practices`` may not import this app, and a count per practice read
through the proposals would join every proposal on every list. A column changes only when a
proposal crosses the carried-out line, so the facet index is rebuilt only then (its trigger
watches the column), and the sort is a plain ``ORDER BY`` that a search page can use too.

An adaptation is proven when its proposal was carried out (``CARRIED_OUT_STATUSES``: being
implemented, report submitted, evaluated), or when it was still running or replicated at the
12-month follow-up (so that reopening such a proposal later does not unprove it). The counts
are aggregates over shared proposals (no proposal or person is named), so every visitor sees
the facet.

Both counters are recomputed from the proposals, never incremented, by
``practice_proof_refresh``: ``services.proposal_transition`` calls it when a status crosses the
carried-out or the approved line, and the admin after it edits or deletes proposals or
adaptations; a recomputation of every practice (``practice_ids=None``) repairs any drift. Only
the proven count is watched by the catalog triggers (a facet counts it): an approval changes
the approved count without making the facet index be read again.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Q

from best_practices.models import BestPractice
from participants.models import (
    CARRIED_OUT_STATUSES,
    FollowUp,
    FollowUpCheckpoint,
    FollowUpStatus,
    PracticeAdaptation,
)
from participants.permissions import shared_q


def proven_q(prefix: str = "") -> Q:
    """The proven proposals, from the lookup path ``prefix`` (e.g. ``"proposal__"``)."""
    running_after_year = FollowUp.objects.filter(
        checkpoint=FollowUpCheckpoint.TWELVE_MONTHS,
        status__in=[FollowUpStatus.RUNNING, FollowUpStatus.REPLICATED],
    ).values("proposal_id")
    return Q(**{f"{prefix}status__in": CARRIED_OUT_STATUSES}) | Q(
        **{f"{prefix}pk__in": running_after_year}
    )


#: The kept counters of a practice and which of its adaptations each counts.
KEPT_COUNTS = {
    "proven_adaptation_count": proven_q,
    "approved_adaptation_count": shared_q,
}


def practice_proof_refresh(*, practice_ids: Iterable[int] | None = None) -> int:
    """Recompute the kept counts (proven and approved adaptations) of ``practice_ids`` (every
    practice when None) and write only the counts that changed; returns how many practices
    changed."""
    if practice_ids is not None:
        practice_ids = list(practice_ids)
        if not practice_ids:
            return 0
    changed_practices: set[int] = set()
    for column, condition in KEPT_COUNTS.items():
        changed_practices |= _refresh_column(column, condition("proposal__"), practice_ids)
    return len(changed_practices)


def _refresh_column(column: str, condition: Q, practice_ids: list[int] | None) -> set[int]:
    adaptations = PracticeAdaptation.objects.filter(condition)
    practices = BestPractice.objects.all()
    if practice_ids is not None:
        adaptations = adaptations.filter(practice_id__in=practice_ids)
        practices = practices.filter(pk__in=practice_ids)
    else:
        practices = practices.filter(**{f"{column}__gt": 0})
    actual = dict(
        adaptations.order_by()
        .values("practice_id")
        .annotate(counted=Count("*"))
        .values_list("practice_id", "counted")
    )
    stored = dict(practices.values_list("pk", column))
    changed = defaultdict(list)
    for pk in stored.keys() | actual.keys():
        count = actual.get(pk, 0)
        if stored.get(pk, 0) != count:
            changed[count].append(pk)
    # One column per statement: the catalog triggers fire on the proven count only.
    for count, ids in changed.items():
        BestPractice.objects.filter(pk__in=ids).update(**{column: count})
    return {pk for ids in changed.values() for pk in ids}


def proposal_proof_refresh(*, proposal_ids: Iterable[int]) -> int:
    """Recompute the kept counts of the practices the proposals ``proposal_ids`` adapt."""
    practice_ids = PracticeAdaptation.objects.filter(proposal__in=list(proposal_ids)).values_list(
        "practice_id", flat=True
    )
    return practice_proof_refresh(practice_ids=set(practice_ids))
