"""A visit as a card (``benchmarking.templatetags.visit_cards``)."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from benchmarking.models import Program, Visit
from tests.factories import (
    BestPracticeFactory,
    CohortFactory,
    InstitutionFactory,
    PracticeObservationFactory,
    VisitFactory,
    province,
)

pytestmark = pytest.mark.django_db


def render(visit: Visit, language: str = "id") -> str:
    row = Visit.objects.for_listing().get(pk=visit.pk)
    template = Template("{% load visit_cards %}{% visit_card visit %}")
    with translation.override(language):
        return template.render(Context({"visit": row}))


@pytest.fixture
def visit():
    cohort = CohortFactory(
        program=Program.PKP,
        name="Angkatan <II>",
        year=2021,
        institution=InstitutionFactory(name="BPSDM Provinsi Lampung"),
    )
    return VisitFactory(
        cohort=cohort,
        title="Kunjungan ke Semarang & Solo",
        host_province=province("33"),
        start_date=datetime.date(2021, 9, 6),
        end_date=datetime.date(2021, 9, 8),
    )


def test_a_card_names_the_visit_its_days_its_host_and_its_cohort(visit):
    html = render(visit)

    assert html.startswith('<article class="card card--visit">')
    assert (
        f'<h3 class="card__title"><a href="/visits/{visit.pk}/">'
        "Kunjungan ke Semarang &amp; Solo</a></h3>" in html
    )
    assert (
        '<p class="meta"><span><time datetime="2021-09-06">6 September 2021</time> – '
        '<time datetime="2021-09-08">8 September 2021</time></span> '
        "<span>Tuan rumah: Jawa Tengah</span></p>" in html
    )
    assert (
        '<p class="card__text">Pelatihan Kepemimpinan Pengawas Angkatan &lt;II&gt; 2021 · '
        "BPSDM Provinsi Lampung</p>" in html
    )
    assert '<span class="badge badge--count">0 praktik baik diamati</span>' in html


def test_the_count_of_practices_observed_speaks_both_languages(visit):
    PracticeObservationFactory(visit=visit, practice=BestPracticeFactory())

    assert "<span>Host: Jawa Tengah</span>" in render(visit, language="en")
    assert "1 best practice observed</span>" in render(visit, language="en")

    PracticeObservationFactory(visit=visit, practice=BestPracticeFactory())

    assert "2 best practices observed</span>" in render(visit, language="en")
    assert "2 praktik baik diamati</span>" in render(visit)
