"""Fixtures shared by the practices list and the practice page tests."""

import datetime

import pytest

from best_practices.models import PracticeStatus, Stage
from tests.factories import (
    BestPracticeFactory,
    PracticeObservationFactory,
    VisitFactory,
    province,
    sector,
)


@pytest.fixture
def catalogue():
    """Three practices differing in every facet, observed on visits of 2018 and 2019."""
    visit_2018 = VisitFactory(title="Kunjungan Jawa Tengah 2018")
    visit_2019 = VisitFactory(
        title="Kunjungan DKI 2019",
        host_province=province("31"),
        start_date=datetime.date(2019, 5, 2),
        end_date=datetime.date(2019, 5, 3),
    )
    complaints = BestPracticeFactory(
        title="Kanal pengaduan masyarakat",
        sectors=[sector("kominfo")],
        is_digital=True,
        improves_speed=True,
        improves_transparency=True,
    )
    clinic = BestPracticeFactory(
        title="Klinik keliling",
        host_province=province("31"),
        sectors=[sector("kesehatan")],
        stage=Stage.TRIAL,
        improves_cost=True,
    )
    archive = BestPracticeFactory(
        title="Arsip kesehatan lama",
        sectors=[sector("kesehatan"), sector("kominfo")],
        stage=Stage.INITIATIVE,
        status=PracticeStatus.DISCONTINUED,
    )
    PracticeObservationFactory(practice=complaints, visit=visit_2018)
    PracticeObservationFactory(practice=clinic, visit=visit_2019)
    PracticeObservationFactory(practice=archive, visit=visit_2018)
    PracticeObservationFactory(practice=archive, visit=visit_2019)
    return {
        "complaints": complaints,
        "clinic": clinic,
        "archive": archive,
        "visit_2018": visit_2018,
        "visit_2019": visit_2019,
    }
