"""The base classes of every Lokus admin: scoping, eager loading, and refusals that say why."""

from django.contrib import admin
from django.db import models

from benchmarking.admin_base.deletion import deleted_objects
from benchmarking.admin_base.scoping import InstitutionScopedAdminMixin
from benchmarking.page_cache import pages_invalidate


def _is_row_id(value: str) -> bool:
    """Whether ``value`` can be a row's id: ASCII digits a 64-bit column holds."""
    return value.isascii() and value.isdecimal() and len(value) <= 19 and int(value) < 2**63


class LokusAdminMixin(InstitutionScopedAdminMixin):
    """What every Lokus admin does, whatever its base class.

    - An organizer works on their own institutions' data (``InstitutionScopedAdminMixin``).
    - Pages that list or pick rows (changelist, autocomplete) load ``list_select_related``,
      so a row's label never costs a query of its own.
    - A delete page lists only the rows the user may read and counts the others
      (``deletion``); a delete that would take a row the user may not delete is refused.
    - A refused delete lists the protected rows that block it. Django names only their kind
      when the user may not delete rows of that kind, but a protected row blocks the delete
      whatever the permissions, so it is the reason to show. The delete stays refused: Django
      never deletes while protected rows remain.
    - A web address typed without its scheme ("jatengprov.go.id") is stored with https, as
      government sites are served (and as Django 6 will assume).
    - Every write (logged as an addition, change or deletion) drops the cached page parts.
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
            if name not in relations or all(map(_is_row_id, str(value).split(",")))
        }

    def get_ordering(self, request):
        # Explicit, not Meta.ordering: counts annotated later group the rows, which drops a
        # model's default ordering, and pagination (changelist, autocomplete) needs one.
        return self.ordering or self.model._meta.ordering or ["pk"]

    def log_addition(self, request, obj, message):
        pages_invalidate()
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        pages_invalidate()
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        pages_invalidate()
        return super().log_deletions(request, queryset)

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = deleted_objects(
            objs, request, self.admin_site
        )
        if protected:
            perms_needed = set()
        return to_delete, model_count, perms_needed, protected


class LokusModelAdmin(LokusAdminMixin, admin.ModelAdmin):
    """The base of the Lokus admins without history."""


class ReferenceDataAdmin(LokusModelAdmin):
    """Rows that come from data migrations: only a superuser may delete one."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)
