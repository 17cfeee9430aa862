"""Admin of the ground floor: provinces, institutions, cohorts, host agencies and visits.

Organizers enter a visit in one form, with the host agencies visited, the officials who spoke
and the groups sent to each locus. Every changelist loads its rows, their related objects and
their counts in a constant number of queries (``get_queryset`` / ``list_select_related``).
The base classes and list filters of every Lokus admin live in ``benchmarking.admin_base``.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from benchmarking.admin_base import (
    DropdownListFilter,
    InstitutionScopedAdminMixin,
    LokusModelAdmin,
    ReferenceDataAdmin,
    ScopedValuesListFilter,
)
from benchmarking.admin_imports import CohortImportAdminMixin
from benchmarking.models import (
    Cohort,
    HostAgency,
    Institution,
    Province,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from benchmarking.querysets import reverse_count


@admin.register(Province)
class ProvinceAdmin(ReferenceDataAdmin):
    list_display = ("code", "name", "institution_count", "host_agency_count", "visit_count")
    search_fields = ("code", "name")
    ordering = ("code",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                institution_count=reverse_count(Province, "institutions"),
                host_agency_count=reverse_count(Province, "host_agencies"),
                visit_count=reverse_count(Province, "hosted_visits"),
            )
        )

    @admin.display(description=_("institutions"), ordering="institution_count")
    def institution_count(self, obj):
        return obj.institution_count

    @admin.display(description=_("host agencies"), ordering="host_agency_count")
    def host_agency_count(self, obj):
        return obj.host_agency_count

    @admin.display(description=_("visits hosted"), ordering="visit_count")
    def visit_count(self, obj):
        return obj.visit_count


@admin.register(Institution)
class InstitutionAdmin(LokusModelAdmin):
    """Institutions, and who organizes each: a superuser assigns the organizers."""

    institution_path = "pk"
    list_display = ("name", "short_name", "province", "cohort_count")
    list_filter = (("province", DropdownListFilter),)
    search_fields = ("name", "short_name", "province__name")
    autocomplete_fields = ("province", "organizers")
    list_select_related = ("province",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cohort_count=Count("cohorts"))

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # The organizers decide whose data an institution's rows are: an organizer may
            # not add themselves to another institution, nor hand theirs to someone else.
            readonly += ("organizers",)
        return readonly

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and not request.user.is_superuser:
            # An organizer who adds an institution organizes it; it would vanish from their
            # admin the moment it is saved otherwise. It holds no one else's data.
            obj.organizers.add(request.user)

    @admin.display(description=_("cohorts"), ordering="cohort_count")
    def cohort_count(self, obj):
        return obj.cohort_count


@admin.register(Cohort)
class CohortAdmin(CohortImportAdminMixin, LokusModelAdmin):
    institution_path = "institution"
    list_display = (
        "name",
        "program",
        "year",
        "institution",
        "start_date",
        "end_date",
        "participant_count",
        "visit_count",
    )
    list_filter = ("program", "year", ("institution", DropdownListFilter))
    search_fields = ("name", "institution__name", "institution__short_name")
    autocomplete_fields = ("institution",)
    date_hierarchy = "start_date"
    list_select_related = ("institution__province",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                participant_count=reverse_count(Cohort, "participants"),
                visit_count=reverse_count(Cohort, "visits"),
            )
        )

    @admin.display(description=_("participants"), ordering="participant_count")
    def participant_count(self, obj):
        return obj.participant_count

    @admin.display(description=_("visits"), ordering="visit_count")
    def visit_count(self, obj):
        return obj.visit_count


@admin.register(HostAgency)
class HostAgencyAdmin(LokusModelAdmin):
    list_display = ("name", "province", "website", "visit_count")
    list_filter = (("province", DropdownListFilter),)
    search_fields = ("name", "province__name")
    autocomplete_fields = ("province",)
    list_select_related = ("province",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(visit_count=Count("visit_links"))

    @admin.display(description=_("visits"), ordering="visit_count")
    def visit_count(self, obj):
        return obj.visit_count


class VisitHostAgencyInline(InstitutionScopedAdminMixin, admin.TabularInline):
    institution_path = "visit__cohort__institution"
    model = VisitHostAgency
    autocomplete_fields = ("host_agency",)
    extra = 1


class VisitOfficialInline(InstitutionScopedAdminMixin, admin.StackedInline):
    institution_path = "visit__cohort__institution"
    model = VisitOfficial
    fields = (("name", "position"), ("side", "order"), "remarks")
    extra = 1


class VisitGroupInline(InstitutionScopedAdminMixin, admin.StackedInline):
    institution_path = "visit__cohort__institution"
    model = VisitGroup
    fields = (("name", "host_agency"), "report")
    autocomplete_fields = ("host_agency",)
    extra = 1


@admin.register(Visit)
class VisitAdmin(LokusModelAdmin):
    institution_path = "cohort__institution"
    # The columns an organizer scans on an office screen; the officials and groups are on
    # the visit's own page.
    list_display = ("title", "cohort", "host_province", "start_date", "practice_count")
    list_filter = (
        ("host_province", DropdownListFilter),
        ("cohort__institution", DropdownListFilter),
        "cohort__program",
        ("cohort__year", ScopedValuesListFilter),
    )
    search_fields = (
        "title",
        "summary",
        "cohort__name",
        "cohort__institution__name",
        "cohort__institution__short_name",
        "host_province__name",
    )
    autocomplete_fields = ("cohort", "host_province")
    date_hierarchy = "start_date"
    readonly_fields = ("created_at", "updated_at")
    fields = (
        "title",
        "cohort",
        "host_province",
        ("start_date", "end_date"),
        "summary",
        ("created_at", "updated_at"),
    )
    inlines = (VisitHostAgencyInline, VisitOfficialInline, VisitGroupInline)
    list_select_related = ("cohort__institution__province", "host_province")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(practice_count=reverse_count(Visit, "observations"))
        )

    @admin.display(description=_("practices observed"), ordering="practice_count")
    def practice_count(self, obj):
        return obj.practice_count


@admin.register(VisitHostAgency)
class VisitHostAgencyAdmin(LokusModelAdmin):
    institution_path = "visit__cohort__institution"
    list_display = ("host_agency", "visit", "visit_start_date")
    list_filter = (("host_agency__province", DropdownListFilter),)
    search_fields = ("host_agency__name", "visit__title")
    autocomplete_fields = ("visit", "host_agency")
    date_hierarchy = "visit__start_date"
    list_select_related = ("visit", "host_agency__province")

    @admin.display(description=_("visit date"), ordering="visit__start_date")
    def visit_start_date(self, obj):
        return obj.visit.start_date


@admin.register(VisitOfficial)
class VisitOfficialAdmin(LokusModelAdmin):
    institution_path = "visit__cohort__institution"
    list_display = ("name", "position", "side", "visit")
    list_filter = ("side", ("visit__host_province", DropdownListFilter))
    search_fields = ("name", "position", "remarks", "visit__title")
    autocomplete_fields = ("visit",)
    list_select_related = ("visit",)


@admin.register(VisitGroup)
class VisitGroupAdmin(LokusModelAdmin):
    institution_path = "visit__cohort__institution"
    list_display = ("name", "visit", "host_agency", "member_count")
    list_filter = (
        ("visit__host_province", DropdownListFilter),
        ("visit__cohort__institution", DropdownListFilter),
    )
    search_fields = ("name", "report", "visit__title", "host_agency__name")
    autocomplete_fields = ("visit", "host_agency")
    list_select_related = ("visit", "host_agency__province")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count
