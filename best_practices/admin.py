"""Admin of sectors, best practices and the visits they were observed on.

A practice is entered in one form: where it comes from, what it improves, the knowledge a
replicating agency needs (key to success, factors, prerequisites) and the visits it was seen on.

Sectors, practices and their observations are not scoped to an organizer's institution: the
practices are the national knowledge base, and any organizer may add to and correct them. Only
the visits an organizer may pick for a new observation are their own institutions' visits.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from benchmarking.admin_base import (
    EagerRelatedFieldListFilter,
    InstitutionScopedAdminMixin,
    LokusModelAdmin,
    ReferenceDataAdmin,
)
from benchmarking.querysets import reverse_count
from best_practices import search
from best_practices.admin_imports import PracticeImportAdminMixin
from best_practices.models import BestPractice, PracticeObservation, Sector


@admin.register(Sector)
class SectorAdmin(ReferenceDataAdmin):
    list_display = ("name", "name_en", "code", "kind", "order", "practice_count")
    list_filter = ("kind",)
    search_fields = ("name", "name_en", "code")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(practice_count=Count("best_practices"))

    @admin.display(description=_("practices"), ordering="practice_count")
    def practice_count(self, obj):
        return obj.practice_count


class PracticeObservationInline(InstitutionScopedAdminMixin, admin.TabularInline):
    """Every observation of the practice, whoever's visit it was on (shared knowledge)."""

    model = PracticeObservation
    autocomplete_fields = ("visit",)
    extra = 1


@admin.register(BestPractice)
class BestPracticeAdmin(PracticeImportAdminMixin, LokusModelAdmin):
    list_display = (
        "title",
        "host_province",
        "host_agency",
        "stage",
        "status",
        "is_digital",
        "observation_count",
        "adaptation_count",
        "updated_at",
    )
    list_filter = (
        "status",
        "stage",
        "is_digital",
        "improves_speed",
        "improves_ease",
        "improves_cost",
        "improves_transparency",
        "improves_accountability",
        "host_province",
        ("host_agency", EagerRelatedFieldListFilter),
        "sectors",
    )
    search_fields = (
        "title",
        "summary",
        "description",
        "key_to_success",
        "host_agency__name",
        "host_province__name",
    )
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("host_province", "host_agency")
    filter_horizontal = ("sectors",)
    date_hierarchy = "created_at"
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "description")}),
        (
            _("Origin and classification"),
            {
                "fields": (
                    ("host_province", "host_agency"),
                    ("year_started", "stage", "status"),
                    "is_digital",
                    "sectors",
                )
            },
        ),
        (
            _("Public-service qualities it improves"),
            {
                "description": _("Tick every quality of public service the practice improves."),
                "fields": (
                    (
                        "improves_speed",
                        "improves_ease",
                        "improves_cost",
                        "improves_transparency",
                        "improves_accountability",
                    ),
                ),
            },
        ),
        (
            _("Knowledge for replication"),
            {
                "fields": (
                    "key_to_success",
                    "supporting_factors",
                    "inhibiting_factors",
                    "replication_prerequisites",
                    "stakeholders",
                    "outcomes",
                )
            },
        ),
        (_("Source and record"), {"fields": ("source_url", ("created_at", "updated_at"))}),
    )
    inlines = (PracticeObservationInline,)
    list_select_related = ("host_province", "host_agency__province")

    def get_queryset(self, request):
        # Adaptations are counted through the reverse relation: this app never imports
        # ``participants``.
        return (
            super()
            .get_queryset(request)
            .annotate(
                observation_count=reverse_count(BestPractice, "observations"),
                adaptation_count=reverse_count(BestPractice, "adaptations"),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        """The site's practice search (the same stemming) instead of a literal match."""
        query = search.clean_query(search_term)
        return (search.search_filter(queryset, query) if query else queryset), False

    @admin.display(description=_("visits observed"), ordering="observation_count")
    def observation_count(self, obj):
        return obj.observation_count

    @admin.display(description=_("adaptations"), ordering="adaptation_count")
    def adaptation_count(self, obj):
        return obj.adaptation_count


@admin.register(PracticeObservation)
class PracticeObservationAdmin(LokusModelAdmin):
    list_display = ("practice", "visit", "visit_start_date")
    list_filter = ("visit__host_province",)
    search_fields = ("practice__title", "visit__title", "notes")
    autocomplete_fields = ("practice", "visit")
    date_hierarchy = "visit__start_date"
    list_select_related = ("practice", "visit")

    @admin.display(description=_("visit date"), ordering="visit__start_date")
    def visit_start_date(self, obj):
        return obj.visit.start_date
