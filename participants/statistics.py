"""The national statistics (``/statistics/``): aggregates only, never a person.

Counted are the catalog's best practices (public knowledge) and the change proposals that
were approved: ``COUNTED_STATUSES`` is ``SHARED_STATUSES``, the status "approved" and every
status after it (implementing, report submitted, evaluated). Drafts, submitted proposals and
proposals sent back for revision never count, whoever looks. Every chart is read in one
query, so the page reads as many queries for 38 provinces as for 20,000 practices.

The flow of ideas pairs the province hosting an adapted practice (where the idea came from)
with the province of the participant's training institution (where it went), counted in
approved proposals: a proposal adapting two practices of one province counts once for it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext

from benchmarking.models import Province
from best_practices.models import Sector
from participants.models import ChangeProposal, PracticeAdaptation
from participants.statuses import SHARED_STATUSES

#: The proposals the statistics count: approved, and every status after it.
COUNTED_STATUSES = SHARED_STATUSES

HOME_PROVINCE = "proposal__participant__cohort__institution__province"
HOST_PROVINCE = "practice__host_province"


@dataclass(frozen=True)
class ProvinceFlow:
    """Ideas from ``source`` (hosting the practices) to ``target`` (the participants' home)."""

    source: Province
    target: Province
    proposals: int


@dataclass(frozen=True)
class NationalStatistics:
    """Every chart's numbers: ``provinces`` (all 38, each with ``practice_count``),
    ``sectors`` (those with practices, each with ``practice_count``, most first), ``flows``
    (largest first) and ``years`` (cohort year, approved proposals; no year left out)."""

    # Annotated rows: Province and Sector with ``practice_count``.
    provinces: list[Any]
    sectors: list[Any]
    flows: list[ProvinceFlow]
    years: list[tuple[int, int]]

    @property
    def practice_total(self) -> int:
        return sum(province.practice_count for province in self.provinces)

    @property
    def proposal_total(self) -> int:
        return sum(count for _year, count in self.years)

    @property
    def provinces_ranked(self) -> list[Any]:
        """Every province, those hosting the most practices first (the map's table)."""
        return sorted(
            self.provinces, key=lambda province: (-province.practice_count, province.code)
        )


def national_statistics() -> NationalStatistics:
    """The numbers of ``/statistics/``, in four queries."""
    provinces = list(Province.objects.for_listing().order_by("code"))
    return NationalStatistics(
        provinces=provinces,
        sectors=practices_by_sector(),
        flows=idea_flows(provinces),
        years=adoption_by_year(),
    )


def practices_by_sector() -> list[Any]:
    """The sectors that classify at least one practice, with ``practice_count``, most first."""
    return list(
        Sector.objects.annotate(practice_count=Count("best_practices"))
        .filter(practice_count__gt=0)
        .order_by("-practice_count", "order", "name")
    )


def idea_flows(provinces: Iterable[Province]) -> list[ProvinceFlow]:
    """Every pair of provinces between which ideas flowed, with the number of approved
    proposals, largest first; ``provinces`` names them (no query of its own)."""
    by_pk = {province.pk: province for province in provinces}
    pairs = (
        PracticeAdaptation.objects.filter(proposal__status__in=COUNTED_STATUSES)
        .values(HOST_PROVINCE, HOME_PROVINCE)
        .annotate(proposals=Count("proposal", distinct=True))
        .order_by()
    )
    flows = [
        ProvinceFlow(
            source=by_pk[pair[HOST_PROVINCE]],
            target=by_pk[pair[HOME_PROVINCE]],
            proposals=pair["proposals"],
        )
        for pair in pairs
    ]
    return sorted(flows, key=lambda flow: (-flow.proposals, flow.source.code, flow.target.code))


def adoption_by_year() -> list[tuple[int, int]]:
    """Approved proposals per cohort year, from the first year to the last with none left
    out (a year without one shows as 0)."""
    counts = dict(
        ChangeProposal.objects.filter(status__in=COUNTED_STATUSES)
        .values_list("participant__cohort__year")
        .annotate(proposals=Count("pk"))
        .order_by()
    )
    if not counts:
        return []
    return [(year, counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]


# --- the charts as spreadsheets ---------------------------------------------------------------

#: The charts that download as CSV, by the name in their URL (``/statistics/<name>.csv``).
CHARTS = ("provinces", "sectors", "flows", "years")


def chart_rows(chart: str, statistics: NationalStatistics) -> Iterator[list]:
    """The rows of ``chart``'s CSV, a header first, in the user's language: the same numbers
    as the chart and its table, with every flow (the map draws the largest only)."""
    if chart == "provinces":
        yield [gettext("Code"), gettext("Province"), gettext("Best practices")]
        for province in statistics.provinces:
            yield [province.code, province.name, province.practice_count]
    elif chart == "sectors":
        yield [gettext("Sector"), gettext("Best practices")]
        for sector in statistics.sectors:
            yield [sector.display_name, sector.practice_count]
    elif chart == "flows":
        yield [
            gettext("Code of the practices' province"),
            gettext("Practices from"),
            gettext("Code of the participants' province"),
            gettext("Adapted by participants from"),
            gettext("Approved change proposals"),
        ]
        for flow in statistics.flows:
            yield [
                flow.source.code,
                flow.source.name,
                flow.target.code,
                flow.target.name,
                flow.proposals,
            ]
    elif chart == "years":
        yield [gettext("Cohort year"), gettext("Approved change proposals")]
        yield from ([year, count] for year, count in statistics.years)
    else:
        raise ValueError(chart)
