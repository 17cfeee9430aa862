"""Named querysets of the ground floor: the counts of related rows on cards and lists, and
the order visits are read in, with what PostgreSQL reads for them."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from benchmarking.models import Province, Visit
from tests.factories import (
    BestPracticeFactory,
    PracticeObservationFactory,
    VisitFactory,
    province,
)

pytestmark = pytest.mark.django_db

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="reads PostgreSQL's query plan"
)


def plan_of(queryset, *settings: str) -> str:
    """PostgreSQL's plan for ``queryset``'s statement, under ``SET LOCAL`` ``settings``."""
    with CaptureQueriesContext(connection) as queries:
        list(queryset)
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute("EXPLAIN " + queries.captured_queries[-1]["sql"])
        return "\n".join(row[0] for row in cursor.fetchall())


def test_each_province_counts_its_own_practices_and_hosted_visits():
    jateng, lampung, bali = province("33"), province("18"), province("51")
    BestPracticeFactory.create_batch(3, host_province=jateng)
    BestPracticeFactory(host_province=bali)
    VisitFactory(host_province=bali)
    VisitFactory.create_batch(2, host_province=bali)

    counts = {
        row.code: (row.practice_count, row.visit_count)
        for row in Province.objects.for_listing().filter(pk__in=[jateng.pk, lampung.pk, bali.pk])
    }

    assert counts == {"33": (3, 0), "18": (0, 0), "51": (1, 3)}


def test_each_visit_counts_the_practices_observed_on_it():
    seen, unseen = VisitFactory(), VisitFactory()
    for practice in BestPracticeFactory.create_batch(2):
        PracticeObservationFactory(visit=seen, practice=practice)

    counts = dict(Visit.objects.for_listing().values_list("pk", "practice_count"))

    assert counts == {seen.pk: 2, unseen.pk: 0}


@needs_postgres
def test_a_count_reads_the_counted_table_alone():
    """Each count reads the practices or the visits by their province, not the provinces
    again joined to them: one scan of the provinces in the whole plan, the outer one."""
    BestPracticeFactory(host_province=province("33"))
    VisitFactory(host_province=province("33"))

    plan = plan_of(Province.objects.for_listing())

    assert plan.count(" on benchmarking_province") == 1, plan
    assert " on best_practices_bestpractice" in plan
    assert " on benchmarking_visit" in plan


@needs_postgres
def test_the_newest_visits_are_read_from_an_index_not_sorted():
    """Home and the visit list show the newest visits first: PostgreSQL reads them in that
    order from ``visit_newest_first``. A few test rows are cheaper to sort than to read by
    an index; forbidding both shows that the index serves the order."""
    for day in (3, 1, 2):
        VisitFactory(start_date=datetime.date(2024, 5, day), end_date=datetime.date(2024, 5, 9))

    plan = plan_of(Visit.objects.for_listing()[:5], "enable_seqscan = off", "enable_sort = off")

    assert "Index Scan using visit_newest_first on benchmarking_visit" in plan, plan
    assert "Sort" not in plan, plan
    newest = Visit.objects.for_listing()[:5]
    assert [visit.start_date.day for visit in newest] == [3, 2, 1]
