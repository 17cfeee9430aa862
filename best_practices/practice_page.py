"""The read of a practice's page, which combines the practice, where it was observed, the
proposals that adapted it and its kin."""

from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Case, Count, Prefetch, QuerySet, Sum, Value, When, Window
from django.shortcuts import get_object_or_404

from benchmarking.pagination import CountedPaginator, requested_page
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

#: How many adaptations each page of them all lists (``?adaptations=all&page=N``): the list of
#: a practice adapted a thousand times is read a page at a time, as every list of the site.
ADAPTATIONS_PER_PAGE = 50


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
    *, slug: str, user, all_adaptations: bool = False, page_number=None
) -> tuple[BestPractice, list[BestPractice]]:
    """The practice with ``slug`` as ``user`` sees it, and its related practices; or 404.

    The practice comes with host, sectors, the observations with their visits (in
    ``visit_observations``), the latest ``ADAPTATIONS_SHOWN`` adaptations in proposals ``user``
    may read (in ``visible_adaptations``, read through the reverse relation with the proposal
    rule) and what became of them all (``adaptation_outcomes``). With ``all_adaptations``,
    ``visible_adaptations`` is page ``page_number`` of them all, and ``adaptation_page`` that
    page (else None).
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
    visible = practice.adaptations.filter(visible_q(user, prefix="proposal__"))
    adaptations = (
        visible.select_related("proposal__participant__cohort__institution")
        .defer(*(f"proposal__{text}" for text in PROPOSAL_LONG_TEXTS))
        .annotate(**outcome_totals())
        .order_by("-proposal__updated_at", "-pk")
    )
    if all_adaptations:
        practice.adaptation_page = _page_of_all(adaptations, page_number, visible)
        practice.visible_adaptations = practice.adaptation_page.object_list
    else:
        practice.adaptation_page = None
        practice.visible_adaptations = list(adaptations[:ADAPTATIONS_SHOWN])
    practice.adaptation_outcomes = AdaptationOutcomes.of(practice.visible_adaptations)
    sector_ids = [sector.pk for sector in practice.sectors.all()]
    related = BestPractice.objects.related_to(practice, sector_ids=sector_ids)
    return practice, related


def _page_of_all(adaptations: QuerySet, number, visible: QuerySet) -> Page:
    """Page ``number`` of ``adaptations``, ``ADAPTATIONS_PER_PAGE`` to a page, as every list of
    the site picks it (``Paginator.get_page``: no number, the first page; out of range, the
    last), its rows in ``object_list``.

    The page asked for is read in the one statement whose rows carry the count of them all
    (``adapted_total``); only a page out of range costs more: a count of ``visible`` (the
    adaptations without their annotations) and the read of the last page.
    """
    size = ADAPTATIONS_PER_PAGE
    tried = requested_page(number)
    rows = list(adaptations[(tried - 1) * size : tried * size]) if tried is not None else []
    if rows:
        total = rows[0].adapted_total
    elif tried == 1:
        total = 0  # an empty first page: there is none
    else:
        total = visible.count()
    page = CountedPaginator(adaptations, size, count=total).get_page(number)
    page.object_list = rows if page.number == tried else list(page.object_list)
    return page
