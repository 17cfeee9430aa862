"""A practice's related practices (``BestPracticeQuerySet.related_to``): the newest of those
sharing one of its sectors or its host agency, read by each kind of kinship apart."""

import datetime

import pytest
from django.utils import timezone

from best_practices.models import BestPractice
from tests.factories import BestPracticeFactory, HostAgencyFactory, sector

pytestmark = pytest.mark.django_db

START = timezone.now() - datetime.timedelta(days=365)


def made(title: str, *, days: int, **fields) -> BestPractice:
    """A practice recorded ``days`` after ``START`` (the list is newest first)."""
    practice = BestPracticeFactory(title=title, **fields)
    BestPractice.objects.filter(pk=practice.pk).update(
        created_at=START + datetime.timedelta(days=days)
    )
    return practice


def related_titles(practice, **kwargs) -> list[str]:
    sector_ids = list(practice.sectors.values_list("pk", flat=True))
    return [p.title for p in BestPractice.objects.related_to(practice, sector_ids, **kwargs)]


@pytest.fixture
def agency():
    return HostAgencyFactory(name="Dinas Kominfo")


@pytest.fixture
def practice(agency):
    return made("Kanal aduan", days=0, host_agency=agency, sectors=[sector("kominfo")])


def test_the_newest_kin_of_either_kind_come_first_each_once(practice, agency):
    kominfo, health = sector("kominfo"), sector("kesehatan")
    made("Sektor lama", days=1, sectors=[kominfo])
    made("Dinas lama", days=2, host_agency=agency)
    made("Sektor 3", days=3, sectors=[kominfo, health])
    made("Dinas 4", days=4, host_agency=agency)
    made("Keduanya 5", days=5, host_agency=agency, sectors=[kominfo])
    made("Sektor 6", days=6, sectors=[kominfo])
    made("Dinas 7", days=7, host_agency=agency)
    made("Bukan kerabat, terbaru", days=9, sectors=[health])

    assert related_titles(practice) == [
        "Dinas 7",
        "Sektor 6",
        "Keduanya 5",
        "Dinas 4",
        "Sektor 3",
        "Dinas lama",
    ]
    assert related_titles(practice, limit=2) == ["Dinas 7", "Sektor 6"]


def test_a_practice_sharing_two_sectors_is_listed_once(agency):
    kominfo, health = sector("kominfo"), sector("kesehatan")
    practice = made("Rekam medis daring", days=0, sectors=[kominfo, health])
    made("Telemedisin", days=1, sectors=[kominfo, health])

    assert related_titles(practice) == ["Telemedisin"]


def test_rare_kin_among_many_newer_strangers_are_found(practice, agency):
    """A sector or agency with few practices: the kin are found however many newer
    practices share neither (the list used to be read by walking the whole catalogue, newest
    first, until six kin were found)."""
    made("Satu-satunya kerabat sektor", days=1, sectors=[sector("kominfo")])
    made("Satu-satunya kerabat dinas", days=2, host_agency=agency)
    strangers = HostAgencyFactory(name="Dinas Pertanian")
    for day in range(10, 40):
        made(f"Orang asing {day}", days=day, host_agency=strangers, sectors=[sector("pertanian")])

    assert related_titles(practice) == [
        "Satu-satunya kerabat dinas",
        "Satu-satunya kerabat sektor",
    ]


def test_without_sector_or_agency_a_practice_has_no_kin(agency):
    alone = made("Tanpa sektor", days=0)
    made("Lainnya", days=1, host_agency=agency, sectors=[sector("kominfo")])

    assert related_titles(alone) == []
