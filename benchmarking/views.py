"""Public pages of the benchmarking app: provinces and the visits they hosted."""

from django.views.generic import ListView, TemplateView

from benchmarking.filters import VisitFilter
from benchmarking.models import Province, Visit
from benchmarking.pagination import ForgivingPaginationMixin
from benchmarking.selectors import PROVINCE_PRACTICE_LIMIT, province_detail, visit_detail


class ProvinceListView(ListView):
    template_name = "benchmarking/province_list.html"
    context_object_name = "provinces"

    def get_queryset(self):
        return Province.objects.for_listing()


class ProvinceDetailView(TemplateView):
    template_name = "benchmarking/province_detail.html"

    def get_context_data(self, **kwargs):
        page = province_detail(code=self.kwargs["code"], user=self.request.user)
        return super().get_context_data(
            **kwargs,
            province=page.province,
            practice_limit=PROVINCE_PRACTICE_LIMIT,
            adopters=page.adopters,
            sources=page.sources,
        )


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
