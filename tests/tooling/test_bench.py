"""``make bench``: the command guards the demo data, the generator and the timer work."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from best_practices.models import BestPractice, CatalogVersion
from participants import benchmark
from participants.models import ChangeProposal, PracticeAdaptation

pytestmark = pytest.mark.django_db

TINY = {
    "cohorts": 4,
    "visits": 4,
    "agencies_per_province": 1,
    "participants": 10,
    "facilitators": 4,
    "practices": 30,
    "proposals": 5,
    "adaptations_per_proposal": 2,
}


def test_bench_refuses_a_database_not_named_bench():
    with pytest.raises(CommandError, match="Refusing to run on database .*must contain 'bench'"):
        call_command("bench", "--repeat", "1")


def test_the_generator_writes_a_data_set_the_pages_show(client, monkeypatch):
    monkeypatch.setattr(benchmark, "SIZES", TINY)

    benchmark.generate(log=lambda line: None)

    assert BestPractice.objects.count() == 30
    assert ChangeProposal.objects.count() == 5
    assert PracticeAdaptation.objects.count() == 10
    # Written in bulk, and still counted: the catalog token moved with the inserts.
    page = client.get(reverse("best_practices:practice-list")).content.decode()
    assert "30 praktik baik" in page


def test_measure_times_each_path_and_prepares_each_request(monkeypatch):
    prepared = []

    def prepare():
        prepared.append(CatalogVersion.objects.get(pk=1).token)
        benchmark.catalog_changed()

    timings = benchmark.measure(
        paths=[("practice list", reverse("best_practices:practice-list"), None, prepare)],
        repeat=3,
    )

    assert [(t.label, t.status) for t in timings] == [("practice list", 200)]
    assert timings[0].median_ms > 0
    assert timings[0].queries > 0
    assert len(prepared) == 4  # before each timed request and the counted one
    assert len(set(prepared)) == 4  # each found the token the previous one wrote
