"""The writes of the proposal workflow: saving a proposal with its parts, status changes, reviews.

Services take plain, typed, keyword-only data and return model instances; views and the admin
turn their forms into that data. Every status change goes through ``proposal_transition``: it
checks who may make it (``participants.permissions``), locks the row, records a
``ProposalStatusChange`` and a history row, and sends the e-mails once the transaction has
committed. Every write that makes an open proposal form stale goes through
``proposal_version_bump``.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchmarking.page_cache import pages_invalidate
from config.site_url import current_site_url
from config.tasks import task_after_commit
from participants import notifications, permissions, proof
from participants.models import (
    CARRIED_OUT_STATUSES,
    SHARED_STATUSES,
    AdaptationMode,
    ChangeProposal,
    ProposalStatus,
    ProposalStatusChange,
    Review,
    ReviewDecision,
)
from participants.statistics import COUNTED_STATUSES
from participants.statistics_figures import statistics_changed
from participants.submission import SubmissionProblem, proposal_submission_problems

#: Sent with ``proposal_ids`` when a write raised their version (``proposal_version_bump``), so
#: that what is made from a proposal is made again (its PDFs: ``participants.document_pdfs``)
#: without this module knowing of it.
proposals_changed = Signal()


class ProposalWorkflowError(Exception):
    """A workflow action was refused; ``message`` is a translated sentence for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionRefused(ProposalWorkflowError):
    """This user may not make this status change now."""


class ProposalIncomplete(TransitionRefused):
    """The proposal cannot be submitted yet; ``problems`` says exactly what is missing."""

    def __init__(self, problems: list[SubmissionProblem]):
        super().__init__(_("The proposal cannot be submitted yet."))
        self.problems = problems


class ProposalReadOnly(ProposalWorkflowError):
    """The proposal may not be changed by this user in its current status."""


class EditConflict(ProposalWorkflowError):
    """Someone saved the proposal after this form was loaded; nothing was saved."""


def actor_name(user: User) -> str:
    """The name to show for ``user`` in a timeline: their facilitator or participant name."""
    profile = permissions.facilitator_of(user) or permissions.participant_of(user)
    if profile is not None:
        return profile.full_name
    return user.get_full_name() or user.get_username()


REOPEN_NEEDS_COMMENT = gettext_lazy(
    "Say why the approved proposal is reopened: a comment is required."
)


@transaction.atomic
def proposal_transition(
    *, proposal: ChangeProposal, user: User, to_status: str, comment: str = ""
) -> ChangeProposal:
    """Move ``proposal`` to ``to_status`` on behalf of ``user``: the one way to change a status.

    Raises ``TransitionRefused`` (or ``ProposalIncomplete`` when submitting a proposal that
    misses something) with a translated message; nothing is written then. An approved
    proposal moves only with a ``comment`` that says why. Returns the
    proposal as saved (a fresh instance).
    """
    # Lock the row so that two decisions on the same proposal cannot both pass the check.
    locked = (
        ChangeProposal.objects.select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=proposal.pk)
    )
    refusal = permissions.transition_refusal(user, locked, to_status)
    if refusal:
        raise TransitionRefused(refusal)
    reopening = to_status not in CARRIED_OUT_STATUSES
    if locked.status == ProposalStatus.APPROVED and reopening and not comment.strip():
        # Reopening an approved proposal undoes a decision: the timeline must say why.
        raise TransitionRefused(str(REOPEN_NEEDS_COMMENT))
    if to_status == ProposalStatus.SUBMITTED:
        problems = proposal_submission_problems(locked)
        if problems:
            raise ProposalIncomplete(problems)
        locked.submitted_at = timezone.now()
    elif to_status != ProposalStatus.DRAFT and locked.submitted_at is None:
        # Staff may skip the submission step; a proposal out of draft has a submission time.
        locked.submitted_at = timezone.now()
    # A status change also makes any edit form opened before it stale. Readers of the shared
    # proposals see it only when it is shared before or after.
    shared = locked.status in SHARED_STATUSES or to_status in SHARED_STATUSES
    proposal_version_bump(proposal_ids=[locked.pk], shared=shared)
    locked.refresh_from_db(fields=["version"])
    from_status = locked.status
    locked.status = to_status
    locked._history_user = user
    locked._change_reason = f"status: {from_status} → {to_status}"
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    ProposalStatusChange.objects.create(
        proposal=locked,
        from_status=from_status,
        to_status=to_status,
        changed_by=user,
        actor_name=actor_name(user),
        comment=comment,
    )
    crossed_approved = (from_status in COUNTED_STATUSES) != (to_status in COUNTED_STATUSES)
    if crossed_approved or (from_status in CARRIED_OUT_STATUSES) != (
        to_status in CARRIED_OUT_STATUSES
    ):
        # Its adapted practices gain or lose an approved or a proven adaptation (the counts
        # of "most adapted" and of the "proven" facet).
        proof.proposal_proof_refresh(proposal_ids=[locked.pk])
    if crossed_approved:
        # The national statistics gain or lose it: their kept figures are computed again.
        statistics_changed()
    _notify_on_commit(locked, to_status, comment)
    return locked


def proposal_version_bump(
    *,
    proposal_ids: Iterable[int],
    at_version: int | None = None,
    statuses: Iterable[str] = (),
    shared: bool | None = None,
) -> int:
    """Move the stored version of the proposals past the current one, so that a proposal form
    opened before is refused as stale instead of overwriting this write.

    With ``at_version`` (and ``statuses``) only a proposal still at that version (and in one of
    those statuses) moves: the compare-and-set of an edit. Returns how many proposals moved.
    The cached pages are dropped: those of everyone when ``shared`` (the write changes what
    readers of the shared proposals see; None: when one of the proposals is shared now), else
    only those that show unshared proposals (``page_cache.pages_invalidate``).
    """
    ids = list(proposal_ids)
    proposals = ChangeProposal.objects.filter(pk__in=ids)
    if at_version is not None:
        proposals = proposals.filter(version=at_version)
    statuses = list(statuses)
    if statuses:
        proposals = proposals.filter(status__in=statuses)
    if shared is None:
        shared = ChangeProposal.objects.filter(pk__in=ids, status__in=SHARED_STATUSES).exists()
    pages_invalidate(shared=shared)
    moved = proposals.update(version=F("version") + 1)
    if moved:
        proposals_changed.send(sender=ChangeProposal, proposal_ids=ids)
    return moved


def _notify_on_commit(proposal: ChangeProposal, to_status: str, comment: str) -> None:
    # After the commit, so that nobody is told of a change that was rolled back; on the task
    # queue when there is one, so that a mail server that is down delays the mail, never the
    # page (config.tasks). Links follow the address of the request (config.site_url).
    mail = {"proposal_id": proposal.pk, "site_url": current_site_url()}
    if to_status == ProposalStatus.SUBMITTED:
        task_after_commit(notifications.proposal_submitted, **mail)
    elif to_status in (ProposalStatus.APPROVED, ProposalStatus.REVISION_REQUESTED):
        task_after_commit(
            notifications.proposal_decided, to_status=str(to_status), comment=comment, **mail
        )
    elif to_status == ProposalStatus.REPORT_SUBMITTED:
        task_after_commit(notifications.report_submitted_mail, **mail)
    elif to_status == ProposalStatus.EVALUATED:
        task_after_commit(notifications.evaluated_mail, **mail)
    elif to_status in CARRIED_OUT_STATUSES:
        task_after_commit(notifications.proposal_progressed, to_status=str(to_status), **mail)


def _assign_like_previous(proposal: ChangeProposal) -> None:
    """A new proposal gets the coach and mentor of the participant's latest assigned proposal.

    Coaches and mentors are assigned to a participant for the whole training, so a second
    proposal keeps them; a first proposal is assigned by the organizer in the admin.
    """
    previous = (
        ChangeProposal.objects.filter(participant=proposal.participant)
        .exclude(coach=None, mentor=None)
        .order_by("-created_at", "-pk")
        .first()
    )
    if previous is not None:
        proposal.coach_id = previous.coach_id
        proposal.mentor_id = previous.mentor_id


@dataclass(frozen=True, kw_only=True)
class ProposalData:
    """The text of a proposal as its participant writes it."""

    title: str
    problem: str
    goals: str = ""
    benefits: str = ""
    stakeholders: str = ""


@dataclass(frozen=True, kw_only=True)
class ProposalPartData:
    """One row of a proposal's parts: new (``id`` is ``None``), an existing row's values, or an
    existing row to ``delete``."""

    id: int | None = None
    delete: bool = False

    def values(self) -> dict:
        """The row's own fields, as the model names them."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("id", "delete")
        }


@dataclass(frozen=True, kw_only=True)
class MilestoneData(ProposalPartData):
    """A milestone row: its term, what is done and by when."""

    term: str = ""
    description: str = ""
    target_date: datetime.date | None = None


@dataclass(frozen=True, kw_only=True)
class AdaptationData(ProposalPartData):
    """An adaptation row: the practice taken up, adopted or adapted, and the notes on it."""

    practice_id: int | None = None
    mode: str = AdaptationMode.ADAPT
    kept: str = ""
    changed: str = ""
    rationale: str = ""


CONFLICT = gettext_lazy(
    "Someone else changed this proposal after you opened it. Nothing was saved."
)


@transaction.atomic
def proposal_save(
    *,
    user: User,
    proposal: ChangeProposal | None,
    data: ProposalData,
    milestones: Sequence[MilestoneData],
    adaptations: Sequence[AdaptationData],
    loaded_version: int | None,
    submit: bool = False,
) -> ChangeProposal:
    """Save a proposal's text with its milestones and adaptations, all or nothing.

    A new proposal (``proposal`` is ``None``) belongs to ``user``'s participant profile; the
    owner, status and assignment never come from the data. An existing proposal is saved only if
    it is still at ``loaded_version`` (the version the form was opened with), otherwise
    ``EditConflict`` is raised and nothing is written. With ``submit`` the proposal then goes
    through ``proposal_transition`` to "submitted" in the same transaction.
    """
    if proposal is None:
        participant = permissions.participant_of(user)
        if participant is None:
            raise ProposalReadOnly(_("Only participants can write change proposals."))
        proposal = ChangeProposal(participant=participant)
        _assign_like_previous(proposal)
    else:
        if not permissions.can_edit(user, proposal):
            raise ProposalReadOnly(_("You cannot change this proposal in its current status."))
        # The compare-and-set: only the form opened at the current version may write.
        won = loaded_version is not None and proposal_version_bump(
            proposal_ids=[proposal.pk],
            at_version=loaded_version,
            statuses=permissions.EDITABLE_STATUSES,
            shared=False,
        )
        if not won:
            raise EditConflict(str(CONFLICT))
        proposal.refresh_from_db(fields=["version"])
    for name, value in asdict(data).items():
        setattr(proposal, name, value)
    proposal._history_user = user
    proposal.save()
    # An editable proposal is never shared: only the pages that show it drop (its author's,
    # their facilitators', staff's), not those of everyone.
    pages_invalidate(shared=False)
    _parts_save(parts=proposal.milestones, rows=milestones, user=user)
    _parts_save(parts=proposal.adaptations, rows=adaptations, user=user)
    if submit:
        proposal = proposal_transition(
            proposal=proposal, user=user, to_status=ProposalStatus.SUBMITTED
        )
    return proposal


def _parts_save(*, parts: Any, rows: Sequence[ProposalPartData], user: User) -> None:
    """Apply ``rows`` to a proposal's ``parts`` (its related manager): delete the rows marked,
    then save the rows that changed and create the new ones, each with a history row."""
    existing = parts.in_bulk([row.id for row in rows if row.id is not None])
    if any(row.id is not None and row.id not in existing for row in rows):
        # The row is gone (or was never this proposal's): the form is stale.
        raise EditConflict(str(CONFLICT))
    for row in rows:
        if row.delete and row.id is not None:
            part = existing[row.id]
            part._history_user = user
            part.delete()
    for row in rows:
        if row.delete:
            continue
        values = row.values()
        part = existing[row.id] if row.id is not None else parts.model(proposal=parts.instance)
        if row.id is not None and all(getattr(part, k) == v for k, v in values.items()):
            continue
        for name, value in values.items():
            setattr(part, name, value)
        part._history_user = user
        part.save()


DECISION_STATUS: dict[str, ProposalStatus] = {
    ReviewDecision.APPROVE: ProposalStatus.APPROVED,
    ReviewDecision.REQUEST_REVISION: ProposalStatus.REVISION_REQUESTED,
}


@transaction.atomic
def review_record(
    *, proposal: ChangeProposal, user: User, decision: str, comments: str = ""
) -> Review:
    """Keep a facilitator's review; approve and request revision also change the status.

    Raises ``TransitionRefused`` when ``user`` is not a facilitator assigned to the proposal
    (or, for a decision, when the status does not allow it); nothing is written then.
    """
    facilitator = permissions.facilitator_of(user)
    if facilitator is None or not (
        permissions.can_review(user, proposal) or permissions.manages(user, proposal)
    ):
        raise TransitionRefused(
            _("Only a coach, mentor or examiner assigned to this proposal can review it.")
        )
    if decision in DECISION_STATUS:
        proposal_transition(
            proposal=proposal, user=user, to_status=DECISION_STATUS[decision], comment=comments
        )
    elif decision != ReviewDecision.COMMENT:
        raise TransitionRefused(_("Choose approve, request revision or comment only."))
    review = Review(proposal=proposal, reviewer=facilitator, decision=decision, comments=comments)
    review._history_user = user
    review.save()
    return review
