"""The facet index catches up with changed practices (PostgreSQL): what it holds afterwards is
exactly what reading it whole gives, whatever the change, and it is read whole when it must be.

These tests commit (``transaction=True``): a catch-up compares transaction ids, so the writes
must be committed ones, as in production.
"""

import datetime

import psycopg2
import pytest
from django.db import connection, transaction

from best_practices import facet_index
from best_practices.models import BestPractice, Stage
from tests.best_practices.test_facet_index import CHANGES
from tests.factories import BestPracticeFactory, PracticeObservationFactory, province, sector

pytestmark = pytest.mark.django_db(transaction=True)

#: Changes to the tables that name the options: the index is read whole after them (the
#: observation added is made on a new visit).
OPTION_CHANGES = {
    "a visit renamed",
    "a visit moved",
    "a province renamed",
    "a sector renamed",
    "an observation added",
}

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no transaction ids: read whole"
)


@pytest.fixture
def practice():
    """One practice with a sector and an observation, among eight others (so that one changed
    practice is well under the share a catch-up reads)."""
    BestPracticeFactory.create_batch(8, sectors=[sector("kesehatan")])
    practice = BestPracticeFactory(sectors=[sector("kominfo")])
    PracticeObservationFactory(practice=practice)
    return practice


def contents(index: facet_index.FacetIndex) -> dict:
    """What the index says, by practice id (positions differ between a catch-up and a read)."""
    pk_at = {position: pk for pk, position in index.positions.items()}

    def ids(found: int) -> list[int]:
        return sorted(pk_at[position] for position in facet_index._positions_of(found))

    return {
        "everything": ids(index.everything),
        "bits": {key: ids(found) for key, found in index.bits.items() if found},
        "options": index.options,
    }


def expected_catch_ups(before: facet_index.FacetIndex, change: str) -> int:
    if connection.vendor == "postgresql" and change not in OPTION_CHANGES:
        return before.catch_ups + 1
    return 0


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_after_any_change_the_index_holds_what_reading_it_whole_gives(practice, change):
    before = facet_index.current_index()

    CHANGES[change](practice)
    after = facet_index.current_index()

    assert after.token != before.token
    assert contents(after) == contents(facet_index.read_whole())
    assert after.catch_ups == expected_catch_ups(before, change)


@postgresql_only
def test_a_catch_up_reads_only_the_changed_practices(practice, django_assert_num_queries):
    index = facet_index.current_index()
    BestPractice.objects.filter(pk=practice.pk).update(stage=Stage.TRIAL)

    # The token, the snapshot, the log, the practice's columns, its sectors, its observations,
    # the token again (the provinces, sectors and visits kept from the whole read).
    with django_assert_num_queries(7):
        caught_up = facet_index.current_index()

    assert caught_up.catch_ups == index.catch_ups + 1
    assert caught_up.positions == index.positions  # the practice kept its bit
    assert caught_up.option("stage", Stage.TRIAL).bit_count() == 1
    assert caught_up.option("sector", "kominfo") == index.option("sector", "kominfo")


@postgresql_only
def test_several_changes_in_a_row_are_each_caught_up(practice):
    visit = practice.observations.get().visit
    facet_index.current_index()

    added = BestPracticeFactory(host_province=province("31"), sectors=[sector("kominfo")])
    facet_index.current_index()
    practice.delete()
    facet_index.current_index()
    PracticeObservationFactory(practice=added, visit=visit)
    index = facet_index.current_index()

    assert index.catch_ups == 3
    assert index.option("visit", str(visit.pk)) == index.bitset_of([added.pk])
    assert contents(index) == contents(facet_index.read_whole())
    assert index.option("province", "31").bit_count() == 1
    assert practice.pk not in index.positions
    assert index.bitset_of([added.pk]).bit_count() == 1


@postgresql_only
def test_a_change_committed_after_a_later_one_is_caught_up(practice):
    """The race the snapshot is for: a transaction writes its log row, another writes and
    commits after it, the index catches up with the second, then the first commits. (The
    catalog token serializes the commits, not the log rows' writes: a writer logs its rows
    before it waits for the token. The other connection plays that by writing the practice
    and its log row with the triggers off, and the token last.)"""
    facet_index.current_index()
    settings = connection.settings_dict
    other = psycopg2.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
    )
    try:
        with other.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(
                "UPDATE best_practices_bestpractice SET stage = %s WHERE id = %s",
                [Stage.TRIAL, practice.pk],
            )
            cursor.execute(
                "INSERT INTO best_practices_catalogchange (practice_id) VALUES (%s)",
                [practice.pk],
            )
        BestPracticeFactory(host_province=province("31"))  # logged later, committed first
        meanwhile = facet_index.current_index()
        assert meanwhile.option("stage", Stage.TRIAL) == 0
        assert meanwhile.option("province", "31").bit_count() == 1

        with other.cursor() as cursor:
            cursor.execute("UPDATE best_practices_catalogversion SET token = 'other'")
        other.commit()
        index = facet_index.current_index()
    finally:
        other.close()

    assert index.catch_ups == meanwhile.catch_ups + 1
    assert index.option("stage", Stage.TRIAL) == index.bitset_of([practice.pk])
    assert contents(index) == contents(facet_index.read_whole())


@postgresql_only
def test_an_index_read_inside_a_transaction_does_not_catch_up(practice):
    with transaction.atomic():
        index = facet_index.current_index()
    BestPractice.objects.filter(pk=practice.pk).update(stage=Stage.TRIAL)

    assert index.snapshot is None
    assert facet_index.current_index().catch_ups == 0


@postgresql_only
def test_many_changed_practices_are_read_whole(practice):
    facet_index.current_index()

    BestPractice.objects.exclude(pk=practice.pk).update(stage=Stage.TRIAL)
    index = facet_index.current_index()

    assert index.catch_ups == 0
    assert index.option("stage", Stage.TRIAL).bit_count() == 8


@postgresql_only
def test_an_index_older_than_the_log_keeps_is_read_whole(practice, monkeypatch):
    facet_index.current_index()
    monkeypatch.setattr(facet_index, "CATCH_UP_AGE", datetime.timedelta(0))

    BestPractice.objects.filter(pk=practice.pk).update(stage=Stage.TRIAL)

    assert facet_index.current_index().catch_ups == 0


@postgresql_only
def test_the_log_forgets_changes_older_than_a_day(practice):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE best_practices_catalogchange SET created = now() - interval '25 hours'"
            " WHERE practice_id = %s",
            [practice.pk],
        )
        BestPractice.objects.filter(pk=practice.pk).update(stage=Stage.TRIAL)
        cursor.execute(
            "SELECT count(*) FROM best_practices_catalogchange WHERE practice_id = %s",
            [practice.pk],
        )
        assert cursor.fetchone()[0] == 1  # the new change only


@pytest.mark.parametrize("positions", [[], [0], [3, 64, 65], list(range(0, 200, 7)), [199]])
def test_the_positions_of_a_bitset_are_those_it_was_made_of(positions):
    assert facet_index._positions_of(facet_index._bitset(positions, 200)) == positions
