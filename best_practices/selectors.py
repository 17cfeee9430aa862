"""Reads of the practices pages: the filtered list with its facet counts, and a practice page.

Facet counts follow the usual rule of faceted search: the count beside an option is the number
of results with every other active facet applied plus that option. They cost a fixed number
of aggregate queries, whatever the number of options or rows: one query grouped by host
province for the province facet and the facets on the practice's own columns (which also
gives the number of results) with a tiny one naming the provinces, and one grouped query for
each other relation facet (sector, visit, year). When searching, each of them reads the
matches again; with the search vector stored in the row (migration ``0004``) that costs
about 15 ms for 20,000 matches, so it pays to have few of them. The common case, a search
with no option chosen, has every facet count the same matches: on PostgreSQL it is one
statement that reads them once (``_match_counts``), and that also reads the page of results
when they are ordered by relevance.

A page of results is read in two steps: the ordered ids of the page (a narrow query, even
when it sorts by the number of adaptations over every match), then those rows with what the
cards show (``BestPracticeQuerySet.for_listing``).
"""

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from benchmarking.models import Province, Visit
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

#: The last page number whose ids may be read with the facet counts (``_match_counts``).
MAX_PREFETCHED_PAGE = 10_000

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

    # Cached: the template reads each several times, and the options are complete by then.
    @cached_property
    def first_options(self) -> list[FacetOption]:
        """The options shown at once: the first few, and every selected one."""
        return [
            option
            for index, option in enumerate(self.options)
            if index < FACET_VISIBLE_OPTIONS or option.selected
        ]

    @cached_property
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
    #: ``(number, ids)``: the ids of one page when they were read with the facet counts
    #: (``_match_counts``), or None.
    page_ids: tuple[int, list[int]] | None = None

    @property
    def sort_choices(self) -> list[tuple[str, str]]:
        return SortOrder.choices

    @property
    def has_filters(self) -> bool:
        return any(facet.selected_count for facet in self.facets)

    @property
    def selected_options(self) -> list[tuple[str, str]]:
        """``(facet, value)`` of every chosen option, for the search form to keep them."""
        return [
            (facet.name, option.value)
            for facet in self.facets
            for option in facet.options
            if option.selected
        ]


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
    page_number = _requested_page(data.get("page"))
    facets, total, page_ids = practice_facets(filterset, data, page_number=page_number)
    return PracticeListing(
        filterset=filterset,
        ordered_ids=filterset.ordered_ids(),
        total=total,
        facets=facets,
        query=filterset.query,
        sort=filterset.sort_order,
        invalid_filters=[str(filterset.filters[name].label) for name in invalid],
        clear_url=_querystring(data, keep=("q", "sort")),
        page_ids=(page_number, page_ids) if page_ids is not None else None,
    )


def practice_page(*, listing: PracticeListing, number, user) -> Page:
    """Page ``number`` of the listing, with the rows the cards show. A page past the end is
    the last page, and anything that is no page number the first (never an error).
    """
    paginator = CountedPaginator(listing.ordered_ids, PRACTICES_PER_PAGE, count=listing.total)
    page = paginator.get_page(number)
    if listing.page_ids is not None and listing.page_ids[0] == page.number:
        ids = listing.page_ids[1]
    else:
        ids = list(page.object_list)
    rows = BestPractice.objects.for_listing(user).in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


def practice_facets(
    filterset: PracticeFilterSet, data: QueryDict, *, page_number: int | None = None
) -> tuple[list[Facet], int, list[int] | None]:
    """Every facet with the count of each option (see the module docstring), the number of
    results, and the ids of page ``page_number`` when they could be read with the counts
    (else None: ``practice_page`` reads them).
    """
    counts, total, page_ids = _facet_counts(filterset, page_number)
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
    return facets, total, page_ids


def _facet_counts(filterset: PracticeFilterSet, page_number: int | None) -> tuple:
    """The options of every facet with their counts, by facet name, the number of results,
    and the ids of page ``page_number`` or None (see ``practice_facets``).
    """
    base = filterset.searched(BestPractice.objects.order_by())
    if filterset.query and not filterset.conditions() and _counts_in_one_statement(base):
        if filterset.sort_order == SortOrder.RELEVANCE and page_number is not None:
            # The ranked matches, to read the page from the same statement.
            ranked = BestPractice.objects.order_by().search(filterset.query)
            return _match_counts(ranked, page_number=page_number)
        return _match_counts(base)

    def scoped(name):
        # Without a search or another facet, every practice is in scope: no subquery needed.
        condition = filterset.conditions(exclude=name)
        return None if not filterset.query and not condition else base.filter(condition)

    province_counts, choice_counts, total = _province_and_choice_counts(base, filterset)
    counts = {
        "province": province_counts,
        "sector": _sector_counts(scoped("sector")),
        "visit": _visit_counts(scoped("visit")),
        "year": _year_counts(scoped("year")),
        **choice_counts,
    }
    return counts, total, None


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


def _sector_counts(scope) -> dict:
    # Grouped by the sector's key (the names follow it), not by its code and names.
    sectors = (
        Sector.objects.filter(best_practices__in=scope.values("pk"))
        if scope is not None
        else Sector.objects.filter(best_practices__isnull=False)
    )
    rows = (
        sectors.values("pk", "code", "name", "name_en")
        .annotate(count=Count("best_practices"))
        .order_by("order", "name")
    )
    return {row["code"]: (_sector_name(row["name"], row["name_en"]), row["count"]) for row in rows}


def _visit_counts(scope) -> dict:
    visits = (
        Visit.objects.filter(observations__practice__in=scope.values("pk"))
        if scope is not None
        else Visit.objects.filter(observations__isnull=False)
    )
    rows = (
        visits.values("pk", "title")
        .annotate(count=Count("observations"))
        .order_by("-start_date", "-pk")
    )
    return {str(row["pk"]): (row["title"], row["count"]) for row in rows}


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


def _province_and_choice_counts(base, filterset: PracticeFilterSet) -> tuple[dict, dict, int]:
    """The province facet, the facets on the practice's own columns and the number of
    results, from one aggregate grouped by host province (and a tiny query naming them).

    Each row counts its province's practices with every facet but the province applied
    (its count in the province facet) and, for each option of a column facet, with every
    facet but that one and the province applied. The relation facets (sector, visit, year)
    apply to every count, so they narrow the rows once instead of being tested in each count.
    Summing a column over the chosen provinces (or all, when none is chosen) then applies the
    province facet too.
    """
    relation_facets = [name for name in FACETS if name not in CHOICE_FACETS]
    aggregates = {
        "count": Count("pk", filter=filterset.conditions(exclude=relation_facets) or None)
    }
    for name, choices in CHOICE_FACETS.items():
        others = filterset.conditions(exclude=(*relation_facets, name))
        for value, _label in choices:
            aggregates[_choice_key(name, value)] = Count(
                "pk", filter=others & option_condition(name, value)
            )
    rows = list(
        base.filter(filterset.conditions(exclude=("province", *CHOICE_FACETS)))
        .values("host_province_id")
        .annotate(**aggregates)
        .order_by()
    )
    counts = {row["host_province_id"]: row["count"] for row in rows if row["count"]}
    named = Province.objects.filter(pk__in=list(counts)).order_by("name")
    provinces = {p.code: (p.name, counts[p.pk]) for p in named.only("pk", "code", "name")}
    chosen = {province.pk for province in filterset.selected("province")}
    in_results = [row for row in rows if not chosen or row["host_province_id"] in chosen]
    choices = {
        name: {
            value: (str(label), sum(row[_choice_key(name, value)] for row in in_results))
            for value, label in options
        }
        for name, options in CHOICE_FACETS.items()
    }
    return provinces, choices, sum(row["count"] for row in in_results)


def _counts_in_one_statement(matches: QuerySet) -> bool:
    # PostgreSQL only (SQLite keeps the per-facet queries), and only with something to match:
    # an empty search compiles to no SQL at all.
    return connections[matches.db].vendor == "postgresql" and not matches.query.is_empty()


def _match_counts(matches: QuerySet, *, page_number: int | None = None) -> tuple:
    """The counts of ``_facet_counts`` for a search without any chosen option, where every
    facet counts the same practices (the matches), in one statement on PostgreSQL.

    The separate aggregates would each test the search condition on every practice again
    (a sequential scan of the table, about 17 ms for 20,000 practices, four times). Here
    the matches are read once into a materialised CTE, and each facet groups that CTE (the
    sectors through the M2M table, the visits and years through the observations), its rows
    tagged ``(facet, key, name, English name, count, position)``. With ``page_number``,
    ``matches`` must be ranked (``search_rank``): the ids of that page in the relevance
    order (``ORDERINGS``) come from the same CTE, rather than from a query testing the search
    condition again. The CTE is the ORM's own query (the search condition and its parameters
    stay the ORM's), its columns named by position; the rest names only tables and columns
    of the models, and passes every value as a parameter.
    """
    connection = connections[matches.db]
    quote = connection.ops.quote_name
    options = [
        (name, value, *option_condition(name, value).children[0])
        for name, choices in CHOICE_FACETS.items()
        for value, _label in choices
    ]
    fields = list(dict.fromkeys(["pk", "host_province", *(option[2] for option in options)]))
    columns = ["id", "province_id", *(quote(name) for name in fields[2:])]
    page_sql, page_params = "", []
    if page_number is not None:
        # The annotation last: the ORM selects annotations after the columns.
        fields += ["title", "search_rank"]
        columns += ["title", "rank"]
        # The order of SortOrder.RELEVANCE; only the page's own rows are numbered.
        order = "ORDER BY rank DESC, title, id"
        page_sql = f"""
            UNION ALL
            SELECT 'page', id::text, NULL, NULL, 0, ROW_NUMBER() OVER ({order})
            FROM (SELECT id, rank, title FROM matches {order} LIMIT %s OFFSET %s) page
        """
        page_params = [PRACTICES_PER_PAGE, (page_number - 1) * PRACTICES_PER_PAGE]
    cte_sql, cte_params = matches.values_list(*fields).query.sql_with_params()

    def table(model):
        return quote(model._meta.db_table)

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    tagging = BestPractice.sectors.through
    counted_options = ", ".join(
        f"COUNT(*) FILTER (WHERE {quote(field)} = %s) AS c{index}"
        for index, (_name, _value, field, _wanted) in enumerate(options)
    )
    option_rows = ", ".join(f"('{index}', c.c{index})" for index in range(len(options)))
    sql = f"""
        WITH matches ({", ".join(columns)}) AS MATERIALIZED ({cte_sql}),
        observed AS MATERIALIZED (
            SELECT o.{column(PracticeObservation, "practice")} AS practice_id,
                v.{column(Visit, "id")} AS visit_id, v.{column(Visit, "start_date")} AS start_date
            FROM matches m
            JOIN {table(PracticeObservation)} o ON o.{column(PracticeObservation, "practice")} = m.id
            JOIN {table(Visit)} v ON v.{column(Visit, "id")} = o.{column(PracticeObservation, "visit")}
        )
        SELECT 'province', p.{column(Province, "code")}, p.{column(Province, "name")}, NULL,
            COUNT(*), ROW_NUMBER() OVER (ORDER BY p.{column(Province, "name")})
        FROM matches m JOIN {table(Province)} p ON p.{column(Province, "id")} = m.province_id
        GROUP BY p.{column(Province, "id")}
        UNION ALL
        SELECT 'sector', s.{column(Sector, "code")}, s.{column(Sector, "name")},
            s.{column(Sector, "name_en")}, COUNT(*),
            ROW_NUMBER() OVER (ORDER BY s.{column(Sector, "order")}, s.{column(Sector, "name")})
        FROM matches m
        JOIN {table(tagging)} t ON t.{column(tagging, "bestpractice")} = m.id
        JOIN {table(Sector)} s ON s.{column(Sector, "id")} = t.{column(tagging, "sector")}
        GROUP BY s.{column(Sector, "id")}
        UNION ALL
        SELECT 'visit', v.{column(Visit, "id")}::text, v.{column(Visit, "title")}, NULL, COUNT(*),
            ROW_NUMBER() OVER (
                ORDER BY v.{column(Visit, "start_date")} DESC, v.{column(Visit, "id")} DESC
            )
        FROM observed o JOIN {table(Visit)} v ON v.{column(Visit, "id")} = o.visit_id
        GROUP BY v.{column(Visit, "id")}
        UNION ALL
        -- A practice observed twice in one year counts once.
        SELECT 'year', o.year::text, NULL, NULL, COUNT(DISTINCT o.practice_id),
            ROW_NUMBER() OVER (ORDER BY o.year DESC)
        FROM (SELECT practice_id, EXTRACT(YEAR FROM start_date)::integer AS year FROM observed) o
        GROUP BY o.year
        UNION ALL
        SELECT 'option', x.key, NULL, NULL, x.count, 0
        FROM (SELECT COUNT(*) AS total, {counted_options} FROM matches) c
        CROSS JOIN LATERAL (VALUES ('total', c.total), {option_rows}) x (key, count)
        {page_sql}
    """
    params = [*cte_params, *(option[3] for option in options), *page_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = sorted(cursor.fetchall(), key=lambda row: row[5])
    counts = {name: {} for name in ("province", "sector", "visit", "year")}
    found = {}
    page_ids = [] if page_number is not None else None
    for facet, key, name, name_en, count, _position in rows:
        if facet == "page":
            page_ids.append(int(key))
        elif facet == "option":
            found[key] = count
        elif facet == "sector":
            counts[facet][key] = (_sector_name(name, name_en), count)
        else:
            counts[facet][key] = (name if name is not None else key, count)
    counts.update({name: {} for name in CHOICE_FACETS})
    for index, (name, value, _field, _wanted) in enumerate(options):
        label = dict(CHOICE_FACETS[name])[value]
        counts[name][value] = (str(label), found[str(index)])
    return counts, found["total"], page_ids


def _requested_page(number) -> int | None:
    """The page ``Paginator.get_page`` would first try for ``number`` when it is a page of
    results (1 for anything that is no number), or None when it is no page at all.
    """
    try:
        number = int(number) if number is not None else 1
    except (TypeError, ValueError):
        number = 1
    # Past the last page (or beyond any offset the database accepts) get_page falls back.
    return number if 1 <= number <= MAX_PREFETCHED_PAGE else None


def _choice_key(name: str, value: str) -> str:
    return f"facet_{name}_{value}"


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
