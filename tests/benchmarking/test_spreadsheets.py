"""Reading spreadsheets row by row and writing cells that cannot run as formulas."""

import io
import zipfile

import pytest
from django.utils import translation

from benchmarking.spreadsheets import Column, SpreadsheetError, cell_safe, records_read
from tests.spreadsheets import excel_csv, xlsx_file

COLUMNS = (Column("nip", ("NIP",), required=True), Column("name", ("Nama", "Name")))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+62 811", "'+62 811"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Siti", "Siti"),
        (-5, -5),
        (2018, 2018),
        (None, ""),
    ],
)
def test_cell_safe(value, written):
    assert cell_safe(value) == written


def test_headers_are_found_whatever_their_case_order_and_language():
    file = excel_csv([["  name ", "Lain", "nip"], ["Siti", "x", "123"]])

    assert list(records_read(file, filename="a.CSV", columns=COLUMNS)) == [
        (2, {"name": "Siti", "nip": "123"})
    ]


def test_a_short_row_reads_as_empty_cells():
    file = xlsx_file([["NIP", "Nama"], ["123"]])

    assert list(records_read(file, filename="a.xlsx", columns=COLUMNS)) == [
        (2, {"nip": "123", "name": ""})
    ]


def test_quoted_semicolons_stay_in_their_cell():
    file = excel_csv([["NIP", "Nama"], ["1", '"Siti; S.Kom"']])

    assert list(records_read(file, filename="a.csv", columns=COLUMNS)) == [
        (2, {"nip": "1", "name": "Siti; S.Kom"})
    ]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "a.csv", "Berkas ini kosong."),
        ("NIP;Nama\n1;Séti".encode("latin-1"), "a.csv", "Berkas CSV ini tidak berpengodean UTF-8."),
        (b"NIP", "a.ods", "Pilih berkas XLSX atau CSV."),
        (b"Nama\nSiti", "a.csv", "Baris judul tidak memuat kolom NIP."),
        (b"NIP\n1\n" + b"9" * 200_000, "a.csv", "Berkas CSV ini tidak dapat dibaca pada baris 3."),
    ],
)
def test_unreadable_files_say_why(content, filename, message):
    with pytest.raises(SpreadsheetError) as refusal:
        list(records_read(io.BytesIO(content), filename=filename, columns=COLUMNS))

    assert str(refusal.value) == message


def test_a_zip_that_is_no_workbook_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("hello.txt", "not a workbook")
    archive.seek(0)

    with pytest.raises(SpreadsheetError, match="Berkas ini bukan buku kerja XLSX yang sah."):
        list(records_read(archive, filename="a.xlsx", columns=COLUMNS))


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (b"Nama;Tanggal", "The header row lacks the column NIP."),
        (b"Lain", "The header row lacks the columns NIP, Tanggal."),
    ],
)
def test_missing_columns_are_named_in_correct_english(header, message):
    columns = (*COLUMNS[:1], Column("date", ("Tanggal",), required=True), *COLUMNS[1:])

    with translation.override("en"), pytest.raises(SpreadsheetError) as refusal:
        list(records_read(io.BytesIO(header + b"\nSiti"), filename="a.csv", columns=columns))

    assert str(refusal.value) == message
