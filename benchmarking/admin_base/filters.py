"""List filters of the admin that show an organizer only their own institutions' choices."""

from django.contrib import admin

from benchmarking.admin_base.scoping import scoping_admin


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


class DropdownListFilter(EagerRelatedFieldListFilter):
    """A related-object filter shown as one ``<select>`` in a GET form: 38 provinces or 30
    sectors as links would run the filter column far below the office screen's fold.

    The form works without a script: it carries the list's other parameters (search, ordering,
    the other filters) as hidden fields, and its "all" choice posts an empty value, dropped
    here before Django reads it as a lookup.
    """

    template = "admin/lokus/dropdown_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        kwarg = f"{field_path}__{field.target_field.name}__exact"
        if params.get(kwarg) in ([""], ""):
            del params[kwarg]
        super().__init__(field, request, params, model, model_admin, field_path)
        own = set(self.expected_parameters()) | {"p"}
        self.hidden_parameters = [
            (name, value)
            for name in request.GET
            if name not in own
            for value in request.GET.getlist(name)
        ]
        self.selected = str(self.lookup_val[-1]) if self.lookup_val else ""
        self.field_id = f"filter-{field_path}"
