"""Named querysets of participants and change proposals."""

from django.db import models

from benchmarking.visibility import proposal_visibility_q


class ParticipantQuerySet(models.QuerySet):
    def with_cohort(self):
        return self.select_related("cohort__institution", "visit_group")


class ChangeProposalQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status="approved")

    def visible_to(self, user):
        """The proposals ``user`` may read; everything else is a 404 for them."""
        return self.filter(proposal_visibility_q(user))
