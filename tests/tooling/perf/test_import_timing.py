"""The import timing of ``make bench``: a valid participant list, imported and then undone."""

import pytest

from benchmarking.models import Cohort
from participants.models import Participant
from tests.factories import InstitutionFactory
from tooling.perf.import_timing import import_timing

pytestmark = pytest.mark.django_db


def test_the_timed_import_is_valid_and_leaves_nothing_behind():
    InstitutionFactory()

    result = import_timing(rows=25)

    assert result.report.summary == (
        "25 baru, 0 diperbarui, 0 tidak berubah, 0 kesalahan. Impor disimpan."
    )
    assert result.import_s > 0
    assert not Participant.objects.exists()
    assert not Cohort.objects.exists()
