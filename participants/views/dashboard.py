"""``/dashboard/``: the organizers' view of their institution's cohorts."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from participants import dashboard, followups


class DashboardView(LoginRequiredMixin, TemplateView):
    """Per cohort of one institution: participants, proposals by status, overdue reviews,
    facilitators' load, implementation and follow-ups due, with links into the admin.
    Organizers see their own institutions; superusers choose any (``?institution=<pk>``)."""

    template_name = "participants/dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not followups.organizes_any(request.user):
            raise PermissionDenied(_("Only organizers open the dashboard."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        board = dashboard.organizer_dashboard(
            user=self.request.user, institution=self.request.GET.get("institution")
        )
        return super().get_context_data(
            board=board, review_wait_days=dashboard.REVIEW_WAIT_DAYS, **kwargs
        )
