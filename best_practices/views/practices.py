"""The practices list (search, facets, sort) and a practice's page."""

from django.views.generic import TemplateView

from best_practices.practice_page import practice_detail
from best_practices.selectors import practice_listing, practice_page


class PracticeListView(TemplateView):
    """``/practices/``: every filter state lives in the query string, so a URL is shareable."""

    template_name = "best_practices/practice_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        listing = practice_listing(data=self.request.GET, user=user)
        page_obj = practice_page(listing=listing, number=self.request.GET.get("page"), user=user)
        return super().get_context_data(
            listing=listing,
            filterset=listing.filterset,
            page_obj=page_obj,
            practices=page_obj.object_list,
            **kwargs,
        )


class PracticeDetailView(TemplateView):
    """``/practices/<slug>/``: the practice, where it was seen, who adapted it, its kin."""

    template_name = "best_practices/practice_detail.html"

    def get_context_data(self, **kwargs):
        practice, related = practice_detail(slug=self.kwargs["slug"], user=self.request.user)
        return super().get_context_data(
            practice=practice,
            adaptations=practice.visible_adaptations,
            observations=practice.visit_observations,
            related_practices=related,
            **kwargs,
        )
