"""Admin of participants, facilitators and change proposals with their history.

Proposals, adaptations, milestones and reviews keep every earlier version
(django-simple-history): staff open "History" on a row to see who changed what and when, and
restore an earlier version from there.

An organizer works on their own institutions' data: every admin here shows only the people and
proposals of the cohorts of the institutions they organize (``InstitutionScopedAdminMixin``);
facilitators attached to no institution are shown to every organizer, read-only: only a
superuser changes them. An approved proposal is read-only for organizers, inlines included;
"Reopen for revision" sends it back to its participant through the workflow.

A proposal's status and submission time are read-only in its form, and a restored version
keeps them: status changes go only through ``participants.services.proposal_transition``
(here the superusers' actions on the proposal list), which records each step of the timeline.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from benchmarking.admin_base import (
    DropdownListFilter,
    InstitutionScopedAdminMixin,
    LokusHistoryAdmin,
    LokusModelAdmin,
    ScopedValuesListFilter,
)
from participants import admin_reports  # noqa: F401 - registers the rubric's admin
from participants.admin_accounts import UserAccountFieldMixin
from participants.admin_bulk import ProposalBulkActionsMixin
from participants.admin_imports import FacilitatorImportAdminMixin, ParticipantImportAdminMixin
from participants.admin_workflow import (
    ApprovedReadOnlyInlineMixin,
    ProposalPartAdmin,
    ProposalReopenMixin,
    ProvenCountsAdminMixin,
    status_action,
)
from participants.models import (
    ChangeProposal,
    Facilitator,
    Milestone,
    Participant,
    PracticeAdaptation,
    ProposalStatus,
    ProposalStatusChange,
    Review,
)
from participants.services import proposal_version_bump


@admin.register(Participant)
class ParticipantAdmin(ParticipantImportAdminMixin, UserAccountFieldMixin, LokusModelAdmin):
    institution_path = "cohort__institution"
    # The columns that fit an office screen; the position and the visit group are on the
    # participant's page.
    list_display = ("full_name", "nip", "agency", "cohort", "proposal_count")
    list_filter = (
        ("cohort", DropdownListFilter),
        ("cohort__institution", DropdownListFilter),
        "cohort__program",
        ("cohort__year", ScopedValuesListFilter),
    )
    search_fields = ("full_name", "nip", "position", "agency", "user__username")
    autocomplete_fields = ("user", "cohort", "visit_group")
    fields = ("full_name", "nip", ("position", "agency"), "cohort", "visit_group", "user")
    list_select_related = ("cohort__institution", "visit_group__visit", "user")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(proposal_count=Count("proposals"))

    @admin.display(description=_("proposals"), ordering="proposal_count")
    def proposal_count(self, obj):
        return obj.proposal_count


@admin.register(Facilitator)
class FacilitatorAdmin(FacilitatorImportAdminMixin, UserAccountFieldMixin, LokusModelAdmin):
    institution_path = "institution"
    institution_optional = True
    list_display = ("full_name", "role", "institution", "position", "email", "review_count")
    list_filter = ("role", ("institution", DropdownListFilter))
    search_fields = ("full_name", "position", "email", "user__username")
    autocomplete_fields = ("user", "institution")
    list_select_related = ("institution", "user")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(review_count=Count("reviews"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "institution" and self.institution_scoped(request):
            # A facilitator of no institution is shared: only a superuser makes one.
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("reviews"), ordering="review_count")
    def review_count(self, obj):
        return obj.review_count


#: The lookup from a part of a proposal (adaptation, milestone, review, status step) to the
#: institution of its participant's cohort.
PROPOSAL_INSTITUTION = "proposal__participant__cohort__institution"


class PracticeAdaptationInline(
    ApprovedReadOnlyInlineMixin, InstitutionScopedAdminMixin, admin.StackedInline
):
    institution_path = PROPOSAL_INSTITUTION
    model = PracticeAdaptation
    autocomplete_fields = ("practice",)
    fields = (("practice", "mode"), "kept", "changed", "rationale")
    extra = 0


class MilestoneInline(
    ApprovedReadOnlyInlineMixin, InstitutionScopedAdminMixin, admin.TabularInline
):
    institution_path = PROPOSAL_INSTITUTION
    model = Milestone
    fields = ("term", "description", "target_date")
    extra = 0


class ReviewInline(ApprovedReadOnlyInlineMixin, InstitutionScopedAdminMixin, admin.StackedInline):
    institution_path = PROPOSAL_INSTITUTION
    model = Review
    autocomplete_fields = ("reviewer",)
    fields = (("reviewer", "decision", "created_at"), "comments")
    readonly_fields = ("created_at",)
    extra = 0


class ProposalStatusChangeInline(InstitutionScopedAdminMixin, admin.TabularInline):
    """The proposal's status timeline, as ``proposal_transition`` wrote it: read-only."""

    institution_path = PROPOSAL_INSTITUTION
    model = ProposalStatusChange
    fields = ("created_at", "from_status", "to_status", "actor_name", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ChangeProposal)
class ChangeProposalAdmin(
    ProvenCountsAdminMixin, ProposalReopenMixin, ProposalBulkActionsMixin, LokusHistoryAdmin
):
    institution_path = "participant__cohort__institution"
    # The columns that fit an office screen; the cohort, the mentor and the counts are
    # filters or on the proposal's page.
    list_display = ("title", "participant", "status", "coach", "submitted_at")
    list_filter = (
        "status",
        ("participant__cohort", DropdownListFilter),
        ("participant__cohort__institution", DropdownListFilter),
        ("coach", DropdownListFilter),
        ("mentor", DropdownListFilter),
        ("examiner", DropdownListFilter),
    )
    search_fields = (
        "title",
        "problem",
        "goals",
        "participant__full_name",
        "participant__nip",
    )
    autocomplete_fields = ("participant", "coach", "mentor", "examiner")
    date_hierarchy = "created_at"
    readonly_fields = ("status", "submitted_at", "version", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("participant", "title", ("status", "submitted_at"))}),
        (
            _("Content of the proposal"),
            {"fields": ("problem", "goals", "benefits", "stakeholders")},
        ),
        (_("Facilitators"), {"fields": (("coach", "mentor", "examiner"),)}),
        (_("Record"), {"fields": (("version", "created_at", "updated_at"),)}),
    )
    inlines = (
        PracticeAdaptationInline,
        MilestoneInline,
        ReviewInline,
        ProposalStatusChangeInline,
    )
    list_select_related = ("participant__cohort__institution", "coach", "mentor", "examiner")
    actions = [status_action(status) for status in ProposalStatus]

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.is_superuser:
            # A proposal is its participant's work: an organizer may not hand it to another.
            readonly += ("participant",)
        return readonly

    def has_change_status_permission(self, request):
        # Organizers assign facilitators; deciding on a proposal is the facilitators' work,
        # and only a superuser may override the workflow from here.
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if change:
            # Any edit here (of the proposal or of its parts inline) makes a form opened
            # elsewhere before it stale. A restore from history brings back a whole old row:
            # keep the stored status and submission time (they change only through the
            # workflow), read after the version moved, which locks the row until the commit.
            proposal_version_bump(proposal_ids=[obj.pk])
            stored = ChangeProposal.objects.values("status", "submitted_at", "version").get(
                pk=obj.pk
            )
            obj.status = stored["status"]
            obj.submitted_at = stored["submitted_at"]
            obj.version = stored["version"]
        super().save_model(request, obj, form, change)


@admin.register(PracticeAdaptation)
class PracticeAdaptationAdmin(ProvenCountsAdminMixin, ProposalPartAdmin):
    institution_path = PROPOSAL_INSTITUTION
    list_display = ("proposal", "practice", "mode", "participant")
    list_filter = ("mode", ("practice__host_province", DropdownListFilter))
    search_fields = (
        "proposal__title",
        "practice__title",
        "proposal__participant__full_name",
        "kept",
        "changed",
    )
    autocomplete_fields = ("proposal", "practice")
    list_select_related = ("proposal__participant", "practice")

    @admin.display(description=_("participant"), ordering="proposal__participant__full_name")
    def participant(self, obj):
        return obj.proposal.participant


@admin.register(Milestone)
class MilestoneAdmin(ProposalPartAdmin):
    institution_path = PROPOSAL_INSTITUTION
    list_display = ("short_description", "term", "target_date", "proposal")
    list_filter = ("term",)
    search_fields = ("description", "proposal__title", "proposal__participant__full_name")
    autocomplete_fields = ("proposal",)
    date_hierarchy = "target_date"
    list_select_related = ("proposal",)

    @admin.display(description=_("description"), ordering="description")
    def short_description(self, obj):
        return obj.description[:80]


@admin.register(Review)
class ReviewAdmin(LokusHistoryAdmin):
    institution_path = PROPOSAL_INSTITUTION
    list_display = ("proposal", "reviewer", "decision", "created_at")
    list_filter = ("decision", "reviewer__role", ("reviewer", DropdownListFilter))
    search_fields = ("comments", "proposal__title", "reviewer__full_name")
    autocomplete_fields = ("proposal", "reviewer")
    date_hierarchy = "created_at"
    readonly_fields = ("created_at",)
    list_select_related = ("proposal", "reviewer")


@admin.register(ProposalStatusChange)
class ProposalStatusChangeAdmin(LokusModelAdmin):
    """The status timelines of all proposals, written by the workflow and never edited."""

    institution_path = PROPOSAL_INSTITUTION
    list_display = ("proposal", "from_status", "to_status", "actor_name", "created_at")
    list_filter = ("to_status", "from_status")
    search_fields = ("proposal__title", "actor_name", "comment")
    date_hierarchy = "created_at"
    list_select_related = ("proposal",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The project after approval: progress, evidence, feedback and follow-ups.
from participants import admin_lifecycle  # noqa: E402, F401
