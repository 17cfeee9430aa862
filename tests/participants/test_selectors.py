"""The originality check: other participants' proposals most similar to the one under review."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import COMPARED_TEXT_LENGTH, ChangeProposal, ProposalStatus
from participants.selectors import compared_text, similar_proposals, trigram_similarity
from tests.factories import (
    ChangeProposalFactory,
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EARLIER = {
    "title": "Layanan pengaduan masyarakat terpadu berbasis aplikasi di Dinas Kominfo Pringsewu",
    "problem": (
        "Pengaduan masyarakat tersebar di banyak kanal, tidak tercatat dan tidak "
        "ditindaklanjuti tepat waktu."
    ),
    "goals": "Semua pengaduan tercatat dalam satu aplikasi dan dijawab paling lama lima hari kerja.",
}
NEAR_COPY = {
    "title": "Layanan pengaduan masyarakat terpadu berbasis aplikasi di Dinas Kominfo Tanggamus",
    "problem": (
        "Pengaduan masyarakat tersebar di berbagai kanal, tidak tercatat dan tidak "
        "ditindaklanjuti tepat waktu."
    ),
    "goals": "Semua pengaduan tercatat dalam satu aplikasi dan dijawab paling lambat lima hari kerja.",
}
UNRELATED = {
    "title": "Pemeliharaan jalan provinsi berbasis laporan kerusakan oleh warga",
    "problem": "Kerusakan jalan terlambat diketahui sehingga perbaikan memakan biaya besar.",
    "goals": "Kerusakan jalan dilaporkan warga dengan foto dan diperbaiki dalam tiga puluh hari.",
}
RELATED = {
    "title": "Layanan pengaduan masyarakat di Dinas Kesehatan",
    "problem": "Pengaduan masyarakat tentang puskesmas tidak tercatat.",
    "goals": "Semua pengaduan dijawab dalam satu minggu.",
}


def _proposal(texts, **kwargs):
    return ChangeProposalFactory(**{**texts, **kwargs})


@pytest.fixture
def examiner():
    return FacilitatorFactory(user=UserFactory(username="penguji"), role="examiner")


def test_a_near_copy_comes_first_and_an_unrelated_proposal_does_not_appear(examiner):
    copied = _proposal(EARLIER, status=ProposalStatus.APPROVED, submitted_at="2018-09-01T09:00Z")
    related = _proposal(RELATED)
    unrelated = _proposal(UNRELATED)
    under_review = _proposal(NEAR_COPY, examiner=examiner)
    found = similar_proposals(under_review, viewer=examiner.user)
    assert found[0].proposal == copied
    assert found[0].percent >= 80
    assert unrelated not in [s.proposal for s in found]
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)
    if related in [s.proposal for s in found]:
        assert found[-1].proposal == related


def test_the_participants_own_proposals_are_not_compared(examiner):
    participant = ParticipantFactory()
    _proposal(EARLIER, participant=participant)
    under_review = _proposal(NEAR_COPY, participant=participant, examiner=examiner)
    assert similar_proposals(under_review, viewer=examiner.user) == []


def test_a_proposal_the_reviewer_may_not_open_is_named_but_not_linked(client, examiner):
    hidden = _proposal(EARLIER, title=EARLIER["title"] + " (draf)")
    under_review = _proposal(NEAR_COPY, examiner=examiner)
    found = similar_proposals(under_review, viewer=examiner.user)
    assert [(s.proposal, s.viewer_may_open) for s in found] == [(hidden, False)]
    client.force_login(examiner.user)
    page = client.get(reverse("participants:review-detail", kwargs={"pk": under_review.pk}))
    assert hidden.title in page.text
    assert f"{found[0].percent}%" in page.text
    assert hidden.get_absolute_url() not in page.text


def test_an_approved_similar_proposal_is_linked(client, examiner):
    approved = _proposal(EARLIER, status=ProposalStatus.APPROVED, submitted_at="2018-09-01T09:00Z")
    under_review = _proposal(NEAR_COPY, examiner=examiner)
    client.force_login(examiner.user)
    page = client.get(reverse("participants:review-detail", kwargs={"pk": under_review.pk}))
    assert f'<a href="{approved.get_absolute_url()}">{approved.title}</a>' in page.text


def test_the_limit_and_threshold(examiner):
    for _ in range(7):
        _proposal(EARLIER)
    under_review = _proposal(NEAR_COPY, examiner=examiner)
    assert len(similar_proposals(under_review, viewer=examiner.user)) == 5
    assert similar_proposals(under_review, viewer=examiner.user, threshold=0.99) == []


def test_the_database_keeps_the_compared_text_on_every_write():
    proposal = _proposal(EARLIER)
    stored = ChangeProposal.objects.values_list("compared_text", flat=True)
    assert stored.get(pk=proposal.pk) == " ".join(EARLIER.values())
    # Even a bulk update, which runs no Python code per row, refreshes it.
    ChangeProposal.objects.filter(pk=proposal.pk).update(title="Judul baru")
    assert stored.get(pk=proposal.pk).startswith("Judul baru Pengaduan masyarakat tersebar")


def test_a_long_text_is_compared_by_its_start(examiner):
    long_problem = EARLIER["problem"] + " " + "Uraian masalah yang panjang sekali. " * 60
    earlier = _proposal({**EARLIER, "problem": long_problem})
    stored = ChangeProposal.objects.values_list("compared_text", flat=True).get(pk=earlier.pk)
    assert len(stored) == COMPARED_TEXT_LENGTH
    assert stored == compared_text(earlier)
    # A copy of the start with a different ending is still a copy.
    under_review = _proposal(
        {**EARLIER, "problem": long_problem, "goals": UNRELATED["goals"]}, examiner=examiner
    )
    assert [s.percent for s in similar_proposals(under_review, viewer=examiner.user)] == [100]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram index exists on PostgreSQL only"
)
def test_postgresql_finds_the_nearest_proposals_through_the_trigram_index(examiner):
    _proposal(EARLIER)
    under_review = _proposal(NEAR_COPY, examiner=examiner)
    with CaptureQueriesContext(connection) as queries:
        similar_proposals(under_review, viewer=examiner.user)
    # A few test rows are cheaper to read without the index; forbid that to see it is usable.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + queries.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan using participants_proposal_compared_text_trgm" in plan
    assert "Order By: (compared_text <->" in plan


def test_an_empty_text_is_not_similar_to_anything():
    assert trigram_similarity("", "apa saja") == 0.0


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("abc", "abd"),
        ("Pengaduan masyarakat", "pengaduan MASYARAKAT!"),
        (" ".join(EARLIER.values()), " ".join(NEAR_COPY.values())),
        (" ".join(EARLIER.values()), " ".join(UNRELATED.values())),
    ],
)
def test_the_python_measure_is_pg_trgms_similarity(left, right):
    """SQLite's fallback scores like PostgreSQL, so one threshold serves both."""
    if connection.vendor != "postgresql":
        pytest.skip("compares with PostgreSQL's pg_trgm")
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity(%s, %s)", [left, right])
        expected = cursor.fetchone()[0]
    assert trigram_similarity(left, right) == pytest.approx(expected, abs=1e-6)


def test_the_known_value_of_a_small_case():
    # pg_trgm: "abc" → {"  a", " ab", "abc", "bc "}, "abd" shares 2 of the 6 trigrams.
    assert trigram_similarity("abc", "abd") == pytest.approx(2 / 6)
