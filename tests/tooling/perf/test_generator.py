"""The bench's generator writes a data set the pages show."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from best_practices.models import BestPractice
from participants.models import (
    ChangeProposal,
    EvaluationCriterion,
    EvidenceAttachment,
    MilestoneProgress,
    PracticeAdaptation,
    ProposalStatus,
)
from tooling.perf import generator
from tooling.perf.pages import bench_pages

pytestmark = pytest.mark.django_db

TINY = {
    "cohorts": 4,
    "visits": 4,
    "agencies_per_province": 1,
    "participants": 10,
    "facilitators": 4,
    "practices": 30,
    "proposals": 5,
    "adaptations_per_proposal": 2,
}


def test_the_generator_writes_a_data_set_the_pages_show(client, monkeypatch):
    monkeypatch.setattr(generator, "SIZES", TINY)

    generator.generate(log=lambda line: None)

    assert BestPractice.objects.count() == 30
    assert ChangeProposal.objects.count() == 5
    assert PracticeAdaptation.objects.count() == 10
    # Written in bulk, and still counted: the catalog token moved with the inserts.
    page = client.get(reverse("best_practices:practice-list")).content.decode()
    assert "30 praktik baik" in page


def test_the_bench_participant_s_project_is_evaluated_and_every_bench_page_answers(
    client, monkeypatch
):
    monkeypatch.setattr(generator, "SIZES", TINY)
    generator.generate(log=lambda line: None)
    proposal = ChangeProposal.objects.get(participant__user__username=generator.BENCH_USERNAME)

    assert proposal.status == ProposalStatus.EVALUATED
    assert proposal.final_report.submitted_at is not None
    assert proposal.evaluation.scores.count() == EvaluationCriterion.objects.count()
    assert proposal.follow_ups.filter(checkpoint=3).exists()
    assert MilestoneProgress.objects.filter(milestone__proposal=proposal).count() == 3
    assert EvidenceAttachment.objects.filter(milestone__proposal=proposal).count() == 1
    adapted = proposal.adaptations.values_list("practice", flat=True)
    assert all(p.proven_adaptation_count for p in BestPractice.objects.filter(pk__in=adapted))
    warnings = []
    paths = bench_pages(warn=warnings.append)
    assert warnings == []
    for label, path, username, *_before in paths:
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        assert client.get(path).status_code == HTTPStatus.OK, label
