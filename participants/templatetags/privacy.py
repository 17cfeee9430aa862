"""Template filters of the personal-data rules in ``participants.privacy``."""

from django import template

from participants import privacy

register = template.Library()


@register.filter
def may_see_names(viewer) -> bool:
    """``{% if user|may_see_names %}``: names, positions and units of participants."""
    return privacy.may_see_names(viewer)


@register.filter
def may_see_nip(viewer, proposal) -> bool:
    """``{% if user|may_see_nip:proposal %}``: the NIP of the proposal's participant."""
    return privacy.may_see_nip(viewer, proposal)
