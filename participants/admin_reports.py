"""The admin of the end of a change project.

The examiner's rubric (criteria with their weights, predicates with their thresholds) is
reference data with defaults from migration ``0200_reports``: editable, deleted only by a
superuser, and a criterion already scored cannot be deleted at all. Final reports and
evaluations are written by the participant and the examiner through the workflow: the admin
shows them, scoped to the organizer's institutions, and changes nothing.
"""

from django.contrib import admin

from benchmarking.admin_base import LokusModelAdmin, ReferenceDataAdmin
from participants.models import (
    Evaluation,
    EvaluationCriterion,
    EvaluationPredicate,
    EvaluationScore,
    FinalReport,
)

#: The lookup from a report or an evaluation to the institution of its participant's cohort.
REPORT_INSTITUTION = "proposal__participant__cohort__institution"


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(ReferenceDataAdmin):
    list_display = ("name", "weight", "position", "is_active")
    fields = ("name", "description", "weight", "position", "is_active")


@admin.register(EvaluationPredicate)
class EvaluationPredicateAdmin(ReferenceDataAdmin):
    list_display = ("name", "min_score")
    fields = ("name", "min_score")


class ReadOnlyAdmin(LokusModelAdmin):
    """Rows the workflow writes: shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FinalReport)
class FinalReportAdmin(ReadOnlyAdmin):
    institution_path = REPORT_INSTITUTION
    list_display = ("proposal", "submitted_at", "updated_at")
    search_fields = ("proposal__title", "proposal__participant__full_name")
    list_select_related = ("proposal",)


class EvaluationScoreInline(admin.TabularInline):
    model = EvaluationScore
    fields = ("criterion", "weight", "score")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    institution_path = REPORT_INSTITUTION
    list_display = ("proposal", "examiner", "total", "predicate", "created_at")
    list_filter = ("predicate",)
    search_fields = ("proposal__title", "examiner__full_name")
    list_select_related = ("proposal", "examiner")
    inlines = [EvaluationScoreInline]


@admin.register(EvaluationScore)
class EvaluationScoreAdmin(ReadOnlyAdmin):
    institution_path = f"evaluation__{REPORT_INSTITUTION}"
    list_display = ("evaluation", "criterion", "weight", "score")
    list_select_related = ("evaluation__proposal", "criterion")
