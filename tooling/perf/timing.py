"""The timer of ``manage.py bench``: server-side times of pages, in process.

Requests go through Django's test client (no network), over HTTPS as production serves
them (plain HTTP would only be redirected); a page's figures are the median and
95th percentile of its server time over repeated requests, and the query count of one request.
"""

import statistics
import time
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from best_practices.models import BestPractice, CatalogVersion


@dataclass
class Timing:
    """One page's figures: times in milliseconds, the query count and the response status,
    and the medians of the floors timed between its requests (``measure``'s ``floors``)."""

    label: str
    path: str
    median_ms: float
    p95_ms: float
    queries: int
    status: int
    floors_ms: tuple[float, ...] = ()


def catalog_changed() -> None:
    """An organizer's edit of a practice that moves a facet count: the first practice's
    "digital" flag turned over. The catalog token changes (``best_practices.facet_index``), so
    the next request brings the index up to date: it catches up with that one practice on
    PostgreSQL, and reads the whole index on SQLite. Without practices, a new token alone.
    """
    first = BestPractice.objects.order_by("pk").values_list("pk", "is_digital").first()
    if first is None:
        CatalogVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
        return
    pk, digital = first
    BestPractice.objects.filter(pk=pk).update(is_digital=not digital)


def measure(*, paths: list[tuple], repeat: int = 30, floors: tuple[str, ...] = ()) -> list[Timing]:
    """Time each ``(label, path, username)`` ``repeat`` times after one warm-up request.

    A path may carry a fourth item, a function called (untimed) before each request. Each of
    ``floors`` (paths served to an anonymous visitor) is timed just before each timed request
    of a page, and its median kept in ``Timing.floors_ms``: a page's ratio to a floor timed
    between its own requests holds when this shared machine slows down for a few seconds,
    where a floor timed once at the start of the run does not.
    """
    User = get_user_model()
    floor_client = Client(HTTP_HOST="127.0.0.1")
    results = []
    for label, path, username, *before in paths:
        prepare = before[0] if before else (lambda: None)
        client = Client(HTTP_HOST="127.0.0.1")
        if username:
            client.force_login(User.objects.get(username=username))
        response = client.get(path, secure=True)  # warm-up: caches, compiled templates
        times = []
        floor_times = [[] for _ in floors]
        for _ in range(repeat):
            for floor, timed in zip(floors, floor_times, strict=True):
                timed.append(_timed(floor_client, floor))
            prepare()
            start = time.perf_counter()
            response = client.get(path, secure=True)
            times.append((time.perf_counter() - start) * 1000)
        prepare()
        with CaptureQueriesContext(connection) as queries:
            client.get(path, secure=True)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        floors_ms = tuple(statistics.median(timed) for timed in floor_times)
        results.append(
            Timing(
                label,
                path,
                statistics.median(times),
                p95,
                len(queries),
                response.status_code,
                floors_ms,
            )
        )
    return results


def _timed(client: Client, path: str) -> float:
    start = time.perf_counter()
    client.get(path, secure=True)
    return (time.perf_counter() - start) * 1000
