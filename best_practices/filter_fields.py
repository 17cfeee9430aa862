"""The form fields and django-filter filters of the practices list: invalid input is refused
by its own field, so it leaves out only its own facet (see ``best_practices.filters``).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from best_practices import search

FIRST_YEAR, LAST_YEAR = 1945, 2100
MAX_CODE_LENGTH = 100


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

    def clean(self, value):
        """The chosen instances as a list, an empty one when none is chosen.

        Django gives an empty ``queryset.none()`` instead: asking whether it holds anything
        compiles its SQL, about 0.1 ms for each facet of every page of the list.
        """
        if not value and not self.required:
            return []
        return list(super().clean(value))

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
