"""Named querysets of best practices: each screen loads what it shows in one place.

Change proposals live upstairs (``participants``); they are reached here only through the
reverse relation ``adaptations`` and filtered by the shared visibility rule, so that nothing
counts or lists a proposal the user may not read.
"""

from django.db import models
from django.db.models import Count, Prefetch, Q, Value

from benchmarking.visibility import proposal_visibility_q
from best_practices import search


class BestPracticeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status="active")

    def with_host(self):
        return self.select_related("host_province", "host_agency")

    def search(self, query: str):
        """Practices matching ``query`` (cleaned by ``search.clean_query``), ranked by
        relevance in ``search_rank``; see ``best_practices.search`` for what each database does.
        """
        return search.search_ranked(self, query)

    def with_adaptation_count(self, user):
        """Annotate ``adaptation_count``: adaptations in proposals that ``user`` may read."""
        if user is None or not user.is_authenticated:
            return self.annotate(adaptation_count=Value(0, output_field=models.IntegerField()))
        visible = proposal_visibility_q(user, prefix="adaptations__proposal__")
        # Staff see every proposal: the rule is an empty Q, which is no FILTER condition at all.
        # No DISTINCT: the list's filters never join a many-valued relation (they use pk__in
        # subqueries), so each adaptation meets its practice once, and a hash aggregate will do.
        return self.annotate(adaptation_count=Count("adaptations", filter=visible or None))

    def for_listing(self, user):
        """The practices list: host, sectors and the visible adaptation count of each."""
        return (
            self.with_host()
            .with_adaptation_count(user)
            .prefetch_related(Prefetch("sectors", queryset=self._sectors()))
        )

    def for_detail(self, user):
        """One practice page: host, sectors, observations with their visits, and the
        adaptations in proposals ``user`` may read (in ``visible_adaptations``).
        """
        observations = self.model.observations.rel.related_model.objects.select_related(
            "visit__cohort__institution__province", "visit__host_province"
        ).order_by("-visit__start_date", "-visit__pk")
        return self.with_host().prefetch_related(
            Prefetch("sectors", queryset=self._sectors()),
            Prefetch("observations", queryset=observations, to_attr="visit_observations"),
            Prefetch(
                "adaptations",
                queryset=self._visible_adaptations(user),
                to_attr="visible_adaptations",
            ),
        )

    def related_to(self, practice, sector_ids=None, limit: int = 6):
        """Up to ``limit`` other practices sharing a sector or the host agency of ``practice``.

        ``sector_ids`` may be passed when the practice's sectors are already loaded.
        """
        if sector_ids is None:
            sector_ids = list(practice.sectors.values_list("pk", flat=True))
        condition = Q(sectors__in=sector_ids) if sector_ids else Q(pk__in=[])
        if practice.host_agency_id:
            condition |= Q(host_agency_id=practice.host_agency_id)
        # A subquery, not a join, so that a practice sharing two sectors appears once.
        related_ids = self.model.objects.filter(condition).exclude(pk=practice.pk).values("pk")
        return (
            self.filter(pk__in=related_ids)
            .select_related("host_province")
            .order_by("-created_at", "-pk")[:limit]
        )

    def _sectors(self):
        return self.model.sectors.rel.model.objects.order_by("order", "name")

    def _visible_adaptations(self, user):
        adaptation_model = self.model.adaptations.rel.related_model
        return (
            adaptation_model.objects.filter(proposal_visibility_q(user, prefix="proposal__"))
            .select_related("proposal__participant__cohort__institution")
            .order_by("-proposal__updated_at", "-pk")
        )
