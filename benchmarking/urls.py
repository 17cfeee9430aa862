"""URLs of the benchmarking app: provinces and visits."""

from django.urls import path

from benchmarking import views

app_name = "benchmarking"

urlpatterns = [
    path("provinces/", views.ProvinceListView.as_view(), name="province-list"),
    path("provinces/<str:code>/", views.ProvinceDetailView.as_view(), name="province-detail"),
    path("visits/", views.VisitListView.as_view(), name="visit-list"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit-detail"),
]
