"""What an admin delete page lists: only the rows the user may read; the others are counted.

Django's delete page names every row a delete would take with it and every protected row that
blocks it, whoever's they are: an organizer would read another institution's draft titles and
visit groups there. Here a row the user may not read is left out and counted instead
("3 records of other institutions"), and a delete that would take a row the user may not
delete is refused, as Django refuses one that needs a permission the user lacks.
"""

from collections import defaultdict

from django.contrib.admin.utils import NestedObjects, quote
from django.db import router
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import ngettext

from benchmarking.admin_base.scoping import scoping_admin

HIDDEN = object()


def other_institutions_text(count: int) -> str:
    """The line that stands for the rows of other institutions on a delete page."""
    return ngettext(
        "%(count)d record of other institutions",
        "%(count)d records of other institutions",
        count,
    ) % {"count": count}


class _Access:
    """Which of the collected rows the user may read and delete: two queries per scoped model."""

    def __init__(self, admin_site, request, rows_by_model: dict):
        self.readable: dict = {}
        self.writable: dict = {}
        for model, rows in rows_by_model.items():
            target_admin = scoping_admin(admin_site, model, request)
            if target_admin is None:
                continue
            pks = [row.pk for row in rows]
            manager = model._default_manager.filter(pk__in=pks)
            self.readable[model] = set(
                target_admin.institution_scope(manager, request).values_list("pk", flat=True)
            )
            writable = target_admin.institution_writable_pks(request, pks)
            self.writable[model] = {pk for pk, may in writable.items() if may}

    def may_read(self, obj) -> bool:
        return type(obj) not in self.readable or obj.pk in self.readable[type(obj)]

    def may_delete(self, obj) -> bool:
        return type(obj) not in self.writable or obj.pk in self.writable[type(obj)]


def _prune(nested: list) -> list:
    """The nested list without its hidden rows; a hidden row's children take its place."""
    pruned = []
    for item in nested:
        if isinstance(item, list):
            children = _prune(item)
            if children and pruned and not isinstance(pruned[-1], list):
                pruned.append(children)
            else:
                pruned.extend(children)
        elif item is not HIDDEN:
            pruned.append(item)
    return pruned


def deleted_objects(objs, request, admin_site):
    """``ModelAdmin.get_deleted_objects`` for a user who may not read every row: the same
    four values, with the rows the user may not read left out and counted."""
    try:
        first = objs[0]
    except IndexError:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(first._meta.model), origin=objs)
    collector.collect(objs)
    rows_by_model = defaultdict(list)
    for model, rows in collector.model_objs.items():
        rows_by_model[model].extend(rows)
    for row in collector.protected:
        rows_by_model[type(row)].append(row)
    access = _Access(admin_site, request, rows_by_model)
    perms_needed = set()
    hidden = {"deleted": 0, "protected": 0}

    def format_callback(obj, kind="deleted"):
        opts = obj._meta
        if kind == "deleted" and not access.may_delete(obj):
            perms_needed.add(opts.verbose_name)
        if not access.may_read(obj):
            hidden[kind] += 1
            return HIDDEN
        if not admin_site.is_registered(type(obj)):
            return f"{capfirst(opts.verbose_name)}: {obj}"
        if kind == "deleted" and not admin_site.get_model_admin(type(obj)).has_delete_permission(
            request, obj
        ):
            perms_needed.add(opts.verbose_name)
        try:
            url = reverse(
                f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=(quote(obj.pk),),
            )
        except NoReverseMatch:
            return f"{capfirst(opts.verbose_name)}: {obj}"
        return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

    to_delete = _prune(collector.nested(format_callback))
    protected = [
        text
        for text in (format_callback(row, "protected") for row in collector.protected)
        if text is not HIDDEN
    ]
    if hidden["deleted"]:
        to_delete.append(other_institutions_text(hidden["deleted"]))
    if hidden["protected"]:
        protected.append(other_institutions_text(hidden["protected"]))
    model_count = {
        model._meta.verbose_name_plural: len(rows) for model, rows in collector.model_objs.items()
    }
    return to_delete, model_count, perms_needed, protected
