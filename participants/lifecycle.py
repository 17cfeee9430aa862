"""The change project after approval: who may follow it closely, and the writes of the
leadership laboratory (progress on each milestone, its evidence, the facilitators' feedback).

The progress, the evidence and the follow-ups are working documents of one participant, read
only by the project's circle: the participant themself, their assigned facilitators, the
organizers of their institution, and superusers. Other users may read an approved proposal, but
not these.
"""

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from benchmarking.models import Cohort
from participants import permissions
from participants.models import (
    ChangeProposal,
    EvidenceAttachment,
    Facilitator,
    FacilitatorRole,
    Milestone,
    MilestoneFeedback,
    MilestoneProgress,
    ProgressStatus,
    ProposalStatus,
)
from participants.services import ProposalWorkflowError

# --- who follows the project ------------------------------------------------------------------


def circle_q(user, prefix: str = "") -> Q:
    """Proposals (at the lookup path ``prefix``) whose working documents ``user`` may read: their
    own, those they are assigned to, those of the institutions they organize; all for a
    superuser, none for an anonymous user."""
    if user is None or not user.is_authenticated:
        return Q(**{f"{prefix}pk__in": []})
    if user.is_superuser:
        return Q()
    # Each part a small subquery of ids rather than joins to the proposal: ORed subqueries are
    # planned apart, where the joins of all five made PostgreSQL weigh a dozen tables' join
    # orders (~10 ms of planning for a one-row read), and a proposal is never repeated by the
    # organizers' many-to-many join.
    organized = Cohort.objects.filter(institution__organizers=user).values("pk")
    facilitators = Facilitator.objects.filter(user=user).values("pk")
    condition = Q(**{f"{prefix}participant__user": user})
    condition |= Q(**{f"{prefix}participant__cohort__in": organized})
    for field in permissions.FACILITATOR_FIELDS:
        condition |= Q(**{f"{prefix}{field}__in": facilitators})
    return condition


def followed_proposals(user) -> QuerySet:
    """The proposals whose progress and follow-ups ``user`` may read, each once."""
    return ChangeProposal.objects.filter(circle_q(user))


def can_record_progress(user, proposal: ChangeProposal) -> bool:
    """The participant reports progress on their own proposal while carrying it out."""
    return permissions.is_owner(user, proposal) and proposal.status == ProposalStatus.IMPLEMENTING


def feedback_role(user, proposal: ChangeProposal) -> str | None:
    """``"mentor"`` (confirms or comments) or ``"coach"`` (comments) when ``user`` is that
    facilitator of ``proposal`` and it is being carried out; else ``None``."""
    if proposal.status != ProposalStatus.IMPLEMENTING:
        return None
    facilitator = permissions.facilitator_of(user)
    if facilitator is None:
        return None
    if facilitator.pk == proposal.mentor_id:
        return FacilitatorRole.MENTOR
    if facilitator.pk == proposal.coach_id:
        return FacilitatorRole.COACH
    return None


# --- reads ------------------------------------------------------------------------------------


def implementation_detail(*, pk: int, user) -> ChangeProposal:
    """The implementation page: proposal ``pk`` with its milestones, each with its progress
    (``milestone.progress`` or absent), evidence and feedback; 404 outside the circle."""
    milestones = (
        Milestone.objects.select_related("progress")
        .prefetch_related(
            Prefetch("evidence", queryset=EvidenceAttachment.objects.order_by("uploaded_at", "pk")),
            Prefetch(
                "feedback",
                queryset=MilestoneFeedback.objects.select_related("facilitator").order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .order_by("target_date", "pk")
    )
    proposals = (
        followed_proposals(user)
        .select_related("participant__cohort", *permissions.FACILITATOR_FIELDS)
        .prefetch_related(Prefetch("milestones", queryset=milestones))
    )
    return get_object_or_404(proposals, pk=pk)


def followed_milestone(*, proposal_pk: int, milestone_pk: int, user) -> Milestone:
    """Milestone ``milestone_pk`` of proposal ``proposal_pk``, if ``user`` follows it; else 404."""
    return get_object_or_404(
        Milestone.objects.select_related("proposal", "progress").filter(
            proposal__in=followed_proposals(user)
        ),
        pk=milestone_pk,
        proposal_id=proposal_pk,
    )


def progress_of(milestone: Milestone) -> MilestoneProgress | None:
    """The progress recorded for ``milestone``, or ``None`` when there is none yet."""
    try:
        return milestone.progress
    except MilestoneProgress.DoesNotExist:
        return None


# --- writes -----------------------------------------------------------------------------------


@transaction.atomic
def milestone_progress_record(
    *,
    milestone: Milestone,
    user: AbstractUser,
    status: str,
    achieved_on: datetime.date | None = None,
    achievement: str = "",
    drop_reason: str = "",
) -> MilestoneProgress:
    """Record where the participant stands on ``milestone``: refused (``ProposalWorkflowError``)
    unless ``user`` is the participant and the proposal is being carried out."""
    if not can_record_progress(user, milestone.proposal):
        raise ProposalWorkflowError(
            _("Only the participant can report progress, while the proposal is carried out.")
        )
    if status == ProgressStatus.DROPPED and not drop_reason.strip():
        raise ProposalWorkflowError(_("A dropped milestone needs the reason for dropping."))
    progress = progress_of(milestone) or MilestoneProgress(milestone=milestone)
    progress.status = status
    progress.achieved_on = achieved_on
    progress.achievement = achievement
    progress.drop_reason = drop_reason if status == ProgressStatus.DROPPED else ""
    progress.save()
    return progress


@transaction.atomic
def milestone_feedback_record(
    *, milestone: Milestone, user: AbstractUser, confirmed: bool = False, comment: str = ""
) -> MilestoneFeedback:
    """Keep the mentor's confirmation or comment, or the coach's comment, on ``milestone``."""
    role = feedback_role(user, milestone.proposal)
    if role is None:
        raise ProposalWorkflowError(
            _("Only the mentor and the coach of this proposal can give feedback on its progress.")
        )
    if confirmed and role != FacilitatorRole.MENTOR:
        raise ProposalWorkflowError(_("Only the mentor confirms progress; a coach comments."))
    if not confirmed and not comment.strip():
        raise ProposalWorkflowError(_("Write a comment or confirm the progress."))
    return MilestoneFeedback.objects.create(
        milestone=milestone,
        facilitator=permissions.facilitator_of(user),
        confirmed=confirmed,
        comment=comment,
    )
