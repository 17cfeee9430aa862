"""The bench database: only a bench name is accepted, and a missing one is created."""

import pytest
from django.db import connection

from tooling.perf.database import bench_database_ensure, is_bench_database

PROBE = "test_lokus_bench_probe"


@pytest.mark.parametrize(
    ("name", "accepted"),
    [("lokus_bench", True), ("lokus", False), ("/tmp/db.sqlite3", False), ("bench.sqlite3", True)],
)
def test_only_a_name_with_bench_is_a_bench_database(name, accepted):
    assert is_bench_database(name) is accepted


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="creates a PostgreSQL database")
def test_a_missing_bench_database_is_created_once():
    def exists():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PROBE])
            return cursor.fetchone() is not None

    try:
        assert bench_database_ensure(PROBE) is True
        assert exists()
        assert bench_database_ensure(PROBE) is False
        assert bench_database_ensure(PROBE, recreate=True) is True
        assert exists()
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(PROBE)}")
