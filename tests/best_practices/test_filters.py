"""The FilterSet of the practices list: values, conditions, defaults and invalid input."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.utils import timezone

from best_practices.filters import PracticeFilterSet, SortOrder
from best_practices.models import BestPractice, Stage
from best_practices.querysets import UnsharedOnKeptRanking
from best_practices.selectors import practice_listing, practice_page
from participants.models import ProposalStatus
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    UserFactory,
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


@pytest.fixture
def adapted_catalogue():
    """25 practices adapted 0 to 3 times by approved proposals, some also by an owner's draft,
    with shared titles so that the id breaks ties.
    """
    owner = UserFactory(username="pemilik")
    draft = ChangeProposalFactory(participant=ParticipantFactory(user=owner))
    for number in range(25):
        practice = BestPracticeFactory(
            title=f"Praktik {number % 7}",
            host_province=province("35" if number % 3 else "33"),
            summary="Layanan aduan." if number % 4 else "Pasar rakyat.",
        )
        for _approval in range(number % 4):
            proposal = ChangeProposalFactory(
                status=ProposalStatus.APPROVED, submitted_at=timezone.now()
            )
            PracticeAdaptationFactory(proposal=proposal, practice=practice)
        if number % 5 == 0:
            PracticeAdaptationFactory(proposal=draft, practice=practice)
    return {
        "owner": owner,
        "other participant": ParticipantFactory(user=UserFactory()).user,
        "staff": UserFactory(is_staff=True),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("counted_in_the_database", [False, True])
@pytest.mark.parametrize("who", ["owner", "other participant", "staff", "anonymous"])
@pytest.mark.parametrize("query", ["sort=adapted", "sort=adapted&province=35&q=layanan"])
def test_most_adapted_pages_follow_the_order_of_the_counted_queryset(
    adapted_catalogue, monkeypatch, who, query, counted_in_the_database
):
    """The same order whether the owner's draft is added to the kept counts (pages near the
    top) or every adaptation they may read is counted (deep pages, many unshared ones)."""
    if counted_in_the_database:
        monkeypatch.setattr(UnsharedOnKeptRanking, "MERGE_DEPTH", 0)
    filterset = PracticeFilterSet(
        QueryDict(query), queryset=BestPractice.objects.all(), user=adapted_catalogue[who]
    )
    expected = list(filterset.qs.values_list("pk", flat=True))

    ranking = filterset.ordered_ids()
    pages = [*ranking[0:10], *ranking[10:20], *ranking[20:30]]

    assert len(expected) > 10
    assert pages == expected
    assert list(ranking[3:]) == expected[3:]
    assert list(ranking[5:5]) == []


@pytest.mark.parametrize("who", ["owner", "other participant", "staff", "anonymous"])
@pytest.mark.parametrize("number", [1, 2])
def test_most_adapted_pages_show_the_counts_the_user_may_see(adapted_catalogue, who, number):
    """The page's rows take their counts from the ranking: the same as counted for the list."""
    user = adapted_catalogue[who]
    listing = practice_listing(data=QueryDict("sort=adapted"), user=user)
    counted = dict(
        BestPractice.objects.with_adaptation_count(user).values_list("pk", "adaptation_count")
    )

    rows = practice_page(listing=listing, number=number, user=user).object_list

    assert rows
    assert [(row.pk, row.adaptation_count) for row in rows] == [
        (row.pk, counted[row.pk]) for row in rows
    ]


def test_chosen_facet_values_are_lists_and_none_chosen_is_an_empty_one(practices):
    filterset = filtered("province=35&province=33")

    assert filterset.form.is_valid()
    chosen = filterset.form.cleaned_data["province"]
    assert type(chosen) is list
    assert sorted(province.code for province in chosen) == ["33", "35"]
    nothing = filtered("")
    assert nothing.form.is_valid()
    assert nothing.form.cleaned_data["sector"] == []


def test_filter_sets_share_their_form_class_but_not_their_input(practices):
    refused = filtered("province=99")
    accepted = filtered("province=35")

    assert type(refused.form) is type(accepted.form)
    assert list(refused.form.errors) == ["province"]
    assert not accepted.form.errors
    assert [province.code for province in accepted.selected("province")] == ["35"]
    assert titles(accepted) == ["Loket terpadu"]
    assert titles(refused) == ["Aplikasi perizinan", "Loket terpadu"]
