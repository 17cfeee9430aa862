"""The bench's generator writes a data set the pages show."""

import pytest
from django.urls import reverse

from best_practices.models import BestPractice
from participants.models import ChangeProposal, PracticeAdaptation
from tooling.perf import generator

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


def test_the_generator_writes_a_data_set_the_pages_show(client, monkeypatch):
    monkeypatch.setattr(generator, "SIZES", TINY)

    generator.generate(log=lambda line: None)

    assert BestPractice.objects.count() == 30
    assert ChangeProposal.objects.count() == 5
    assert PracticeAdaptation.objects.count() == 10
    # Written in bulk, and still counted: the catalog token moved with the inserts.
    page = client.get(reverse("best_practices:practice-list")).content.decode()
    assert "30 praktik baik" in page
