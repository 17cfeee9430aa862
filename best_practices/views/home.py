"""The home page: what Lokus holds, a search box, the latest visits, the most adapted practices."""

from django.views.generic import TemplateView

from benchmarking.models import Cohort, Province, Visit
from best_practices.models import BestPractice

LATEST_VISITS = 5
MOST_ADAPTED = 5


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
            most_adapted=BestPractice.objects.most_adapted(user, limit=MOST_ADAPTED),
        )
