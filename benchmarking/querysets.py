"""Named querysets of the benchmarking app: each screen loads what it shows in one place.

The practices, proposals and participants live in apps above this one, which this module
must not import. It reaches them through reverse relations: string lookups, and the
related model read from the relation itself (``related_model``) where a ``Prefetch`` or a
subquery needs a queryset.
"""

from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from benchmarking.visibility import proposal_visibility_q

#: How many of a province's practices its page lists; the rest are one link away.
PROVINCE_PRACTICE_LIMIT = 20

#: From a Province: its institutions' participants' proposals (the home-province side).
HOME_PROPOSALS = "institutions__cohorts__participants__proposals__"
#: From a Province: the proposals adapting the practices it hosts (the host side).
HOSTED_PROPOSALS = "best_practices__adaptations__proposal__"


def related_model(model, relation: str):
    """The model at the far end of ``model``'s ``relation`` (often a reverse one), without
    importing it."""
    return model._meta.get_field(relation).related_model


def reverse_count(model, relation: str):
    """A correlated subquery counting the rows of ``model``'s reverse foreign key ``relation``.

    A subquery per row, rather than ``Count`` over a join, so that two such counts on one
    row do not multiply each other's joins.
    """
    field = model._meta.get_field(relation)
    foreign_key = field.field.name
    rows = (
        field.related_model._default_manager.filter(**{foreign_key: OuterRef("pk")})
        .order_by()
        .values(foreign_key)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def visible_adaptation_count(user):
    """Per practice: the adaptations whose proposal ``user`` may read (see ``visibility``)."""
    if user is None or not user.is_authenticated:
        return Value(0, output_field=IntegerField())
    # For staff the rule is an empty Q: no FILTER condition at all.
    return Count(
        "adaptations", filter=proposal_visibility_q(user, prefix="adaptations__proposal__") or None
    )


class ProvinceQuerySet(models.QuerySet):
    def with_practices(self):
        """Provinces that host at least one best practice."""
        practices = related_model(self.model, "best_practices")
        return self.filter(Exists(practices._default_manager.filter(host_province=OuterRef("pk"))))

    def for_listing(self):
        """The province list: every province with its numbers of practices and hosted visits."""
        return self.annotate(
            practice_count=reverse_count(self.model, "best_practices"),
            visit_count=reverse_count(self.model, "hosted_visits"),
        )

    def for_detail(self, user):
        """A province page: its most adapted practices (counting only the adaptations whose
        proposal ``user`` may read) and the visits it hosted, in one query each."""
        practices = (
            related_model(self.model, "best_practices")
            ._default_manager.select_related("host_agency")
            .annotate(adaptation_count=visible_adaptation_count(user))
            .order_by("-adaptation_count", "title", "pk")
        )
        visits = related_model(self.model, "hosted_visits")._default_manager.for_listing()
        return self.for_listing().prefetch_related(
            Prefetch(
                "best_practices",
                queryset=practices[:PROVINCE_PRACTICE_LIMIT],
                to_attr="top_practices",
            ),
            Prefetch("hosted_visits", queryset=visits, to_attr="visit_list"),
        )

    def adapting_practices_of(self, province, *, user):
        """Home provinces whose participants' proposals adapt practices hosted by
        ``province``, each with ``proposal_count``: the proposals ``user`` may read."""
        return self._flow(
            HOME_PROPOSALS,
            Q(**{f"{HOME_PROPOSALS}adaptations__practice__host_province": province}),
            user,
        )

    def adapted_by_participants_of(self, province, *, user):
        """Host provinces whose practices the participants of ``province`` adapted, each with
        ``proposal_count``: the proposals ``user`` may read."""
        return self._flow(
            HOSTED_PROPOSALS,
            Q(**{f"{HOSTED_PROPOSALS}participant__cohort__institution__province": province}),
            user,
        )

    def _flow(self, path, condition, user):
        # One filter() call, so that the visibility rule, the condition and the count all
        # use the same join to the proposals.
        return (
            self.filter(condition & proposal_visibility_q(user, prefix=path))
            .annotate(proposal_count=Count(f"{path}pk", distinct=True))
            .order_by("-proposal_count", "name")
        )


class CohortQuerySet(models.QuerySet):
    def with_institution(self):
        return self.select_related("institution__province")

    def visible_proposal_count(self, user) -> int:
        """How many change proposals of these cohorts' participants ``user`` may read."""
        if not user.is_authenticated:
            return 0
        path = "participants__proposals__"
        return self.filter(proposal_visibility_q(user, prefix=path)).aggregate(
            n=Count(f"{path}pk", distinct=True)
        )["n"]


class VisitQuerySet(models.QuerySet):
    def with_cohort(self):
        return self.select_related("cohort__institution__province", "host_province")

    def for_listing(self):
        """Visit cards: cohort, institution, host province and the number of practices."""
        return self.with_cohort().annotate(practice_count=reverse_count(self.model, "observations"))

    def for_detail(self):
        """A visit page: agencies, officials by side, groups with locus and members, and the
        practices observed."""
        from benchmarking.models import OfficialSide  # models.py imports this module

        officials = related_model(self.model, "officials")._default_manager.order_by("order", "pk")
        groups = (
            related_model(self.model, "groups")
            ._default_manager.select_related("host_agency")
            .order_by("name")
        )
        agencies = related_model(self.model, "host_agencies")._default_manager.order_by("name")
        observations = (
            related_model(self.model, "observations")
            ._default_manager.select_related("practice__host_agency")
            .order_by("practice__title", "pk")
        )
        return self.with_cohort().prefetch_related(
            Prefetch("host_agencies", queryset=agencies),
            Prefetch(
                "officials",
                queryset=officials.filter(side=OfficialSide.HOST),
                to_attr="host_officials",
            ),
            Prefetch(
                "officials",
                queryset=officials.filter(side=OfficialSide.VISITING),
                to_attr="visiting_officials",
            ),
            Prefetch("groups", queryset=groups),
            "groups__members",
            Prefetch("observations", queryset=observations),
        )
