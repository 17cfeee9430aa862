"""The bench's timer times each path and prepares each request."""

import pytest
from django.test import Client
from django.urls import reverse

from best_practices.models import BestPractice, CatalogVersion
from tests.factories import BestPracticeFactory
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


def test_a_catalog_change_is_an_edit_of_the_first_practice():
    """What an organizer's edit does: a facet column of one practice, so the index catches up
    with it (on PostgreSQL) instead of being handed a token alone."""
    first, second = BestPracticeFactory(is_digital=False), BestPracticeFactory(is_digital=False)
    before = CatalogVersion.objects.get(pk=1).token

    timing.catalog_changed()

    assert list(
        BestPractice.objects.filter(pk__in=[first.pk, second.pk])
        .order_by("pk")
        .values_list("is_digital", flat=True)
    ) == [True, False]
    assert CatalogVersion.objects.get(pk=1).token != before


def test_the_floors_are_timed_between_the_page_requests(settings, monkeypatch):
    settings.ROOT_URLCONF = "tooling.perf.urls"
    requested = []
    get = Client.get

    def get_noted(self, path, *args, **kwargs):
        requested.append(path)
        return get(self, path, *args, **kwargs)

    monkeypatch.setattr(Client, "get", get_noted)
    page = reverse("best_practices:practice-list")

    timings = timing.measure(
        paths=[("practice list", page, None)], repeat=3, floors=("/bench/hello/", "/bench/list/")
    )

    assert requested == [page, *["/bench/hello/", "/bench/list/", page] * 3, page]
    assert len(timings[0].floors_ms) == 2
    assert all(median > 0 for median in timings[0].floors_ms)


def test_without_floors_a_page_is_timed_alone():
    timings = timing.measure(paths=[("home", reverse("home"), None)], repeat=2)

    assert timings[0].floors_ms == ()
