"""Models of the ground floor: constraints (database and full_clean), protected deletions, methods."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import NoReverseMatch, resolve

from benchmarking.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Cohort,
    HostAgency,
    OfficialSide,
    Program,
    Province,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from tests.factories import (
    BestPracticeFactory,
    CohortFactory,
    HostAgencyFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeObservationFactory,
    VisitFactory,
    VisitGroupFactory,
    VisitHostAgencyFactory,
    VisitOfficialFactory,
    province,
)

pytestmark = pytest.mark.django_db

END_BEFORE_START = "Tanggal selesai tidak boleh sebelum tanggal mulai."


def url_or_skip(obj) -> str:
    """The object's page, or skip: the pages are built by other parts of the project."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        pytest.skip(f"No page for {type(obj).__name__} yet.")


def non_field_messages(error: ValidationError) -> list[str]:
    return error.message_dict["__all__"]


# --- Province -------------------------------------------------------------------------------


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


# --- HostAgency -----------------------------------------------------------------------------


def test_host_agency_duplicate_in_a_province_is_refused_by_the_database():
    HostAgencyFactory(name="Dinas Kominfo", province=province("33"))

    with pytest.raises(IntegrityError), transaction.atomic():
        HostAgency.objects.create(name="Dinas Kominfo", province=province("33"))

    assert HostAgency.objects.count() == 1


def test_host_agency_duplicate_in_a_province_gets_the_translated_message():
    HostAgencyFactory(name="Dinas Kominfo", province=province("33"))

    with pytest.raises(ValidationError) as caught:
        HostAgency(name="Dinas Kominfo", province=province("33")).full_clean()

    assert non_field_messages(caught.value) == [
        "Provinsi ini sudah memiliki lokus dengan nama yang sama."
    ]


def test_same_host_agency_name_in_another_province_is_allowed():
    HostAgencyFactory(name="Dinas Kominfo", province=province("33"))

    HostAgency(name="Dinas Kominfo", province=province("18")).full_clean()


def test_host_agency_str_names_its_province():
    agency = HostAgencyFactory(name="Dinas Kominfo", province=province("33"))

    assert str(agency) == "Dinas Kominfo (Jawa Tengah)"


def test_visited_host_agency_cannot_be_deleted():
    link = VisitHostAgencyFactory()

    with pytest.raises(ProtectedError):
        link.host_agency.delete()

    assert HostAgency.objects.filter(pk=link.host_agency_id).exists()
    assert VisitHostAgency.objects.filter(pk=link.pk).exists()


def test_host_agency_of_a_group_cannot_be_deleted():
    group = VisitGroupFactory()

    with pytest.raises(ProtectedError):
        group.host_agency.delete()

    assert HostAgency.objects.filter(pk=group.host_agency_id).exists()


def test_host_agency_used_by_a_practice_cannot_be_deleted():
    agency = HostAgencyFactory()
    practice = BestPracticeFactory(host_agency=agency)

    with pytest.raises(ProtectedError):
        agency.delete()

    assert HostAgency.objects.filter(pk=agency.pk).exists()
    practice.refresh_from_db()
    assert practice.host_agency == agency


# --- Visit ----------------------------------------------------------------------------------


def test_visit_end_before_start_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitFactory(start_date=datetime.date(2018, 8, 28), end_date=datetime.date(2018, 8, 27))

    assert not Visit.objects.exists()


def test_visit_end_before_start_gets_the_translated_message():
    visit = VisitFactory.build(
        cohort=CohortFactory(),
        start_date=datetime.date(2018, 8, 28),
        end_date=datetime.date(2018, 8, 27),
    )

    with pytest.raises(ValidationError) as caught:
        visit.full_clean()

    assert non_field_messages(caught.value) == [END_BEFORE_START]


def test_one_day_visit_is_allowed():
    visit = VisitFactory.build(
        cohort=CohortFactory(),
        start_date=datetime.date(2018, 8, 28),
        end_date=datetime.date(2018, 8, 28),
    )

    visit.full_clean()


def test_visit_str_and_page():
    visit = VisitFactory(title="Benchmarking ke Provinsi Jawa Tengah")

    assert str(visit) == "Benchmarking ke Provinsi Jawa Tengah"
    assert resolve(url_or_skip(visit)).kwargs == {"pk": visit.pk}


def test_visit_with_observed_practices_cannot_be_deleted():
    observation = PracticeObservationFactory()

    with pytest.raises(ProtectedError):
        observation.visit.delete()

    assert Visit.objects.filter(pk=observation.visit_id).exists()
    assert observation.visit.best_practices.get() == observation.practice


def test_visit_with_groups_cannot_be_deleted():
    group = VisitGroupFactory()

    with pytest.raises(ProtectedError):
        group.visit.delete()

    assert Visit.objects.filter(pk=group.visit_id).exists()
    assert VisitGroup.objects.filter(pk=group.pk).exists()


def test_visit_without_practices_or_groups_is_deleted_with_its_officials_and_loci():
    link = VisitHostAgencyFactory()
    VisitOfficialFactory(visit=link.visit)

    link.visit.delete()

    assert not Visit.objects.exists()
    assert not VisitOfficial.objects.exists()
    assert not VisitHostAgency.objects.exists()
    assert HostAgency.objects.filter(pk=link.host_agency_id).exists()


# --- VisitHostAgency ------------------------------------------------------------------------


def test_host_agency_listed_twice_on_a_visit_is_refused_by_the_database():
    link = VisitHostAgencyFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        VisitHostAgency.objects.create(visit=link.visit, host_agency=link.host_agency)

    assert VisitHostAgency.objects.count() == 1


def test_host_agency_listed_twice_on_a_visit_gets_the_translated_message():
    link = VisitHostAgencyFactory()

    with pytest.raises(ValidationError) as caught:
        VisitHostAgency(visit=link.visit, host_agency=link.host_agency).full_clean()

    assert non_field_messages(caught.value) == ["Lokus ini sudah tercantum pada kunjungan ini."]


def test_visit_host_agency_str_is_the_agency():
    link = VisitHostAgencyFactory(host_agency=HostAgencyFactory(name="Dinas Kominfo"))

    assert str(link) == "Dinas Kominfo (Jawa Tengah)"


# --- VisitOfficial --------------------------------------------------------------------------


def test_visit_official_str_and_side_label():
    official = VisitOfficialFactory(
        name="Hery Suliyanto",
        position="Asisten Bidang Pemerintahan Provinsi Lampung",
        side=OfficialSide.VISITING,
    )

    assert str(official) == "Hery Suliyanto, Asisten Bidang Pemerintahan Provinsi Lampung"
    assert official.get_side_display() == "Pihak pengunjung"


# --- VisitGroup -----------------------------------------------------------------------------


def test_group_name_repeated_on_a_visit_is_refused_by_the_database():
    group = VisitGroupFactory(name="Kelompok 1")

    with pytest.raises(IntegrityError), transaction.atomic():
        VisitGroup.objects.create(visit=group.visit, name="Kelompok 1")

    assert VisitGroup.objects.count() == 1


def test_group_name_repeated_on_a_visit_gets_the_translated_message():
    group = VisitGroupFactory(name="Kelompok 1")

    with pytest.raises(ValidationError) as caught:
        VisitGroup(visit=group.visit, name="Kelompok 1").full_clean()

    assert non_field_messages(caught.value) == [
        "Kunjungan ini sudah memiliki kelompok dengan nama yang sama."
    ]


def test_same_group_name_on_another_visit_is_allowed():
    VisitGroupFactory(name="Kelompok 1")

    VisitGroup(visit=VisitFactory(), name="Kelompok 1").full_clean()


def test_group_with_members_cannot_be_deleted():
    group = VisitGroupFactory()
    member = ParticipantFactory(visit_group=group, cohort=group.visit.cohort)

    with pytest.raises(ProtectedError):
        group.delete()

    assert VisitGroup.objects.filter(pk=group.pk).exists()
    member.refresh_from_db()
    assert member.visit_group == group


def test_visit_group_str_names_the_visit():
    group = VisitGroupFactory(name="Kelompok 1", visit=VisitFactory(title="Kunjungan Jateng"))

    assert str(group) == "Kelompok 1 – Kunjungan Jateng"
