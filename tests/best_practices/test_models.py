"""Models of best practices: sectors, practices, observations on visits."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import NoReverseMatch, resolve
from django.utils import translation

from benchmarking.models import Visit
from best_practices.models import (
    BestPractice,
    CatalogVersion,
    PracticeObservation,
    Sector,
    SectorKind,
    ServiceQuality,
    Stage,
)
from participants.models import PracticeAdaptation
from tests.factories import (
    BestPracticeFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    VisitFactory,
    sector,
)

pytestmark = pytest.mark.django_db


def url_or_skip(obj) -> str:
    """The object's page, or skip: the pages are built by other parts of the project."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        pytest.skip(f"No page for {type(obj).__name__} yet.")


# --- Sector ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "Komunikasi dan informatika"), ("en", "Communication and informatics")],
)
def test_sector_display_name_follows_the_active_language(language, expected):
    kominfo = sector("kominfo")

    with translation.override(language):
        assert kominfo.display_name == expected
        assert str(kominfo) == expected


def test_sector_without_english_name_shows_the_indonesian_name_in_english():
    custom = Sector.objects.create(
        code="lainnya", name="Urusan lainnya", kind=SectorKind.SUPPORTING, order=99
    )

    with translation.override("en"):
        assert custom.display_name == "Urusan lainnya"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "Komunikasi dan informatika; Urusan lainnya"),
        ("en", "Communication and informatics; Urusan lainnya"),
    ],
)
def test_a_practice_names_its_sectors_in_the_active_language(language, expected):
    custom = Sector.objects.create(
        code="lainnya", name="Urusan lainnya", kind=SectorKind.SUPPORTING, order=99
    )
    practice = BestPracticeFactory()
    practice.sectors.set([custom, sector("kominfo")])

    with translation.override(language):
        assert BestPractice.objects.get(pk=practice.pk).sector_names == expected
    assert BestPracticeFactory().sector_names == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "Komunikasi dan informatika; Urusan lainnya"),
        ("en", "Communication and informatics; Urusan lainnya"),
    ],
)
def test_a_page_of_practices_gets_its_sector_names_in_one_query(
    language, expected, django_assert_num_queries
):
    custom = Sector.objects.create(
        code="lainnya", name="Urusan lainnya", kind=SectorKind.SUPPORTING, order=99
    )
    practice = BestPracticeFactory()
    practice.sectors.set([custom, sector("kominfo")])
    other = BestPracticeFactory(sectors=[sector("pendidikan")])
    without = BestPracticeFactory()
    rows = list(BestPractice.objects.for_cards().filter(pk__in=[practice.pk, other.pk, without.pk]))

    with translation.override(language), django_assert_num_queries(1):
        BestPractice.load_sector_names(rows)
        names = {row.pk: row.sector_names for row in rows}

    education = "Pendidikan" if language == "id" else "Education"
    assert names == {practice.pk: expected, other.pk: education, without.pk: ""}


def test_sector_names_of_no_practice_ask_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        BestPractice.load_sector_names([])


def test_sector_kind_labels_are_indonesian():
    assert sector("pendidikan").get_kind_display() == "Urusan wajib pelayanan dasar"
    assert sector("pariwisata").get_kind_display() == "Urusan pilihan"


# --- BestPractice ---------------------------------------------------------------------------


def test_practice_qualities_in_canonical_order():
    practice = BestPracticeFactory(
        improves_transparency=True, improves_speed=True, improves_accountability=True
    )

    assert practice.qualities == [
        ServiceQuality.FAST,
        ServiceQuality.TRANSPARENT,
        ServiceQuality.ACCOUNTABLE,
    ]
    assert [quality.label for quality in practice.qualities] == [
        "Cepat",
        "Transparan",
        "Akuntabel",
    ]


def test_practice_with_every_quality():
    practice = BestPracticeFactory(
        improves_speed=True,
        improves_ease=True,
        improves_cost=True,
        improves_transparency=True,
        improves_accountability=True,
    )

    assert practice.qualities == list(ServiceQuality)


def test_practice_without_qualities():
    assert BestPracticeFactory().qualities == []


def test_practice_str_stage_and_page():
    practice = BestPracticeFactory(
        title="Layanan publik berbasis aplikasi", slug="layanan-aplikasi", stage=Stage.TRIAL
    )

    assert str(practice) == "Layanan publik berbasis aplikasi"
    assert practice.get_stage_display() == "Uji coba"
    assert resolve(url_or_skip(practice)).kwargs == {"slug": "layanan-aplikasi"}


def test_practice_slug_is_unique_in_the_database():
    BestPracticeFactory(slug="sambat-online")

    with pytest.raises(IntegrityError), transaction.atomic():
        BestPracticeFactory(slug="sambat-online")

    assert BestPractice.objects.count() == 1


def test_practice_that_a_proposal_adapts_cannot_be_deleted():
    adaptation = PracticeAdaptationFactory()

    with pytest.raises(ProtectedError):
        adaptation.practice.delete()

    assert BestPractice.objects.filter(pk=adaptation.practice_id).exists()
    assert PracticeAdaptation.objects.filter(pk=adaptation.pk).exists()


def test_practice_only_observed_is_deleted_with_its_observations_not_the_visit():
    observation = PracticeObservationFactory()

    observation.practice.delete()

    assert not BestPractice.objects.exists()
    assert not PracticeObservation.objects.exists()
    assert Visit.objects.filter(pk=observation.visit_id).exists()


# --- PracticeObservation --------------------------------------------------------------------


def test_practice_recorded_twice_on_a_visit_is_refused_by_the_database():
    observation = PracticeObservationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeObservation.objects.create(practice=observation.practice, visit=observation.visit)

    assert PracticeObservation.objects.count() == 1


def test_practice_recorded_twice_on_a_visit_gets_the_translated_message():
    observation = PracticeObservationFactory()

    with pytest.raises(ValidationError) as caught:
        PracticeObservation(practice=observation.practice, visit=observation.visit).full_clean()

    assert caught.value.message_dict["__all__"] == [
        "Praktik baik ini sudah tercatat untuk kunjungan ini."
    ]


def test_practice_observed_on_several_visits():
    observation = PracticeObservationFactory()
    PracticeObservation(practice=observation.practice, visit=VisitFactory()).full_clean()


def test_observation_str():
    observation = PracticeObservationFactory(
        practice=BestPracticeFactory(title="Kanal aduan"),
        visit=VisitFactory(title="Kunjungan Jateng"),
    )

    assert str(observation) == "Kanal aduan @ Kunjungan Jateng"


def test_the_current_catalog_token_is_the_first_rows(django_assert_num_queries):
    """Read on every cached page with one statement of its own (``current_token``), the token
    is the first row's; the triggers write that row."""
    CatalogVersion.objects.all().delete()
    assert CatalogVersion.current_token() is None
    first = CatalogVersion.objects.create(token="first")
    CatalogVersion.objects.create(token="second")
    with django_assert_num_queries(1):
        assert CatalogVersion.current_token() == "first"
    first.delete()
    assert CatalogVersion.current_token() == "second"


def test_a_catalog_change_gives_a_new_current_token():
    before = CatalogVersion.current_token()
    BestPracticeFactory()
    assert CatalogVersion.current_token() not in (None, before)
    assert CatalogVersion.current_token() == CatalogVersion.objects.order_by("pk")[0].token
