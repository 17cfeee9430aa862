"""How the proposal admin writes through the workflow services.

A part of a proposal edited on its own page moves the proposal's version
(``services.proposal_version_bump``), and the status actions of the proposal list go through
``services.proposal_transition``, one proposal at a time.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from benchmarking.admin_base import LokusHistoryAdmin
from participants.models import ProposalStatus
from participants.services import (
    ProposalWorkflowError,
    proposal_transition,
    proposal_version_bump,
)


class ProposalPartAdmin(LokusHistoryAdmin):
    """A part of a proposal edited on its own page: the proposal's version moves with it, so
    that a participant's form opened before the edit is refused as stale."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        proposal_version_bump(proposal_ids=[obj.proposal_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        proposal_version_bump(proposal_ids=[obj.proposal_id])

    def delete_queryset(self, request, queryset):
        proposal_ids = set(queryset.values_list("proposal_id", flat=True))
        super().delete_queryset(request, queryset)
        proposal_version_bump(proposal_ids=proposal_ids)


STATUS_ACTION_LABELS = {
    ProposalStatus.DRAFT: _("Put back to draft"),
    ProposalStatus.SUBMITTED: _("Mark as submitted"),
    ProposalStatus.REVISION_REQUESTED: _("Request revision"),
    ProposalStatus.APPROVED: _("Approve"),
    ProposalStatus.IMPLEMENTING: _("Mark as implementing"),
    ProposalStatus.REPORT_SUBMITTED: _("Mark the final report as submitted"),
    ProposalStatus.EVALUATED: _("Mark as evaluated"),
}


def status_action(to_status: ProposalStatus):
    """An admin action that moves the selected proposals to ``to_status`` through the
    workflow service, one by one, saying which ones it refused and why."""

    @admin.action(description=STATUS_ACTION_LABELS[to_status], permissions=["change_status"])
    def action(modeladmin, request, queryset):
        changed = 0
        for proposal in queryset:
            try:
                proposal_transition(proposal=proposal, user=request.user, to_status=to_status)
            except ProposalWorkflowError as error:
                modeladmin.message_user(request, f"{proposal}: {error.message}", messages.ERROR)
            else:
                changed += 1
        if changed:
            message = ngettext(
                "%(count)d proposal is now “%(status)s”.",
                "%(count)d proposals are now “%(status)s”.",
                changed,
            ) % {"count": changed, "status": to_status.label}
            modeladmin.message_user(request, message, messages.SUCCESS)

    action.__name__ = f"status_{to_status.value}"
    return action
