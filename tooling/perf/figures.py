"""What ``manage.py bench`` reports beside the page times: the facet index's memory per server
process and the time to read it again, and the size of the database."""

import statistics
import sys
import time
from dataclasses import dataclass

from django.db import connection

from best_practices import facet_index
from tooling.perf.timing import catalog_changed


@dataclass
class IndexFigures:
    practices: int
    options: int
    #: Bytes held by one process's index (the bitsets, the positions, the options).
    bytes: int
    #: Reading the whole index (after a change to the provinces, sectors or visits).
    rebuild_ms: float
    #: Bringing it up to date after one practice's edit (a catch-up on PostgreSQL).
    catch_up_ms: float


def deep_size(value, seen: set[int] | None = None) -> int:
    """``sys.getsizeof`` of ``value`` and of every container item and dataclass field in it,
    each object once."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        size += sum(deep_size(k, seen) + deep_size(v, seen) for k, v in value.items())
    elif isinstance(value, list | tuple | set | frozenset):
        size += sum(deep_size(item, seen) for item in value)
    elif hasattr(value, "__dataclass_fields__"):
        size += sum(deep_size(getattr(value, name), seen) for name in value.__dataclass_fields__)
    return size


def index_figures(*, repeat: int = 5) -> IndexFigures:
    """The facet index as a server process holds it, and the median times of reading it whole
    and of bringing it up to date after an organizer's edit of a practice (what the first
    request after that edit pays)."""
    rebuilds, catch_ups = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        facet_index.read_whole()
        rebuilds.append((time.perf_counter() - start) * 1000)
        catalog_changed()
        start = time.perf_counter()
        index = facet_index.current_index()
        catch_ups.append((time.perf_counter() - start) * 1000)
    return IndexFigures(
        practices=len(index.positions),
        options=len(index.bits),
        bytes=deep_size(index),
        rebuild_ms=statistics.median(rebuilds),
        catch_up_ms=statistics.median(catch_ups),
    )


def database_size() -> str | None:
    """The database's size on disk (PostgreSQL), e.g. "1.2 GB"; None on SQLite."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return cursor.fetchone()[0]
