"""Models of the ground floor, provinces, institutions and cohorts: constraints (database and
full_clean), protected deletions, methods."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import resolve, set_script_prefix

from benchmarking.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Cohort,
    Program,
    Province,
    Visit,
)
from tests.benchmarking.model_helpers import END_BEFORE_START, non_field_messages, url_or_skip
from tests.factories import (
    BestPracticeFactory,
    CohortFactory,
    InstitutionFactory,
    ParticipantFactory,
    VisitFactory,
    province,
)

pytestmark = pytest.mark.django_db


# --- Province -------------------------------------------------------------------------------


def test_a_province_url_follows_the_script_prefix_it_is_served_under():
    jateng = province("33")
    plain = jateng.get_absolute_url()
    try:
        set_script_prefix("/lokus/")
        prefixed = jateng.get_absolute_url()
    finally:
        set_script_prefix("/")

    assert (plain, prefixed) == ("/provinces/33/", "/lokus/provinces/33/")
    assert jateng.get_absolute_url() == plain
    assert resolve(plain).kwargs == {"code": "33"}


def test_province_code_must_be_two_digits():
    with pytest.raises(ValidationError) as caught:
        Province(code="1A", name="Provinsi Contoh").full_clean()

    assert caught.value.message_dict["code"] == ["Kode terdiri atas dua digit."]
    assert caught.value.error_dict["code"][0].code == "invalid_code"


def test_province_code_is_unique_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Province.objects.create(code="18", name="Lampung Baru")

    assert Province.objects.get(code="18").name == "Lampung"


def test_province_str_and_page():
    lampung = province("18")

    assert str(lampung) == "Lampung"
    assert resolve(url_or_skip(lampung)).kwargs == {"code": "18"}


# --- Institution ----------------------------------------------------------------------------


def test_institution_str_prefers_the_short_name():
    assert str(InstitutionFactory(name="BPSDM Provinsi Lampung", short_name="BPSDM Lampung")) == (
        "BPSDM Lampung"
    )
    assert str(InstitutionFactory(name="BPSDM Provinsi Aceh", short_name="")) == (
        "BPSDM Provinsi Aceh"
    )


# --- Cohort ---------------------------------------------------------------------------------


def duplicate_of(cohort: Cohort) -> Cohort:
    return Cohort(
        institution=cohort.institution,
        program=cohort.program,
        name=cohort.name,
        year=cohort.year,
    )


def test_cohort_duplicate_is_refused_by_the_database():
    cohort = CohortFactory(name="Angkatan I", year=2018)

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate_of(cohort).save()

    assert Cohort.objects.count() == 1


def test_cohort_duplicate_gets_the_translated_message():
    cohort = CohortFactory(name="Angkatan I", year=2018)

    with pytest.raises(ValidationError) as caught:
        duplicate_of(cohort).full_clean()

    assert non_field_messages(caught.value) == [
        "Lembaga penyelenggara ini sudah memiliki angkatan dengan program, nama, dan tahun yang sama."
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"year": 2019},
        {"name": "Angkatan II"},
        {"program": Program.PKP},
    ],
)
def test_cohort_differing_in_program_name_or_year_is_allowed(change):
    cohort = CohortFactory(name="Angkatan I", year=2018, program=Program.DIKLATPIM_IV)
    other = duplicate_of(cohort)
    for field, value in change.items():
        setattr(other, field, value)

    other.full_clean()
    other.save()

    assert Cohort.objects.count() == 2


def test_same_cohort_name_at_another_institution_is_allowed():
    CohortFactory(name="Angkatan I", year=2018)

    CohortFactory(name="Angkatan I", year=2018).full_clean()

    assert Cohort.objects.count() == 2


def test_cohort_end_before_start_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortFactory(start_date=datetime.date(2018, 7, 1), end_date=datetime.date(2018, 6, 30))

    assert not Cohort.objects.exists()


def test_cohort_end_before_start_gets_the_translated_message():
    cohort = CohortFactory.build(
        institution=InstitutionFactory(),
        start_date=datetime.date(2018, 7, 1),
        end_date=datetime.date(2018, 6, 30),
    )

    with pytest.raises(ValidationError) as caught:
        cohort.full_clean()

    assert non_field_messages(caught.value) == [END_BEFORE_START]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2018, 7, 1), datetime.date(2018, 7, 1)),
        (None, datetime.date(2018, 7, 1)),
        (datetime.date(2018, 7, 1), None),
        (None, None),
    ],
)
def test_cohort_dates_may_be_equal_or_missing(start, end):
    cohort = CohortFactory.build(institution=InstitutionFactory(), start_date=start, end_date=end)

    cohort.full_clean()
    cohort.save()

    assert Cohort.objects.count() == 1


def test_cohort_year_before_1945_is_refused():
    cohort = CohortFactory.build(institution=InstitutionFactory(), year=1900)

    with pytest.raises(ValidationError) as caught:
        cohort.full_clean()

    assert caught.value.error_dict["year"][0].code == "min_value"


@pytest.mark.parametrize(("year", "code"), [(1944, "min_value"), (2101, "max_value")])
def test_cohorts_and_practices_share_one_year_range(year, code):
    cohort = CohortFactory.build(institution=InstitutionFactory(), year=year)
    practice = BestPracticeFactory.build(host_province=province("33"), year_started=year)

    for instance, field in ((cohort, "year"), (practice, "year_started")):
        with pytest.raises(ValidationError) as caught:
            instance.full_clean(exclude=["slug"])
        assert caught.value.error_dict[field][0].code == code


@pytest.mark.parametrize("year", [FIRST_YEAR, LAST_YEAR])
def test_the_first_and_last_year_are_allowed(year):
    CohortFactory.build(institution=InstitutionFactory(), year=year).full_clean()


def test_cohort_str_names_program_cohort_year_and_institution():
    cohort = CohortFactory(
        institution=InstitutionFactory(short_name="BPSDM Lampung"),
        program=Program.DIKLATPIM_IV,
        name="Angkatan I",
        year=2018,
    )

    assert str(cohort) == "Diklatpim Tingkat IV Angkatan I 2018 – BPSDM Lampung"


def test_cohort_with_a_visit_cannot_be_deleted():
    visit = VisitFactory()

    with pytest.raises(ProtectedError):
        visit.cohort.delete()

    assert Cohort.objects.filter(pk=visit.cohort_id).exists()
    assert Visit.objects.filter(pk=visit.pk).exists()


def test_cohort_with_a_participant_cannot_be_deleted():
    participant = ParticipantFactory()

    with pytest.raises(ProtectedError):
        participant.cohort.delete()

    assert Cohort.objects.filter(pk=participant.cohort_id).exists()
    assert participant.cohort.participants.get() == participant


def test_empty_cohort_can_be_deleted():
    cohort = CohortFactory()

    cohort.delete()

    assert not Cohort.objects.exists()
