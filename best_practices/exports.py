"""The practices list as a spreadsheet: the same filters and order as ``/practices/``."""

from collections.abc import Iterator

from django.http import QueryDict
from django.utils.translation import gettext

from best_practices.filters import PracticeFilterSet
from best_practices.models import BestPractice

#: Practices read from the database at a time, so a national export stays within memory.
CHUNK_SIZE = 1000


def practice_export_rows(*, data: QueryDict, user, absolute_url=str) -> Iterator[list]:
    """The header row, then a row per practice of the list that ``data`` filters;
    ``absolute_url`` makes a page's path a full link."""
    filterset = PracticeFilterSet(data, queryset=BestPractice.objects.all(), user=user)
    practices = (
        filterset.qs.select_related("host_province", "host_agency")
        .prefetch_related("sectors")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    yield [
        gettext("Title"),
        gettext("Summary"),
        gettext("Host province"),
        gettext("Province code"),
        gettext("Host agency"),
        gettext("Sectors"),
        gettext("Year started"),
        gettext("Stage"),
        gettext("Key to success"),
        gettext("Replication prerequisites"),
        gettext("Link"),
    ]
    for practice in practices:
        yield [
            practice.title,
            practice.summary,
            practice.host_province.name,
            practice.host_province.code,
            practice.host_agency.name if practice.host_agency else "",
            "; ".join(sector.name for sector in practice.sectors.all()),
            practice.year_started,
            practice.get_stage_display(),
            practice.key_to_success,
            practice.replication_prerequisites,
            absolute_url(practice.get_absolute_url()),
        ]
