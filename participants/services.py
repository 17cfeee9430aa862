"""The writes of the proposal workflow: saving a proposal with its parts, status changes, reviews.

Every status change goes through ``proposal_transition``: it checks who may make it
(``participants.permissions``), locks the row, records a ``ProposalStatusChange`` and a history
row, and sends the e-mails once the transaction has committed.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participants import notifications, permissions
from participants.models import (
    AdaptationMode,
    ChangeProposal,
    MilestoneTerm,
    ProposalStatus,
    ProposalStatusChange,
    Review,
    ReviewDecision,
)


class ProposalWorkflowError(Exception):
    """A workflow action was refused; ``message`` is a translated sentence for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionRefused(ProposalWorkflowError):
    """This user may not make this status change now."""


class ProposalIncomplete(TransitionRefused):
    """The proposal cannot be submitted yet; ``problems`` says exactly what is missing."""

    def __init__(self, problems: list["SubmissionProblem"]):
        super().__init__(_("The proposal cannot be submitted yet."))
        self.problems = problems


class ProposalReadOnly(ProposalWorkflowError):
    """The proposal may not be changed by this user in its current status."""


class EditConflict(ProposalWorkflowError):
    """Someone saved the proposal after this form was loaded; nothing was saved."""


NO_PRACTICE = gettext_lazy("Add at least one adapted practice.")
KEPT_MISSING = gettext_lazy("Say what is kept from “%(practice)s”.")
CHANGED_MISSING = gettext_lazy("Say what changes when you adapt “%(practice)s”.")
MILESTONE_MISSING = {
    MilestoneTerm.SHORT: gettext_lazy("Add at least one short-term milestone."),
    MilestoneTerm.MEDIUM: gettext_lazy("Add at least one medium-term milestone."),
    MilestoneTerm.LONG: gettext_lazy("Add at least one long-term milestone."),
}


@dataclass(frozen=True)
class AdaptationNotes:
    """What the submission rule needs to know of one adaptation."""

    practice_title: str
    mode: str
    kept: str
    changed: str


@dataclass(frozen=True)
class SubmissionProblem:
    """One thing missing before a proposal can be submitted.

    ``field`` is ``"adaptations"``, ``"milestones"``, or ``"kept"`` / ``"changed"`` of the
    adaptation at position ``index``, so that a form can show the message where it belongs.
    """

    message: str
    field: str
    index: int | None = None


def submission_problems(
    *, adaptations: Iterable[AdaptationNotes], milestone_terms: Iterable[str]
) -> list[SubmissionProblem]:
    """The rule for submitting: at least one adapted practice, each saying what is kept (and,
    when adapting, what changes), and at least one milestone in each term."""
    problems = []
    adaptations = list(adaptations)
    if not adaptations:
        problems.append(SubmissionProblem(str(NO_PRACTICE), "adaptations"))
    for index, notes in enumerate(adaptations):
        params = {"practice": notes.practice_title}
        if not notes.kept.strip():
            problems.append(SubmissionProblem(KEPT_MISSING % params, "kept", index))
        if notes.mode == AdaptationMode.ADAPT and not notes.changed.strip():
            problems.append(SubmissionProblem(CHANGED_MISSING % params, "changed", index))
    terms = set(milestone_terms)
    for term, message in MILESTONE_MISSING.items():
        if term not in terms:
            problems.append(SubmissionProblem(str(message), "milestones"))
    return problems


def proposal_submission_problems(proposal: ChangeProposal) -> list[SubmissionProblem]:
    """The submission rule applied to what is saved in the database."""
    adaptations = [
        AdaptationNotes(a.practice.title, a.mode, a.kept, a.changed)
        for a in proposal.adaptations.select_related("practice").order_by("pk")
    ]
    terms = proposal.milestones.values_list("term", flat=True)
    return submission_problems(adaptations=adaptations, milestone_terms=terms)


def actor_name(user) -> str:
    """The name to show for ``user`` in a timeline: their facilitator or participant name."""
    profile = permissions.facilitator_of(user) or permissions.participant_of(user)
    if profile is not None:
        return profile.full_name
    return user.get_full_name() or user.get_username()


@transaction.atomic
def proposal_transition(
    *, proposal: ChangeProposal, user, to_status: str, comment: str = ""
) -> ChangeProposal:
    """Move ``proposal`` to ``to_status`` on behalf of ``user``: the one way to change a status.

    Raises ``TransitionRefused`` (or ``ProposalIncomplete`` when submitting a proposal that
    misses something) with a translated message; nothing is written then. Returns the
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
    if to_status == ProposalStatus.SUBMITTED:
        problems = proposal_submission_problems(locked)
        if problems:
            raise ProposalIncomplete(problems)
        locked.submitted_at = timezone.now()
    elif to_status != ProposalStatus.DRAFT and locked.submitted_at is None:
        # Staff may skip the submission step; a proposal out of draft has a submission time.
        locked.submitted_at = timezone.now()
    from_status = locked.status
    locked.status = to_status
    # A status change also makes any edit form opened before it stale.
    locked.version += 1
    locked._history_user = user
    locked._change_reason = f"status: {from_status} → {to_status}"
    locked.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    ProposalStatusChange.objects.create(
        proposal=locked,
        from_status=from_status,
        to_status=to_status,
        changed_by=user,
        actor_name=actor_name(user),
        comment=comment,
    )
    _notify_on_commit(locked, to_status, comment)
    return locked


def _notify_on_commit(proposal: ChangeProposal, to_status: str, comment: str) -> None:
    # After the commit, so that nobody is told of a change that was rolled back; robust, so
    # that a mail server that is down does not turn a saved change into an error page.
    proposal_id = proposal.pk

    def send_submitted():
        notifications.proposal_submitted(proposal_id=proposal_id)

    def send_decided():
        notifications.proposal_decided(
            proposal_id=proposal_id, to_status=to_status, comment=comment
        )

    if to_status == ProposalStatus.SUBMITTED:
        transaction.on_commit(send_submitted, robust=True)
    elif to_status in (ProposalStatus.APPROVED, ProposalStatus.REVISION_REQUESTED):
        transaction.on_commit(send_decided, robust=True)


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


@transaction.atomic
def proposal_save(
    *,
    user,
    proposal_form,
    milestone_formset,
    adaptation_formset,
    loaded_version: int | None,
    submit: bool = False,
) -> ChangeProposal:
    """Save a valid proposal form with its milestone and adaptation formsets, all or nothing.

    A new proposal belongs to ``user``'s participant profile; the owner, status and
    assignment never come from the form. An existing proposal is saved only if it is still
    at ``loaded_version`` (the version the form was opened with), otherwise ``EditConflict``
    is raised and nothing is written. With ``submit`` the proposal then goes through
    ``proposal_transition`` to "submitted" in the same transaction.
    """
    proposal = proposal_form.instance
    if proposal.pk is None:
        participant = permissions.participant_of(user)
        if participant is None:
            raise ProposalReadOnly(_("Only participants can write change proposals."))
        proposal.participant = participant
        _assign_like_previous(proposal)
    else:
        if not permissions.can_edit(user, proposal):
            raise ProposalReadOnly(_("You cannot change this proposal in its current status."))
        # The compare-and-set: only the form opened at the current version may write.
        won = ChangeProposal.objects.filter(
            pk=proposal.pk,
            version=loaded_version,
            status__in=permissions.EDITABLE_STATUSES,
        ).update(version=(loaded_version or 0) + 1)
        if not won:
            raise EditConflict(
                _("Someone else changed this proposal after you opened it. Nothing was saved.")
            )
        proposal.version = loaded_version + 1
    proposal._history_user = user
    proposal = proposal_form.save()
    for formset in (milestone_formset, adaptation_formset):
        _save_children(formset, proposal, user)
    if submit:
        proposal = proposal_transition(
            proposal=proposal, user=user, to_status=ProposalStatus.SUBMITTED
        )
    return proposal


def _save_children(formset, proposal: ChangeProposal, user) -> None:
    formset.instance = proposal
    children = formset.save(commit=False)
    for child in formset.deleted_objects:
        child._history_user = user
        child.delete()
    for child in children:
        child.proposal = proposal
        child._history_user = user
        child.save()


DECISION_STATUS = {
    ReviewDecision.APPROVE: ProposalStatus.APPROVED,
    ReviewDecision.REQUEST_REVISION: ProposalStatus.REVISION_REQUESTED,
}


@transaction.atomic
def review_record(*, proposal: ChangeProposal, user, decision: str, comments: str = "") -> Review:
    """Keep a facilitator's review; approve and request revision also change the status.

    Raises ``TransitionRefused`` when ``user`` is not a facilitator assigned to the proposal
    (or, for a decision, when the status does not allow it); nothing is written then.
    """
    facilitator = permissions.facilitator_of(user)
    if facilitator is None or not (permissions.can_review(user, proposal) or user.is_staff):
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
