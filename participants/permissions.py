"""The rules of a change proposal, in one place: who may see, edit and review it, who counts
as its assigned facilitator, and who may move it from one status to another.

Every page, count and e-mail follows these: the proposal pages and the review queue here,
and the pages of the apps below (a province's flow of ideas, a cohort's count, a practice's
"adapted by" list) through ``benchmarking.proposal_rules``, which ``participants.apps``
connects to ``visible_q`` and ``selectors.readable_adaptations`` at start-up.
"""

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from benchmarking import proposal_rules
from benchmarking.models import Institution
from participants.models import (
    SHARED_STATUSES,
    ChangeProposal,
    Facilitator,
    Participant,
    ProposalStatus,
)

#: The fields of a proposal that name its facilitators: the coach, mentor and examiner.
FACILITATOR_FIELDS = ("coach", "mentor", "examiner")

#: The statuses in which the participant may still change their proposal.
EDITABLE_STATUSES = (ProposalStatus.DRAFT, ProposalStatus.REVISION_REQUESTED)

#: (from, to) pairs the proposal's own participant may make.
PARTICIPANT_TRANSITIONS = {
    (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED),
    (ProposalStatus.REVISION_REQUESTED, ProposalStatus.SUBMITTED),
    (ProposalStatus.APPROVED, ProposalStatus.IMPLEMENTING),
    (ProposalStatus.IMPLEMENTING, ProposalStatus.REPORT_SUBMITTED),
}

#: (from, to) pairs an assigned coach, mentor or examiner may make.
FACILITATOR_TRANSITIONS = {
    (ProposalStatus.SUBMITTED, ProposalStatus.APPROVED),
    (ProposalStatus.SUBMITTED, ProposalStatus.REVISION_REQUESTED),
}

#: (from, to) pairs only the assigned examiner may make: scoring the final report.
EXAMINER_TRANSITIONS = {
    (ProposalStatus.REPORT_SUBMITTED, ProposalStatus.EVALUATED),
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


def organized_q(user, prefix: str = "") -> Q:
    """Proposals (at the lookup path ``prefix``) of the participants of the institutions
    ``user`` organizes (``Institution.organizers``), as a subquery: no duplicate rows."""
    organized = Institution.objects.filter(organizers=user).values("pk")
    return Q(**{f"{prefix}participant__cohort__institution__in": organized})


def shared_q(prefix: str = "") -> Q:
    """The shared proposals (approved and every status after it), which every logged-in user
    may read, from the lookup path ``prefix``."""
    return Q(**{f"{prefix}status__in": SHARED_STATUSES})


def visible_parts(user, prefix: str = "") -> list[Q]:
    """The ways a logged-in user who is not a superuser may read a proposal, one condition
    each: approved ones and those carried out since (shared knowledge), their own, those they
    are assigned to, and, for staff, those of the institutions they organize."""
    parts = [shared_q(prefix), *own_and_assigned(user, prefix)]
    if user.is_staff:
        parts.append(organized_q(user, prefix))
    return parts


def visible_q(user, prefix: str = "") -> Q:
    """Proposals ``user`` may read, from the lookup path ``prefix`` (e.g.
    ``"adaptations__proposal__"``): see ``visible_parts``; superusers read all (an empty
    ``Q``), anonymous users none."""
    if user is None or not user.is_authenticated:
        return Q(**{f"{prefix}pk__in": []})
    if user.is_superuser:
        return Q()
    if proposal_rules.known_shared_only(user):
        # Their own and assigned proposals are all shared ones: the rule is the status alone,
        # with no join to the people (asked once this request; a proposal write replaces a
        # generation of the page cache, so the class it kept is never stale).
        return shared_q(prefix)
    condition = Q()
    for part in visible_parts(user, prefix):
        condition |= part
    return condition


def own_and_assigned(user, prefix: str = "") -> list[Q]:
    """The proposals (at the lookup path ``prefix``) ``user`` wrote or is assigned to, one
    condition each, over the foreign keys of the profiles read with the user
    (``ProfilesBackend``): no join to the people, so each condition is an index of the
    proposals, and a query that shows the people need not plan its joins around the rule;
    none without a profile."""
    participant, facilitator = participant_of(user), facilitator_of(user)
    mine = []
    if participant is not None:
        mine.append(Q(**{f"{prefix}participant_id": participant.pk}))
    if facilitator is not None:
        mine += [Q(**{f"{prefix}{field}_id": facilitator.pk}) for field in FACILITATOR_FIELDS]
    return mine


def viewer_class(user) -> str:
    """Who sees the same proposals as ``user`` on a shared page: anonymous visitors; logged-in
    participants, or other logged-in users, who read only the shared ones (approved and later;
    a participant is also offered to adapt a practice); else ``user`` alone (staff, or someone
    with an unshared proposal of their own or assigned to them)."""
    if user is None or not user.is_authenticated:
        return "anonymous"
    if user.is_staff or user.is_superuser:
        # A superuser reads every proposal, staff status or not.
        return f"user:{user.pk}"
    mine = own_and_assigned(user)
    if mine and (
        ChangeProposal.objects.filter(reduce(or_, mine))
        .exclude(status__in=SHARED_STATUSES)
        .exists()
    ):
        return f"user:{user.pk}"
    return "participant" if participant_of(user) is not None else "logged-in"


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


def manages(user, proposal: ChangeProposal) -> bool:
    """Whether ``user`` may override the workflow of ``proposal``: a superuser, or a staff
    organizer of the institution of its participant's cohort."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (
        user.is_staff and ChangeProposal.objects.filter(organized_q(user), pk=proposal.pk).exists()
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
    if manages(user, proposal):
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
    if to_status in (ProposalStatus.IMPLEMENTING, ProposalStatus.REPORT_SUBMITTED):
        return _owner_step_refusal(user, proposal, to_status, current)
    if to_status == ProposalStatus.EVALUATED:
        if not is_assigned_examiner(user, proposal):
            return _("Only the examiner assigned to this proposal can evaluate its report.")
        if pair not in EXAMINER_TRANSITIONS:
            return _(
                "Only a proposal whose report was submitted can be evaluated; "
                "this one is “%(status)s”."
            ) % {"status": current}
        return None
    return _("Only staff can put a proposal back to draft.")


def _owner_step_refusal(user, proposal: ChangeProposal, to_status: str, current: Any):
    """Why the participant's steps after approval (start implementing, submit the report) are
    refused to ``user``, or ``None``."""
    if not is_owner(user, proposal):
        return _("Only the participant who wrote this proposal can take this step.")
    if (proposal.status, to_status) in PARTICIPANT_TRANSITIONS:
        return None
    if to_status == ProposalStatus.IMPLEMENTING:
        return _("Only an approved proposal can be carried out; this one is “%(status)s”.") % {
            "status": current
        }
    return _(
        "The report can be submitted only while the proposal is being carried out; "
        "this one is “%(status)s”."
    ) % {"status": current}


def is_assigned_examiner(user, proposal: ChangeProposal) -> bool:
    """Whether ``user`` is the examiner (penguji) assigned to ``proposal``."""
    facilitator = facilitator_of(user)
    return facilitator is not None and facilitator.pk == proposal.examiner_id
