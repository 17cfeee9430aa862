"""Follow-up after the training: a proposal's follow-ups with the form to record one, and the
organizers' list of the follow-ups that are due."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from participants import followups, services
from participants.lifecycle_forms import FollowUpForm


class FollowUpView(LoginRequiredMixin, View):
    """``/proposals/<pk>/follow-ups/``: what became of the project at 3, 6 and 12 months."""

    template_name = "participants/followups/proposal.html"

    def get(self, request, pk):
        proposal = followups.follow_up_page(pk=pk, user=request.user)
        return self.render(proposal, FollowUpForm())

    def post(self, request, pk):
        proposal = followups.follow_up_page(pk=pk, user=request.user)
        if not followups.can_record_follow_up(request.user, proposal):
            raise PermissionDenied(
                _(
                    "Only the participant or an organizer of their institution records "
                    "follow-ups, once the proposal has been carried out."
                )
            )
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                followups.follow_up_record(
                    proposal=proposal, user=request.user, **form.cleaned_data
                )
            except services.ProposalWorkflowError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The follow-up was recorded."))
                return redirect("participants:follow-ups", pk=pk)
        return self.render(proposal, form, status=400)

    def render(self, proposal, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "follow_ups": proposal.follow_ups.all(),
                "form": form,
                "viewer_can_record": followups.can_record_follow_up(self.request.user, proposal),
            },
            status=status,
        )


class DueFollowUpsView(LoginRequiredMixin, View):
    """``/follow-ups/due/``: the follow-ups due for the institutions the organizer runs."""

    def get(self, request):
        if not followups.organizes_any(request.user):
            raise PermissionDenied(_("Only organizers see the follow-ups that are due."))
        return render(
            request,
            "participants/followups/due.html",
            {"due": followups.due_follow_ups(request.user), "limit": followups.DUE_LIMIT},
        )
