"""The bench database: its own PostgreSQL database, created here when missing, so that
``make bench`` needs nothing but ``BENCH_DATABASE_URL``.
"""

from django.db import connection

#: Part of every bench database's name: the bench refuses any other, so demo data is safe.
BENCH_MARK = "bench"


def is_bench_database(name: str) -> bool:
    """Whether ``name`` may be written by the bench."""
    return BENCH_MARK in name


def bench_database_ensure(name: str, *, recreate: bool = False) -> bool:
    """Create the PostgreSQL database ``name`` when it is missing; ``recreate`` drops it first,
    so that data migrations run again on a clean slate. True when it was created.

    Runs on the maintenance database, outside any transaction (PostgreSQL creates databases
    only there); the caller closes its connection to ``name`` before a ``recreate``.
    """
    quoted = connection.ops.quote_name(name)
    with connection._nodb_cursor() as cursor:
        if recreate:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone():
            return False
        cursor.execute(f"CREATE DATABASE {quoted}")
    return True
