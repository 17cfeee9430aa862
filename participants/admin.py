"""Admin of participants, facilitators and change proposals with their history.

Proposals, adaptations, milestones and reviews keep every earlier version
(django-simple-history): staff open "History" on a row to see who changed what and when, and
restore an earlier version from there.

An organizer works on their own institutions' data: every admin here shows only the people and
proposals of the cohorts of the institutions they organize (``InstitutionScopedAdminMixin``);
facilitators attached to no institution are shown to every organizer.

A proposal's status and submission time are read-only in its form, and a restored version
keeps them: status changes go only through ``participants.services.proposal_transition``
(here the superusers' actions on the proposal list), which records each step of the timeline.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from benchmarking.admin import (
    EagerRelatedFieldListFilter,
    InstitutionScopedAdminMixin,
    LokusAdminMixin,
    LokusModelAdmin,
    ScopedValuesListFilter,
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
from participants.services import ProposalWorkflowError, proposal_transition


class UserAccountFieldMixin:
    """Linking a person to a login account is for those who may see user accounts."""

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("auth.view_user"):
            readonly += ("user",)
        return readonly


@admin.register(Participant)
class ParticipantAdmin(UserAccountFieldMixin, LokusModelAdmin):
    institution_path = "cohort__institution"
    list_display = (
        "full_name",
        "nip",
        "position",
        "agency",
        "cohort",
        "visit_group",
        "proposal_count",
    )
    list_filter = (
        ("cohort", EagerRelatedFieldListFilter),
        ("cohort__institution", EagerRelatedFieldListFilter),
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
class FacilitatorAdmin(UserAccountFieldMixin, LokusModelAdmin):
    institution_path = "institution"
    institution_optional = True
    list_display = ("full_name", "role", "institution", "position", "email", "review_count")
    list_filter = ("role", ("institution", EagerRelatedFieldListFilter))
    search_fields = ("full_name", "position", "email", "user__username")
    autocomplete_fields = ("user", "institution")
    list_select_related = ("institution", "user")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(review_count=Count("reviews"))

    @admin.display(description=_("reviews"), ordering="review_count")
    def review_count(self, obj):
        return obj.review_count


class LokusHistoryAdmin(LokusAdminMixin, SimpleHistoryAdmin):
    """An admin with "History": every earlier version listed, and restorable by those who may
    change the row."""

    def history_view(self, request, object_id, extra_context=None):
        if not object_id.isdecimal() or self.out_of_scope(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (object_id + version_id).isdecimal() or self.out_of_scope(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        # simple-history checks only the view permission, also for the POST that restores;
        # a read-only user must not be able to write an old version back.
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def out_of_scope(self, request, object_id) -> bool:
        """Whether the row is not one the user may work on. simple-history reads the stored
        versions without the admin's queryset (and falls back to them for a deleted row), so
        an organizer would read another institution's row there."""
        return self.institution_scoped(request) and (
            self.get_object(request, unquote(object_id)) is None
        )


def proposals_version_raise(proposal_ids) -> None:
    """Raise the version of the proposals whose parts were edited here, so that a participant's
    form opened before the edit is refused as stale instead of overwriting it."""
    ChangeProposal.objects.filter(pk__in=proposal_ids).update(version=F("version") + 1)


class ProposalPartAdmin(LokusHistoryAdmin):
    """A part of a proposal edited on its own page: the proposal's version moves with it."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        proposals_version_raise([obj.proposal_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        proposals_version_raise([obj.proposal_id])

    def delete_queryset(self, request, queryset):
        proposal_ids = set(queryset.values_list("proposal_id", flat=True))
        super().delete_queryset(request, queryset)
        proposals_version_raise(proposal_ids)


#: The lookup from a part of a proposal (adaptation, milestone, review, status step) to the
#: institution of its participant's cohort.
PROPOSAL_INSTITUTION = "proposal__participant__cohort__institution"


class PracticeAdaptationInline(InstitutionScopedAdminMixin, admin.StackedInline):
    institution_path = PROPOSAL_INSTITUTION
    model = PracticeAdaptation
    autocomplete_fields = ("practice",)
    fields = (("practice", "mode"), "kept", "changed", "rationale")
    extra = 0


class MilestoneInline(InstitutionScopedAdminMixin, admin.TabularInline):
    institution_path = PROPOSAL_INSTITUTION
    model = Milestone
    fields = ("term", "description", "target_date")
    extra = 0


class ReviewInline(InstitutionScopedAdminMixin, admin.StackedInline):
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


STATUS_ACTION_LABELS = {
    ProposalStatus.DRAFT: _("Put back to draft"),
    ProposalStatus.SUBMITTED: _("Mark as submitted"),
    ProposalStatus.REVISION_REQUESTED: _("Request revision"),
    ProposalStatus.APPROVED: _("Approve"),
}


def _status_action(to_status: ProposalStatus):
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


@admin.register(ChangeProposal)
class ChangeProposalAdmin(LokusHistoryAdmin):
    institution_path = "participant__cohort__institution"
    list_display = (
        "title",
        "participant",
        "cohort",
        "status",
        "coach",
        "mentor",
        "adaptation_count",
        "review_count",
        "submitted_at",
    )
    list_filter = (
        "status",
        ("participant__cohort", EagerRelatedFieldListFilter),
        ("participant__cohort__institution", EagerRelatedFieldListFilter),
        ("coach", EagerRelatedFieldListFilter),
        ("mentor", EagerRelatedFieldListFilter),
        ("examiner", EagerRelatedFieldListFilter),
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
    actions = [_status_action(status) for status in ProposalStatus]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                adaptation_count=Count("adaptations", distinct=True),
                review_count=Count("reviews", distinct=True),
            )
        )

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
            # A restore from history brings back a whole old row: keep the stored status and
            # submission time (they change only through the workflow), and move the version
            # past the stored one so that a form opened elsewhere before this save is stale.
            stored = (
                ChangeProposal.objects.select_for_update()
                .values("status", "submitted_at", "version")
                .get(pk=obj.pk)
            )
            obj.status = stored["status"]
            obj.submitted_at = stored["submitted_at"]
            obj.version = stored["version"] + 1
        super().save_model(request, obj, form, change)

    @admin.display(description=_("cohort"), ordering="participant__cohort__year")
    def cohort(self, obj):
        return obj.participant.cohort

    @admin.display(description=_("adapted practices"), ordering="adaptation_count")
    def adaptation_count(self, obj):
        return obj.adaptation_count

    @admin.display(description=_("reviews"), ordering="review_count")
    def review_count(self, obj):
        return obj.review_count


@admin.register(PracticeAdaptation)
class PracticeAdaptationAdmin(ProposalPartAdmin):
    institution_path = PROPOSAL_INSTITUTION
    list_display = ("proposal", "practice", "mode", "participant")
    list_filter = ("mode", "practice__host_province")
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
    list_filter = ("decision", "reviewer__role", ("reviewer", EagerRelatedFieldListFilter))
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
