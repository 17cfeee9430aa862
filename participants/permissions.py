"""Who may do what with a change proposal: small predicates shared by views and services.

The rules (issue 4): a participant writes, edits and submits only their own proposals, and edits
them only while they are a draft or sent back for revision; a coach, mentor or examiner
assigned to a proposal decides on a submitted one; staff may make any status change.
Reading follows ``ChangeProposal.objects.visible_to`` (``benchmarking.visibility``).
"""

from django.utils.translation import gettext as _

from participants.models import ChangeProposal, Facilitator, Participant, ProposalStatus

#: The statuses in which the participant may still change their proposal.
EDITABLE_STATUSES = (ProposalStatus.DRAFT, ProposalStatus.REVISION_REQUESTED)

#: (from, to) pairs the proposal's own participant may make.
PARTICIPANT_TRANSITIONS = {
    (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED),
    (ProposalStatus.REVISION_REQUESTED, ProposalStatus.SUBMITTED),
}

#: (from, to) pairs an assigned coach, mentor or examiner may make.
FACILITATOR_TRANSITIONS = {
    (ProposalStatus.SUBMITTED, ProposalStatus.APPROVED),
    (ProposalStatus.SUBMITTED, ProposalStatus.REVISION_REQUESTED),
}


def participant_of(user) -> Participant | None:
    """The participant profile of ``user``, or ``None`` (also for anonymous users)."""
    # The reverse one-to-one raises an AttributeError subclass when there is no profile.
    return getattr(user, "participant", None) if user.is_authenticated else None


def facilitator_of(user) -> Facilitator | None:
    """The facilitator profile of ``user``, or ``None``."""
    return getattr(user, "facilitator", None) if user.is_authenticated else None


def is_owner(user, proposal: ChangeProposal) -> bool:
    """Whether ``user`` is the participant who wrote ``proposal``."""
    participant = participant_of(user)
    return participant is not None and proposal.participant_id == participant.pk


def is_assigned_facilitator(user, proposal: ChangeProposal) -> bool:
    """Whether ``user`` is the coach, mentor or examiner assigned to ``proposal``."""
    facilitator = facilitator_of(user)
    return facilitator is not None and facilitator.pk in (
        proposal.coach_id,
        proposal.mentor_id,
        proposal.examiner_id,
    )


def can_edit(user, proposal: ChangeProposal) -> bool:
    """The participant edits their own proposal while it is a draft or sent back for revision."""
    return is_owner(user, proposal) and proposal.status in EDITABLE_STATUSES


def can_review(user, proposal: ChangeProposal) -> bool:
    """Reviews (comments and decisions) come from the facilitators assigned to the proposal."""
    return is_assigned_facilitator(user, proposal)


def transition_refusal(user, proposal: ChangeProposal, to_status: str) -> str | None:
    """Why ``user`` may not move ``proposal`` to ``to_status`` (a translated sentence), or
    ``None`` when they may."""
    current = ProposalStatus(proposal.status).label
    if to_status not in ProposalStatus.values:
        return _("“%(status)s” is not a status of a change proposal.") % {"status": to_status}
    if proposal.status == to_status:
        return _("The proposal is already “%(status)s”.") % {"status": current}
    if user.is_staff:
        return None
    pair = (proposal.status, to_status)
    if to_status == ProposalStatus.SUBMITTED:
        if not is_owner(user, proposal):
            return _("Only the participant who wrote this proposal can submit it.")
        if pair not in PARTICIPANT_TRANSITIONS:
            return _("A proposal that is “%(status)s” cannot be submitted.") % {"status": current}
        return None
    if to_status in (ProposalStatus.APPROVED, ProposalStatus.REVISION_REQUESTED):
        if not is_assigned_facilitator(user, proposal):
            return _("Only a coach, mentor or examiner assigned to this proposal can decide on it.")
        if pair not in FACILITATOR_TRANSITIONS:
            return _(
                "Only a submitted proposal can be approved or sent back for revision; "
                "this one is “%(status)s”."
            ) % {"status": current}
        return None
    return _("Only staff can put a proposal back to draft.")


def may_transition(user, proposal: ChangeProposal, to_status: str) -> bool:
    """Whether ``user`` may move ``proposal`` to ``to_status``."""
    return transition_refusal(user, proposal, to_status) is None
