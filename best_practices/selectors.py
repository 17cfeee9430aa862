"""Reads of the practices list: the filtered list with its facet counts (a practice page: see
``best_practices.practice_page``).

Facet counts follow the usual rule of faceted search: the count beside an option is the number
of results with every other active facet applied plus that option. They come from the
in-memory bitsets of ``best_practices.facet_index`` (one tiny query while the catalog is
unchanged), whatever the number of options, facets chosen or rows. A search only names its
matches: one query for their ids. On PostgreSQL, a search with no option chosen also reads
its page of results in that same statement (``search.matches_and_page``; in every order but
"most adapted"), so the search condition is tested once.

A page of results is read in two steps: the ordered ids of the page (a narrow query, even
when it sorts by the number of adaptations over every match), then those rows with what the
cards show (``BestPracticeQuerySet.for_listing``), then the names of their sectors
(``BestPractice.load_sector_names``).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote_plus, urlencode

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.functional import Promise

from benchmarking.pagination import CountedPaginator, requested_page
from best_practices import search
from best_practices.facet_index import FacetIndex, current_index
from best_practices.facets import FACETS
from best_practices.filters import PracticeFilterSet
from best_practices.models import BestPractice, CatalogVersion
from best_practices.sort_orders import ORDERINGS, SortOrder

PRACTICES_PER_PAGE = 20

#: Options shown before the rest of a long facet is folded away.
FACET_VISIBLE_OPTIONS = 8


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
    #: The ids of every result, in the order asked for (an ``AdaptationRanking`` for "most
    #: adapted").
    ordered_ids: QuerySet
    total: int
    facets: list[Facet]
    query: str
    sort: SortOrder
    invalid_filters: list[str]
    clear_url: str
    #: ``(number, ids)``: the ids of one page when they were read with the search's matches,
    #: or None.
    page_ids: tuple[int | None, list[int]] | None = None

    @property
    def sort_choices(self) -> Sequence[tuple[str, str | Promise]]:
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


def catalog_token() -> str | None:
    """The catalog's version token (``CatalogVersion``): new with every change to what the
    facets count, so cached page parts that show the catalog are read again."""
    return CatalogVersion.current_token()


def practice_listing(*, data: QueryDict, user) -> PracticeListing:
    """The practices list for ``data`` (the query string) as ``user`` sees it."""
    filterset = PracticeFilterSet(data, queryset=BestPractice.objects.all(), user=user)
    invalid = [facet.name for facet in FACETS if facet.name in filterset.form.errors]
    # Links built from the query string leave the ignored values out, so they do not linger.
    data = data.copy()
    for name in invalid:
        data.pop(name)
    page_number = requested_page(data.get("page"))
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
    # "Most adapted" counted the page's adaptations to order it: the rows reuse those counts.
    counts = getattr(listing.ordered_ids, "adaptation_counts", None)
    if counts is not None and all(pk in counts for pk in ids):
        rows = BestPractice.objects.for_cards().in_bulk(ids)
        for pk, practice in rows.items():
            practice.adaptation_count = counts[pk]
    else:
        rows = BestPractice.objects.for_listing(user).in_bulk(ids)
    BestPractice.load_sector_names(rows.values())
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
    links = OptionLinks(
        [(key, value) for key, values in data.lists() if key != "page" for value in values]
    )
    facets = []
    for definition in FACETS:
        name = definition.name
        facet = Facet(name=name, label=str(definition.label))
        selected = {definition.value(value): value for value in filterset.selected(name)}
        options, facet.omitted = counts[name]
        for value, (label, count) in options.items():
            facet.options.append(_option(links, name, value, label, count, value in selected))
        for value, instance in selected.items():
            if value not in options:
                label = definition.label_of(instance)
                facet.options.append(_option(links, name, value, label, 0, True))
        facets.append(facet)
    return facets, total, page_ids


def _facet_counts(filterset: PracticeFilterSet, page_number: int | None) -> tuple:
    """The options every facet offers with their counts and how many it leaves out, by facet
    name, the number of results, and the ids of page ``page_number`` or None (see
    ``practice_facets``).
    """
    index = current_index(BestPractice.objects.db)
    scope, page_ids = _search_scope(filterset, index, page_number)
    chosen, selected = {}, {}
    for facet in FACETS:
        values = [facet.value(value) for value in filterset.selected(facet.name)]
        selected[facet.name] = set(values)
        if values:
            chosen[facet.name] = index.any_of(facet.name, values)

    def narrowed(exclude: str | None = None) -> int:
        bits = scope
        for name, union in chosen.items():
            if name != exclude:
                bits &= union
        return bits

    counts = {}
    for facet in FACETS:
        within = narrowed(exclude=facet.name)
        offered = facet.options(index.options[facet.name])
        if within == index.everything:
            whole = index.whole_counts
            found = ((value, label, whole.get((facet.name, value), 0)) for value, label in offered)
            counts[facet.name] = _offered(facet, found, int, selected[facet.name])
        else:
            # A generator: each option's results are tested, and counted or dropped, in turn.
            found = (
                (value, label, within & index.option(facet.name, value)) for value, label in offered
            )
            counts[facet.name] = _offered(facet, found, int.bit_count, selected[facet.name])
    return counts, narrowed().bit_count(), page_ids


def _offered(facet, found: Iterable, count, selected: set) -> tuple[dict, int]:
    """Of ``found`` (``(value, label, results)`` in the sidebar's order, the results a bitset or
    a count already counted), the options ``facet`` offers as ``value -> (label, count)``, and
    how many with results it leaves out; ``count`` gives the number of ``results``.

    Facets of related rows offer only the options that would give results, and a facet with a
    ``limit`` (the visits: one option per visit) the first ``limit`` of them besides the
    selected ones. Only those offered are counted; any other is only tested for a result, to be
    counted among those left out. Counting each of the 4,097 visits of ten times the national
    data was 30 ms of a filtered list or a search: a count reads the whole of a bitset as long
    as the practices.
    """
    kept: dict[str, tuple[str, int]] = {}
    omitted = 0
    for value, label, results in found:
        if not results and not facet.fixed:
            continue
        if facet.limit is None or len(kept) < facet.limit or value in selected:
            kept[value] = (label, count(results))
        else:
            omitted += 1
    return kept, omitted


def _search_scope(
    filterset: PracticeFilterSet, index: FacetIndex, page_number: int | None
) -> tuple[int, list[int] | None]:
    """The bitset of the practices the search matches (all without a search), and the ids
    of page ``page_number`` when they were read with the matches (else None).
    """
    if not filterset.query:
        return index.everything, None
    matches = filterset.searched(BestPractice.objects.order_by())
    ordering = ORDERINGS[filterset.sort_order]
    if (
        ordering.with_matches
        and page_number is not None
        and not filterset.conditions()
        and search.reads_page_with_matches(matches)
    ):
        if filterset.sort_order == SortOrder.RELEVANCE:
            matches = BestPractice.objects.order_by().search(filterset.query)
        ids, page_ids = search.matches_and_page(
            matches,
            ordering=ordering,
            limit=PRACTICES_PER_PAGE,
            offset=(page_number - 1) * PRACTICES_PER_PAGE,
        )
        return index.bitset_of(ids), page_ids
    return index.bitset_of(matches.values_list("pk", flat=True)), None


class OptionLinks:
    """The links of the facet options: the query string (``pairs``, without the page) with one
    option switched on or off.

    The query string is encoded once for the hundred-odd options of a page: an option that is
    not chosen only adds itself to it.
    """

    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = pairs
        self.prefix = f"?{urlencode(pairs)}&" if pairs else "?"

    def toggled(self, name: str, value: str) -> str:
        option = (name, value)
        if option in self.pairs:
            rest = [pair for pair in self.pairs if pair != option]
            return "?" + urlencode(rest) if rest else "?"
        return f"{self.prefix}{quote_plus(name)}={quote_plus(value)}"


def _option(links: OptionLinks, name: str, value: str, label: str, count: int, selected: bool):
    return FacetOption(
        value=value,
        label=label,
        count=count,
        selected=selected,
        url=links.toggled(name, value),
    )


def _querystring(data: QueryDict, keep: tuple[str, ...]) -> str:
    query = QueryDict(mutable=True)
    for name in keep:
        if data.getlist(name):
            query.setlist(name, data.getlist(name))
    return "?" + query.urlencode() if query else "?"
