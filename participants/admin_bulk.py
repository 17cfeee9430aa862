"""Actions on many proposals at once in the admin: export them, or assign one facilitator.

The admin's list is already limited to the organizer's institution, so an action only ever
receives those proposals; the facilitators to choose from are those the facilitator admin
shows the same user.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from benchmarking.admin_base import scoping_admin
from benchmarking.spreadsheets import spreadsheet_response
from participants.assignment import proposals_facilitator_assign
from participants.exports import proposal_export_rows
from participants.models import Facilitator


class FacilitatorAssignForm(forms.Form):
    """The facilitator to assign; their role says whether as coach, mentor or examiner."""

    facilitator = forms.ModelChoiceField(queryset=None, label=_("Facilitator"))

    def __init__(self, *args, facilitators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitators


class ProposalBulkActionsMixin:
    """Adds "Export" and "Assign a facilitator" to the proposal admin's actions."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        for action in (proposals_export_xlsx, proposals_export_csv, facilitator_assign):
            actions[action.__name__] = self.get_action(action)
        return actions

    def assignable_facilitators(self, request):
        facilitators = Facilitator.objects.select_related("institution")
        facilitator_admin = scoping_admin(self.admin_site, Facilitator, request)
        if facilitator_admin is not None:
            facilitators = facilitator_admin.institution_scope(facilitators, request)
        return facilitators.order_by("role", "full_name")


@admin.action(description=_("Export to XLSX"), permissions=["view"])
def proposals_export_xlsx(modeladmin, request, queryset):
    rows = proposal_export_rows(proposals=queryset)
    return spreadsheet_response(rows, extension="xlsx", name="rancangan")


@admin.action(description=_("Export to CSV"), permissions=["view"])
def proposals_export_csv(modeladmin, request, queryset):
    rows = proposal_export_rows(proposals=queryset)
    return spreadsheet_response(rows, extension="csv", name="rancangan")


@admin.action(description=_("Assign a coach, mentor or examiner"), permissions=["change"])
def facilitator_assign(modeladmin, request, queryset):
    """First a confirmation page listing the proposals, then the assignment."""
    facilitators = modeladmin.assignable_facilitators(request)
    form = FacilitatorAssignForm(
        request.POST if "apply" in request.POST else None, facilitators=facilitators
    )
    if form.is_valid():
        facilitator = form.cleaned_data["facilitator"]
        changed = proposals_facilitator_assign(
            proposal_ids=queryset.values_list("pk", flat=True),
            facilitator=facilitator,
            user=request.user,
        )
        message = ngettext(
            "%(name)s is now the %(role)s of %(count)d proposal.",
            "%(name)s is now the %(role)s of %(count)d proposals.",
            changed,
        ) % {
            "name": facilitator.full_name,
            "role": facilitator.get_role_display().lower(),
            "count": changed,
        }
        modeladmin.message_user(request, message, messages.SUCCESS)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "title": gettext("Assign a coach, mentor or examiner"),
        "form": form,
        "proposals": queryset.select_related("participant", "coach", "mentor", "examiner"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action": "facilitator_assign",
    }
    return TemplateResponse(request, "admin/lokus/facilitator_assign.html", context)
