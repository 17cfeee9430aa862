"""The reads of the province and visit pages, which combine several models.

Practices, observations and proposals belong to apps above this one: these pages read them
through the reverse relations of the province or visit shown (``province.best_practices``,
``visit.observations``), never by importing their models, and count proposals with the
rule of ``benchmarking.proposal_rules``.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404

from benchmarking.models import HostAgency, OfficialSide, Province, Visit, VisitGroup, VisitOfficial
from benchmarking.proposal_rules import visible_adaptation_count

#: How many of a province's practices its page lists; the rest are one link away.
PROVINCE_PRACTICE_LIMIT = 20


@dataclass(frozen=True)
class ProvincePage:
    """A province page: the province, with ``top_practices`` and ``visit_list`` loaded, its
    flow of ideas in both directions, and every province (for the map)."""

    province: Province
    adopters: list[Province]
    sources: list[Province]
    provinces: list[Province]


def province_detail(*, code: str, user) -> ProvincePage:
    """The province with ``code`` as ``user`` sees it, or 404: its most adapted practices
    (counting only the adaptations whose proposal ``user`` may read), its hosted visits, and
    the provinces its practices travelled to and came from."""
    province = get_object_or_404(Province.objects.for_listing(), code=code)
    province.top_practices = list(
        province.best_practices.select_related("host_agency")
        .annotate(adaptation_count=visible_adaptation_count(user))
        .order_by("-adaptation_count", "title", "pk")[:PROVINCE_PRACTICE_LIMIT]
    )
    province.visit_list = list(province.hosted_visits.for_listing())
    return ProvincePage(
        province=province,
        adopters=list(Province.objects.adapting_practices_of(province, user=user)),
        sources=list(Province.objects.adapted_by_participants_of(province, user=user)),
        provinces=list(Province.objects.order_by("code")),
    )


def visit_detail(*, pk: int) -> Visit:
    """A visit page, or 404: agencies, officials by side, groups with locus and members, and
    the practices observed."""
    officials = VisitOfficial.objects.order_by("order", "pk")
    groups = VisitGroup.objects.select_related("host_agency").order_by("name")
    visit = get_object_or_404(
        Visit.objects.with_cohort().prefetch_related(
            Prefetch("host_agencies", queryset=HostAgency.objects.order_by("name")),
            Prefetch(
                "officials",
                queryset=officials.filter(side=OfficialSide.HOST),
                to_attr="host_officials",
            ),
            Prefetch(
                "officials",
                queryset=officials.filter(side=OfficialSide.VISITING),
                to_attr="visiting_officials",
            ),
            Prefetch("groups", queryset=groups),
            "groups__members",
        ),
        pk=pk,
    )
    observations = visit.observations.select_related("practice__host_agency").order_by(
        "practice__title", "pk"
    )
    prefetch_related_objects([visit], Prefetch("observations", queryset=observations))
    return visit
