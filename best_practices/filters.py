"""The filters of the practices list, as a django-filter ``FilterSet``: the search box, one
filter per facet of ``best_practices.facets`` and the sort order.

Values that do not exist (an unknown province code, a year that is no number) invalidate
only their own facet: it is ignored and the page says so.
"""

from collections.abc import Iterable

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from best_practices import search
from best_practices.facets import FACETS
from best_practices.filter_fields import SearchFilter
from best_practices.sort_orders import ORDERINGS, SortOrder

__all__ = ["PracticeFilterSet", "SortOrder"]


#: The form class of each filter set class (see ``PracticeFilterSet.get_form_class``).
_form_classes: dict[type, type] = {}


class PracticeFilterSet(django_filters.FilterSet):
    """Search, facets and sort order of ``/practices/``; ``best_practices.selectors`` owns it."""

    q = SearchFilter(label=_("Search"))
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SortOrder.choices, empty_label=None
    )

    def __init__(self, data=None, queryset=None, *, user=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        #: Whose view of the proposals the "most adapted" order counts.
        self.user = user

    def get_form_class(self):
        """The form that validates the query string, built once for each filter set class.

        django-filter builds a new form class for every filter set, which is a third of its
        cost on each page of the list (about 0.2 ms). The fields here depend on no request or
        user, and each form still copies them, so one class serves every request.
        """
        form_class = _form_classes.get(type(self))
        if form_class is None:
            form_class = _form_classes.setdefault(type(self), super().get_form_class())
        return form_class

    @classmethod
    def get_filters(cls):
        """The declared filters with a filter per facet between the search and the sort."""
        filters = super().get_filters()
        sort = filters.pop("sort")
        for facet in FACETS:
            filters[facet.name] = facet.filter()
            filters[facet.name].field_name = facet.name
        filters["sort"] = sort
        return filters

    @property
    def query(self) -> str:
        """The cleaned search text ("" when not searching)."""
        return self._cleaned().get("q") or ""

    @property
    def sort_order(self) -> SortOrder:
        """The sort order asked for, or the default: relevance when searching, else newest."""
        sort = self._cleaned().get("sort")
        if sort == SortOrder.RELEVANCE and not self.query:
            sort = None
        if not sort:
            return SortOrder.RELEVANCE if self.query else SortOrder.NEWEST
        return SortOrder(sort)

    def selected(self, name: str) -> list:
        """The valid values chosen for facet ``name`` (model instances, years or codes)."""
        return list(self._cleaned().get(name) or [])

    def conditions(self, exclude: str | Iterable[str] = ()) -> Q:
        """The active facets as one condition, leaving out facet ``exclude`` (a name, or
        several).
        """
        excluded = {exclude} if isinstance(exclude, str) else set(exclude)
        condition = Q()
        for facet in FACETS:
            values = self.selected(facet.name)
            if facet.name not in excluded and values:
                condition &= facet.condition(values)
        return condition

    def searched(self, queryset):
        """``queryset`` narrowed by the search text, without ranking (for counting)."""
        return search.search_filter(queryset, self.query) if self.query else queryset

    def filter_queryset(self, queryset):
        if self.query:
            queryset = queryset.search(self.query)
        if self.sort_order == SortOrder.MOST_ADAPTED:
            queryset = queryset.with_adaptation_count(self.user)
        return queryset.filter(self.conditions()).order_by(*ORDERINGS[self.sort_order].fields)

    def ordered_ids(self):
        """The ids of the results in the order asked for, to be sliced into pages.

        The same order as ``qs``; "most adapted" is read by
        ``BestPracticeQuerySet.ids_by_adaptations``, which counts the adaptations before
        joining them to the practices instead of grouping every practice.
        """
        if self.sort_order != SortOrder.MOST_ADAPTED:
            return self.qs.values_list("pk", flat=True)
        return self.searched(self.queryset).filter(self.conditions()).ids_by_adaptations(self.user)

    def _cleaned(self) -> dict:
        if not self.is_bound:
            return {}
        # Validates once; an invalid facet is left out of cleaned_data, so it is not applied.
        self.form.is_valid()
        return self.form.cleaned_data
