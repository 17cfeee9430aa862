"""Admin lists of the project after approval: milestone progress, evidence, feedback and
follow-ups, read-only, for each organizer scoped to their institutions.

These are written on the site, through the services that check who may (``lifecycle``,
``evidence``, ``followups``); the admin only shows them. Evidence files are linked through
the download view, never through a media URL.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from benchmarking.admin_base import LokusModelAdmin
from participants.models import EvidenceAttachment, FollowUp, MilestoneFeedback, MilestoneProgress

MILESTONE_INSTITUTION = "milestone__proposal__participant__cohort__institution"


class ReadOnlyAdmin(LokusModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MilestoneProgress)
class MilestoneProgressAdmin(ReadOnlyAdmin):
    institution_path = MILESTONE_INSTITUTION
    list_display = ("milestone", "status", "achieved_on", "updated_at")
    list_filter = ("status",)
    search_fields = ("achievement", "milestone__proposal__title")
    list_select_related = ("milestone",)


@admin.register(EvidenceAttachment)
class EvidenceAttachmentAdmin(ReadOnlyAdmin):
    institution_path = MILESTONE_INSTITUTION
    list_display = ("original_name", "content_type", "size", "milestone", "uploaded_at")
    search_fields = ("original_name", "milestone__proposal__title")
    list_select_related = ("milestone",)
    fields = ("milestone", "download", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj):
        url = reverse(
            "participants:evidence-download",
            kwargs={"pk": obj.milestone.proposal_id, "evidence": obj.pk},
        )
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


@admin.register(MilestoneFeedback)
class MilestoneFeedbackAdmin(ReadOnlyAdmin):
    institution_path = MILESTONE_INSTITUTION
    list_display = ("milestone", "facilitator", "confirmed", "created_at")
    list_filter = ("confirmed",)
    search_fields = ("comment", "facilitator__full_name")
    list_select_related = ("milestone", "facilitator")


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    institution_path = "proposal__participant__cohort__institution"
    list_display = ("proposal", "checkpoint", "status", "recorded_at")
    list_filter = ("checkpoint", "status")
    search_fields = ("proposal__title", "stop_reason", "replicated_units", "note")
    list_select_related = ("proposal",)
