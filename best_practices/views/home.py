"""The home page: what Lokus holds, a search box, the latest visits, the most adapted practices."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from benchmarking.models import Cohort, Province, Visit
from benchmarking.visibility import proposal_visibility_q
from best_practices.models import BestPractice

LATEST_VISITS = 5
MOST_ADAPTED = 5


def most_adapted_practices(user, limit: int = MOST_ADAPTED):
    """The practices adapted by the most change proposals that ``user`` may read, each with
    ``adaptation_count``. Anonymous visitors may read no proposal, so they get none."""
    if not user.is_authenticated:
        return BestPractice.objects.none()
    # Filtering before counting joins only the visible adaptations (an inner join), which
    # is several times faster than counting with a condition over every practice; the hosts
    # of the few practices kept are fetched afterwards rather than grouped over.
    visible = Q(adaptations__isnull=False) & proposal_visibility_q(
        user, prefix="adaptations__proposal__"
    )
    return (
        BestPractice.objects.filter(visible)
        .annotate(adaptation_count=Count("adaptations"))
        .order_by("-adaptation_count", "title", "pk")
        .prefetch_related("host_province", "host_agency")[:limit]
    )


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs,
            province_count=Province.objects.with_practices().count(),
            practice_count=BestPractice.objects.count(),
            visit_count=Visit.objects.count(),
            proposal_count=Cohort.objects.visible_proposal_count(user),
            latest_visits=Visit.objects.for_listing()[:LATEST_VISITS],
            most_adapted=most_adapted_practices(user),
        )
