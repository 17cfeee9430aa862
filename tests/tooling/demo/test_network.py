"""The demo beyond the article: institutions of other provinces with their cohorts and visits,
ideas flowing between provinces, a near copy for the originality check, and the whole life of
a proposal."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from benchmarking.models import Institution, Visit
from participants.followups import due_follow_ups
from participants.models import (
    SHARED_STATUSES,
    ChangeProposal,
    EvaluationCriterion,
    PracticeAdaptation,
    ProposalStatus,
)
from participants.selectors import SIMILARITY_THRESHOLD, similar_proposals

pytestmark = pytest.mark.django_db

ARTICLE_DAY = datetime.date(2018, 8, 28)


@pytest.fixture
def seeded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", "--force", stdout=StringIO())


def user(username):
    return get_user_model().objects.get(username=username)


def test_four_institutions_of_four_provinces_with_their_cohorts(seeded):
    provinces = set(Institution.objects.values_list("province__code", flat=True))

    assert provinces == {"18", "51", "73", "32"}
    for institution in Institution.objects.all():
        assert institution.cohorts.exists()
        assert institution.facilitators.count() == 3


def test_the_articles_visit_is_kept_first_and_the_others_are_marked_as_demo(seeded):
    visits = list(Visit.objects.all())

    assert visits[0].start_date == ARTICLE_DAY
    assert visits[0].pk == Visit.objects.order_by("pk").first().pk
    assert not visits[0].title.startswith("[Data demo]")
    for visit in visits[1:]:
        assert visit.start_date < ARTICLE_DAY
        assert visit.title.startswith("[Data demo]")
        assert visit.summary.startswith("Data demo")
    assert {visit.host_province.code for visit in visits} == {"33", "35", "31"}


def test_shared_proposals_carry_ideas_between_several_provinces(seeded):
    flows = set(
        PracticeAdaptation.objects.filter(proposal__status__in=SHARED_STATUSES).values_list(
            "proposal__participant__cohort__institution__province__code",
            "practice__host_province__code",
        )
    )

    assert {("18", "33"), ("51", "35"), ("73", "31"), ("73", "35"), ("32", "33")} <= flows
    assert all(home != host for home, host in flows)


def test_two_proposals_are_similar_enough_for_the_originality_check(seeded):
    lampung = ChangeProposal.objects.get(title__endswith="Pemerintah Provinsi Lampung")

    similar = similar_proposals(lampung, viewer=user("coach"))

    assert similar[0].proposal.title.endswith("Provinsi Sulawesi Selatan")
    assert similar[0].score >= SIMILARITY_THRESHOLD


def test_one_proposal_lived_its_whole_life_to_the_evaluation(seeded):
    evaluated = ChangeProposal.objects.get(status=ProposalStatus.EVALUATED)

    steps = list(
        evaluated.status_changes.order_by("created_at").values_list("to_status", flat=True)
    )
    assert steps == ["submitted", "approved", "implementing", "report_submitted", "evaluated"]
    assert evaluated.milestones.get(term="short").evidence.exists()
    report = evaluated.final_report
    assert report.results and report.sustainability_plan and report.submitted_at
    evaluation = evaluated.evaluation
    assert evaluation.examiner == evaluated.examiner
    assert evaluation.predicate and 0 < evaluation.total <= 100
    assert evaluation.scores.count() == EvaluationCriterion.objects.filter(is_active=True).count()
    assert list(evaluated.follow_ups.values_list("checkpoint", "status")) == [
        (3, "running"),
        (6, "running"),
        (12, "replicated"),
    ]


def test_follow_ups_are_due_in_other_institutions_too(seeded):
    due = due_follow_ups(user("admin"), today=datetime.date(2026, 1, 1))

    institutions = {row.proposal.participant.cohort.institution.province.code for row in due}
    assert {"18", "73", "32"} <= institutions
    assert all(row.proposal.status != ProposalStatus.EVALUATED for row in due)


def test_the_superuser_dashboard_offers_every_institution(client, seeded):
    client.force_login(user("admin"))
    bali = Institution.objects.get(province__code="51")

    response = client.get(reverse("participants:dashboard"), {"institution": bali.pk})

    assert len(response.context["board"].institutions) == 4
    (state,) = response.context["board"].cohorts
    assert state.by_status == {"evaluated": 1, "approved": 1, "submitted": 1}
    assert state.reviews_overdue == 1
