"""The visit list's filters: each one alone, together, and with values that do not exist."""

import datetime

import pytest
from django.http import QueryDict

from benchmarking.filters import VisitFilter, visit_years
from benchmarking.models import Visit
from tests.factories import CohortFactory, InstitutionFactory, VisitFactory, province

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits():
    lampung = InstitutionFactory(name="BPSDM Provinsi Lampung", province=province("18"))
    bali = InstitutionFactory(name="BPSDM Provinsi Bali", province=province("51"))
    return {
        "lampung_jateng_2018": VisitFactory(
            cohort=CohortFactory(institution=lampung),
            host_province=province("33"),
            start_date=datetime.date(2018, 8, 28),
            end_date=datetime.date(2018, 8, 28),
        ),
        "lampung_jatim_2019": VisitFactory(
            cohort=CohortFactory(institution=lampung, year=2019),
            host_province=province("35"),
            start_date=datetime.date(2019, 9, 10),
            end_date=datetime.date(2019, 9, 11),
        ),
        "bali_jateng_2019": VisitFactory(
            cohort=CohortFactory(institution=bali, year=2019),
            host_province=province("33"),
            start_date=datetime.date(2019, 3, 5),
            end_date=datetime.date(2019, 3, 5),
        ),
    }


def filtered(query: str):
    filterset = VisitFilter(QueryDict(query), queryset=Visit.objects.for_listing())
    return filterset, {visit.pk for visit in filterset.qs}


def pks(visits, *names):
    return {visits[name].pk for name in names}


def test_host_province_by_its_code(visits):
    _filterset, found = filtered("host_province=33")

    assert found == pks(visits, "lampung_jateng_2018", "bali_jateng_2019")


def test_institution(visits):
    lampung = visits["lampung_jateng_2018"].cohort.institution

    _filterset, found = filtered(f"institution={lampung.pk}")

    assert found == pks(visits, "lampung_jateng_2018", "lampung_jatim_2019")


def test_year_of_the_visit(visits):
    _filterset, found = filtered("year=2019")

    assert found == pks(visits, "lampung_jatim_2019", "bali_jateng_2019")


def test_filters_combine(visits):
    lampung = visits["lampung_jateng_2018"].cohort.institution

    _filterset, found = filtered(f"host_province=33&institution={lampung.pk}&year=2018")

    assert found == pks(visits, "lampung_jateng_2018")


def test_no_filter_gives_every_visit(visits):
    _filterset, found = filtered("")

    assert found == pks(visits, *visits)


@pytest.mark.parametrize(
    "query",
    [
        "host_province=999",
        "host_province=<script>",
        "institution=abc",
        "institution=-1",
        "year=abc",
        "year=1900",
    ],
)
def test_an_unknown_value_is_an_error_on_its_field_and_ignored(visits, query):
    filterset, found = filtered(query)

    field = query.split("=")[0]
    assert not filterset.is_valid()
    assert list(filterset.errors) == [field]
    assert found == pks(visits, *visits)


def test_a_bad_value_does_not_cancel_the_good_ones(visits):
    filterset, found = filtered("host_province=33&year=abc")

    assert list(filterset.errors) == ["year"]
    assert found == pks(visits, "lampung_jateng_2018", "bali_jateng_2019")


def test_year_choices_are_the_years_with_visits_newest_first(visits):
    assert visit_years() == [("2019", "2019"), ("2018", "2018")]
