"""Models of the ground floor, host agencies and visits with their hosts, officials and groups:
constraints (database and full_clean), protected deletions, methods."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import resolve

from benchmarking.models import (
    HostAgency,
    OfficialSide,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from tests.benchmarking.model_helpers import END_BEFORE_START, non_field_messages, url_or_skip
from tests.factories import (
    BestPracticeFactory,
    CohortFactory,
    HostAgencyFactory,
    ParticipantFactory,
    PracticeObservationFactory,
    VisitFactory,
    VisitGroupFactory,
    VisitHostAgencyFactory,
    VisitOfficialFactory,
    province,
)

pytestmark = pytest.mark.django_db


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
