"""Follow-up after the training: what became of a change project 3, 6 and 12 months after its
cohort ended, recorded by the participant or an organizer of their institution, and the
follow-ups now due."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractUser
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from benchmarking.page_cache import pages_invalidate
from participants import permissions
from participants.lifecycle import followed_proposals
from participants.models import (
    CARRIED_OUT_STATUSES,
    ChangeProposal,
    FollowUp,
    FollowUpCheckpoint,
    FollowUpStatus,
)
from participants.services import ProposalWorkflowError

#: The due list shows at most this many rows, the longest overdue first.
DUE_LIMIT = 200


def is_organizer_of(user, proposal: ChangeProposal) -> bool:
    """Whether ``user`` organizes the institution of the proposal's cohort (or is superuser)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return proposal.participant.cohort.institution.organizers.filter(pk=user.pk).exists()


def organizes_any(user) -> bool:
    """Whether ``user`` is a superuser or organizes at least one institution."""
    return user.is_authenticated and (user.is_superuser or user.organized_institutions.exists())


def can_record_follow_up(user, proposal: ChangeProposal) -> bool:
    """The participant or an organizer of their institution records follow-ups of a project
    that was carried out."""
    if proposal.status not in CARRIED_OUT_STATUSES:
        return False
    return permissions.is_owner(user, proposal) or is_organizer_of(user, proposal)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months (to the month's last day when shorter)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def due_date(end_date: datetime.date, checkpoint: int) -> datetime.date:
    """When the follow-up ``checkpoint`` months after a cohort ending on ``end_date`` is due."""
    return add_months(end_date, checkpoint)


@transaction.atomic
def follow_up_record(
    *,
    proposal: ChangeProposal,
    user: AbstractUser,
    checkpoint: int,
    status: str,
    stop_reason: str = "",
    replicated_units: str = "",
    note: str = "",
) -> FollowUp:
    """Record what became of ``proposal`` at ``checkpoint``; refused (``ProposalWorkflowError``)
    to others than the participant and their organizers, and for a checkpoint already kept."""
    if not can_record_follow_up(user, proposal):
        raise ProposalWorkflowError(
            _(
                "Only the participant or an organizer of their institution records follow-ups, "
                "once the proposal has been carried out."
            )
        )
    if status == FollowUpStatus.STOPPED and not stop_reason.strip():
        raise ProposalWorkflowError(_("A stopped change needs the reason."))
    if status == FollowUpStatus.REPLICATED and not replicated_units.strip():
        raise ProposalWorkflowError(_("Name the units the change was replicated to."))
    try:
        with transaction.atomic():
            follow_up = FollowUp.objects.create(
                proposal=proposal,
                checkpoint=checkpoint,
                status=status,
                stop_reason=stop_reason if status == FollowUpStatus.STOPPED else "",
                replicated_units=replicated_units if status == FollowUpStatus.REPLICATED else "",
                note=note,
                recorded_by=user,
            )
            # A practice's page says which of its adaptations still ran after a year.
            pages_invalidate()
            return follow_up
    except IntegrityError:
        raise ProposalWorkflowError(
            _("The follow-up after %(checkpoint)s was already recorded.")
            % {"checkpoint": FollowUpCheckpoint(checkpoint).label}
        ) from None


@dataclass(frozen=True)
class DueFollowUp:
    """A follow-up not yet recorded whose time has come."""

    proposal: ChangeProposal
    checkpoint: FollowUpCheckpoint
    due_on: datetime.date


def _organized(user) -> Q:
    if user.is_superuser:
        return Q()
    return Q(participant__cohort__institution__organizers=user)


def due_at(proposals: QuerySet, checkpoint: int, *, today: datetime.date) -> QuerySet:
    """Those of ``proposals`` whose follow-up at ``checkpoint`` is due on ``today`` and not
    recorded: carried out, and their cohort ended ``checkpoint`` months ago or longer."""
    recorded = FollowUp.objects.filter(proposal=OuterRef("pk"), checkpoint=checkpoint)
    return proposals.filter(
        status__in=CARRIED_OUT_STATUSES,
        participant__cohort__end_date__lte=add_months(today, -checkpoint),
    ).exclude(Exists(recorded))


def due_follow_ups(user, *, today: datetime.date | None = None) -> list[DueFollowUp]:
    """The follow-ups due and not recorded for the proposals of the institutions ``user``
    organizes, the longest overdue first: one query per checkpoint."""
    today = today or timezone.localdate()
    rows = []
    # The institutions one organizes lie inside one's circle (``lifecycle.circle_q``), so the
    # circle's own subquery would only add joins: planning them cost more than running the
    # query on the national data set.
    organized = ChangeProposal.objects.filter(_organized(user))
    for checkpoint in FollowUpCheckpoint:
        proposals = (
            due_at(organized, checkpoint, today=today)
            .select_related("participant__cohort__institution")
            .order_by("participant__cohort__end_date", "pk")[:DUE_LIMIT]
        )
        rows.extend(
            DueFollowUp(p, checkpoint, due_date(p.participant.cohort.end_date, checkpoint))
            for p in proposals
        )
    rows.sort(key=lambda row: (row.due_on, row.proposal.pk))
    return rows[:DUE_LIMIT]


def follow_up_page(*, pk: int, user) -> ChangeProposal:
    """A proposal's follow-up page: proposal ``pk`` with its follow-ups, in the circle only."""
    proposals: QuerySet = (
        followed_proposals(user)
        .select_related("participant__cohort__institution")
        .prefetch_related("follow_ups")
    )
    return get_object_or_404(proposals, pk=pk)


def outcome_annotations() -> dict:
    """For a queryset of practice adaptations: whether each one's proposal was carried out,
    and whether it was still running (or replicated) at the 12-month follow-up."""
    proven = FollowUp.objects.filter(
        proposal=OuterRef("proposal"),
        checkpoint=FollowUpCheckpoint.TWELVE_MONTHS,
        status__in=[FollowUpStatus.RUNNING, FollowUpStatus.REPLICATED],
    )
    return {
        "carried_out": Case(
            When(proposal__status__in=CARRIED_OUT_STATUSES, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "running_after_year": Exists(proven),
    }
