"""The province list kept whole in the page cache (``benchmarking.views.ProvinceListView``):
read again after a catalog change or an admin write, the same page for every viewer but for
their own parts of the header."""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarking.models import Visit
from tests.admin_helpers import admin_url, form_data
from tests.factories import (
    BestPracticeFactory,
    UserFactory,
    VisitFactory,
    province,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

PROVINCES = reverse("benchmarking:province-list")


def counts(client, code: str) -> tuple[int, int]:
    """(best practices, visits hosted) on province ``code``'s row of the list, as shown."""
    page = client.get(PROVINCES).text
    row = re.search(
        rf'<td class="code">{code}</td>\s*<th scope="row">.*?</th>\s*'
        r'<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>',
        page,
    )
    return int(row.group(1)), int(row.group(2))


def test_a_warm_province_list_reads_only_the_catalog_token(client):
    BestPracticeFactory(host_province=province("33"))
    client.get(PROVINCES)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(PROVINCES)

    assert response.status_code == HTTPStatus.OK
    assert [query["sql"] for query in queries] == [
        'SELECT token FROM "best_practices_catalogversion" ORDER BY "id" LIMIT 1'
    ]
    assert counts(client, "33") == (1, 0)


def test_a_logged_in_visitors_warm_list_reads_no_province_or_practice(client):
    client.force_login(UserFactory())
    client.get(PROVINCES)

    with CaptureQueriesContext(connection) as queries:
        client.get(PROVINCES)

    read = " ".join(query["sql"] for query in queries)
    assert "best_practices_catalogversion" in read
    assert "benchmarking_province" not in read
    assert "best_practices_bestpractice" not in read


def test_the_counts_follow_the_practices_added_moved_and_removed(client):
    first = BestPracticeFactory(host_province=province("33"))
    assert counts(client, "33") == (1, 0)

    second = BestPracticeFactory(host_province=province("33"))
    assert counts(client, "33") == (2, 0)

    second.host_province = province("18")
    second.save()
    assert (counts(client, "33"), counts(client, "18")) == ((1, 0), (1, 0))

    first.delete()
    assert counts(client, "33") == (0, 0)


def test_the_counts_follow_the_visits_added(client):
    assert counts(client, "51") == (0, 0)

    VisitFactory(host_province=province("51"))

    assert counts(client, "51") == (0, 1)


def test_a_visit_moved_in_the_admin_moves_its_count(admin_client, client):
    # A visit's host province is no catalog column: the admin write drops the page.
    visit = VisitFactory(host_province=province("51"))
    assert (counts(client, "51"), counts(client, "52")) == ((0, 1), (0, 0))
    url = admin_url(Visit, "change", visit.pk)
    data = form_data(admin_client.get(url))
    data["host_province"] = str(province("52").pk)

    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND

    assert (counts(client, "51"), counts(client, "52")) == ((0, 0), (0, 1))


def test_a_visitor_never_sees_anothers_header(client):
    client.force_login(UserFactory(username="made.wirawan"))
    assert '<span class="account-name">made.wirawan</span>' in client.get(PROVINCES).text
    client.logout()

    page = client.get(PROVINCES).text

    assert "made.wirawan" not in page
    assert 'class="logout-form"' not in page
    assert 'href="/accounts/login/?next=/provinces/"' in page
