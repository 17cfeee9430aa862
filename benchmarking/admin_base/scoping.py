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
