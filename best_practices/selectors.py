"""Reads of the practices pages: the filtered list with its facet counts, and a practice page.

Facet counts follow the usual rule of faceted search: the count beside an option is the number
of results with every other active facet applied plus that option. They cost a fixed number
of aggregate queries, whatever the number of options or rows: one grouped query per relation
facet (province, sector, visit, year), one aggregate for the facets on the practice's own
columns (which also gives the number of results), and one for the names of the provinces.

A page of results is read in two steps: the ordered ids of the page (a narrow query, even
when it sorts by the number of adaptations over every match), then those rows with what the
cards show (``BestPracticeQuerySet.for_listing``).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from benchmarking.models import Province
from best_practices.filters import (
    FACETS,
    Digital,
    PracticeFilterSet,
    SortOrder,
    option_condition,
)
from best_practices.models import (
    BestPractice,
    PracticeObservation,
    PracticeStatus,
    Sector,
    ServiceQuality,
    Stage,
)

PRACTICES_PER_PAGE = 20

#: Options shown before the rest of a long facet is folded away.
FACET_VISIBLE_OPTIONS = 8

#: The most recent visits offered as options; a visit's own page links to all its practices.
VISIT_OPTIONS_LIMIT = 30

#: Facets whose options are fixed choices: every option is shown, even with no results.
CHOICE_FACETS = {
    "stage": Stage.choices,
    "digital": Digital.choices,
    "quality": ServiceQuality.choices,
    "status": PracticeStatus.choices,
}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    #: Options with results that are not offered (only the visit facet omits any).
    omitted: int = 0

    @property
    def selected_count(self) -> int:
        return sum(option.selected for option in self.options)

    @property
    def first_options(self) -> list[FacetOption]:
        """The options shown at once: the first few, and every selected one."""
        return [
            option
            for index, option in enumerate(self.options)
            if index < FACET_VISIBLE_OPTIONS or option.selected
        ]

    @property
    def more_options(self) -> list[FacetOption]:
        """The rest, folded away on a long facet."""
        return [
            option
            for index, option in enumerate(self.options)
            if index >= FACET_VISIBLE_OPTIONS and not option.selected
        ]


@dataclass
class PracticeListing:
    """What the practices list shows, but the page of results: see ``practice_page``."""

    filterset: PracticeFilterSet
    #: The ids of every result, in the order asked for.
    ordered_ids: QuerySet
    total: int
    facets: list[Facet]
    query: str
    sort: SortOrder
    invalid_filters: list[str]
    clear_url: str

    @property
    def sort_choices(self) -> list[tuple[str, str]]:
        return SortOrder.choices

    @property
    def has_filters(self) -> bool:
        return any(facet.selected_count for facet in self.facets)


class CountedPaginator(Paginator):
    """A paginator told its number of rows, which the facet aggregate already counted."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count = count

    @property
    def count(self) -> int:
        return self._count


def practice_listing(*, data: QueryDict, user) -> PracticeListing:
    """The practices list for ``data`` (the query string) as ``user`` sees it."""
    filterset = PracticeFilterSet(data, queryset=BestPractice.objects.all(), user=user)
    invalid = [name for name in FACETS if name in filterset.form.errors]
    # Links built from the query string leave the ignored values out, so they do not linger.
    data = data.copy()
    for name in invalid:
        data.pop(name)
    facets, total = practice_facets(filterset, data)
    return PracticeListing(
        filterset=filterset,
        ordered_ids=filterset.qs.values_list("pk", flat=True),
        total=total,
        facets=facets,
        query=filterset.query,
        sort=filterset.sort_order,
        invalid_filters=[str(filterset.filters[name].label) for name in invalid],
        clear_url=_querystring(data, keep=("q", "sort")),
    )


def practice_page(*, listing: PracticeListing, number, user) -> Page:
    """Page ``number`` of the listing, with the rows the cards show. A page past the end is
    the last page, and anything that is no page number the first (never an error).
    """
    paginator = CountedPaginator(listing.ordered_ids, PRACTICES_PER_PAGE, count=listing.total)
    page = paginator.get_page(number)
    ids = list(page.object_list)
    rows = BestPractice.objects.for_listing(user).in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


def practice_facets(filterset: PracticeFilterSet, data: QueryDict) -> tuple[list[Facet], int]:
    """Every facet with the count of each option (see the module docstring), and the
    number of results.
    """
    base = filterset.searched(BestPractice.objects.order_by())

    def scoped(name):
        # Without a search or another facet, every practice is in scope: no subquery needed.
        condition = filterset.conditions(exclude=name)
        return None if not filterset.query and not condition else base.filter(condition)

    choice_counts, total = _choice_counts(base, filterset)
    province_scope = scoped("province")
    counts = {
        "province": _province_counts(base if province_scope is None else province_scope),
        "sector": _sector_counts(scoped("sector")),
        "visit": _visit_counts(scoped("visit")),
        "year": _year_counts(scoped("year")),
        **choice_counts,
    }
    pairs = [(key, value) for key, values in data.lists() if key != "page" for value in values]
    facets = []
    for name in FACETS:
        facet = Facet(name=name, label=str(filterset.filters[name].label))
        selected = {_option_value(name, value): value for value in filterset.selected(name)}
        options = counts[name]
        if name == "visit":
            options, facet.omitted = _limited(options, selected, VISIT_OPTIONS_LIMIT)
        for value, (label, count) in options.items():
            facet.options.append(_option(pairs, name, value, label, count, value in selected))
        for value, instance in selected.items():
            if value not in counts[name]:
                label = _option_label(name, instance)
                facet.options.append(_option(pairs, name, value, label, 0, True))
        facets.append(facet)
    return facets, total


def practice_detail(*, slug: str, user) -> tuple[BestPractice, list[BestPractice]]:
    """The practice with ``slug`` as ``user`` sees it, and its related practices; or 404."""
    practice = get_object_or_404(BestPractice.objects.for_detail(user), slug=slug)
    sector_ids = [sector.pk for sector in practice.sectors.all()]
    related = list(BestPractice.objects.related_to(practice, sector_ids=sector_ids))
    return practice, related


def _limited(options: dict, selected: dict, limit: int) -> tuple[dict, int]:
    """The first ``limit`` options and the selected ones, and how many others were left out."""
    kept = {
        value: option
        for index, (value, option) in enumerate(options.items())
        if index < limit or value in selected
    }
    return kept, len(options) - len(kept)


def _in_scope(queryset, field: str, scope) -> QuerySet:
    return (
        queryset.filter(**{f"{field}__in": scope.values("pk")}) if scope is not None else queryset
    )


def _province_counts(queryset) -> dict:
    # Grouped by the key alone (the facet index answers it), then named in a tiny query.
    rows = queryset.values("host_province_id").annotate(count=Count("pk")).order_by()
    counts = {row["host_province_id"]: row["count"] for row in rows}
    provinces = Province.objects.filter(pk__in=list(counts)).order_by("name")
    return {p.code: (p.name, counts[p.pk]) for p in provinces.only("pk", "code", "name")}


def _sector_counts(scope) -> dict:
    rows = (
        _in_scope(BestPractice.sectors.through.objects, "bestpractice", scope)
        .values("sector__code", "sector__name", "sector__name_en", "sector__order")
        .annotate(count=Count("bestpractice_id"))
        .order_by("sector__order", "sector__name")
    )
    return {
        row["sector__code"]: (
            _sector_name(row["sector__name"], row["sector__name_en"]),
            row["count"],
        )
        for row in rows
    }


def _visit_counts(scope) -> dict:
    rows = (
        _in_scope(PracticeObservation.objects, "practice", scope)
        .values("visit_id", "visit__title", "visit__start_date")
        .annotate(count=Count("practice_id"))
        .order_by("-visit__start_date", "-visit_id")
    )
    return {str(row["visit_id"]): (row["visit__title"], row["count"]) for row in rows}


def _year_counts(scope) -> dict:
    rows = (
        _in_scope(PracticeObservation.objects, "practice", scope)
        .annotate(year=ExtractYear("visit__start_date"))
        .values("year")
        # A practice observed twice in one year counts once.
        .annotate(count=Count("practice_id", distinct=True))
        .order_by("-year")
    )
    return {str(row["year"]): (str(row["year"]), row["count"]) for row in rows}


def _choice_counts(base, filterset: PracticeFilterSet) -> tuple[dict, int]:
    """All the facets on the practice's own columns, and the number of results, counted in
    one aggregate query.
    """
    every_facet = filterset.conditions()
    aggregates = {"total": Count("pk", filter=every_facet or None)}
    for name, choices in CHOICE_FACETS.items():
        others = filterset.conditions(exclude=name)
        for value, _label in choices:
            aggregates[f"{name}__{value}"] = Count(
                "pk", filter=others & option_condition(name, value)
            )
    totals = base.aggregate(**aggregates)
    counts = {
        name: {value: (str(label), totals[f"{name}__{value}"]) for value, label in choices}
        for name, choices in CHOICE_FACETS.items()
    }
    return counts, totals["total"]


def _sector_name(name: str, name_en: str) -> str:
    # The same rule as Sector.display_name, from the values of the aggregate row.
    return Sector(name=name, name_en=name_en).display_name


def _option_value(name: str, value) -> str:
    if name in ("province", "sector"):
        return value.code
    if name == "visit":
        return str(value.pk)
    return str(value)


def _option_label(name: str, value) -> str:
    if name in CHOICE_FACETS:
        return str(dict(CHOICE_FACETS[name]).get(value, value))
    if name == "sector":
        return value.display_name
    return str(value)


def _option(pairs: list, name: str, value: str, label: str, count: int, selected: bool):
    return FacetOption(
        value=value,
        label=label,
        count=count,
        selected=selected,
        url=_toggled(pairs, name, value),
    )


def _toggled(pairs: list[tuple[str, str]], name: str, value: str) -> str:
    """The query string (``pairs``, without the page) with ``value`` of facet ``name``
    switched on or off.
    """
    option = (name, value)
    toggled = [pair for pair in pairs if pair != option] if option in pairs else [*pairs, option]
    return "?" + urlencode(toggled) if toggled else "?"


def _querystring(data: QueryDict, keep: tuple[str, ...]) -> str:
    query = QueryDict(mutable=True)
    for name in keep:
        if data.getlist(name):
            query.setlist(name, data.getlist(name))
    return "?" + query.urlencode() if query else "?"
