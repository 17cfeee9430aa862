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
