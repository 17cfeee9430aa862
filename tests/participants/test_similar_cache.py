"""The originality check's findings kept (``participants.similar_cache``): the same as found
afresh, found again after any proposal's text changes, and read per viewer."""

import pytest
from django.urls import reverse

from participants import similar_cache
from participants.models import ChangeProposal, ProposalStatus
from participants.selectors import similar_proposals
from tests.factories import ChangeProposalFactory, FacilitatorFactory, UserFactory
from tests.participants.test_selectors import EARLIER, NEAR_COPY, RELATED, UNRELATED

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings):
    settings.LOKUS_SIMILAR_CACHE = True


@pytest.fixture
def examiner():
    return FacilitatorFactory(user=UserFactory(username="penguji"), role="examiner")


def _found(proposal, viewer):
    return [
        (s.proposal, s.percent, s.viewer_may_open)
        for s in similar_proposals(proposal, viewer=viewer)
    ]


def test_kept_findings_are_those_found_afresh(kept, settings, examiner):
    _ = [ChangeProposalFactory(**EARLIER), ChangeProposalFactory(**RELATED)]
    ChangeProposalFactory(**UNRELATED)
    under_review = ChangeProposalFactory(**NEAR_COPY, examiner=examiner)

    first = _found(under_review, examiner.user)
    second = _found(under_review, examiner.user)
    settings.LOKUS_SIMILAR_CACHE = False
    afresh = _found(under_review, examiner.user)

    assert first == second == afresh
    assert first


def test_findings_are_kept_until_a_text_changes(kept, examiner, django_assert_num_queries):
    earlier = ChangeProposalFactory(**EARLIER)
    under_review = ChangeProposalFactory(**NEAR_COPY, examiner=examiner)
    assert [p for p, *_ in _found(under_review, examiner.user)] == [earlier]

    # A write that bypasses the ORM is not seen: the findings are kept (for TIMEOUT at most).
    ChangeProposal.objects.filter(pk=earlier.pk).update(**UNRELATED)
    with django_assert_num_queries(1):
        assert [p for p, *_ in _found(under_review, examiner.user)] == [earlier]

    # Saved through the ORM (the site, the admin): found again.
    earlier.refresh_from_db()
    earlier.save()
    assert _found(under_review, examiner.user) == []


def test_a_new_proposal_copying_the_text_is_found(kept, examiner):
    under_review = ChangeProposalFactory(**NEAR_COPY, examiner=examiner)
    assert _found(under_review, examiner.user) == []

    copy = ChangeProposalFactory(**EARLIER)

    assert [p for p, *_ in _found(under_review, examiner.user)] == [copy]


def test_a_deleted_proposal_is_no_longer_found(kept, examiner):
    earlier = ChangeProposalFactory(**EARLIER)
    under_review = ChangeProposalFactory(**NEAR_COPY, examiner=examiner)
    assert _found(under_review, examiner.user)

    earlier.delete()

    assert _found(under_review, examiner.user) == []


def test_a_status_change_keeps_the_findings_but_not_what_the_viewer_may_open(kept, examiner):
    earlier = ChangeProposalFactory(**EARLIER, status=ProposalStatus.DRAFT)
    under_review = ChangeProposalFactory(**NEAR_COPY, examiner=examiner)
    assert [may_open for *_, may_open in _found(under_review, examiner.user)] == [False]
    token = similar_cache.corpus_token()

    earlier.status = ProposalStatus.APPROVED
    earlier.submitted_at = "2018-09-01T09:00Z"
    earlier.save(update_fields=["status", "submitted_at"])

    assert similar_cache.corpus_token() == token
    assert _found(under_review, examiner.user) == [
        (earlier, _found(under_review, examiner.user)[0][1], True)
    ]


def test_the_review_page_links_only_what_this_viewer_may_open(client, kept, examiner):
    coach = FacilitatorFactory(user=UserFactory(username="coach"), role="coach")
    hidden = ChangeProposalFactory(**EARLIER, coach=coach)  # a draft: its coach may open it
    under_review = ChangeProposalFactory(**NEAR_COPY, examiner=examiner, coach=coach)
    url = reverse("participants:review-detail", kwargs={"pk": under_review.pk})

    client.force_login(coach.user)
    assert hidden.get_absolute_url() in client.get(url).text
    client.force_login(examiner.user)
    page = client.get(url).text

    assert hidden.title in page
    assert hidden.get_absolute_url() not in page
