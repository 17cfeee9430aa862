"""Admin of sectors, best practices and the visits they were observed on.

A practice is entered in one form: where it comes from, what it improves, the knowledge a
replicating agency needs (key to success, factors, prerequisites) and the visits it was seen on.

Sectors and practices are not scoped to an organizer's institution: the practices are the
national knowledge base, and any organizer may add to and correct them. An observation belongs
to its visit's institution: every organizer reads it, only that institution's organizers move
it to another visit or delete it, and the visits an organizer may pick are their own.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from benchmarking.admin_base import (
    DropdownListFilter,
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


#: The lookup from an observation to the institution whose visit it was made on.
OBSERVATION_INSTITUTION = "visit__cohort__institution"
#: The read-only list of every observation of a practice, shown to organizers.
OBSERVED_ON = ("observed_on",)


class PracticeObservationInline(InstitutionScopedAdminMixin, admin.TabularInline):
    """The observations of the practice that the user may change: for an organizer, those on
    their own institutions' visits (``BestPracticeAdmin.observed_on`` lists
    them all, read-only)."""

    institution_path = OBSERVATION_INSTITUTION
    model = PracticeObservation
    autocomplete_fields = ("visit",)
    extra = 1


@admin.register(BestPractice)
class BestPracticeAdmin(PracticeImportAdminMixin, LokusModelAdmin):
    # The columns that fit an office screen; the agency, the qualities and the dates are
    # filters or on the practice's page.
    list_display = (
        "title",
        "host_province",
        "stage",
        "status",
        "observation_count",
        "adaptation_count",
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
        ("host_province", DropdownListFilter),
        ("host_agency", DropdownListFilter),
        ("sectors", DropdownListFilter),
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

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or request.user.is_superuser:
            return fieldsets
        every = (_("Every visit it was observed on"), {"fields": OBSERVED_ON})
        return (*fieldsets, every)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else readonly + OBSERVED_ON

    @admin.display(description=_("visits"))
    def observed_on(self, obj):
        """Every observation of the practice, whoever's visit it was on: an organizer's inline
        holds only those on their own institutions' visits, the ones they may change."""
        observations = obj.observations.select_related("visit__cohort__institution").order_by(
            "visit__start_date", "pk"
        )
        lines = ((o.visit, o.visit.cohort.institution) for o in observations)
        return format_html_join(mark_safe("<br>"), "{} ({})", lines) or "–"

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
    """Every organizer reads every observation; only the organizers of the visit's institution
    move it to another visit or delete it."""

    institution_path = OBSERVATION_INSTITUTION
    institution_shared = True
    list_display = ("practice", "visit", "visit_start_date")
    list_filter = (("visit__host_province", DropdownListFilter),)
    search_fields = ("practice__title", "visit__title", "notes")
    autocomplete_fields = ("practice", "visit")
    date_hierarchy = "visit__start_date"
    list_select_related = ("practice", "visit")

    @admin.display(description=_("visit date"), ordering="visit__start_date")
    def visit_start_date(self, obj):
        return obj.visit.start_date
