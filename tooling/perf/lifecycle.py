"""The project after approval in the bench's data set (``tooling.perf.generator``): for every
proposal carried out, milestone progress with an evidence row and the mentor's confirmation;
a final report once submitted; the examiner's scored evaluation once evaluated; follow-ups
of the evaluated ones; then the practices' proven-adaptation counts.

The bench participant's proposal is evaluated and the bench examiner has reports waiting, so
that the implementation, report, evaluation and document pages have something to show. The
evidence rows name no file on disk: the bench times the pages that list them, not downloads.
"""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models.functions import Mod
from django.utils import timezone

from benchmarking.models import Institution
from participants.models import (
    CARRIED_OUT_STATUSES,
    ChangeProposal,
    Evaluation,
    EvaluationCriterion,
    EvaluationPredicate,
    EvaluationScore,
    EvidenceAttachment,
    Facilitator,
    FacilitatorRole,
    FinalReport,
    FollowUp,
    FollowUpCheckpoint,
    FollowUpStatus,
    Milestone,
    MilestoneFeedback,
    MilestoneProgress,
    MilestoneTerm,
    ProgressStatus,
    ProposalStatus,
)
from participants.proof import practice_proof_refresh

BENCH_EXAMINER = "bench-penguji"
BENCH_ORGANIZER = "bench-penyelenggara"
#: Examiners, each assigned to the carried-out proposals ``pk % EXAMINERS``.
EXAMINERS = 30
#: The progress of each milestone term of a proposal carried out.
PROGRESS = {
    MilestoneTerm.SHORT: ProgressStatus.DONE,
    MilestoneTerm.MEDIUM: ProgressStatus.IN_PROGRESS,
    MilestoneTerm.LONG: ProgressStatus.NOT_STARTED,
}
BATCH = 2_000


def lifecycle_create(*, rng: random.Random, text, bench_proposal: ChangeProposal | None) -> None:
    """Write the life after approval of the carried-out proposals (see the module docstring).

    ``text(rng, words)`` writes the filler text; ``bench_proposal`` is the bench participant's.
    """
    User = get_user_model()
    waiting = None
    if bench_proposal is not None:
        ChangeProposal.objects.filter(pk=bench_proposal.pk).update(status=ProposalStatus.EVALUATED)
        # The bench examiner's waiting report: the next proposal, whatever its random status.
        waiting = ChangeProposal.objects.filter(pk__gt=bench_proposal.pk).order_by("pk").first()
    if waiting is not None:
        ChangeProposal.objects.filter(pk=waiting.pk).update(status=ProposalStatus.REPORT_SUBMITTED)
    organizer, _created = User.objects.get_or_create(username=BENCH_ORGANIZER)
    institution = Institution.objects.order_by("pk").first()
    if institution is not None:
        institution.organizers.add(organizer)
    examiner_user, _created = User.objects.get_or_create(username=BENCH_EXAMINER)
    examiners = Facilitator.objects.bulk_create(
        Facilitator(
            full_name=f"Penguji {i}",
            role=FacilitatorRole.EXAMINER,
            institution=institution,
            user=examiner_user if i == 0 else None,
        )
        for i in range(EXAMINERS)
    )
    carried_out = ChangeProposal.objects.filter(status__in=CARRIED_OUT_STATUSES)
    for number, examiner in enumerate(examiners):
        carried_out.alias(slot=Mod("pk", EXAMINERS)).filter(slot=number).update(examiner=examiner)
    if waiting is not None:
        ChangeProposal.objects.filter(pk=waiting.pk).update(examiner=examiners[0])
    _implementation_create(rng, text, carried_out)
    _reports_create(rng, text, carried_out)
    _follow_ups_create(rng, text, organizer)
    practice_proof_refresh()


def _implementation_create(rng, text, carried_out) -> None:
    milestones = Milestone.objects.filter(proposal__in=carried_out).values_list(
        "pk", "term", "proposal__mentor_id"
    )
    progress, evidence, feedback = [], [], []
    for pk, term, mentor_id in milestones.iterator(chunk_size=BATCH):
        status = PROGRESS.get(term, ProgressStatus.NOT_STARTED)
        progress.append(
            MilestoneProgress(
                milestone_id=pk,
                status=status,
                achieved_on=timezone.localdate() if status == ProgressStatus.DONE else None,
                achievement=text(rng, 20) if status != ProgressStatus.NOT_STARTED else "",
            )
        )
        if status == ProgressStatus.DONE:
            evidence.append(
                EvidenceAttachment(
                    milestone_id=pk,
                    file=f"private/evidence/bench-{pk}",
                    original_name=f"Bukti milestone {pk}.pdf",
                    content_type="application/pdf",
                    size=120_000,
                )
            )
            if mentor_id:
                feedback.append(
                    MilestoneFeedback(
                        milestone_id=pk, facilitator_id=mentor_id, confirmed=True, comment="Sesuai."
                    )
                )
    MilestoneProgress.objects.bulk_create(progress, batch_size=BATCH)
    EvidenceAttachment.objects.bulk_create(evidence, batch_size=BATCH)
    MilestoneFeedback.objects.bulk_create(feedback, batch_size=BATCH)


def _reports_create(rng, text, carried_out) -> None:
    now = timezone.now()
    reported = carried_out.exclude(status=ProposalStatus.IMPLEMENTING)
    FinalReport.objects.bulk_create(
        (
            FinalReport(
                proposal_id=pk,
                results=text(rng, 40),
                organisation_benefits=text(rng, 25),
                public_benefits=text(rng, 25),
                lessons_learned=text(rng, 20),
                sustainability_plan=text(rng, 20),
                submitted_at=now,
            )
            for pk in reported.values_list("pk", flat=True).iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )
    criteria = list(EvaluationCriterion.objects.filter(is_active=True))
    predicates = list(EvaluationPredicate.objects.order_by("-min_score"))
    evaluated = reported.filter(status=ProposalStatus.EVALUATED).values_list("pk", "examiner_id")
    evaluations, all_scores = [], []
    for pk, examiner_id in evaluated.iterator(chunk_size=BATCH):
        scores = {criterion: rng.randint(60, 95) for criterion in criteria}
        total = sum(
            (Decimal(score * c.weight) / 100 for c, score in scores.items()), Decimal(0)
        ).quantize(Decimal("0.01"))
        predicate = next((p.name for p in predicates if total >= p.min_score), "")
        evaluations.append(
            Evaluation(
                proposal_id=pk,
                examiner_id=examiner_id,
                total=total,
                predicate=predicate,
                comments=text(rng, 15),
            )
        )
        all_scores.append(scores)
    evaluations = Evaluation.objects.bulk_create(evaluations, batch_size=BATCH)
    EvaluationScore.objects.bulk_create(
        (
            EvaluationScore(evaluation=evaluation, criterion=c, weight=c.weight, score=score)
            for evaluation, scores in zip(evaluations, all_scores, strict=True)
            for c, score in scores.items()
        ),
        batch_size=BATCH,
    )


def _follow_ups_create(rng, text, organizer) -> None:
    """The evaluated proposals' follow-ups: 3 months for all, 6 and 12 for some, so that
    some are due."""
    evaluated = ChangeProposal.objects.filter(status=ProposalStatus.EVALUATED)
    rows = []
    for pk in evaluated.values_list("pk", flat=True).iterator(chunk_size=BATCH):
        for checkpoint in FollowUpCheckpoint:
            if checkpoint != FollowUpCheckpoint.THREE_MONTHS and rng.random() < 0.5:
                break
            status = rng.choice(FollowUpStatus.values)
            rows.append(
                FollowUp(
                    proposal_id=pk,
                    checkpoint=checkpoint,
                    status=status,
                    stop_reason=text(rng, 8) if status == FollowUpStatus.STOPPED else "",
                    replicated_units=(
                        "Dinas Kesehatan" if status == FollowUpStatus.REPLICATED else ""
                    ),
                    recorded_by=organizer,
                )
            )
    FollowUp.objects.bulk_create(rows, batch_size=BATCH)
