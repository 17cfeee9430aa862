"""How the proposal admin writes through the workflow services.

A part of a proposal edited on its own page moves the proposal's version
(``services.proposal_version_bump``), and the status actions of the proposal list go through
``services.proposal_transition``, one proposal at a time. An approved proposal is read-only
for organizers; "Reopen for revision" sends it back through the same service.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from benchmarking.admin_base import LokusHistoryAdmin
from participants.models import ProposalStatus
from participants.proof import practice_proof_refresh
from participants.services import (
    ProposalWorkflowError,
    proposal_transition,
    proposal_version_bump,
)
from participants.statistics_figures import statistics_changed


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


class ProvenCountsAdminMixin:
    """After the admin saves or deletes proposals or adaptations, the proven adaptations of
    every practice are counted again (``participants.proof``): such edits are rare, and a full
    count also catches an adaptation moved from one practice to another. The national
    statistics are computed again too (``participants.statistics_figures``)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        practice_proof_refresh()
        statistics_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        practice_proof_refresh()
        statistics_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        practice_proof_refresh()
        statistics_changed()


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


class ReopenForm(forms.Form):
    """Why an approved proposal goes back to its participant: the timeline keeps the answer."""

    comment = forms.CharField(
        label=_("Why is it reopened?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The participant reads this comment with the request for revision."),
    )


class ApprovedReadOnlyMixin:
    """An approved proposal is read-only in the admin for everyone but a superuser: it is what
    the facilitators approved. An organizer changes it by reopening it for revision, a recorded
    transition ("Reopen for revision") that sends it back to the participant. A superuser may
    still correct it directly (say, a misspelt name); history keeps who changed what."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self.approved_locked(
            request, obj
        )

    def approved_locked(self, request, obj) -> bool:
        """Whether ``obj`` (the proposal, also as the parent of an inline) is locked as
        approved for this user."""
        return (
            obj is not None
            and getattr(obj, "status", None) == ProposalStatus.APPROVED
            and not request.user.is_superuser
        )


class ApprovedReadOnlyInlineMixin(ApprovedReadOnlyMixin):
    """A part of an approved proposal, shown inline: read-only as the proposal is."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self.approved_locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.approved_locked(
            request, obj
        )


class ProposalReopenMixin(ApprovedReadOnlyMixin):
    """ "Reopen for revision" on an approved proposal's admin page: a form asking why, then
    ``proposal_transition`` to "revision requested", recorded in the timeline and history."""

    def get_urls(self):
        opts = self.opts
        reopen = path(
            "<path:object_id>/reopen/",
            self.admin_site.admin_view(self.reopen_view),
            name=f"{opts.app_label}_{opts.model_name}_reopen",
        )
        return [reopen, *super().get_urls()]

    def has_reopen_permission(self, request, obj) -> bool:
        """Who may change proposals here may reopen an approved one; the transition service
        then checks that the user organizes its participant's institution."""
        return obj.status == ProposalStatus.APPROVED and super().has_change_permission(request)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_reopen_permission(request, obj):
            opts = self.opts
            context["reopen_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_reopen", args=[quote(obj.pk)]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def reopen_view(self, request, object_id):
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_reopen_permission(request, proposal):
            raise PermissionDenied(_("Only an approved proposal can be reopened for revision."))
        form = ReopenForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                proposal_transition(
                    proposal=proposal,
                    user=request.user,
                    to_status=ProposalStatus.REVISION_REQUESTED,
                    comment=form.cleaned_data["comment"],
                )
            except ProposalWorkflowError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request,
                    gettext("“%(title)s” is reopened for revision; the participant is told.")
                    % {"title": proposal.title},
                    messages.SUCCESS,
                )
                return redirect(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change", proposal.pk
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": proposal,
            "form": form,
            "title": _("Reopen for revision"),
        }
        return TemplateResponse(request, "admin/participants/changeproposal/reopen.html", context)
