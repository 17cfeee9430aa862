"""A change proposal's page, for the users the visibility rule lets read it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView

from participants import permissions, privacy
from participants.models import ChangeProposal
from participants.selectors import milestones_by_term


class ProposalDetailView(LoginRequiredMixin, DetailView):
    """``/proposals/<pk>/``: anonymous users go to the login page and come back; a proposal
    the user may not read is a 404, exactly like one that does not exist.
    """

    template_name = "participants/proposal_detail.html"
    context_object_name = "proposal"

    def get_queryset(self):
        user = self.request.user
        return (
            ChangeProposal.objects.visible_to(user)
            .for_detail()
            .annotate(viewer_organizes=privacy.viewer_organizes(user))
        )

    def get_context_data(self, **kwargs):
        user, proposal = self.request.user, self.object
        return super().get_context_data(
            milestone_terms=milestones_by_term(proposal.milestones.all()),
            # What the page offers follows the rules the actions themselves check.
            viewer_is_owner=permissions.is_owner(user, proposal),
            viewer_can_edit=permissions.can_edit(user, proposal),
            viewer_can_review=permissions.can_review(user, proposal),
            **kwargs,
        )
