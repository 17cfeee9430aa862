"""The filters of the practices list, as a django-filter ``FilterSet``.

Every filter is a facet: several values of one facet widen the results (OR), different facets
narrow them (AND). Each facet becomes one condition on the practice table itself (relations
through ``pk__in`` subqueries, never joins), so that conditions combine freely and the facet
counts in ``best_practices.selectors`` can leave one facet out without duplicating rows.

Values that do not exist (an unknown province code, a year that is no number) invalidate
only their own facet: it is ignored and the page says so.
"""

from collections.abc import Iterable

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from benchmarking.models import Province, Visit
from best_practices import search
from best_practices.models import (
    QUALITY_FIELDS,
    BestPractice,
    PracticeObservation,
    PracticeStatus,
    Sector,
    ServiceQuality,
    Stage,
)

FIRST_YEAR, LAST_YEAR = 1945, 2100
MAX_CODE_LENGTH = 100


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    NEWEST = "newest", _("Newest")
    MOST_ADAPTED = "adapted", _("Most adapted")
    TITLE = "title", _("Title")


class Digital(models.TextChoices):
    YES = "yes", _("Digital")
    NO = "no", _("Not digital")


ORDERINGS = {
    SortOrder.RELEVANCE: ("-search_rank", "title", "pk"),
    SortOrder.NEWEST: ("-created_at", "-pk"),
    SortOrder.MOST_ADAPTED: ("-adaptation_count", "title", "pk"),
    SortOrder.TITLE: ("title", "pk"),
}

#: The facets, in the order the sidebar shows them.
FACETS = ("province", "sector", "visit", "year", "stage", "digital", "quality", "status")


class SearchField(forms.CharField):
    """The search box: any text is accepted and cleaned for the full-text search."""

    def to_python(self, value):
        return search.clean_query(super().to_python(value))


class YearsField(forms.Field):
    """Several years from the query string (``?year=2018&year=2019``), as sorted integers."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid_year": _("“%(value)s” is not a year between %(first)s and %(last)s."),
    }

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return sorted({self._year(item) for item in value})

    def _year(self, item) -> int:
        try:
            year = int(item)
        except (TypeError, ValueError):
            year = None
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                self.error_messages["invalid_year"],
                code="invalid_year",
                params={"value": str(item)[:20], "first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return year


class FacetModelField(django_filters.fields.ModelMultipleChoiceField):
    """Model choices from the query string; a value with control characters is invalid
    before it reaches the database (PostgreSQL refuses NUL bytes with an error).
    """

    def _check_values(self, value):
        for item in value:
            if search.has_control_characters(str(item)) or not self._fits_key(str(item)):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:20]},
                )
        return super()._check_values(value)

    def _fits_key(self, item: str) -> bool:
        # An id too large for a 64-bit integer makes SQLite raise OverflowError, not a miss.
        if self.to_field_name:
            return len(item) <= MAX_CODE_LENGTH
        return item.isascii() and item.isdecimal() and len(item) <= 19 and int(item) < 2**63


class FacetModelFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = FacetModelField


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class YearFilter(django_filters.Filter):
    field_class = YearsField


class PracticeFilterSet(django_filters.FilterSet):
    """Search, facets and sort order of ``/practices/``; ``best_practices.selectors`` owns it."""

    q = SearchFilter(label=_("Search"))
    province = FacetModelFilter(
        label=_("Host province"), queryset=Province.objects.all(), to_field_name="code"
    )
    sector = FacetModelFilter(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="code"
    )
    visit = FacetModelFilter(label=_("Visit"), queryset=Visit.objects.all())
    year = YearFilter(label=_("Year observed"))
    stage = django_filters.MultipleChoiceFilter(label=_("Stage"), choices=Stage.choices)
    digital = django_filters.MultipleChoiceFilter(label=_("Digital"), choices=Digital.choices)
    quality = django_filters.MultipleChoiceFilter(
        label=_("Public-service quality"), choices=ServiceQuality.choices
    )
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=PracticeStatus.choices)
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SortOrder.choices, empty_label=None
    )

    def __init__(self, data=None, queryset=None, *, user=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        #: Whose view of the proposals the "most adapted" order counts.
        self.user = user

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
        for name in FACETS:
            values = self.selected(name)
            if name not in excluded and values:
                condition &= facet_condition(name, values)
        return condition

    def searched(self, queryset):
        """``queryset`` narrowed by the search text, without ranking (for counting)."""
        return search.search_filter(queryset, self.query) if self.query else queryset

    def filter_queryset(self, queryset):
        if self.query:
            queryset = queryset.search(self.query)
        if self.sort_order == SortOrder.MOST_ADAPTED:
            queryset = queryset.with_adaptation_count(self.user)
        return queryset.filter(self.conditions()).order_by(*ORDERINGS[self.sort_order])

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


def facet_condition(name: str, values: list) -> Q:
    """The condition of facet ``name`` with ``values`` chosen (any of them matches)."""
    if name == "province":
        return Q(host_province__in=[province.pk for province in values])
    if name == "sector":
        tagged = BestPractice.sectors.through.objects.filter(
            sector__in=[sector.pk for sector in values]
        )
        return Q(pk__in=tagged.values("bestpractice_id"))
    if name == "visit":
        observed = PracticeObservation.objects.filter(visit__in=[visit.pk for visit in values])
        return Q(pk__in=observed.values("practice_id"))
    if name == "year":
        observed = PracticeObservation.objects.filter(visit__start_date__year__in=values)
        return Q(pk__in=observed.values("practice_id"))
    if name == "stage":
        return Q(stage__in=values)
    if name == "digital":
        return option_condition(name, values[0]) if len(set(values)) == 1 else Q()
    if name == "quality":
        condition = Q()
        for value in values:
            condition |= option_condition(name, value)
        return condition
    if name == "status":
        return Q(status__in=values)
    raise ValueError(name)


def option_condition(name: str, value: str) -> Q:
    """The condition of one option of a facet on the practice's own columns."""
    if name == "digital":
        return Q(is_digital=value == Digital.YES)
    if name == "quality":
        return Q(**{QUALITY_FIELDS[ServiceQuality(value)]: True})
    return Q(**{name: value})
