"""Named querysets of participants and change proposals."""

from django.db import models


class ParticipantQuerySet(models.QuerySet):
    def with_cohort(self):
        return self.select_related("cohort__institution", "visit_group")


class ChangeProposalQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status="approved")
