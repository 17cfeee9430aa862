"""The visit list's filters: host province, training institution and year.

Every filter state lives in the query string (``?host_province=33&institution=4&year=2018``),
so that a filtered list can be shared. An unknown value is a form error on that field and
the other filters still apply.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from benchmarking.models import Institution, Province, Visit
from benchmarking.widgets import QuickSelect


def visit_years():
    """The years in which visits started, newest first, as choices."""
    return [
        (str(day.year), str(day.year)) for day in Visit.objects.dates("start_date", "year", "DESC")
    ]


class VisitFilter(django_filters.FilterSet):
    host_province = django_filters.ModelChoiceFilter(
        label=_("Host province"),
        queryset=Province.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("All provinces"),
        widget=QuickSelect,
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("Training institution"),
        field_name="cohort__institution",
        queryset=Institution.objects.order_by("name"),
        empty_label=_("All institutions"),
        widget=QuickSelect,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="start_date",
        lookup_expr="year",
        choices=[],
        empty_label=_("All years"),
        widget=QuickSelect,
    )

    class Meta:
        model = Visit
        fields = ["host_province", "institution", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read the years once per request: a callable would be queried again for rendering.
        self.filters["year"].extra["choices"] = visit_years()
