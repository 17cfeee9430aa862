"""Who may see a change proposal, expressed as a ``Q`` from any relation path.

The rule lives on the ground floor so that every page — a province's flow of ideas, a
practice's "adapted by" list, the proposal pages — filters with the same rule, reaching the
proposals only through reverse-relation lookups (``prefix``), without importing upward.
"""

from django.db.models import Q


def proposal_visibility_q(user, prefix: str = "") -> Q:
    """Proposals ``user`` may read: approved ones for every logged-in user (shared knowledge);
    any other only for its participant, its assigned coach, mentor and examiner, and staff.
    Anonymous users see none. ``prefix`` is the lookup path to the proposal, e.g.
    ``"adaptations__proposal__"``.
    """
    if user is None or not user.is_authenticated:
        return Q(**{f"{prefix}pk__in": []})
    if user.is_staff:
        return Q()
    return (
        Q(**{f"{prefix}status": "approved"})
        | Q(**{f"{prefix}participant__user": user})
        | Q(**{f"{prefix}coach__user": user})
        | Q(**{f"{prefix}mentor__user": user})
        | Q(**{f"{prefix}examiner__user": user})
    )
