"""Public pages of the benchmarking app: provinces and the visits they hosted."""

from django.views.generic import ListView, TemplateView

from benchmarking.filters import VisitFilter
from benchmarking.models import Province, Visit
from benchmarking.page_cache import CachedPartsMixin, lazy_context
from benchmarking.pagination import ForgivingPaginationMixin
from benchmarking.province_maps import practices_map, province_flows_map
from benchmarking.selectors import PROVINCE_PRACTICE_LIMIT, province_detail, visit_detail


class ProvinceListView(CachedPartsMixin, TemplateView):
    """Every province with its numbers of practices and hosted visits, and their map.

    Kept whole like a province's page: the counts follow the catalog (its token drops the page
    when a practice is added, removed or moved, or a visit added or removed) and admin writes
    (the generation), else ``page_cache.TIMEOUT``. It shows no proposal, so every class of
    viewer gets the same page but for their own holes.
    """

    template_name = "benchmarking/province_list.html"
    page_name = "province-list"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, **lazy_context(self.page, ("provinces", "practices_map"))
        )

    def page(self) -> dict:
        provinces = list(Province.objects.for_listing())
        return {"provinces": provinces, "practices_map": practices_map(provinces)}


class ProvinceDetailView(CachedPartsMixin, TemplateView):
    """A province's page; what it shows is read only when its cached part is missing."""

    template_name = "benchmarking/province_detail.html"
    page_name = "province-detail"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            **lazy_context(self.page, ("province", "adopters", "sources", "flows_map")),
            practice_limit=PROVINCE_PRACTICE_LIMIT,
        )

    def page(self) -> dict:
        page = province_detail(code=self.kwargs["code"], user=self.request.user)
        return {
            "province": page.province,
            "adopters": page.adopters,
            "sources": page.sources,
            "flows_map": province_flows_map(
                page.province, page.provinces, page.adopters, page.sources
            ),
        }


class VisitListView(ForgivingPaginationMixin, ListView):
    template_name = "benchmarking/visit_list.html"
    context_object_name = "visits"
    paginate_by = 20

    def get_queryset(self):
        # An empty query string leaves the form unbound, so it shows no errors.
        self.filterset = VisitFilter(self.request.GET or None, queryset=Visit.objects.for_listing())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, filterset=self.filterset)


class VisitDetailView(TemplateView):
    template_name = "benchmarking/visit_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, visit=visit_detail(pk=self.kwargs["pk"]))
