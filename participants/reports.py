"""The end of a change project: the participant's final report and the examiner's evaluation.

Writes take plain, keyword-only data like ``participants.services``: the status changes go
through ``services.proposal_transition`` (who may, the timeline, the history), and the e-mails
leave once the transaction has committed. The reads load what the report page shows.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participants import permissions
from participants.lifecycle import circle_q
from participants.models import (
    ChangeProposal,
    Evaluation,
    EvaluationCriterion,
    EvaluationPredicate,
    EvaluationScore,
    FinalReport,
    Milestone,
    PracticeAdaptation,
    ProposalStatus,
)
from participants.models_reports import MAX_SCORE
from participants.services import (
    ProposalReadOnly,
    ProposalWorkflowError,
    TransitionRefused,
    proposal_transition,
)

#: The sections of a final report, in the order of the form and of the document.
REPORT_SECTIONS = (
    "results",
    "organisation_benefits",
    "public_benefits",
    "lessons_learned",
    "sustainability_plan",
)

SECTION_MISSING = gettext_lazy("Fill in this section before submitting the report.")


@dataclass(frozen=True, kw_only=True)
class FinalReportData:
    """The sections of a final report as the participant writes them."""

    results: str = ""
    organisation_benefits: str = ""
    public_benefits: str = ""
    lessons_learned: str = ""
    sustainability_plan: str = ""


class ReportIncomplete(TransitionRefused):
    """The report cannot be submitted yet; ``sections`` names the empty ones."""

    def __init__(self, sections: list[str]):
        super().__init__(_("The final report cannot be submitted yet."))
        self.sections = sections


def missing_sections(data: FinalReportData) -> list[str]:
    """The sections of ``data`` still empty; a report is submitted with all of them."""
    return [name for name in REPORT_SECTIONS if not getattr(data, name).strip()]


@transaction.atomic
def final_report_save(
    *, proposal: ChangeProposal, user: AbstractUser, data: FinalReportData, submit: bool = False
) -> FinalReport:
    """Save the final report of ``proposal``; with ``submit`` also move the proposal to
    "report submitted" and tell the examiner. All or nothing.

    Only the proposal's participant writes it, and only while the proposal is being
    implemented: ``ProposalReadOnly`` otherwise, ``ReportIncomplete`` when submitting with an
    empty section.
    """
    locked = ChangeProposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if not permissions.is_owner(user, locked):
        raise ProposalReadOnly(_("Only the participant who wrote this proposal writes its report."))
    if locked.status != ProposalStatus.IMPLEMENTING:
        raise ProposalReadOnly(
            _("The final report is written while the proposal is being implemented.")
        )
    report = FinalReport.objects.filter(proposal=locked).first() or FinalReport(proposal=locked)
    for name, value in asdict(data).items():
        setattr(report, name, value)
    if submit:
        missing = missing_sections(data)
        if missing:
            raise ReportIncomplete(missing)
        report.submitted_at = timezone.now()
    report.save()
    if submit:
        proposal_transition(proposal=locked, user=user, to_status=ProposalStatus.REPORT_SUBMITTED)
    return report


def rubric() -> QuerySet:
    """The criteria in use, in their order: the rows of a new evaluation."""
    return EvaluationCriterion.objects.filter(is_active=True).order_by("position", "pk")


def weighted_total(scores: list[tuple[int, int]]) -> Decimal:
    """The total of ``(weight, score)`` pairs, weighted and rounded to two decimals; weights
    that do not add up to 100 count in proportion."""
    total_weight = sum(weight for weight, _score in scores)
    if not total_weight:
        return Decimal(0)
    total = Decimal(sum(weight * score for weight, score in scores)) / Decimal(total_weight)
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def predicate_for(total: Decimal) -> str:
    """The name of the predicate with the highest threshold that ``total`` reaches."""
    predicate = EvaluationPredicate.objects.filter(min_score__lte=total).first()
    return predicate.name if predicate is not None else ""


@transaction.atomic
def evaluation_record(
    *,
    proposal: ChangeProposal,
    user: AbstractUser,
    scores: Mapping[int, int],
    comments: str = "",
) -> Evaluation:
    """Keep the examiner's scores (criterion id → 0–100), the weighted total, its predicate and
    the comments, and move the proposal to "evaluated"; the participant is told by e-mail.

    Only the examiner assigned to ``proposal`` evaluates, a submitted report, with a score for
    each criterion in use: ``TransitionRefused`` or ``ProposalWorkflowError`` otherwise, and
    nothing is written.
    """
    if not permissions.is_assigned_examiner(user, proposal):
        raise TransitionRefused(
            _("Only the examiner assigned to this proposal can evaluate its final report.")
        )
    criteria = list(rubric())
    if set(scores) != {criterion.pk for criterion in criteria}:
        raise ProposalWorkflowError(_("Give a score for every criterion."))
    if any(not 0 <= score <= MAX_SCORE for score in scores.values()):
        raise ProposalWorkflowError(_("A score is between 0 and 100."))
    total = weighted_total([(criterion.weight, scores[criterion.pk]) for criterion in criteria])
    predicate = predicate_for(total)
    locked = proposal_transition(
        proposal=proposal,
        user=user,
        to_status=ProposalStatus.EVALUATED,
        comment=f"{total} ({predicate})",
    )
    evaluation = Evaluation.objects.create(
        proposal=locked,
        examiner=permissions.facilitator_of(user),
        total=total,
        predicate=predicate,
        comments=comments,
    )
    EvaluationScore.objects.bulk_create(
        EvaluationScore(
            evaluation=evaluation,
            criterion=criterion,
            weight=criterion.weight,
            score=scores[criterion.pk],
        )
        for criterion in criteria
    )
    return evaluation


# --- reads ------------------------------------------------------------------------------------


def with_report(proposals: QuerySet, *, adaptations: bool = False) -> QuerySet:
    """What the report page shows: the people, the report, the evaluation with its scores and
    the milestones; with ``adaptations`` (the documents) also the adapted practices."""
    scores = EvaluationScore.objects.select_related("criterion").order_by(
        "criterion__position", "pk"
    )
    milestones = Milestone.objects.order_by(F("target_date").asc(nulls_last=True), "pk")
    prefetches = [
        Prefetch("evaluation__scores", queryset=scores),
        Prefetch("milestones", queryset=milestones),
    ]
    if adaptations:
        adapted = PracticeAdaptation.objects.select_related(
            "practice__host_province", "practice__host_agency"
        ).order_by("pk")
        prefetches.append(Prefetch("adaptations", queryset=adapted))
    return proposals.select_related(
        "participant__cohort__institution__province",
        *permissions.FACILITATOR_FIELDS,
        "final_report",
        "evaluation__examiner",
    ).prefetch_related(*prefetches)


def report_detail(*, pk: int, user, adaptations: bool = False) -> ChangeProposal:
    """Proposal ``pk`` with its report, if ``user`` is of its circle (``lifecycle.circle_q``:
    the report is a working document like the milestone evidence, even of a shared proposal);
    else 404 (exactly like one that does not exist)."""
    readable = ChangeProposal.objects.filter(circle_q(user))
    return get_object_or_404(with_report(readable, adaptations=adaptations), pk=pk)


def report_of(proposal: ChangeProposal) -> FinalReport | None:
    """The proposal's final report (loaded by ``with_report``), or ``None``."""
    try:
        return proposal.final_report
    except FinalReport.DoesNotExist:
        return None


def evaluation_of(proposal: ChangeProposal) -> Evaluation | None:
    """The proposal's evaluation (loaded by ``with_report``), or ``None``."""
    try:
        return proposal.evaluation
    except Evaluation.DoesNotExist:
        return None
