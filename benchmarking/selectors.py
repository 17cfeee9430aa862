"""The reads of the province and visit pages, which combine several models.

Practices, observations and proposals belong to apps above this one: these pages read them
through the reverse relations of the province or visit shown (``province.best_practices``,
``visit.observations``), never by importing their models, and count proposals with the
rule of ``benchmarking.proposal_rules``.
"""

import copy
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404

from benchmarking.models import HostAgency, OfficialSide, Province, Visit, VisitGroup, VisitOfficial
from benchmarking.proposal_rules import reads_shared_only, shared_flows, unshared_flow_pairs

#: How many of a province's practices its page lists; the rest are one link away.
PROVINCE_PRACTICE_LIMIT = 20
#: Past this many unshared adaptations a viewer may read, their flows of ideas are counted by
#: the rule over every proposal they may read (``_flows_with_unshared``).
UNSHARED_FLOW_LIMIT = 500


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
    # The practices' own queryset (``ranked_by_adaptations``), reached through the relation:
    # it reads the kept counts, plus the few unshared adaptations the viewer may also read.
    province.top_practices = (
        province.best_practices.select_related("host_agency")
        .without_long_texts()
        .ranked_by_adaptations(user, PROVINCE_PRACTICE_LIMIT)
    )
    province.visit_list = list(province.hosted_visits.for_listing())
    provinces = list(Province.objects.order_by("code"))
    adopters: list[Province]
    sources: list[Province]
    if user is None or not user.is_authenticated:
        # They read no proposal: no flow, and no query to compile only to find it empty.
        adopters, sources = [], []
    elif reads_shared_only(user):
        adopters, sources = _shared_flows_of(province, provinces)
    else:
        adopters, sources = _flows_with_unshared(province, provinces, user)
    return ProvincePage(province=province, adopters=adopters, sources=sources, provinces=provinces)


def _shared_flows_of(province, provinces) -> tuple[list[Province], list[Province]]:
    """The flows of ideas of ``province`` counted in the shared proposals, from the kept
    national figures rather than from every adaptation of the province: the provinces
    adapting its practices and those whose practices its participants adapted, each a copy
    of one of ``provinces`` with ``proposal_count``, most first, then by name (as
    ``ProvinceQuerySet.adapting_practices_of`` and ``adapted_by_participants_of`` order)."""
    adopters, sources = _kept_flow_counts(province)
    return _listed(adopters, provinces), _listed(sources, provinces)


def _kept_flow_counts(province) -> tuple[dict[int, int], dict[int, int]]:
    """The kept flows of ``province`` as proposals by province id: those adapting its
    practices, and those whose practices its participants adapted."""
    pk = province.pk  # once: the loop below runs over every pair of provinces
    adopters, sources = {}, {}
    for source, target, proposals in shared_flows():
        if source == pk:
            adopters[target] = proposals
        if target == pk:
            sources[source] = proposals
    return adopters, sources


def _flows_with_unshared(province, provinces, user) -> tuple[list[Province], list[Province]]:
    """The flows of ideas of ``province`` for someone who also reads unshared proposals
    (their own, assigned or organized ones): the kept flows of the shared proposals plus
    those of the unshared ones they may read, counted apart. A proposal is one or the other,
    so the counts add up. Applying the rule to every adaptation of the province and its
    participants instead took 9 ms for a coach on the national data.

    Their unshared adaptations are read with the home and host province of each
    (``proposal_rules.unshared_flow_pairs``; a coach has a few dozen) and counted here, each
    proposal once per pair of provinces. Past ``UNSHARED_FLOW_LIMIT`` of them (a superuser,
    large institutions) the rule counts every readable proposal in the database, as before.
    """
    pairs = unshared_flow_pairs(user, UNSHARED_FLOW_LIMIT)
    if len(pairs) > UNSHARED_FLOW_LIMIT:
        return (
            list(Province.objects.adapting_practices_of(province, user=user)),
            list(Province.objects.adapted_by_participants_of(province, user=user)),
        )
    adopters, sources = _kept_flow_counts(province)
    adopting: dict[int, set[int]] = defaultdict(set)
    sourcing: dict[int, set[int]] = defaultdict(set)
    for proposal, home, host in pairs:
        if host == province.pk:
            adopting[home].add(proposal)
        if home == province.pk:
            sourcing[host].add(proposal)
    for counts, theirs in ((adopters, adopting), (sources, sourcing)):
        for pk, proposals in theirs.items():
            counts[pk] = counts.get(pk, 0) + len(proposals)
    return _listed(adopters, provinces), _listed(sources, provinces)


def _listed(counts: dict[int, int], provinces) -> list[Province]:
    """A copy of each of ``provinces`` in ``counts`` (by id) with its ``proposal_count``,
    most first, then by name."""
    flows = [_with_count(item, counts[item.pk]) for item in provinces if item.pk in counts]
    return sorted(flows, key=lambda item: (-counts[item.pk], item.name))


def _with_count(province: Province, proposals: int) -> Province:
    flow = copy.copy(province)
    flow.proposal_count = proposals  # type: ignore[attr-defined]
    return flow


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
