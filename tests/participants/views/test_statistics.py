"""``/statistics/`` and its CSVs: public aggregates of approved proposals, each chart an SVG
with its numbers in a table beside it, in Indonesian and English, with no personal data; the
query count does not grow with the data; the cached page follows every approval."""

import csv
import io
import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from benchmarking.models import Province
from participants.models import FacilitatorRole, ProposalStatus
from participants.services import proposal_transition
from participants.statistics_figures import statistics_changed
from tests.factories import (
    BestPracticeFactory,
    FacilitatorFactory,
    UserFactory,
    province,
    sector,
)
from tests.participants.statistics_data import proposal_from

pytestmark = pytest.mark.django_db

URL = reverse("participants:statistics")


def csv_url(chart):
    return reverse("participants:statistics-csv", kwargs={"chart": chart})


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def table(page, heading_id):
    """The rows of the table in the section titled by ``heading_id``, as lists of cell texts."""
    section = page[page.index(f'id="{heading_id}"') :]
    body = section[section.index("<tbody>") : section.index("</tbody>")]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def national():
    """Lampung's participants adapted Central Java's practices, in two approved proposals and
    one draft; Bali's one practice was adapted by Central Java's participants."""
    jateng = BestPracticeFactory(host_province=province("33"), sectors=[sector("kesehatan")])
    bali = BestPracticeFactory(host_province=province("51"), sectors=[sector("pariwisata")])
    proposal_from("18", [jateng], year=2018, full_name="Andi Saputra", nip="198001012005031001")
    proposal_from("18", [jateng], year=2020, status=ProposalStatus.EVALUATED)
    proposal_from("18", [jateng, bali], status=ProposalStatus.DRAFT, title="Rancangan rahasia")
    proposal_from("33", [bali], year=2020, status=ProposalStatus.IMPLEMENTING)


def test_anyone_reads_the_charts_with_their_numbers_beside_them(client, national):
    response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    page = response.text
    assert "<h1>Statistik nasional</h1>" in page
    assert page.count("<svg ") == 4 and "style=" not in page
    assert '<title id="chart-flows-title">Alur gagasan antarprovinsi</title>' in page
    assert ["Jawa Tengah", "1"] in table(page, "provinces-heading")
    assert ["Bali", "1"] in table(page, "provinces-heading")
    assert table(page, "sectors-heading") == [["Kesehatan", "1"], ["Pariwisata", "1"]]
    assert table(page, "flows-heading") == [
        ["Jawa Tengah", "Lampung", "2"],
        ["Bali", "Jawa Tengah", "1"],
    ]
    assert table(page, "years-heading") == [["2018", "1"], ["2019", "0"], ["2020", "2"]]
    # The map draws the same flows, titled in words.
    assert "<title>Jawa Tengah → Lampung: 2 rancangan proyek perubahan</title>" in page
    for chart in ("provinces", "sectors", "flows", "years"):
        assert f'href="{csv_url(chart)}"' in page


def test_no_person_and_no_unapproved_proposal_shows(client, national):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    page = client.get(URL).text

    for private in ("Andi Saputra", "198001012005031001", "Rancangan rahasia"):
        assert private not in page
    # The draft's Lampung → Bali flow does not count, even for a superuser.
    assert ["Bali", "Lampung"] not in [row[:2] for row in table(page, "flows-heading")]


def test_the_page_speaks_english(client, national):
    client.cookies["django_language"] = "en"

    page = client.get(URL).text

    assert "<h1>National statistics</h1>" in page
    assert "The flow of ideas between provinces" in page
    assert "<title>Jawa Tengah → Lampung: 2 change proposals</title>" in page
    assert table(page, "sectors-heading")[0] == ["Health", "1"]


def test_an_empty_site_says_so(client):
    page = client.get(URL).text

    assert "Belum ada rancangan proyek perubahan yang disetujui." in page
    assert page.count("<svg ") == 1  # the map of practices, every province at 0


def test_each_chart_downloads_as_csv(client, national):
    response = client.get(csv_url("flows"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="statistik-flows.csv"' in response["Content-Disposition"]
    assert csv_rows(response)[1:] == [
        ["33", "Jawa Tengah", "18", "Lampung", "2"],
        ["51", "Bali", "33", "Jawa Tengah", "1"],
    ]
    assert csv_rows(client.get(csv_url("years")))[1:] == [
        ["2018", "1"],
        ["2019", "0"],
        ["2020", "2"],
    ]
    assert client.get(csv_url("pie")).status_code == HTTPStatus.NOT_FOUND


def test_a_csv_cell_that_a_spreadsheet_would_run_is_neutralised(client):
    BestPracticeFactory(host_province=province("33"))
    Province.objects.filter(code="33").update(name='=HYPERLINK("http://x","y")')

    rows = csv_rows(client.get(csv_url("provinces")))

    assert ["33", '\'=HYPERLINK("http://x","y")', "1"] in rows


@pytest.mark.parametrize("size", [2, 12])
def test_the_query_count_does_not_grow_with_the_data(client, django_assert_num_queries, size):
    for n in range(size):
        practice = BestPracticeFactory(
            host_province=province(["33", "51", "35"][n % 3]), sectors=[sector("kesehatan")]
        )
        proposal_from(["18", "11", "73", "91"][n % 4], [practice], year=2015 + n)

    statistics_changed()  # as a change does: the kept figures no longer match

    # Right after a change (before its task ran): the kept figures, read and found stale; the
    # provinces, the sectors, the flows, the years; the figures kept.
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.status_code == HTTPStatus.OK
    assert len(table(response.text, "years-heading")) == size

    # Every request after: the kept figures only.
    with django_assert_num_queries(1):
        response = client.get(URL)
    assert len(table(response.text, "years-heading")) == size


@pytest.mark.usefixtures("page_cache")
def test_approving_a_proposal_drops_the_cached_page_and_csv(client, national):
    coach = FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory())
    practice = BestPracticeFactory(host_province=province("11"))
    submitted = proposal_from("51", [practice], year=2020, status=ProposalStatus.SUBMITTED)
    submitted.coach = coach
    submitted.save()
    assert ["Aceh", "Bali", "1"] not in table(client.get(URL).text, "flows-heading")
    assert ["11", "Aceh", "51", "Bali", "1"] not in csv_rows(client.get(csv_url("flows")))

    proposal_transition(proposal=submitted, user=coach.user, to_status=ProposalStatus.APPROVED)

    assert ["Aceh", "Bali", "1"] in table(client.get(URL).text, "flows-heading")
    assert ["11", "Aceh", "51", "Bali", "1"] in csv_rows(client.get(csv_url("flows")))


@pytest.mark.usefixtures("page_cache")
def test_a_warm_page_reads_only_the_catalog_token(client, national, django_assert_num_queries):
    client.get(URL)
    client.get(csv_url("years"))

    # The catalog token only.
    with django_assert_num_queries(1):
        page = client.get(URL).text
    with django_assert_num_queries(1):
        years = csv_rows(client.get(csv_url("years")))

    assert ["Lampung", "2"] in [row[1:] for row in table(page, "flows-heading")]
    assert years[1] == ["2018", "1"]


def test_the_totals_agree_with_their_number_in_english(client, national):
    client.cookies["django_language"] = "en"
    page = client.get(URL).text

    totals = re.findall(
        r'<span class="stat__number">(\d+)</span>\s*<span class="stat__label">(.*?)</span>', page
    )
    assert totals == [("2", "best practices"), ("3", "approved change proposals")]


def test_one_approved_proposal_reads_in_the_singular(client):
    practice = BestPracticeFactory(host_province=province("33"))
    proposal_from("18", [practice])
    client.cookies["django_language"] = "en"
    page = client.get(URL).text

    assert '<span class="stat__label">best practice</span>' in page
    assert '<span class="stat__label">approved change proposal</span>' in page
