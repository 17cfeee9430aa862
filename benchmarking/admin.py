"""Admin of the ground floor: provinces, institutions, cohorts, host agencies and visits.

Organizers enter a visit in one form, with the host agencies visited, the officials who spoke
and the groups sent to each locus. Every changelist loads its rows, their related objects and
their counts in a constant number of queries (``get_queryset`` / ``list_select_related``).

An organizer works on their own institutions' data: ``InstitutionScopedAdminMixin``, shared by
every Lokus admin, limits the rows, the foreign-key choices and the filters to them.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

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


def scoping_admin(admin_site, model, request):
    """The admin of ``model`` if it limits ``model``'s rows for this user, else ``None``."""
    if not admin_site.is_registered(model):
        return None
    model_admin = admin_site.get_model_admin(model)
    if isinstance(model_admin, InstitutionScopedAdminMixin) and model_admin.institution_scoped(
        request
    ):
        return model_admin
    return None


class InstitutionScopedForm(forms.ModelForm):
    """An admin form whose scoped choices also accept the value the stored row already holds.

    A row an organizer may edit can point at a row of another institution (a shared practice
    observed on another institution's visit): saving it unchanged must not fail on a choice
    the organizer could not have picked. A new value is still one of the organizer's own.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            return
        for name, field in self.fields.items():
            if not getattr(field, "institution_scoped", False):
                continue
            current = getattr(self.instance, self.instance._meta.get_field(name).attname)
            if current is not None:
                stored = field.queryset.model._default_manager.filter(
                    **{field.to_field_name or "pk": current}
                )
                field.queryset = field.queryset | stored


class InstitutionScopedAdminMixin:
    """An organizer (a staff user who is not a superuser) works on their own institutions' data.

    ``institution_path`` is the lookup from the admin's model to its ``Institution``: "pk" for
    the institution itself, "cohort__institution" for a visit. Such an admin lists, shows,
    changes and deletes only the rows of the institutions the user organizes
    (``Institution.organizers``): another institution's row is not found, as if deleted.
    ``institution_optional`` keeps the rows with no institution too (a facilitator attached to
    none). A superuser sees everything.

    ``institution_path = None`` means shared knowledge, not scoped: provinces, sectors, host
    agencies, best practices and their observations on visits are the national knowledge base,
    which any organizer may add to and correct.

    Whatever its own rows, an admin scopes the choices of its foreign keys to a scoped model
    (a visit's cohort, a proposal's coach) as that model's admin scopes its rows; Django's
    autocomplete view already asks the target model's admin for its queryset. Its ``form``
    (``InstitutionScopedForm``) keeps a stored row's value valid: an admin that sets its own
    form derives it from that one.
    """

    institution_path: str | None = None
    institution_optional = False
    form = InstitutionScopedForm

    def institution_scoped(self, request) -> bool:
        """Whether this admin limits its rows for the user of ``request``."""
        return self.institution_path is not None and not request.user.is_superuser

    def institution_scope(self, queryset, request):
        """``queryset`` limited to the rows of the institutions the user organizes."""
        if not self.institution_scoped(request):
            return queryset
        # A subquery rather than a join on the organizers: no duplicate rows, no extra query.
        organized = Institution.objects.filter(organizers=request.user).values("pk")
        condition = Q(**{f"{self.institution_path}__in": organized})
        if self.institution_optional:
            condition |= Q(**{f"{self.institution_path}__isnull": True})
        return queryset.filter(condition)

    def get_queryset(self, request):
        return self.institution_scope(super().get_queryset(request), request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        target_admin = scoping_admin(self.admin_site, db_field.related_model, request)
        if formfield is not None and target_admin is not None:
            formfield.queryset = target_admin.institution_scope(formfield.queryset, request)
            formfield.institution_scoped = True  # see InstitutionScopedForm
        return formfield


class EagerRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A related-object filter whose choices load their own foreign keys in the same query.

    Django's filter builds a label with ``str()`` for every choice; where that label names a
    related object (a cohort names its institution) it would cost one query per choice.
    The choices are scoped as the related model's admin scopes its rows, so that an organizer
    never reads another institution's cohorts or facilitators in the filter.
    """

    def field_choices(self, field, request, model_admin):
        queryset = field.related_model._default_manager.select_related()
        target_admin = scoping_admin(model_admin.admin_site, field.related_model, request)
        if target_admin is not None:
            queryset = target_admin.institution_scope(queryset, request)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        limit_choices_to = getattr(field, "get_limit_choices_to", dict)()
        queryset = queryset.complex_filter(limit_choices_to)
        return [(obj.pk, str(obj)) for obj in queryset]


class ScopedValuesListFilter(admin.AllValuesFieldListFilter):
    """A filter offering the values of a related row's field (``cohort__year``) found in the
    rows this admin shows. Django reads them from every row of the related model, which would
    show an organizer the years of other institutions' cohorts.
    """

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = (
            model_admin.get_queryset(request)
            .order_by(field_path)
            .values_list(field_path, flat=True)
            .distinct()
        )


class LokusAdminMixin(InstitutionScopedAdminMixin):
    """What every Lokus admin does, whatever its base class.

    - An organizer works on their own institutions' data (``InstitutionScopedAdminMixin``).
    - Pages that list or pick rows (changelist, autocomplete) load ``list_select_related``,
      so a row's label never costs a query of its own.
    - A refused delete lists the protected rows that block it. Django names only their kind
      when the user may not delete rows of that kind, but a protected row blocks the delete
      whatever the permissions, so it is the reason to show. The delete stays refused: Django
      never deletes while protected rows remain.
    - A web address typed without its scheme ("jatengprov.go.id") is stored with https, as
      government sites are served (and as Django 6 will assume).
    """

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if isinstance(self.list_select_related, list | tuple):
            queryset = queryset.select_related(*self.list_select_related)
        return queryset

    def get_changeform_initial_data(self, request):
        # An add page takes initial values from the query string; the autocomplete widget
        # looks a relation's initial id up unchecked, so anything but ids is dropped.
        initial = super().get_changeform_initial_data(request)
        relations = {f.name for f in self.model._meta.get_fields() if f.is_relation}
        return {
            name: value
            for name, value in initial.items()
            if name not in relations or all(map(str.isdecimal, str(value).split(",")))
        }

    def get_ordering(self, request):
        # Explicit, not Meta.ordering: counts annotated later group the rows, which drops a
        # model's default ordering, and pagination (changelist, autocomplete) needs one.
        return self.ordering or self.model._meta.ordering or ["pk"]

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            perms_needed = set()
        return to_delete, model_count, perms_needed, protected


class LokusModelAdmin(LokusAdminMixin, admin.ModelAdmin):
    """The base of the Lokus admins without history."""


class ReferenceDataAdmin(LokusModelAdmin):
    """Rows that come from data migrations: only a superuser may delete one."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


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
    list_filter = ("province",)
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
class CohortAdmin(LokusModelAdmin):
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
    list_filter = ("program", "year", ("institution", EagerRelatedFieldListFilter))
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
    list_filter = ("province",)
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
    list_display = (
        "title",
        "cohort",
        "host_province",
        "start_date",
        "end_date",
        "official_count",
        "group_count",
        "practice_count",
    )
    list_filter = (
        "host_province",
        ("cohort__institution", EagerRelatedFieldListFilter),
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
            .annotate(
                official_count=reverse_count(Visit, "officials"),
                group_count=reverse_count(Visit, "groups"),
                practice_count=reverse_count(Visit, "observations"),
            )
        )

    @admin.display(description=_("officials"), ordering="official_count")
    def official_count(self, obj):
        return obj.official_count

    @admin.display(description=_("groups"), ordering="group_count")
    def group_count(self, obj):
        return obj.group_count

    @admin.display(description=_("practices observed"), ordering="practice_count")
    def practice_count(self, obj):
        return obj.practice_count


@admin.register(VisitHostAgency)
class VisitHostAgencyAdmin(LokusModelAdmin):
    institution_path = "visit__cohort__institution"
    list_display = ("host_agency", "visit", "visit_start_date")
    list_filter = ("host_agency__province",)
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
    list_filter = ("side", "visit__host_province")
    search_fields = ("name", "position", "remarks", "visit__title")
    autocomplete_fields = ("visit",)
    list_select_related = ("visit",)


@admin.register(VisitGroup)
class VisitGroupAdmin(LokusModelAdmin):
    institution_path = "visit__cohort__institution"
    list_display = ("name", "visit", "host_agency", "member_count")
    list_filter = (
        "visit__host_province",
        ("visit__cohort__institution", EagerRelatedFieldListFilter),
    )
    search_fields = ("name", "report", "visit__title", "host_agency__name")
    autocomplete_fields = ("visit", "host_agency")
    list_select_related = ("visit", "host_agency__province")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count
