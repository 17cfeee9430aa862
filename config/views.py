"""Site-wide views that belong to no app: signing in and out in the site's style."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


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


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only), confirmed by a message on the page it lands on."""

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.info(request, gettext("You have been logged out."))
        return response
