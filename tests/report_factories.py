"""Rows of the end of a change project, for the tests: a submitted final report, an evaluation
with its scores, and rubric rows of one's own."""

import itertools
from decimal import Decimal

from django.utils import timezone

from participants.models import (
    Evaluation,
    EvaluationCriterion,
    EvaluationPredicate,
    EvaluationScore,
    FacilitatorRole,
    FinalReport,
    ProposalStatus,
)
from tests.factories import ChangeProposalFactory, FacilitatorFactory

_numbers = itertools.count(1)


def final_report_create(**kwargs) -> FinalReport:
    """A submitted final report of a proposal whose report is submitted."""
    proposal = kwargs.pop("proposal", None) or ChangeProposalFactory(
        status=ProposalStatus.REPORT_SUBMITTED,
        submitted_at=timezone.now(),
        examiner=FacilitatorFactory(role=FacilitatorRole.EXAMINER),
    )
    values = {
        "results": "Kanal aduan berjalan.",
        "organisation_benefits": "Aduan terlacak.",
        "public_benefits": "Jawaban cepat.",
        "lessons_learned": "Dukungan pimpinan.",
        "sustainability_plan": "SK Kepala Dinas.",
        "submitted_at": timezone.now(),
        **kwargs,
    }
    return FinalReport.objects.create(proposal=proposal, **values)


def evaluation_create(**kwargs) -> Evaluation:
    """An evaluation of a submitted report, one score per criterion in use."""
    report = final_report_create()
    proposal = report.proposal
    evaluation = Evaluation.objects.create(
        proposal=proposal,
        examiner=proposal.examiner,
        **{"total": 85, "predicate": "memuaskan", "comments": "Baik.", **kwargs},
    )
    for criterion in EvaluationCriterion.objects.filter(is_active=True):
        evaluation.scores.create(criterion=criterion, weight=criterion.weight, score=85)
    return evaluation


def criterion_create() -> EvaluationCriterion:
    number = next(_numbers)
    return EvaluationCriterion.objects.create(
        name=f"Kriteria {number}", weight=10, position=100 + number
    )


def predicate_create() -> EvaluationPredicate:
    number = next(_numbers)
    return EvaluationPredicate.objects.create(
        name=f"Predikat {number}", min_score=Decimal(number % 9000) / 100
    )


#: model -> a function creating one row with every relation its admin changelist shows.
REPORT_ROWS = {
    FinalReport: final_report_create,
    Evaluation: evaluation_create,
    EvaluationCriterion: criterion_create,
    EvaluationPredicate: predicate_create,
    EvaluationScore: lambda: evaluation_create().scores.first(),
}
