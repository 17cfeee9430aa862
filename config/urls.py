"""Lokus URLs: the site pages (translated by the active language), the admin and i18n."""

from django.contrib import admin
from django.urls import include, path
from django.views import defaults

from config import errors, views
from participants.views.home import RoleHomeView

admin.site.site_header = "Lokus"
admin.site.site_title = "Lokus"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password_reset/done/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        views.InvitationConfirmView.as_view(),
        name="invitation_confirm",
    ),
    path("", RoleHomeView.as_view(), name="home"),
    path("", include("benchmarking.urls")),
    path("", include("best_practices.urls")),
    path("", include("participants.urls")),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = defaults.server_error
