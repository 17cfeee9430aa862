"""The data migrations give the 38 provinces and every sector; the models match the migrations."""

import importlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from benchmarking.models import Province
from best_practices.models import Sector, SectorKind

pytestmark = pytest.mark.django_db

#: The Kemendagri codes of the 38 provinces, as the issue lists them.
PROVINCES = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

#: The affairs of UU 23/2014 and the supporting functions, as the issue lists them.
SECTORS = {
    SectorKind.BASIC_MANDATORY: [
        "pendidikan",
        "kesehatan",
        "pekerjaan umum dan penataan ruang",
        "perumahan rakyat dan kawasan permukiman",
        "ketenteraman, ketertiban umum dan pelindungan masyarakat",
        "sosial",
    ],
    SectorKind.NON_BASIC_MANDATORY: [
        "tenaga kerja",
        "pemberdayaan perempuan dan pelindungan anak",
        "pangan",
        "pertanahan",
        "lingkungan hidup",
        "administrasi kependudukan dan pencatatan sipil",
        "pemberdayaan masyarakat dan desa",
        "pengendalian penduduk dan keluarga berencana",
        "perhubungan",
        "komunikasi dan informatika",
        "koperasi, usaha kecil dan menengah",
        "penanaman modal",
        "kepemudaan dan olahraga",
        "statistik",
        "persandian",
        "kebudayaan",
        "perpustakaan",
        "kearsipan",
    ],
    SectorKind.OPTIONAL: [
        "kelautan dan perikanan",
        "pariwisata",
        "pertanian",
        "kehutanan",
        "energi dan sumber daya mineral",
        "perdagangan",
        "perindustrian",
        "transmigrasi",
    ],
    SectorKind.SUPPORTING: [
        "perencanaan",
        "keuangan",
        "kepegawaian",
        "pendidikan dan pelatihan",
        "penelitian dan pengembangan",
    ],
}


def test_exactly_the_38_provinces_with_their_kemendagri_codes():
    assert Province.objects.count() == 38
    assert dict(Province.objects.values_list("code", "name")) == PROVINCES


@pytest.mark.parametrize(
    ("code", "name"), [("18", "Lampung"), ("33", "Jawa Tengah"), ("96", "Papua Barat Daya")]
)
def test_province_codes_of_the_source_article_and_the_newest_province(code, name):
    assert Province.objects.get(code=code).name == name


def test_provinces_are_ordered_by_code():
    codes = list(Province.objects.values_list("code", flat=True))

    assert codes == sorted(PROVINCES)


@pytest.mark.parametrize(
    ("kind", "count"),
    [
        (SectorKind.BASIC_MANDATORY, 6),
        (SectorKind.NON_BASIC_MANDATORY, 18),
        (SectorKind.OPTIONAL, 8),
        (SectorKind.SUPPORTING, 5),
    ],
)
def test_sectors_of_each_kind(kind, count):
    names = [
        name.lower() for name in Sector.objects.filter(kind=kind).values_list("name", flat=True)
    ]

    assert len(names) == count
    assert sorted(names) == sorted(SECTORS[kind])


def test_all_37_sectors_have_an_english_name_and_a_unique_order():
    sectors = list(Sector.objects.all())

    assert len(sectors) == 37
    assert all(sector.name_en for sector in sectors)
    assert len({sector.order for sector in sectors}) == 37


def test_models_and_migrations_agree():
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)

    assert "No changes detected" in out.getvalue()


def test_every_catalog_version_trigger_exists():
    """SQLite drops a table's triggers when a migration rebuilds the table: this fails then,
    and a migration must create them again (``best_practices`` ``0005_catalog_version``).
    """
    catalog_version = importlib.import_module("best_practices.migrations.0005_catalog_version")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        existing = {row[0] for row in cursor.fetchall()}

    expected = catalog_version.trigger_names(connection.vendor)
    assert len(expected) == (6 if connection.vendor == "postgresql" else 18)
    assert sorted(set(expected) - existing) == []


def test_every_catalog_change_trigger_exists():
    """The log of changed practices the facet index catches up from (PostgreSQL only)."""
    changes = importlib.import_module("best_practices.migrations.0011_catalog_changes")
    expected = changes.trigger_names(connection.vendor)
    if connection.vendor != "postgresql":
        assert expected == []
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        existing = {row[0] for row in cursor.fetchall()}

    assert len(expected) == 9  # a row trigger and a TRUNCATE trigger per practice table, 3 more
    assert sorted(set(expected) - existing) == []
