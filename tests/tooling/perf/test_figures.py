"""The bench's figures beside the page times: the facet index's memory and rebuild time, the
database size, and the page times as multiples of the floors."""

import sys

import pytest
from django.db import connection

from tests.factories import BestPracticeFactory
from tooling.management.commands.bench import Command
from tooling.perf import figures
from tooling.perf.timing import Timing

pytestmark = pytest.mark.django_db


def test_deep_size_counts_what_a_container_holds_once():
    shared = "x" * 1000
    value = {"a": [shared, shared], "b": (1 << 4000,)}

    size = figures.deep_size(value)

    assert size > sys.getsizeof(value) + sys.getsizeof(shared) + sys.getsizeof(1 << 4000)
    assert size < sys.getsizeof(value) + 2 * sys.getsizeof(shared) + 1000


def test_index_figures_read_the_index_again():
    BestPracticeFactory.create_batch(3)

    index = figures.index_figures(repeat=2)

    assert index.practices == 3
    assert index.options > 0
    assert index.bytes > 0
    assert index.rebuild_ms > 0
    assert index.catch_up_ms > 0


def test_the_database_size_is_read_on_postgresql():
    size = figures.database_size()

    if connection.vendor == "postgresql":
        assert size.endswith(("kB", "MB", "GB"))
    else:
        assert size is None


def test_the_report_divides_every_page_by_both_floors(capsys):
    def timing(label, ms, queries):
        return Timing(label, "/", ms, ms, queries, 200)

    uncached = [timing("hello", 0.5, 0), timing("list", 2.0, 2), timing("practice list", 20.0, 4)]
    cached = [timing("hello", 0.5, 0), timing("list", 2.0, 2), timing("practice list", 2.5, 1)]
    command = Command()
    command.match_counts = dict

    command.report(uncached, cached)

    row = next(line for line in capsys.readouterr().out.splitlines() if "practice list" in line)
    assert row.split() == [
        "practice", "list", "20.00", "20.0", "40.0", "10.00", "4", "│",
        "2.50", "5.0", "1.25", "1", "200/200",
    ]  # fmt: skip


def test_a_page_is_divided_by_the_floors_timed_between_its_requests(capsys):
    def timing(label, ms, floors=()):
        return Timing(label, "/", ms, ms, 1, 200, floors)

    # The machine was twice as slow while the page was timed as when the floors opened the run.
    uncached = [
        timing("hello", 0.5),
        timing("list", 2.0),
        timing("practice list", 20.0, (1.0, 4.0)),
    ]
    cached = [timing("hello", 0.5), timing("list", 2.0), timing("practice list", 2.5, (0.5, 2.5))]
    command = Command()
    command.match_counts = dict

    command.report(uncached, cached)

    out = capsys.readouterr().out
    assert (
        "Timed between the pages' requests, the floors took 0.75 ms and 3.25 ms (medians over "
        "the pages); the list took 1.62 times as long as timed on its own above."
    ) in out
    row = next(line for line in out.splitlines() if "practice list" in line)
    assert row.split() == [
        "practice", "list", "20.00", "20.0", "20.0", "5.00", "1", "│",
        "2.50", "5.0", "1.00", "1", "200/200",
    ]  # fmt: skip
