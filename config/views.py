"""Site-wide views that belong to no app: signing in and out, the lockout after too many
failed logins, and password self-service (change, reset, invitation), in the site's style."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.site_url import absolute_url, request_site_url


class LoginForm(AuthenticationForm):
    # Django's Indonesian catalog leaves this message untranslated; ours says it.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Enter a correct %(username)s and password. Both are case-sensitive."),
    }


class LoginView(auth_views.LoginView):
    """Django's login; it only follows a ``next`` that points into this site."""

    authentication_form = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, gettext("You are logged in."))
        return response


def lockout_response(request, original_response=None, credentials=None):
    """The login page, saying the account is locked: axes answers with it, on the site login
    and the admin login alike, once an account and address have failed too often."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "form": LoginForm(request),
        "locked_out": True,
        "cooloff_minutes": minutes,
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only), confirmed by a message on the page it lands on."""

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.info(request, gettext("You have been logged out."))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """A logged-in user changes their own password; the session stays logged in."""

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_complete.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Mail a reset link to the address; the answer is the same whether it exists or not."""

    template_name = "registration/password_reset.html"
    subject_template_name = "registration/email/password_reset_subject.txt"
    email_template_name = "registration/email/password_reset.txt"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        return {"site_url": absolute_url("", site_url=request_site_url(self.request))}

    def form_valid(self, form):
        # Mails are written in the site's language, as the other Lokus mails are.
        with translation.override(settings.LANGUAGE_CODE):
            return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class InvitationConfirmView(auth_views.PasswordResetConfirmView):
    """The invitation's one-time link: a new account sets its first password, then logs in."""

    template_name = "registration/invitation_confirm.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, gettext("Your password is set. You can log in now."))
        return response
