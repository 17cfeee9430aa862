"""The home page: what Lokus holds, a search box, the latest visits, the most adapted practices."""

from django.views.generic import TemplateView

from benchmarking import proposal_rules
from benchmarking.models import Visit
from benchmarking.page_cache import CachedPartsMixin, lazy_context
from best_practices.facet_index import current_index
from best_practices.models import BestPractice

LATEST_VISITS = 5
MOST_ADAPTED = 5


class HomeView(CachedPartsMixin, TemplateView):
    """The counts and lists are read only when their cached part is missing."""

    template_name = "home.html"
    page_name = "home"

    def get_context_data(self, **kwargs):
        names = (
            "province_count",
            "practice_count",
            "visit_count",
            "proposal_count",
            "latest_visits",
            "most_adapted",
        )
        return super().get_context_data(**lazy_context(self.holdings, names), **kwargs)

    def holdings(self) -> dict:
        """The counts of practices and of their provinces come from the facet index (one
        query, as on the practice list), not from counting 20,000 rows on every request."""
        user = self.request.user
        index = current_index()
        return {
            "province_count": index.options_in_use("province"),
            "practice_count": index.practice_count,
            "visit_count": Visit.objects.count(),
            "proposal_count": proposal_rules.visible_proposal_count(user),
            "latest_visits": Visit.objects.for_listing()[:LATEST_VISITS],
            "most_adapted": BestPractice.objects.most_adapted(user, limit=MOST_ADAPTED),
        }
