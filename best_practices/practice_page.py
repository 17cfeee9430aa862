"""The read of a practice's page, which combines the practice, where it was observed, the
proposals that adapted it and its kin."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from benchmarking.proposal_rules import outcome_annotations, reads_shared_only, visible_q
from best_practices.models import BestPractice, PracticeObservation

#: The proposal's texts that an adaptation's card does not show (``adaptation_cards``): a
#: proposal's problem, goals, benefits and stakeholders run to kilobytes, read for nothing.
PROPOSAL_LONG_TEXTS = ("problem", "goals", "benefits", "stakeholders", "compared_text")


@dataclass(frozen=True)
class AdaptationOutcomes:
    """What became of a practice's adaptations that the viewer may read."""

    adapted: int
    carried_out: int
    running_after_year: int

    @classmethod
    def of(cls, adaptations) -> "AdaptationOutcomes":
        return cls(
            adapted=len(adaptations),
            carried_out=sum(a.carried_out for a in adaptations),
            running_after_year=sum(a.running_after_year for a in adaptations),
        )


def practice_detail(*, slug: str, user) -> tuple[BestPractice, list[BestPractice]]:
    """The practice with ``slug`` as ``user`` sees it, and its related practices; or 404.

    The practice comes with host, sectors, the observations with their visits (in
    ``visit_observations``) and the adaptations in proposals ``user`` may read (in
    ``visible_adaptations``, read through the reverse relation with the proposal rule).
    """
    # What a visit's card shows: its cohort and institution (four tables: each one more in a
    # join is planning time that PostgreSQL spends on every request).
    observations = PracticeObservation.objects.select_related(
        "visit__cohort__institution"
    ).order_by("-visit__start_date", "-visit__pk")
    # The search vector (about 1.5 kB of a practice's row) is for the search alone.
    practices = (
        BestPractice.objects.with_host()
        .defer("search_vector")
        .prefetch_related(
            "sectors",
            Prefetch("observations", queryset=observations, to_attr="visit_observations"),
        )
    )
    practice = get_object_or_404(practices, slug=slug)
    # Asked first, so that the rule below is the status alone for those who read only the
    # shared proposals (most visitors): no join to the proposals' people.
    reads_shared_only(user)
    practice.visible_adaptations = list(
        practice.adaptations.filter(visible_q(user, prefix="proposal__"))
        .select_related("proposal__participant__cohort__institution")
        .defer(*(f"proposal__{text}" for text in PROPOSAL_LONG_TEXTS))
        .annotate(**outcome_annotations())
        .order_by("-proposal__updated_at", "-pk")
    )
    practice.adaptation_outcomes = AdaptationOutcomes.of(practice.visible_adaptations)
    sector_ids = [sector.pk for sector in practice.sectors.all()]
    related = BestPractice.objects.related_to(practice, sector_ids=sector_ids)
    return practice, related
