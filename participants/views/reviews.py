"""The facilitator's side of the workflow: the review queue and the review page.

Only users with a facilitator profile open these pages (others get 403), and only the
proposals assigned to them as coach, mentor or examiner (others are a 404).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from benchmarking.pagination import ForgivingPaginationMixin
from participants import permissions, selectors, services
from participants.forms_reviews import ReviewForm
from participants.models import ReviewDecision


class FacilitatorRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and permissions.facilitator_of(request.user) is None:
            raise PermissionDenied(
                _("Only coaches, mentors and examiners can open the review pages.")
            )
        return super().dispatch(request, *args, **kwargs)


class ReviewQueueView(FacilitatorRequiredMixin, ForgivingPaginationMixin, ListView):
    """``/reviews/``: the proposals assigned to me, waiting ones first; by status and cohort."""

    template_name = "participants/review_queue.html"
    context_object_name = "proposals"
    paginate_by = 20

    def get_queryset(self):
        self.filterset = selectors.review_queue(user=self.request.user, data=self.request.GET)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filterset=self.filterset, **kwargs)


def decision_message(decision: str, *, participant_emailed: bool) -> str:
    """What happened: the decision, and whether the participant was sent an e-mail (they are
    only when their account has an address)."""
    if decision == ReviewDecision.APPROVE:
        if participant_emailed:
            return _("The proposal is approved; the participant is told by e-mail.")
        return _(
            "The proposal is approved. The participant has no e-mail address, so no e-mail "
            "was sent: tell them yourself."
        )
    if decision == ReviewDecision.REQUEST_REVISION:
        if participant_emailed:
            return _("A revision was requested; the participant is told by e-mail.")
        return _(
            "A revision was requested. The participant has no e-mail address, so no e-mail "
            "was sent: tell them yourself."
        )
    return _("Your comment was saved.")


def participant_has_email(proposal) -> bool:
    """Whether the decision mail can reach the proposal's participant."""
    user = proposal.participant.user
    return bool(user and user.email)


class ReviewDetailView(FacilitatorRequiredMixin, View):
    """``/reviews/<pk>/``: the proposal beside the practices it adapts, the originality check,
    earlier reviews and the decision form."""

    template_name = "participants/review_detail.html"

    def get_proposal(self):
        return selectors.review_detail(pk=self.kwargs["pk"], user=self.request.user)

    def get(self, request, pk):
        proposal = self.get_proposal()
        return self.render(proposal, ReviewForm(proposal=proposal))

    def post(self, request, pk):
        proposal = self.get_proposal()
        form = ReviewForm(request.POST, proposal=proposal)
        if form.is_valid():
            decision = form.cleaned_data["decision"]
            try:
                services.review_record(
                    proposal=proposal,
                    user=request.user,
                    decision=decision,
                    comments=form.cleaned_data["comments"],
                )
            except services.ProposalWorkflowError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    decision_message(decision, participant_emailed=participant_has_email(proposal)),
                )
                return redirect("participants:review-detail", pk=proposal.pk)
        return self.render(proposal, form)

    def render(self, proposal, form):
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "form": form,
                "milestone_terms": selectors.milestones_by_term(proposal.milestones.all()),
                "similar_proposals": selectors.similar_proposals(
                    proposal, viewer=self.request.user
                ),
            },
        )
