"""Importing an institution's cohorts, and the all-or-nothing rules every import shares."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from benchmarking.imports import (
    CohortImporter,
    ImportReport,
    RowAction,
    RowError,
    RowOutcome,
    import_run,
)
from benchmarking.models import Cohort, Program
from tests.admin_helpers import organizer_login
from tests.factories import CohortFactory, InstitutionFactory
from tests.spreadsheets import excel_csv, xlsx_file

pytestmark = pytest.mark.django_db

HEADER = ["Nama", "Program", "Tahun", "Tanggal mulai", "Tanggal selesai"]


def run(institution, file, filename="angkatan.xlsx", *, dry_run=False):
    return import_run(
        importer=CohortImporter(institution=institution),
        file=file,
        filename=filename,
        dry_run=dry_run,
    )


def test_cohorts_are_created_from_xlsx_with_real_dates():
    institution = InstitutionFactory()
    rows = [
        HEADER,
        [
            "Angkatan I",
            "Diklatpim IV",
            2018,
            datetime.date(2018, 8, 1),
            datetime.date(2018, 11, 30),
        ],
        ["Angkatan II", "PKP", "2019", "", ""],
    ]

    report = run(institution, xlsx_file(rows))

    assert report.ok, report.messages()
    first = Cohort.objects.get(name="Angkatan I")
    assert (first.institution, first.program, first.year) == (
        institution,
        Program.DIKLATPIM_IV,
        2018,
    )
    assert (first.start_date, first.end_date) == (
        datetime.date(2018, 8, 1),
        datetime.date(2018, 11, 30),
    )
    assert Cohort.objects.get(name="Angkatan II").program == Program.PKP


def test_program_name_and_year_are_the_natural_key():
    institution = InstitutionFactory()
    CohortFactory(institution=institution, name="Angkatan I", year=2018, program=Program.PKP)
    rows = [
        ["name", "program", "year", "Start date"],
        ["angkatan i", "Pelatihan Kepemimpinan Pengawas", "2018", "01/08/2018"],
        ["Angkatan I", "pka", "2018", ""],
    ]

    report = run(institution, excel_csv(rows), "angkatan.csv")

    assert [row.action for row in report.rows] == [RowAction.UPDATE, RowAction.NEW]
    assert Cohort.objects.count() == 2


def test_errors_leave_every_row_unwritten():
    institution = InstitutionFactory()
    rows = [
        HEADER,
        ["Angkatan I", "PKP", "2018", "", ""],
        ["Angkatan II", "Diklat Teknis", "2018", "", ""],
        ["Angkatan III", "PKA", "2018", "2018-09-01", "2018-08-01"],
        ["Angkatan IV", "PKA", "dua ribu", "31/02/2018", ""],
    ]

    report = run(institution, xlsx_file(rows))

    assert [str(error) for error in report.errors] == [
        "Baris 3, kolom Program: Program harus salah satu dari Diklatpim Tingkat IV, "
        "Pelatihan Kepemimpinan Pengawas, Pelatihan Kepemimpinan Administrator, "
        "Pelatihan Kepemimpinan Nasional, bukan “Diklat Teknis”.",
        "Baris 4, kolom Tanggal selesai: Tanggal selesai tidak boleh sebelum tanggal mulai.",
        "Baris 5, kolom Tahun: Masukkan keseluruhan angka bilangan.",
        "Baris 5, kolom Tanggal mulai: Masukkan tanggal yang valid.",
    ]
    assert not Cohort.objects.exists()


def test_a_dry_run_writes_nothing_even_without_errors():
    report = run(
        InstitutionFactory(), xlsx_file([HEADER, ["Angkatan I", "PKP", 2018]]), dry_run=True
    )

    assert report.ok
    assert [row.action for row in report.rows] == [RowAction.NEW]
    assert not Cohort.objects.exists()


def test_empty_rows_are_skipped_and_numbered_as_in_the_sheet():
    rows = [HEADER, ["Angkatan I", "PKP", 2018], [None, None], ["Angkatan II", "Kursus", 2018]]

    report = run(InstitutionFactory(), xlsx_file(rows))

    assert [error.row for error in report.errors] == [4]


def test_the_command_imports_cohorts(tmp_path, capsys):
    institution = InstitutionFactory()
    path = tmp_path / "angkatan.csv"
    path.write_bytes(excel_csv([HEADER, ["Angkatan I", "PKN", "2020", "", ""]]).getvalue())

    call_command("import_data", "cohorts", str(path), "--institution", str(institution.pk))

    assert Cohort.objects.get().program == Program.PKN


def test_an_organizer_imports_cohorts_only_into_their_own_institution(client):
    own = InstitutionFactory(short_name="BPSDM Sendiri")
    other = InstitutionFactory(short_name="BPSDM Lain")
    organizer_login(client, own)
    url = reverse("admin:benchmarking_cohort_import")
    file = xlsx_file([HEADER, ["Angkatan I", "PKP", 2018]])
    file.name = "angkatan.xlsx"

    form = client.get(url)
    refused = client.post(url, {"target": other.pk, "file": file})

    assert "BPSDM Sendiri" in form.text and "BPSDM Lain" not in form.text
    assert "Masukkan pilihan yang valid." in refused.text
    assert not Cohort.objects.exists()


@pytest.mark.parametrize(
    ("errors", "summary"),
    [
        (1, "0 new, 1 updated, 0 unchanged, 1 error."),
        (2, "0 new, 1 updated, 0 unchanged, 2 errors."),
    ],
)
def test_the_summary_counts_errors_in_correct_english(errors, summary):
    report = ImportReport(dry_run=True)
    report.rows.append(RowOutcome(row=2, action=RowAction.UPDATE, label="Angkatan I"))
    report.errors.extend(RowError(row=3 + n, column="", message="Salah.") for n in range(errors))

    with translation.override("en"):
        assert report.summary.startswith(summary + " Nothing was imported;")
