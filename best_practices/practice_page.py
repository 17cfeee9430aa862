"""The read of a practice's page, which combines the practice, where it was observed, the
proposals that adapted it and its kin."""

from dataclasses import dataclass

from django.db.models import Case, Count, Prefetch, Sum, Value, When, Window
from django.shortcuts import get_object_or_404

from benchmarking.proposal_rules import outcome_annotations, reads_shared_only, visible_q
from best_practices.models import BestPractice, PracticeObservation

#: The proposal's texts that an adaptation's card does not show (``adaptation_cards``): a
#: proposal's problem, goals, benefits and stakeholders run to kilobytes, read for nothing.
PROPOSAL_LONG_TEXTS = ("problem", "goals", "benefits", "stakeholders", "compared_text")

#: How many adaptations a practice's page lists, the latest first, before its "show all" link
#: (``?adaptations=all``, no JavaScript). A practice taken up across the country may be adapted
#: by hundreds of proposals: the page's work (the proposals read, their cards written) stays
#: bounded, and what became of every adaptation is still counted (``AdaptationOutcomes``).
ADAPTATIONS_SHOWN = 10


@dataclass(frozen=True)
class AdaptationOutcomes:
    """What became of a practice's adaptations that the viewer may read."""

    adapted: int
    carried_out: int
    running_after_year: int

    @classmethod
    def of(cls, adaptations: list) -> "AdaptationOutcomes":
        """The totals that ``outcome_totals`` annotated on each of ``adaptations`` (the same
        on every one: they count the adaptations beyond the page's too)."""
        if not adaptations:
            return cls(adapted=0, carried_out=0, running_after_year=0)
        first = adaptations[0]
        return cls(
            adapted=first.adapted_total,
            carried_out=first.carried_out_total,
            running_after_year=first.running_after_year_total,
        )


def outcome_totals() -> dict:
    """Annotations, over every row of the queryset before any slice, of how many adaptations
    there are (``adapted_total``) and how many of them match each of ``outcome_annotations``
    (``carried_out_total``, ``running_after_year_total``): window functions, so the totals
    come with the rows listed, in the same statement."""
    totals = {"adapted_total": Window(Count("pk"))}
    for name, condition in outcome_annotations().items():
        matching = Case(When(condition, then=Value(1)), default=Value(0))
        totals[f"{name}_total"] = Window(Sum(matching))
    return totals


def practice_detail(
    *, slug: str, user, all_adaptations: bool = False
) -> tuple[BestPractice, list[BestPractice]]:
    """The practice with ``slug`` as ``user`` sees it, and its related practices; or 404.

    The practice comes with host, sectors, the observations with their visits (in
    ``visit_observations``), the latest ``ADAPTATIONS_SHOWN`` adaptations in proposals ``user``
    may read (every one with ``all_adaptations``; in ``visible_adaptations``, read through the
    reverse relation with the proposal rule) and what became of them all
    (``adaptation_outcomes``).
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
    adaptations = (
        practice.adaptations.filter(visible_q(user, prefix="proposal__"))
        .select_related("proposal__participant__cohort__institution")
        .defer(*(f"proposal__{text}" for text in PROPOSAL_LONG_TEXTS))
        .annotate(**outcome_totals())
        .order_by("-proposal__updated_at", "-pk")
    )
    if not all_adaptations:
        adaptations = adaptations[:ADAPTATIONS_SHOWN]
    practice.visible_adaptations = list(adaptations)
    practice.adaptation_outcomes = AdaptationOutcomes.of(practice.visible_adaptations)
    sector_ids = [sector.pk for sector in practice.sectors.all()]
    related = BestPractice.objects.related_to(practice, sector_ids=sector_ids)
    return practice, related
