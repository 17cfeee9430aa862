"""The rules of a change proposal, in one place: who may see, edit and review it, who counts
as its assigned facilitator, and who may move it from one status to another.

Every page, count and e-mail follows these: the proposal pages and the review queue here,
and the pages of the apps below (a province's flow of ideas, a cohort's count, a practice's
"adapted by" list) through ``benchmarking.proposal_rules``, which ``participants.apps``
connects to ``visible_q`` and ``selectors.readable_adaptations`` at start-up.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from participants.models import ChangeProposal, Facilitator, Participant, ProposalStatus

#: The fields of a proposal that name its facilitators: the coach, mentor and examiner.
FACILITATOR_FIELDS = ("coach", "mentor", "examiner")

#: The statuses in which the participant may still change their proposal.
EDITABLE_STATUSES = (ProposalStatus.DRAFT, ProposalStatus.REVISION_REQUESTED)

#: (from, to) pairs the proposal's own participant may make.
PARTICIPANT_TRANSITIONS = {
    (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED),
    (ProposalStatus.REVISION_REQUESTED, ProposalStatus.SUBMITTED),
    (ProposalStatus.IMPLEMENTING, ProposalStatus.REPORT_SUBMITTED),
}

#: (from, to) pairs only the assigned examiner may make.
EXAMINER_TRANSITIONS = {
    (ProposalStatus.REPORT_SUBMITTED, ProposalStatus.EVALUATED),
}

#: (from, to) pairs an assigned coach, mentor or examiner may make.
FACILITATOR_TRANSITIONS = {
    (ProposalStatus.SUBMITTED, ProposalStatus.APPROVED),
    (ProposalStatus.SUBMITTED, ProposalStatus.REVISION_REQUESTED),
}


# --- who someone is ---------------------------------------------------------------------------


def participant_of(user) -> Participant | None:
    """The participant profile of ``user``, or ``None`` (also for anonymous users)."""
    # The reverse one-to-one raises an AttributeError subclass when there is no profile.
    return getattr(user, "participant", None) if user.is_authenticated else None


def facilitator_of(user) -> Facilitator | None:
    """The facilitator profile of ``user``, or ``None``."""
    return getattr(user, "facilitator", None) if user.is_authenticated else None


# --- the rules as database conditions ---------------------------------------------------------


def assigned_q(facilitator, prefix: str = "") -> Q:
    """Proposals (at the lookup path ``prefix``) where ``facilitator`` is coach, mentor or
    examiner."""
    condition = Q(pk__in=[])
    for field in FACILITATOR_FIELDS:
        condition |= Q(**{f"{prefix}{field}": facilitator})
    return condition


def visible_parts(user, prefix: str = "") -> list[Q]:
    """The ways a logged-in, non-staff ``user`` may read a proposal, one condition each:
    approved ones (shared knowledge), their own, and those they are assigned to."""
    return [
        Q(**{f"{prefix}status": ProposalStatus.APPROVED}),
        Q(**{f"{prefix}participant__user": user}),
        *(Q(**{f"{prefix}{field}__user": user}) for field in FACILITATOR_FIELDS),
    ]


def visible_q(user, prefix: str = "") -> Q:
    """Proposals ``user`` may read, from the lookup path ``prefix`` (e.g.
    ``"adaptations__proposal__"``): see ``visible_parts``; staff read all (an empty ``Q``),
    anonymous users none."""
    if user is None or not user.is_authenticated:
        return Q(**{f"{prefix}pk__in": []})
    if user.is_staff:
        return Q()
    condition = Q()
    for part in visible_parts(user, prefix):
        condition |= part
    return condition


# --- the rules for one proposal ---------------------------------------------------------------


def assigned_facilitators(proposal: ChangeProposal) -> list[Facilitator]:
    """The coach, mentor and examiner of ``proposal``, those assigned, in that order."""
    facilitators = (getattr(proposal, field) for field in FACILITATOR_FIELDS)
    return [facilitator for facilitator in facilitators if facilitator is not None]


def is_owner(user, proposal: ChangeProposal) -> bool:
    """Whether ``user`` is the participant who wrote ``proposal``."""
    participant = participant_of(user)
    return participant is not None and proposal.participant_id == participant.pk


def is_assigned_facilitator(user, proposal: ChangeProposal) -> bool:
    """Whether ``user`` is the coach, mentor or examiner assigned to ``proposal``."""
    facilitator = facilitator_of(user)
    return facilitator is not None and facilitator.pk in (
        getattr(proposal, f"{field}_id") for field in FACILITATOR_FIELDS
    )


def is_assigned_examiner(user, proposal: ChangeProposal) -> bool:
    """Whether ``user`` is the examiner (penguji) assigned to ``proposal``."""
    facilitator = facilitator_of(user)
    return facilitator is not None and proposal.examiner_id == facilitator.pk


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
    if to_status == ProposalStatus.REPORT_SUBMITTED:
        if not is_owner(user, proposal):
            return _("Only the participant who wrote this proposal can submit its final report.")
        if pair not in PARTICIPANT_TRANSITIONS:
            return _(
                "The final report is submitted while the proposal is being implemented; "
                "this one is “%(status)s”."
            ) % {"status": current}
        return None
    if to_status == ProposalStatus.EVALUATED:
        if not is_assigned_examiner(user, proposal):
            return _("Only the examiner assigned to this proposal can evaluate its final report.")
        if pair not in EXAMINER_TRANSITIONS:
            return _(
                "Only a submitted final report can be evaluated; this proposal is “%(status)s”."
            ) % {"status": current}
        return None
    return _("Only staff can put a proposal back to draft.")
