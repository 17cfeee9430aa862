"""Template filters for the profiles a user holds: ``{% if user|is_participant %}``.

``user.participant`` in a template works too, but for a user without that profile the
template engine lists every attribute of the user (``dir``) to tell a missing profile from a
broken property: about 25 µs for each such test, on every page's header. These filters ask
the loaded user (``participants.auth_backend`` reads the profiles with it) and never raise.
"""

from django import template

register = template.Library()


@register.filter
def is_participant(user) -> bool:
    """Whether ``user`` (anonymous included) has a participant profile."""
    return getattr(user, "participant", None) is not None


@register.filter
def is_facilitator(user) -> bool:
    """Whether ``user`` (anonymous included) has a facilitator profile."""
    return getattr(user, "facilitator", None) is not None
