"""The FilterSet of the practices list: values, conditions, defaults and invalid input."""

import pytest
from django.http import QueryDict

from best_practices.filters import PracticeFilterSet, SortOrder
from best_practices.models import BestPractice, Stage
from tests.factories import (
    BestPracticeFactory,
    PracticeObservationFactory,
    VisitFactory,
    province,
    sector,
)

pytestmark = pytest.mark.django_db


def filtered(query: str) -> PracticeFilterSet:
    return PracticeFilterSet(QueryDict(query), queryset=BestPractice.objects.for_listing(user=None))


def titles(filterset: PracticeFilterSet) -> list[str]:
    return sorted(practice.title for practice in filterset.qs)


@pytest.fixture
def practices():
    return {
        "digital": BestPracticeFactory(
            title="Aplikasi perizinan", is_digital=True, improves_ease=True
        ),
        "paper": BestPracticeFactory(
            title="Loket terpadu",
            host_province=province("35"),
            sectors=[sector("penanaman-modal")],
            stage=Stage.TRIAL,
            improves_speed=True,
            improves_accountability=True,
        ),
    }


def test_an_empty_query_lists_everything_newest_first(practices):
    filterset = filtered("")

    assert filterset.sort_order == SortOrder.NEWEST
    assert [p.title for p in filterset.qs] == ["Loket terpadu", "Aplikasi perizinan"]


def test_searching_sorts_by_relevance_unless_told_otherwise(practices):
    assert filtered("q=loket").sort_order == SortOrder.RELEVANCE
    assert filtered("q=loket&sort=title").sort_order == SortOrder.TITLE
    # Relevance without a search means nothing: the default applies.
    assert filtered("sort=relevance").sort_order == SortOrder.NEWEST


def test_values_of_one_facet_widen_and_facets_narrow(practices):
    assert titles(filtered("quality=easy&quality=accountable")) == [
        "Aplikasi perizinan",
        "Loket terpadu",
    ]
    assert titles(filtered("quality=easy&province=35")) == []
    assert titles(filtered("province=33&province=35&stage=trial")) == ["Loket terpadu"]


def test_year_observed_is_the_year_of_a_visit(practices):
    visit = VisitFactory(start_date="2021-03-01", end_date="2021-03-02")
    PracticeObservationFactory(practice=practices["paper"], visit=visit)

    assert titles(filtered("year=2021")) == ["Loket terpadu"]
    assert titles(filtered("year=2018")) == []


def test_conditions_can_leave_one_facet_out(practices):
    filterset = filtered("province=35&quality=easy")

    without_province = BestPractice.objects.filter(filterset.conditions(exclude="province"))
    without_quality = BestPractice.objects.filter(filterset.conditions(exclude="quality"))

    assert [p.title for p in without_province] == ["Aplikasi perizinan"]
    assert [p.title for p in without_quality] == ["Loket terpadu"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("year=abc", "year", "“abc” bukan tahun antara 1945 dan 2100."),
        ("year=1900", "year", "“1900” bukan tahun antara 1945 dan 2100."),
        ("province=99", "province", "99"),
        ("visit=1e5", "visit", "1e5"),
        ("sector=%00", "sector", ""),
    ],
)
def test_an_invalid_facet_is_reported_and_left_out(practices, query, field, message):
    filterset = filtered(query)

    assert message in " ".join(filterset.form.errors[field])
    assert filterset.selected(field) == []
    assert titles(filterset) == ["Aplikasi perizinan", "Loket terpadu"]


def test_a_valid_facet_still_applies_beside_an_invalid_one(practices):
    filterset = filtered("province=35&year=never")

    assert list(filterset.form.errors) == ["year"]
    assert titles(filterset) == ["Loket terpadu"]
