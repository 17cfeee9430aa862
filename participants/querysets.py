"""Named querysets of participants and change proposals."""

from django.db import models
from django.db.models import F, Prefetch

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

    def for_detail(self):
        """A proposal's page: participant with cohort and institution, facilitators, the
        adapted practices with their hosts, and the milestones.
        """
        adaptations = self.model.adaptations.rel.related_model.objects.select_related(
            "practice__host_province", "practice__host_agency"
        ).order_by("pk")
        milestones = self.model.milestones.rel.related_model.objects.order_by(
            F("target_date").asc(nulls_last=True), "pk"
        )
        return self.select_related(
            "participant__cohort__institution__province",
            "coach",
            "mentor",
            "examiner",
        ).prefetch_related(
            Prefetch("adaptations", queryset=adaptations),
            Prefetch("milestones", queryset=milestones),
        )
