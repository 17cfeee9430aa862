"""Named querysets of participants and change proposals."""

from django.db import models
from django.db.models import Q


def proposal_visibility_q(user, prefix: str = "") -> Q:
    """Who may see a change proposal, as a ``Q`` usable from any relation path.

    An approved proposal is shared knowledge for every logged-in user; any other proposal
    only for its participant, its assigned coach, mentor and examiner, and staff. Anonymous
    users see none. ``prefix`` is the lookup path to the proposal, e.g. ``"proposal__"``.
    """
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_staff:
        return Q()
    return (
        Q(**{f"{prefix}status": "approved"})
        | Q(**{f"{prefix}participant__user": user})
        | Q(**{f"{prefix}coach__user": user})
        | Q(**{f"{prefix}mentor__user": user})
        | Q(**{f"{prefix}examiner__user": user})
    )


class ParticipantQuerySet(models.QuerySet):
    def with_cohort(self):
        return self.select_related("cohort__institution", "visit_group")


class ChangeProposalQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status="approved")

    def visible_to(self, user):
        """The proposals ``user`` may read; everything else is a 404 for them."""
        return self.filter(proposal_visibility_q(user))
