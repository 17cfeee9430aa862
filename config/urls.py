"""Lokus URLs: the site pages (translated by the active language), the admin and i18n."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Lokus"
admin.site.site_title = "Lokus"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("benchmarking.urls")),
    path("", include("best_practices.urls")),
    path("", include("participants.urls")),
]
