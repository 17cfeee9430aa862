"""``get_FOO_display`` that translates the one label it returns.

Django's own builds a dict of the field's choices on every call, and hashing each lazy label
to do so translates it: about 25 µs for a proposal's status, seven labels translated to show
one, paid again for every card of a list. ``ChoiceLabels`` keeps each field's values-to-labels
dict (the labels stay lazy, so one dict serves every language) and translates only the label
asked for. It suits fields whose choices are fixed in the code (every field of Lokus); choices
given as a callable would be read once per process.
"""

from functools import cache

from django.db import models
from django.utils.encoding import force_str


@cache
def _labels(field) -> dict:
    return dict(field.flatchoices)


class ChoiceLabels(models.Model):
    """An abstract base of models, in place of ``models.Model``: its fields'
    ``get_FOO_display`` give what Django's give (the label in the active language, or the
    value itself when no choice has it), more cheaply.
    """

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(value, value), strings_only=True)
