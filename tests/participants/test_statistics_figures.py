"""The kept figures of the national statistics (``participants.statistics_figures``): read by
every request, computed again after each change to what is counted, never kept stale."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from benchmarking.models import Cohort
from participants import statistics_figures
from participants.models import (
    ChangeProposal,
    FacilitatorRole,
    ProposalStatus,
    StatisticsFigures,
)
from participants.services import proposal_transition
from participants.statistics_figures import (
    ROW,
    kept_statistics,
    statistics_changed,
    statistics_refresh,
)
from tests.factories import BestPracticeFactory, FacilitatorFactory, UserFactory, province
from tests.participants.statistics_data import proposal_from

pytestmark = pytest.mark.django_db

URL = reverse("participants:statistics")


def flows():
    return {(f.source.code, f.target.code): f.proposals for f in kept_statistics().flows}


@pytest.fixture
def submitted():
    """A proposal from Bali adapting a practice of Aceh, submitted to its coach."""
    coach = FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory())
    practice = BestPracticeFactory(host_province=province("11"))
    proposal = proposal_from("51", [practice], year=2020, status=ProposalStatus.SUBMITTED)
    proposal.coach = coach
    proposal.save()
    return proposal


def test_an_approval_recomputes_the_figures_after_its_commit(
    client, submitted, django_capture_on_commit_callbacks, django_assert_num_queries
):
    assert ("11", "51") not in flows()

    with django_capture_on_commit_callbacks(execute=True):
        proposal_transition(
            proposal=submitted, user=submitted.coach.user, to_status=ProposalStatus.APPROVED
        )

    # The task has kept the new figures: the next request reads them, and only them.
    with django_assert_num_queries(1):
        page = client.get(URL).text
    assert "Aceh" in page
    assert flows()[("11", "51")] == 1
    assert kept_statistics().proposal_total == 1


def test_before_its_task_runs_an_approval_already_shows(submitted):
    assert ("11", "51") not in flows()

    proposal_transition(
        proposal=submitted, user=submitted.coach.user, to_status=ProposalStatus.APPROVED
    )

    assert flows()[("11", "51")] == 1


def test_reopening_an_approved_proposal_takes_it_out(submitted):
    coach = submitted.coach.user
    proposal_transition(proposal=submitted, user=coach, to_status=ProposalStatus.APPROVED)
    assert flows()[("11", "51")] == 1

    staff = UserFactory(is_staff=True, is_superuser=True)
    proposal_transition(
        proposal=submitted,
        user=staff,
        to_status=ProposalStatus.REVISION_REQUESTED,
        comment="Salah.",
    )

    assert ("11", "51") not in flows()


def test_a_catalog_change_shows_at_once():
    assert {p.code: p.practice_count for p in kept_statistics().provinces}["11"] == 0

    BestPracticeFactory(host_province=province("11"))

    assert {p.code: p.practice_count for p in kept_statistics().provinces}["11"] == 1


def test_an_admin_write_makes_the_figures_stale():
    proposal = proposal_from("18", [BestPracticeFactory(host_province=province("33"))], year=2018)
    assert kept_statistics().years == [(2018, 1)]
    cohort = proposal.participant.cohort
    Cohort.objects.filter(pk=cohort.pk).update(year=2019)  # an admin edit of the cohort…

    LogEntry.objects.create(  # …logs it, as every admin write does
        user=UserFactory(is_staff=True),
        content_type=ContentType.objects.get_for_model(Cohort),
        object_id=str(cohort.pk),
        object_repr=str(cohort),
        action_flag=CHANGE,
    )

    assert kept_statistics().years == [(2019, 1)]


def test_figures_read_before_a_change_are_not_kept():
    practice = BestPracticeFactory(host_province=province("33"))
    statistics_refresh()
    before = StatisticsFigures.objects.get(pk=ROW)
    proposal_from("18", [practice], year=2018)

    statistics_changed()  # the change came while a request computed at the old version…
    StatisticsFigures.objects.filter(pk=ROW, version=before.figures_version).update(
        figures={"stale": True}
    )  # …so its write (conditional on that version) matches no row

    kept = StatisticsFigures.objects.get(pk=ROW)
    assert kept.version == before.version + 1
    assert kept.figures != {"stale": True}
    assert kept_statistics().years == [(2018, 1)]


def test_a_page_view_never_adds_the_row(client):
    StatisticsFigures.objects.all().delete()  # as a flushed database has it

    assert client.get(URL).status_code == 200

    assert not StatisticsFigures.objects.exists()
    statistics_refresh()  # the task makes it again
    assert StatisticsFigures.objects.get(pk=ROW).figures is not None


def test_unchanged_figures_are_kept_by_the_process_and_read_in_one_query(
    submitted, django_assert_num_queries
):
    statistics_refresh()
    first = statistics_figures._kept_figures()

    with django_assert_num_queries(1):
        assert statistics_figures._kept_figures() is first


def test_figures_computed_again_under_the_same_version_are_read_again(submitted):
    """A write outside the services changes no version; ``statistics_refresh`` run after it
    (as docs/performance.md asks) computes new figures, which every process reads."""
    statistics_refresh()
    assert ("11", "51") not in flows()

    ChangeProposal.objects.filter(pk=submitted.pk).update(status=ProposalStatus.APPROVED)
    statistics_refresh()

    assert flows()[("11", "51")] == 1


def test_unchanged_figures_are_built_once_by_the_process_and_a_change_builds_them_again(
    submitted, django_assert_num_queries
):
    statistics_refresh()
    first = kept_statistics()

    with django_assert_num_queries(1):
        assert kept_statistics() is first

    proposal_transition(
        proposal=submitted, user=submitted.coach.user, to_status=ProposalStatus.APPROVED
    )
    after_approval = kept_statistics()
    assert after_approval is not first
    assert {(f.source.code, f.target.code): f.proposals for f in after_approval.flows} == {
        ("11", "51"): 1
    }
    assert ("11", "51") not in {(f.source.code, f.target.code) for f in first.flows}

    BestPracticeFactory(host_province=province("11"))  # the catalog moves too
    after_catalog = kept_statistics()
    assert after_catalog is not after_approval
    assert {p.code: p.practice_count for p in after_catalog.provinces}["11"] == 2
