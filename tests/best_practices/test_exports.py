"""``/practices/export.csv`` and ``.xlsx``: the list as filtered on ``/practices/``, safe from
spreadsheet formulas."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import BestPracticeFactory, HostAgencyFactory, province, sector
from tests.spreadsheets import xlsx_rows

pytestmark = pytest.mark.django_db

CSV_URL = reverse("best_practices:practice-export", args=["csv"])
XLSX_URL = reverse("best_practices:practice-export", args=["xlsx"])


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_export_follows_the_filters_of_the_list(client):
    BestPracticeFactory(
        title="LAPOR Gub",
        host_province=province("33"),
        host_agency=HostAgencyFactory(name="Diskominfo", province=province("33")),
        sectors=[sector("kominfo")],
        slug="lapor-gub",
    )
    BestPracticeFactory(title="Praktik Lampung", host_province=province("18"))

    response = client.get(CSV_URL + "?province=33")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="praktik-baik.csv"'
    rows = csv_rows(response)
    assert rows[0][:6] == [
        "Judul",
        "Ringkasan",
        "Provinsi tuan rumah",
        "Kode provinsi",
        "Lokus",
        "Urusan pemerintahan",
    ]
    assert len(rows) == 2
    assert rows[1][:7] == [
        "LAPOR Gub",
        "Ringkasan praktik baik.",
        "Jawa Tengah",
        "33",
        "Diskominfo",
        "Komunikasi dan informatika",
        "2016",
    ]
    assert rows[1][-1] == "http://testserver/practices/lapor-gub/"


def test_formulas_are_neutralised_in_csv_and_xlsx(client):
    BestPracticeFactory(
        title='=HYPERLINK("http://x","y")',
        summary="+62 811",
        key_to_success="@SUM(A1)",
        replication_prerequisites="-1+1",
    )

    csv_row = csv_rows(client.get(CSV_URL))[1]
    xlsx_row = xlsx_rows(client.get(XLSX_URL).content)[1]

    for row in (csv_row, xlsx_row):
        assert row[0] == '\'=HYPERLINK("http://x","y")'
        assert row[1] == "'+62 811"
        assert row[8] == "'@SUM(A1)"
        assert row[9] == "'-1+1"


def test_the_xlsx_export(client):
    BestPracticeFactory(title="SAMSAT Keliling", year_started=2015)

    response = client.get(XLSX_URL)

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = xlsx_rows(response.content)
    assert rows[1][0] == "SAMSAT Keliling"
    assert rows[1][6] == 2015


def test_another_format_is_not_found(client):
    assert client.get(reverse("best_practices:practice-export", args=["pdf"])).status_code == (
        HTTPStatus.NOT_FOUND
    )


def test_the_list_links_to_the_export_with_its_query(client):
    response = client.get(reverse("best_practices:practice-list") + "?province=33")

    assert f'href="{CSV_URL}?province=33"' in response.text
    assert f'href="{XLSX_URL}?province=33"' in response.text
