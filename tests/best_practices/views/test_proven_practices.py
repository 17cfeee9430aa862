"""The practices list's "proven in practice" facet and "most proven" order, as visitors see
them (the counts themselves are kept by ``participants.proof``, tested there)."""

import pytest
from django.db import connection

from tests.best_practices.views.test_practices import (
    LIST_QUERIES,
    LIST_URL,
    facet_counts,
    result_titles,
)
from tests.factories import BestPracticeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proven_catalogue():
    BestPracticeFactory(title="Mal pelayanan publik", proven_adaptation_count=1)
    BestPracticeFactory(title="Klinik keliling", proven_adaptation_count=3)
    BestPracticeFactory(title="Arsip digital", proven_adaptation_count=0)


def test_the_facet_counts_and_keeps_the_proven_practices_for_every_visitor(
    client, proven_catalogue
):
    response = client.get(LIST_URL)
    assert facet_counts(response)[("proven", "yes")] == 2
    page = response.content.decode()
    assert "Terbukti dilaksanakan" in page
    assert "Pernah dilaksanakan peserta" in page

    proven = client.get(LIST_URL, {"proven": "yes"})

    assert sorted(result_titles(proven)) == ["Klinik keliling", "Mal pelayanan publik"]


def test_most_proven_first_then_by_title(client, proven_catalogue):
    client.force_login(UserFactory())

    response = client.get(LIST_URL, {"sort": "proven"})

    assert result_titles(response) == ["Klinik keliling", "Mal pelayanan publik", "Arsip digital"]
    page = response.content.decode()
    assert "Paling banyak terbukti" in page
    assert "Dilaksanakan dalam 3 rancangan" in page
    assert page.count("badge--proven") == 2


def test_a_search_sorted_by_proof(client):
    BestPracticeFactory(title="Praktik arsip", summary="Praktik arsip.", proven_adaptation_count=1)
    BestPracticeFactory(
        title="Praktik klinik", summary="Praktik klinik.", proven_adaptation_count=4
    )
    BestPracticeFactory(title="Praktik mal", summary="Praktik mal.")

    response = client.get(LIST_URL, {"q": "praktik", "sort": "proven"})

    assert result_titles(response) == ["Praktik klinik", "Praktik arsip", "Praktik mal"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_stays_with_the_facet_and_the_order(
    client, django_assert_num_queries, count
):
    for number in range(count):
        BestPracticeFactory(summary="Praktik baik.", proven_adaptation_count=number % 3)
    client.force_login(UserFactory())
    client.get(LIST_URL)  # the session is read and saved once, the index built

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL, {"proven": "yes", "sort": "proven"})
    matches = 0 if connection.vendor == "postgresql" else 1
    with django_assert_num_queries(LIST_QUERIES + matches):
        client.get(LIST_URL, {"q": "praktik", "sort": "proven"})

    assert len(result_titles(response)) == min(count - (count + 2) // 3, 20)
