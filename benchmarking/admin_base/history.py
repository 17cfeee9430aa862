"""The base of the admins whose rows keep every earlier version (django-simple-history)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from benchmarking.admin_base.model_admins import LokusAdminMixin


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
        # a read-only user must not be able to write an old version back, nor anyone over a
        # row they may not change as it stands (an approved proposal, a shared facilitator).
        if request.method == "POST" and not self.has_change_history_permission(
            request, self.get_object(request, unquote(object_id))
        ):
            raise PermissionDenied
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        # simple-history asks about the old version; whether it may be written back depends on
        # the row as it stands (an approved proposal is not reverted by an organizer).
        disabled = super().revert_disabled(request, obj)
        if disabled or obj is None:
            return disabled
        current = self.get_object(request, str(obj.pk))
        return current is not None and not self.has_change_history_permission(request, current)

    def out_of_scope(self, request, object_id) -> bool:
        """Whether the row is not one the user may work on. simple-history reads the stored
        versions without the admin's queryset (and falls back to them for a deleted row), so
        an organizer would read another institution's row there."""
        return self.institution_scoped(request) and (
            self.get_object(request, unquote(object_id)) is None
        )
