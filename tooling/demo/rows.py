"""How the demo writes a row: looked up by its natural key, created only when missing.

A row that exists is neither changed nor saved again, so a second run writes nothing, not even
a history row, and what a user changed while trying the demo survives a re-run.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import models

#: Recorded as the change reason of the history rows the demo writes.
CHANGE_REASON = "Data demo (seed_demo)"


@dataclass
class DemoSummary:
    """What a run wrote: rows created per model, and demo accounts brought up to date."""

    created: Counter = field(default_factory=Counter)
    accounts_updated: list[str] = field(default_factory=list)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def row_get_or_create(
    summary: DemoSummary, model: type[models.Model], lookup: dict, /, **defaults
) -> tuple[models.Model, bool]:
    """``(row, created)``: the row matching ``lookup``, or a new one validated and saved.

    Unlike ``QuerySet.get_or_create()``, the new row goes through ``full_clean()`` as in the
    admin, so the demo never holds data a user could not have entered.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is not None:
        return obj, False
    obj = model(**lookup, **defaults)
    obj.full_clean(exclude=[f.name for f in model._meta.fields if not f.editable])
    obj._change_reason = CHANGE_REASON
    obj.save()
    summary.created[model] += 1
    return obj, True


def row_ensure(summary: DemoSummary, model: type[models.Model], lookup: dict, /, **defaults):
    """The row matching ``lookup``, created with ``defaults`` if missing."""
    return row_get_or_create(summary, model, lookup, **defaults)[0]


def row_backdate(obj: models.Model, **timestamps: datetime.datetime) -> None:
    """Set automatic timestamps with an UPDATE: no ``save()``, so no extra history row."""
    type(obj)._default_manager.filter(pk=obj.pk).update(**timestamps)
