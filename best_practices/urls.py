"""URLs of the best_practices app."""

from django.urls import path

from best_practices.views import exports, practices

app_name = "best_practices"

urlpatterns = [
    path("practices/", practices.PracticeListView.as_view(), name="practice-list"),
    path(
        "practices/export.<str:extension>",
        exports.PracticeExportView.as_view(),
        name="practice-export",
    ),
    path(
        "practices/<slug:slug>/",
        practices.PracticeDetailView.as_view(),
        name="practice-detail",
    ),
]
