"""Proven adaptations: how many change proposals adapting a practice were actually carried out,
kept on the practice as ``BestPractice.proven_adaptation_count`` for the practices list's
"proven" facet and "most proven" sort order.

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

The counter is recomputed from the proposals, never incremented, by ``practice_proof_refresh``:
``services.proposal_transition`` calls it when a status crosses the carried-out line, and the
admin after it edits or deletes proposals or adaptations; a recomputation of every practice
(``practice_ids=None``) repairs any drift.
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


def proven_q(prefix: str = "") -> Q:
    """The proven proposals, from the lookup path ``prefix`` (e.g. ``"proposal__"``)."""
    running_after_year = FollowUp.objects.filter(
        checkpoint=FollowUpCheckpoint.TWELVE_MONTHS,
        status__in=[FollowUpStatus.RUNNING, FollowUpStatus.REPLICATED],
    ).values("proposal_id")
    return Q(**{f"{prefix}status__in": CARRIED_OUT_STATUSES}) | Q(
        **{f"{prefix}pk__in": running_after_year}
    )


def practice_proof_refresh(*, practice_ids: Iterable[int] | None = None) -> int:
    """Recompute the proven adaptations of ``practice_ids`` (every practice when None) and
    write only the counts that changed; returns how many practices changed."""
    adaptations = PracticeAdaptation.objects.filter(proven_q("proposal__"))
    practices = BestPractice.objects.all()
    if practice_ids is not None:
        practice_ids = list(practice_ids)
        if not practice_ids:
            return 0
        adaptations = adaptations.filter(practice_id__in=practice_ids)
        practices = practices.filter(pk__in=practice_ids)
    else:
        practices = practices.filter(proven_adaptation_count__gt=0)
    actual = dict(
        adaptations.order_by()
        .values("practice_id")
        .annotate(proven=Count("*"))
        .values_list("practice_id", "proven")
    )
    stored = dict(practices.values_list("pk", "proven_adaptation_count"))
    changed = defaultdict(list)
    for pk in stored.keys() | actual.keys():
        count = actual.get(pk, 0)
        if stored.get(pk, 0) != count:
            changed[count].append(pk)
    for count, ids in changed.items():
        BestPractice.objects.filter(pk__in=ids).update(proven_adaptation_count=count)
    return sum(len(ids) for ids in changed.values())


def proposal_proof_refresh(*, proposal_ids: Iterable[int]) -> int:
    """Recompute the proven adaptations of the practices the proposals ``proposal_ids`` adapt."""
    practice_ids = PracticeAdaptation.objects.filter(proposal__in=list(proposal_ids)).values_list(
        "practice_id", flat=True
    )
    return practice_proof_refresh(practice_ids=set(practice_ids))
