"""Institution scoping of the admin: an organizer works on their own institutions' data."""

from django import forms
from django.db.models import Q

from benchmarking.models import Institution


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
    A superuser sees everything.

    Two kinds of rows are read by every organizer but changed and deleted only by some:

    - ``institution_optional``: rows with no institution (a facilitator attached to none) are
      shared; every organizer reads them, only a superuser changes or deletes them;
    - ``institution_shared``: every row is read by every organizer (shared knowledge, such as
      which visits a practice was observed on), and changed or deleted only by the organizers
      of its own institution.

    ``institution_path = None`` means shared knowledge, not scoped: provinces, sectors, host
    agencies and best practices are the national knowledge base, which any organizer may add
    to and correct.

    Whatever its own rows, an admin scopes the choices of its foreign keys to a scoped model
    (a visit's cohort, a proposal's coach) as that model's admin scopes its rows; Django's
    autocomplete view already asks the target model's admin for its queryset. Its ``form``
    (``InstitutionScopedForm``) keeps a stored row's value valid: an admin that sets its own
    form derives it from that one.
    """

    institution_path: str | None = None
    institution_optional = False
    institution_shared = False
    form = InstitutionScopedForm

    def institution_scoped(self, request) -> bool:
        """Whether this admin limits its rows for the user of ``request``."""
        return self.institution_path is not None and not request.user.is_superuser

    def _organized_q(self, request) -> Q:
        # A subquery rather than a join on the organizers: no duplicate rows, no extra query.
        organized = Institution.objects.filter(organizers=request.user).values("pk")
        return Q(**{f"{self.institution_path}__in": organized})

    def institution_scope(self, queryset, request):
        """``queryset`` limited to the rows the user may read."""
        if not self.institution_scoped(request) or self.institution_shared:
            return queryset
        condition = self._organized_q(request)
        if self.institution_optional:
            condition |= Q(**{f"{self.institution_path}__isnull": True})
        return queryset.filter(condition)

    def institution_write_scope(self, queryset, request):
        """``queryset`` limited to the rows the user may change and delete."""
        if not self.institution_scoped(request):
            return queryset
        return queryset.filter(self._organized_q(request))

    def institution_writable(self, request, obj) -> bool:
        """Whether the user may change or delete ``obj``, a row this admin has read.

        Only the rows every organizer reads (``institution_optional``, ``institution_shared``)
        can be readable and not writable; the database is asked once per request and row.
        """
        if obj is None or obj.pk is None or not self.institution_scoped(request):
            return True
        if not (self.institution_optional or self.institution_shared):
            return True
        return self.institution_writable_pks(request, [obj.pk])[obj.pk]

    def institution_writable_pks(self, request, pks) -> dict:
        """{pk: whether the user may change or delete that row}, in one query for the pks
        not yet asked in this request."""
        known = request.__dict__.setdefault("_lokus_writable", {}).setdefault(self.model, {})
        unknown = [pk for pk in pks if pk not in known]
        if unknown:
            rows = self.model._default_manager.filter(pk__in=unknown)
            writable = set(self.institution_write_scope(rows, request).values_list("pk", flat=True))
            known.update({pk: pk in writable for pk in unknown})
        return {pk: known[pk] for pk in pks}

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            not isinstance(obj, self.model) or self.institution_writable(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            not isinstance(obj, self.model) or self.institution_writable(request, obj)
        )

    def get_queryset(self, request):
        return self.institution_scope(super().get_queryset(request), request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        target_admin = scoping_admin(self.admin_site, db_field.related_model, request)
        if formfield is not None and target_admin is not None:
            formfield.queryset = target_admin.institution_scope(formfield.queryset, request)
            formfield.institution_scoped = True  # see InstitutionScopedForm
        return formfield
