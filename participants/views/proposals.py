"""A change proposal's page, for the users the visibility rule lets read it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView

from participants.models import ChangeProposal, MilestoneTerm


class ProposalDetailView(LoginRequiredMixin, DetailView):
    """``/proposals/<pk>/``: anonymous users go to the login page and come back; a proposal
    the user may not read is a 404, exactly like one that does not exist.
    """

    template_name = "participants/proposal_detail.html"
    context_object_name = "proposal"

    def get_queryset(self):
        return ChangeProposal.objects.visible_to(self.request.user).for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            milestone_terms=milestones_by_term(self.object.milestones.all()), **kwargs
        )


def milestones_by_term(milestones) -> list[tuple[str, list]]:
    """``milestones`` grouped as (term label, milestones) in the order short, medium, long;
    a term without milestones is kept with an empty list, so the page can say so.
    """
    groups = {term: [] for term in MilestoneTerm.values}
    for milestone in milestones:
        groups.setdefault(milestone.term, []).append(milestone)
    return [(MilestoneTerm(term).label, items) for term, items in groups.items()]
