"""The bench's timer times each path and prepares each request."""

import pytest
from django.urls import reverse

from best_practices.models import CatalogVersion
from tooling.perf import timing

pytestmark = pytest.mark.django_db


def test_measure_times_each_path_and_prepares_each_request(monkeypatch):
    prepared = []

    def prepare():
        prepared.append(CatalogVersion.objects.get(pk=1).token)
        timing.catalog_changed()

    timings = timing.measure(
        paths=[("practice list", reverse("best_practices:practice-list"), None, prepare)],
        repeat=3,
    )

    assert [(t.label, t.status) for t in timings] == [("practice list", 200)]
    assert timings[0].median_ms > 0
    assert timings[0].queries > 0
    assert len(prepared) == 4  # before each timed request and the counted one
    assert len(set(prepared)) == 4  # each found the token the previous one wrote
