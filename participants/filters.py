"""The review queue's filters: by status and by cohort, in the query string."""

import django_filters
from django.utils.translation import gettext_lazy as _

from benchmarking.models import Cohort
from benchmarking.widgets import QuickSelect
from participants import permissions
from participants.models import ChangeProposal, ProposalStatus


def queue_cohorts(user):
    """The cohorts of the proposals assigned to ``user``: the cohort filter's choices."""
    facilitator = permissions.facilitator_of(user)
    if facilitator is None:
        return Cohort.objects.none()
    return (
        Cohort.objects.filter(
            permissions.assigned_q(facilitator, prefix="participants__proposals__")
        )
        .select_related("institution")
        .distinct()
    )


class ReviewQueueFilter(django_filters.FilterSet):
    """The review queue's filters: status, and the cohorts of ``user``'s assigned proposals."""

    status = django_filters.ChoiceFilter(
        label=_("status"),
        choices=ProposalStatus.choices,
        empty_label=_("All statuses"),
        widget=QuickSelect,
    )
    cohort = django_filters.ModelChoiceFilter(
        label=_("cohort"),
        field_name="participant__cohort",
        queryset=Cohort.objects.none(),
        empty_label=_("All cohorts"),
        widget=QuickSelect,
    )

    class Meta:
        model = ChangeProposal
        fields = ["status", "cohort"]

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["cohort"].queryset = queue_cohorts(user)
