"""A change proposal's page, for the users the visibility rule lets read it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from participants import permissions
from participants.selectors import milestones_by_term, proposal_detail


class ProposalDetailView(LoginRequiredMixin, TemplateView):
    """``/proposals/<pk>/``: anonymous users go to the login page and come back; a proposal
    the user may not read is a 404, exactly like one that does not exist.
    """

    template_name = "participants/proposal_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        proposal = proposal_detail(pk=self.kwargs["pk"], user=user)
        return super().get_context_data(
            proposal=proposal,
            milestone_terms=milestones_by_term(proposal.milestones.all()),
            # What the page offers follows the rules the actions themselves check.
            viewer_is_owner=permissions.is_owner(user, proposal),
            viewer_can_edit=permissions.can_edit(user, proposal),
            viewer_can_review=permissions.can_review(user, proposal),
            **kwargs,
        )
