"""Assigning one coach, mentor or examiner to many proposals in one step."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext

from participants.models import ChangeProposal, Facilitator, FacilitatorRole
from participants.services import proposal_version_bump

#: The proposal field that holds each role's facilitator.
ROLE_FIELDS = {
    FacilitatorRole.COACH: "coach",
    FacilitatorRole.MENTOR: "mentor",
    FacilitatorRole.EXAMINER: "examiner",
}


class AssignmentError(ValueError):
    """The facilitator cannot take this role; the message says why."""


@transaction.atomic
def proposals_facilitator_assign(
    *, proposal_ids: Iterable[int], facilitator: Facilitator, user
) -> int:
    """Make ``facilitator`` the coach, mentor or examiner (by their role) of the proposals,
    each saved with a history entry that names the change. Returns how many changed."""
    field = ROLE_FIELDS.get(facilitator.role)
    if field is None:
        raise AssignmentError(gettext("The facilitator has no role."))
    proposal_ids = list(proposal_ids)
    # A participant's form opened before this step is refused as stale, not saved over it.
    proposal_version_bump(proposal_ids=proposal_ids)
    reason = gettext("%(role)s assigned: %(name)s") % {
        "role": facilitator.get_role_display(),
        "name": facilitator.full_name,
    }
    changed = 0
    for proposal in ChangeProposal.objects.select_for_update().filter(pk__in=proposal_ids):
        if getattr(proposal, f"{field}_id") == facilitator.pk:
            continue
        setattr(proposal, field, facilitator)
        proposal._change_reason = reason[:100]
        proposal._history_user = user
        proposal.save(update_fields=[field, "updated_at"])
        changed += 1
    return changed
