"""The facet index: its counts follow every change of the catalog, and only such changes."""

import datetime
import gc

import pytest
from django.urls import reverse

from benchmarking.models import Province, Visit
from best_practices import facet_index
from best_practices.models import (
    BestPractice,
    CatalogVersion,
    PracticeObservation,
    Sector,
    Stage,
)
from tests.best_practices.views.test_practices import facet_counts
from tests.factories import (
    BestPracticeFactory,
    PracticeObservationFactory,
    VisitFactory,
    province,
    sector,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("best_practices:practice-list")


def token() -> str:
    return CatalogVersion.objects.get(pk=1).token


@pytest.fixture
def practice():
    practice = BestPracticeFactory(sectors=[sector("kominfo")])
    PracticeObservationFactory(practice=practice)
    return practice


def _rename_visit(practice):
    Visit.objects.filter(observations__practice=practice).update(title="Kunjungan baru")


CHANGES = {
    "a new practice": lambda practice: BestPracticeFactory(),
    "practices added in bulk": lambda practice: BestPractice.objects.bulk_create(
        [BestPractice(title="Baru", slug="baru", summary="-", host_province=province("31"))]
    ),
    "a practice's stage": lambda practice: BestPractice.objects.filter(pk=practice.pk).update(
        stage=Stage.TRIAL
    ),
    "a practice's province": lambda practice: BestPractice.objects.filter(pk=practice.pk).update(
        host_province=province("31")
    ),
    "a practice's proven adaptations": lambda practice: BestPractice.objects.filter(
        pk=practice.pk
    ).update(proven_adaptation_count=2),
    "a practice deleted": lambda practice: practice.delete(),
    "a sector added to a practice": lambda practice: practice.sectors.add(sector("kesehatan")),
    "a sector taken off a practice": lambda practice: practice.sectors.clear(),
    "an observation added": lambda practice: PracticeObservationFactory(practice=practice),
    "an observation deleted": lambda practice: PracticeObservation.objects.all().delete(),
    "a visit renamed": _rename_visit,
    "a visit moved": lambda practice: Visit.objects.update(start_date=datetime.date(2001, 1, 1)),
    "a province renamed": lambda practice: Province.objects.filter(code="33").update(name="Jateng"),
    "a sector renamed": lambda practice: Sector.objects.filter(code="kominfo").update(
        name_en="ICT"
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_every_change_that_moves_a_count_changes_the_token(practice, change):
    before = token()

    CHANGES[change](practice)

    assert token() != before


def test_a_change_the_counts_do_not_show_keeps_the_token(practice):
    before = token()

    BestPractice.objects.filter(pk=practice.pk).update(
        title="Judul baru", description="Uraian baru"
    )

    assert token() == before


def test_the_list_counts_follow_a_change_of_the_catalog(client, practice):
    assert facet_counts(client.get(LIST_URL))[("province", "33")] == 1

    BestPractice.objects.filter(pk=practice.pk).update(host_province=province("31"))
    practice.sectors.add(sector("kesehatan"))
    moved = facet_counts(client.get(LIST_URL))

    assert ("province", "33") not in moved
    assert moved[("province", "31")] == 1
    assert moved[("sector", "kesehatan")] == 1


def test_a_renamed_visit_shows_its_new_name(client, practice):
    client.get(LIST_URL)
    _rename_visit(practice)

    assert "Kunjungan baru" in client.get(LIST_URL).content.decode()


def test_an_index_read_while_the_catalog_changed_is_not_kept(monkeypatch, practice):
    """A commit between the reads of the index: the build is read again, and the index kept
    is the new state's.
    """
    build = facet_index._build
    calls = []

    def build_while_a_practice_is_added(using, token):
        index = build(using, token)
        calls.append(token)
        if len(calls) == 1:
            BestPracticeFactory(host_province=province("31"))
        return index

    monkeypatch.setattr(facet_index, "_build", build_while_a_practice_is_added)
    CatalogVersion.objects.filter(pk=1).update(token="before")

    index = facet_index.current_index()

    assert len(calls) == 2
    assert index.token == token() != "before"
    assert index.option("province", "31").bit_count() == 1
    assert facet_index.current_index() is index  # kept: no third read


def test_without_a_token_the_index_is_read_for_each_request(
    client, practice, django_assert_num_queries
):
    CatalogVersion.objects.all().delete()  # as a flushed test database has it
    client.get(LIST_URL)

    # The token (none), the index (practices, provinces, sectors, their tagging, the
    # observations, the visits), the token again, the ids of the page, its rows, their sectors.
    with django_assert_num_queries(11):
        counts = facet_counts(client.get(LIST_URL))

    assert counts[("province", "33")] == 1
    assert counts[("sector", "kominfo")] == 1


def test_ids_the_index_does_not_know_are_left_out(practice):
    index = facet_index.current_index()

    assert index.bitset_of([practice.pk]) == 1
    assert index.bitset_of([practice.pk + 1000, practice.pk]) == 1
    assert index.bitset_of([]) == 0


def test_a_practice_observed_twice_in_a_year_is_one_bit_of_that_year(practice):
    visit = practice.observations.get().visit
    PracticeObservationFactory(practice=practice, visit=VisitFactory(start_date=visit.start_date))

    index = facet_index.current_index()

    assert index.option("year", str(visit.start_date.year)).bit_count() == 1
    assert index.years == [str(visit.start_date.year)]


def test_a_change_after_the_token_was_flushed_writes_it_again(practice):
    CatalogVersion.objects.all().delete()

    practice.sectors.add(sector("kesehatan"))  # INSERT OR IGNORE on SQLite

    assert CatalogVersion.objects.get(pk=1).token


@pytest.mark.parametrize("positions", [[], [0], [3, 64, 65], list(range(0, 200, 7)), [199]])
def test_a_bitset_has_exactly_the_bits_of_its_positions(positions):
    """Both ways of building one (few positions, many positions) give the same number."""
    expected = sum(1 << position for position in positions)

    assert facet_index._bitset(positions, 200) == expected
    assert facet_index._bitset(iter(positions), 200) == expected


def test_the_collector_is_paused_only_while_the_index_is_read(monkeypatch, practice):
    seen = []
    build = facet_index._build
    monkeypatch.setattr(
        facet_index, "_build", lambda *args: seen.append(gc.isenabled()) or build(*args)
    )
    CatalogVersion.objects.filter(pk=1).update(token="changed")

    facet_index.current_index()

    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused(practice):
    CatalogVersion.objects.filter(pk=1).update(token="changed again")
    gc.disable()
    try:
        facet_index.current_index()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("distinct", [1, 3, 254, 300])
def test_a_column_gives_each_value_the_bits_of_its_positions(distinct):
    """Both ways of grouping a column (one byte per practice, or in Python past 256 values)."""
    values = [position % distinct for position in range(700)] + [None, "stage"]
    reader = facet_index.CatalogReader.__new__(facet_index.CatalogReader)
    reader.size, reader._columns = len(values), {"column": values}
    expected = {}
    for position, value in enumerate(values):
        expected[value] = expected.get(value, 0) | 1 << position

    assert reader.column_bits("column") == expected


def test_the_whole_catalog_counts_are_counted_again_for_a_changed_catalog(practice):
    BestPracticeFactory(host_province=province("31"), sectors=[sector("kominfo")])
    before = facet_index.current_index()

    assert before.whole_counts[("province", "33")] == 1
    assert before.whole_counts[("sector", "kominfo")] == 2

    practice.delete()
    after = facet_index.current_index()

    assert after is not before
    assert ("province", "33") not in after.whole_counts
    assert after.whole_counts[("sector", "kominfo")] == 1
    assert after.whole_counts[("province", "31")] == 1


def test_an_unfiltered_list_counts_what_a_filtered_one_counts(client, practice):
    """The first page's counts come from ``whole_counts``; with a search the same options are
    counted by intersecting: both give the same numbers."""
    BestPracticeFactory(host_province=province("31"), sectors=[sector("kesehatan")])

    unfiltered = facet_counts(client.get(LIST_URL))
    searched = facet_counts(client.get(LIST_URL, {"q": practice.title.split()[0]}))

    assert unfiltered[("province", "33")] == 1
    assert unfiltered[("province", "31")] == 1
    assert unfiltered[("sector", "kesehatan")] == 1
    assert searched[("province", "33")] == unfiltered[("province", "33")]
