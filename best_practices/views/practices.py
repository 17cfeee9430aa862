"""The practices list (search, facets, sort) and a practice's page."""

from django.views.generic import TemplateView

from benchmarking.page_cache import CachedPartsMixin, lazy_context
from best_practices.practice_page import practice_detail
from best_practices.selectors import practice_listing, practice_page


class PracticeListView(CachedPartsMixin, TemplateView):
    """``/practices/``: every filter state lives in the query string, so a URL is shareable.

    The results and facets are read only when their cached part is missing.
    """

    template_name = "best_practices/practice_list.html"
    page_name = "practice-list"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **lazy_context(self.listing, ("listing", "filterset", "page_obj", "practices")),
            **kwargs,
        )

    def listing(self) -> dict:
        user = self.request.user
        listing = practice_listing(data=self.request.GET, user=user)
        page_obj = practice_page(listing=listing, number=self.request.GET.get("page"), user=user)
        return {
            "listing": listing,
            "filterset": listing.filterset,
            "page_obj": page_obj,
            "practices": page_obj.object_list,
        }


class PracticeDetailView(CachedPartsMixin, TemplateView):
    """``/practices/<slug>/``: the practice, where it was seen, who adapted it, its kin.

    ``?adaptations=all`` lists every adaptation the viewer may read, not only the latest
    (``practice_page.ADAPTATIONS_SHOWN``), a page at a time (``&page=N``); the page cache
    keeps each apart, by its URL.
    """

    template_name = "best_practices/practice_detail.html"
    page_name = "practice-detail"

    def get_context_data(self, **kwargs):
        names = ("practice", "adaptations", "adaptation_page", "observations", "related_practices")
        return super().get_context_data(**lazy_context(self.detail, names), **kwargs)

    def detail(self) -> dict:
        practice, related = practice_detail(
            slug=self.kwargs["slug"],
            user=self.request.user,
            all_adaptations=self.request.GET.get("adaptations") == "all",
            page_number=self.request.GET.get("page"),
        )
        return {
            "practice": practice,
            "adaptations": practice.visible_adaptations,
            "adaptation_page": practice.adaptation_page,
            "observations": practice.visit_observations,
            "related_practices": related,
        }
