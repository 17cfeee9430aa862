"""Importing best practices from a spreadsheet: host agency, province code, sectors by name."""

import pytest
from django.utils import translation

from benchmarking.imports import RowAction, import_run
from benchmarking.models import HostAgency
from best_practices.imports import PracticeImporter
from best_practices.models import BestPractice
from tests.factories import BestPracticeFactory, HostAgencyFactory, province, sector
from tests.spreadsheets import excel_csv, xlsx_file

pytestmark = pytest.mark.django_db

HEADER = ["Judul", "Ringkasan", "Lokus", "Kode provinsi", "Urusan", "Tahun mulai"]


def run(file, filename="praktik.xlsx", *, dry_run=False):
    return import_run(importer=PracticeImporter(), file=file, filename=filename, dry_run=dry_run)


def test_practices_are_created_with_agency_province_and_sectors():
    rows = [
        HEADER,
        [
            "LAPOR Gub",
            "Kanal aduan masyarakat.",
            "Diskominfo Jateng",
            "33",
            "Komunikasi dan informatika; Health",
            "2014",
        ],
    ]

    report = run(xlsx_file(rows))

    assert report.ok, report.messages()
    practice = BestPractice.objects.get(title="LAPOR Gub")
    assert practice.host_province == province("33")
    assert practice.host_agency.name == "Diskominfo Jateng"
    assert practice.year_started == 2014
    assert practice.slug == "lapor-gub"
    assert set(practice.sectors.all()) == {sector("kominfo"), sector("kesehatan")}


def test_title_and_host_agency_are_the_natural_key():
    agency = HostAgencyFactory(name="Diskominfo Jateng", province=province("33"))
    BestPracticeFactory(title="LAPOR Gub", host_agency=agency, summary="Lama.", year_started=None)
    rows = [
        ["Title", "Summary", "Host agency", "Province code"],
        ["lapor gub", "Baru.", "diskominfo jateng", "33"],
        ["LAPOR Gub", "Lain lokus.", "Dinas Lain", "33"],
    ]

    report = run(excel_csv(rows), "praktik.csv")

    assert [row.action for row in report.rows] == [RowAction.UPDATE, RowAction.NEW]
    assert BestPractice.objects.count() == 2
    assert BestPractice.objects.get(host_agency=agency).summary == "Baru."
    assert HostAgency.objects.filter(name="Dinas Lain").exists()


def test_unknown_province_and_sector_are_errors_and_nothing_is_written():
    rows = [
        HEADER,
        ["Satu", "Ringkas.", "Dinas A", "99", "", ""],
        ["Dua", "Ringkas.", "Dinas B", "33", "Pariwisata; Urusan Khayalan", "1800"],
    ]

    report = run(xlsx_file(rows))

    assert [str(error) for error in report.errors] == [
        "Baris 2, kolom Kode provinsi: Tidak ada provinsi dengan kode “99”.",
        "Baris 3, kolom Tahun mulai: Pastikan nilai ini lebih besar dari atau sama dengan 1945.",
    ]
    assert not BestPractice.objects.exists()
    assert not HostAgency.objects.filter(name__startswith="Dinas ").exists()


def test_an_unknown_sector_is_named():
    rows = [HEADER, ["Dua", "Ringkas.", "Dinas B", "33", "Pariwisata; Urusan Khayalan", ""]]

    report = run(xlsx_file(rows))

    assert [str(error) for error in report.errors] == [
        "Baris 2, kolom Urusan: Urusan pemerintahan tidak dikenal: Urusan Khayalan."
    ]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ("Urusan Khayalan", "Unknown sector: Urusan Khayalan."),
        ("Urusan Khayalan; Urusan Lain", "Unknown sectors: Urusan Khayalan, Urusan Lain."),
    ],
)
def test_unknown_sectors_are_named_in_correct_english(names, message):
    rows = [HEADER, ["Dua", "Ringkas.", "Dinas B", "33", names, ""]]

    with translation.override("en"):
        report = run(xlsx_file(rows))

        assert [error.message for error in report.errors] == [message]
