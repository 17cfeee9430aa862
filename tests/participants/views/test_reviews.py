"""The facilitator's pages: the review queue and the review page with its decision form."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participants.models import (
    FacilitatorRole,
    ProposalStatus,
    ProposalStatusChange,
    Review,
    ReviewDecision,
)
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    ReviewFactory,
    UserFactory,
    proposal_ready_to_submit,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("participants:review-queue")


def review_url(proposal):
    return reverse("participants:review-detail", kwargs={"pk": proposal.pk})


@pytest.fixture
def coach(client):
    """The logged-in coach."""
    user = UserFactory(username="coach")
    client.force_login(user)
    return FacilitatorFactory(user=user, full_name="Bu Coach", role=FacilitatorRole.COACH)


def _submitted(**kwargs):
    kwargs.setdefault("status", ProposalStatus.SUBMITTED)
    kwargs.setdefault("submitted_at", timezone.now())
    return proposal_ready_to_submit(participant=ParticipantFactory(user=UserFactory()), **kwargs)


# --- the queue --------------------------------------------------------------------------------


def test_the_queue_lists_proposals_assigned_to_me_waiting_first(client, coach):
    examiner_of = FacilitatorFactory(role=FacilitatorRole.EXAMINER)
    now = timezone.now()
    _submitted(coach=coach, title="Menunggu sejak lama", submitted_at=now - datetime.timedelta(9))
    _submitted(coach=coach, title="Menunggu sejak kemarin", submitted_at=now)
    proposal_ready_to_submit(coach=coach, title="Masih draf")
    _submitted(mentor=coach, title="Saya mentornya")
    _submitted(examiner=coach, coach=examiner_of, title="Saya pengujinya")
    _submitted(coach=FacilitatorFactory(), title="Rancangan orang lain")
    response = client.get(QUEUE)
    assert response.status_code == HTTPStatus.OK
    titles = [p.title for p in response.context["proposals"]]
    assert titles[:2] == ["Menunggu sejak lama", "Menunggu sejak kemarin"]
    assert titles[-1] == "Masih draf"
    assert set(titles) == {
        "Menunggu sejak lama",
        "Menunggu sejak kemarin",
        "Masih draf",
        "Saya mentornya",
        "Saya pengujinya",
    }
    assert "Rancangan orang lain" not in response.text
    assert "Menunggu sejak lama" in response.text


def test_the_queue_filters_by_status_and_cohort(client, coach):
    cohort = CohortFactory(name="Angkatan Khusus")
    _submitted(coach=coach, title="Di angkatan lain")
    in_cohort = _submitted(coach=coach, title="Angkatan khusus diajukan")
    in_cohort.participant.cohort = cohort
    in_cohort.participant.save()
    proposal_ready_to_submit(
        coach=coach, title="Draf angkatan khusus", participant=ParticipantFactory(cohort=cohort)
    )
    by_status = client.get(QUEUE, {"status": "draft"})
    assert [p.title for p in by_status.context["proposals"]] == ["Draf angkatan khusus"]
    by_cohort = client.get(QUEUE, {"cohort": cohort.pk})
    assert {p.title for p in by_cohort.context["proposals"]} == {
        "Angkatan khusus diajukan",
        "Draf angkatan khusus",
    }
    both = client.get(QUEUE, {"cohort": cohort.pk, "status": "submitted"})
    assert [p.title for p in both.context["proposals"]] == ["Angkatan khusus diajukan"]
    assert "Angkatan Khusus" in by_status.text


@pytest.mark.parametrize("params", [{"cohort": "999999"}, {"status": "hilang"}, {"cohort": "x'--"}])
def test_bad_filters_answer_without_an_error(client, coach, params):
    _submitted(coach=coach)
    response = client.get(QUEUE, params)
    assert response.status_code == HTTPStatus.OK
    assert "Masukkan pilihan yang valid" in response.text


@pytest.mark.parametrize("page_number", ["99", "abc", "-1", "99999999999999999999"])
def test_a_page_number_past_the_end_or_garbage_still_shows_the_queue(client, coach, page_number):
    proposal = _submitted(coach=coach)
    response = client.get(QUEUE, {"page": page_number})
    assert response.status_code == HTTPStatus.OK
    assert proposal.title in response.text


def test_a_cohort_of_someone_elses_proposals_is_no_filter_option(client, coach):
    foreign = _submitted(coach=FacilitatorFactory()).participant.cohort
    response = client.get(QUEUE)
    assert f'value="{foreign.pk}"' not in response.text


def test_participants_cannot_open_the_review_pages(client):
    user = UserFactory()
    ParticipantFactory(user=user)
    client.force_login(user)
    proposal = _submitted()
    assert client.get(QUEUE).status_code == HTTPStatus.FORBIDDEN
    assert client.get(review_url(proposal)).status_code == HTTPStatus.FORBIDDEN
    response = client.post(review_url(proposal), {"decision": "approve", "comments": "x"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Review.objects.exists()


def test_the_owner_cannot_review_their_own_proposal(client):
    proposal = _submitted()
    client.force_login(proposal.participant.user)
    response = client.post(review_url(proposal), {"decision": "approve", "comments": ""})
    assert response.status_code == HTTPStatus.FORBIDDEN
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_the_review_pages_need_a_login(client):
    proposal = _submitted()
    for url in (QUEUE, review_url(proposal)):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert response.url.startswith(reverse("login"))


def _queue_with(coach, count):
    for _ in range(count):
        _submitted(coach=coach)


@pytest.mark.parametrize("count", [3, 30])
def test_the_queue_query_count_does_not_grow(client, coach, count, django_assert_num_queries):
    _queue_with(coach, count)
    # session, user with their profiles, count, page, cohort options
    with django_assert_num_queries(5):
        response = client.get(QUEUE)
    assert response.status_code == HTTPStatus.OK
    # one header row and one row per proposal on the first page of 20
    assert response.text.count("<tr") == 1 + min(count, 20)


# --- the review page --------------------------------------------------------------------------


def test_the_review_page_shows_each_practice_beside_its_adaptation(client, coach):
    practice = BestPracticeFactory(
        title="Lapor Gub",
        key_to_success="Komitmen gubernur dan respons cepat.",
        replication_prerequisites="Admin aduan di setiap OPD.",
    )
    proposal = _submitted(coach=coach, title="Aduan terpadu Lampung")
    PracticeAdaptationFactory(
        proposal=proposal, practice=practice, kept="Satu pintu aduan.", changed="Lewat WhatsApp."
    )
    ReviewFactory(proposal=proposal, reviewer=coach, comments="Komentar awal yang lalu.")
    response = client.get(review_url(proposal))
    assert response.status_code == HTTPStatus.OK
    text = response.text
    for shown in (
        "Aduan terpadu Lampung",
        "Lapor Gub",
        "Komitmen gubernur dan respons cepat.",
        "Admin aduan di setiap OPD.",
        "Satu pintu aduan.",
        "Lewat WhatsApp.",
        "Komentar awal yang lalu.",
        "Bu Coach",
        "Pemeriksaan orisinalitas",
        "Riwayat status",
        "Jangka panjang",
    ):
        assert shown in text, shown
    assert 'name="csrfmiddlewaretoken"' in text
    assert 'value="approve"' in text and 'value="revise"' in text


def test_the_review_page_lists_milestones_as_the_proposal_page_does(client, coach):
    proposal = _submitted(coach=coach)
    for description, target_date in (
        ("Tanpa tanggal", None),
        ("Akhir tahun", datetime.date(2019, 12, 1)),
        ("Awal tahun", datetime.date(2019, 1, 1)),
    ):
        MilestoneFactory(
            proposal=proposal, term="long", description=description, target_date=target_date
        )
    proposal_page = reverse("participants:proposal-detail", kwargs={"pk": proposal.pk})

    def order(url):
        text = client.get(url).text
        return sorted(
            ("Tanpa tanggal", "Akhir tahun", "Awal tahun"), key=lambda shown: text.index(shown)
        )

    # Undated last on both databases (SQLite sorts NULL first by default).
    assert order(review_url(proposal)) == ["Awal tahun", "Akhir tahun", "Tanpa tanggal"]
    assert order(proposal_page) == order(review_url(proposal))


def test_a_proposal_not_assigned_to_me_is_a_404(client, coach):
    proposal = _submitted(coach=FacilitatorFactory())
    assert client.get(review_url(proposal)).status_code == HTTPStatus.NOT_FOUND
    response = client.post(review_url(proposal), {"decision": "approve", "comments": ""})
    assert response.status_code == HTTPStatus.NOT_FOUND
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert not Review.objects.exists()


def test_approving(client, coach):
    proposal = _submitted(coach=coach)
    response = client.post(review_url(proposal), {"decision": "approve", "comments": "Bagus."})
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    review = Review.objects.get()
    assert (review.reviewer, review.decision, review.comments) == (coach, "approve", "Bagus.")
    page = client.get(response.url)
    assert "Rancangan telah disetujui; peserta diberi tahu melalui email." in page.text
    assert 'value="approve"' not in page.text


def test_requesting_a_revision_needs_comments(client, coach):
    proposal = _submitted(coach=coach)
    response = client.post(review_url(proposal), {"decision": "revise", "comments": ""})
    assert response.status_code == HTTPStatus.OK
    assert (
        "Jelaskan apa yang harus direvisi: komentar wajib diisi untuk permintaan revisi."
        in response.text
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert not Review.objects.exists()


def test_requesting_a_revision(client, coach):
    proposal = _submitted(coach=coach)
    client.post(review_url(proposal), {"decision": "revise", "comments": "Perjelas tujuan."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REVISION_REQUESTED
    assert ProposalStatusChange.objects.get().comment == "Perjelas tujuan."
    # The participant sees the comment on the proposal page.
    owner = Client()
    owner.force_login(proposal.participant.user)
    assert "Perjelas tujuan." in owner.get(proposal.get_absolute_url()).text


def test_a_comment_only_keeps_the_status(client, coach):
    proposal = proposal_ready_to_submit(coach=coach)
    page = client.get(review_url(proposal))
    assert 'value="approve"' not in page.text
    client.post(review_url(proposal), {"decision": "comment", "comments": "Lanjutkan."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    assert Review.objects.get().decision == "comment"


def test_deciding_on_a_proposal_that_is_no_longer_submitted_is_refused(client, coach):
    proposal = _submitted(coach=coach, status=ProposalStatus.APPROVED)
    response = client.post(review_url(proposal), {"decision": "revise", "comments": "Ulang."})
    assert response.status_code == HTTPStatus.OK
    assert "Masukkan pilihan yang valid." in response.text
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert not Review.objects.exists()


def test_reviewer_and_status_cannot_be_posted(client, coach):
    other_reviewer = FacilitatorFactory()
    proposal = _submitted(coach=coach)
    client.post(
        review_url(proposal),
        {
            "decision": "comment",
            "comments": "Catatan.",
            "reviewer": other_reviewer.pk,
            "proposal": ChangeProposalFactory().pk,
            "status": "approved",
        },
    )
    review = Review.objects.get()
    assert (review.reviewer, review.proposal) == (coach, proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_the_decision_form_is_protected_against_cross_site_posts(coach):
    proposal = _submitted(coach=coach)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(coach.user)
    response = csrf_client.post(review_url(proposal), {"decision": "approve", "comments": ""})
    assert response.status_code == HTTPStatus.FORBIDDEN
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def _review_page_with(coach, count):
    proposal = _submitted(coach=coach)
    for _ in range(count):
        PracticeAdaptationFactory(proposal=proposal)
        MilestoneFactory(proposal=proposal, term="medium")
        ReviewFactory(proposal=proposal, reviewer=coach)
        ProposalStatusChange.objects.create(
            proposal=proposal, from_status="draft", to_status="submitted"
        )
        _submitted(title=proposal.title)  # a similar proposal for the originality check
    return proposal


@pytest.mark.parametrize("count", [3, 30])
def test_the_review_page_query_count_does_not_grow(client, coach, count, django_assert_num_queries):
    proposal = _review_page_with(coach, count)
    # session, user with their profiles, proposal, adaptations, milestones, reviews, status
    # changes, the facilitators (by primary key), similar proposals
    with django_assert_num_queries(9):
        response = client.get(review_url(proposal))
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["similar_proposals"]) == min(count, 5)


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (
            "approve",
            "Rancangan telah disetujui. Peserta tidak memiliki alamat email sehingga tidak ada "
            "email yang dikirim: beri tahu peserta secara langsung.",
        ),
        (
            "revise",
            "Revisi telah diminta. Peserta tidak memiliki alamat email sehingga tidak ada email "
            "yang dikirim: beri tahu peserta secara langsung.",
        ),
    ],
)
def test_a_decision_says_no_e_mail_was_sent_when_the_participant_has_no_address(
    client, coach, mailoutbox, decision, expected
):
    proposal = _submitted(coach=coach)
    proposal.participant.user.email = ""
    proposal.participant.user.save()
    response = client.post(review_url(proposal), {"decision": decision, "comments": "Perbaiki."})
    page = client.get(response.url)
    assert expected in page.text
    assert "melalui email" not in page.text
    assert mailoutbox == []


#: A badge right after another item of a meta line, where the line's "·" separator would be
#: drawn inside the badge.
BADGE_AFTER_AN_ITEM = re.compile(
    r'<p class="meta">(?:(?!</p>).)*</span>\s*<span class="badge', re.S
)


def test_an_earlier_review_shows_its_decision_as_a_badge_of_its_own(client, coach):
    proposal = _submitted(coach=coach)
    ReviewFactory(proposal=proposal, reviewer=coach, decision=ReviewDecision.REQUEST_REVISION)

    page = client.get(review_url(proposal)).text

    assert '<span class="badge">Minta revisi</span>' in page
    assert not BADGE_AFTER_AN_ITEM.search(page)
