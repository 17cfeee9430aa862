"""Public pages of the benchmarking app: provinces and the visits they hosted."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from benchmarking.filters import VisitFilter
from benchmarking.models import Province, Visit
from benchmarking.pagination import ForgivingPaginationMixin
from benchmarking.querysets import PROVINCE_PRACTICE_LIMIT


class ProvinceListView(ListView):
    template_name = "benchmarking/province_list.html"
    context_object_name = "provinces"

    def get_queryset(self):
        return Province.objects.for_listing()


class ProvinceDetailView(DetailView):
    template_name = "benchmarking/province_detail.html"
    context_object_name = "province"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Province.objects.for_detail(self.request.user), code=self.kwargs["code"]
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        province = self.object
        return super().get_context_data(
            **kwargs,
            practice_limit=PROVINCE_PRACTICE_LIMIT,
            adopters=Province.objects.adapting_practices_of(province, user=user),
            sources=Province.objects.adapted_by_participants_of(province, user=user),
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


class VisitDetailView(DetailView):
    template_name = "benchmarking/visit_detail.html"
    context_object_name = "visit"

    def get_queryset(self):
        return Visit.objects.for_detail()
