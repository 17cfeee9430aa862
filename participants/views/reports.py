"""The final report and its evaluation: the report page, the participant's report form and the
examiner's evaluation form.

A proposal the user may not read is a 404 on every page; the report form is the owner's (a
404 for anyone else), the evaluation form the assigned examiner's (403 for the proposal's other
readers). A page opened in the wrong status sends back to the report page with a message.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from participants import permissions, reports, selectors, services
from participants.forms_reports import EvaluationForm, FinalReportForm
from participants.models import ProposalStatus


def report_url(proposal) -> str:
    """The report page of ``proposal``."""
    return reverse("participants:report-detail", kwargs={"pk": proposal.pk})


class ReportDetailView(LoginRequiredMixin, TemplateView):
    """``/proposals/<pk>/report/``: the final report, once submitted, with the evaluation
    once scored; its writer also sees their draft."""

    template_name = "participants/reports/report_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        proposal = reports.report_detail(pk=self.kwargs["pk"], user=user)
        report = reports.report_of(proposal)
        is_owner = permissions.is_owner(user, proposal)
        shown = report if report and (report.submitted_at or is_owner) else None
        return super().get_context_data(
            proposal=proposal,
            report=shown,
            evaluation=reports.evaluation_of(proposal),
            milestone_terms=selectors.milestones_by_term(proposal.milestones.all()),
            viewer_can_write=is_owner and proposal.status == ProposalStatus.IMPLEMENTING,
            viewer_can_evaluate=(
                permissions.is_assigned_examiner(user, proposal)
                and proposal.status == ProposalStatus.REPORT_SUBMITTED
            ),
            **kwargs,
        )


class ReportEditView(LoginRequiredMixin, View):
    """``/proposals/<pk>/report/edit/``: the participant writes the final report of their own
    proposal while it is being implemented; "Save as draft" or "Submit the report"."""

    template_name = "participants/reports/report_form.html"

    def get_proposal(self):
        proposal = get_object_or_404(
            selectors.proposals_of(self.request.user), pk=self.kwargs["pk"]
        )
        if proposal.status != ProposalStatus.IMPLEMENTING:
            return proposal, _(
                "The final report is written while the proposal is being implemented."
            )
        return proposal, None

    def get(self, request, pk):
        proposal, refusal = self.get_proposal()
        if refusal:
            messages.warning(request, refusal)
            return redirect(report_url(proposal))
        form = FinalReportForm(instance=reports.report_of(proposal))
        return self.render(proposal, form)

    def post(self, request, pk):
        proposal, refusal = self.get_proposal()
        if refusal:
            messages.warning(request, refusal)
            return redirect(report_url(proposal))
        submit = request.POST.get("action") == "submit"
        form = FinalReportForm(request.POST, instance=reports.report_of(proposal))
        if not form.is_valid(submit=submit):
            return self.render(proposal, form, show_errors=True)
        try:
            reports.final_report_save(
                proposal=proposal, user=request.user, data=form.report_data(), submit=submit
            )
        except services.ProposalWorkflowError as error:
            messages.error(request, error.message)
            return redirect(report_url(proposal))
        if submit:
            messages.success(request, _("Your final report was submitted to the examiner."))
            return redirect(report_url(proposal))
        messages.success(request, _("Draft saved."))
        return redirect("participants:report-edit", pk=proposal.pk)

    def render(self, proposal, form, show_errors=False):
        milestones = proposal.milestones.order_by("target_date", "pk")
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "form": form,
                "show_errors": show_errors,
                "milestone_terms": selectors.milestones_by_term(milestones),
            },
        )


class EvaluationView(LoginRequiredMixin, View):
    """``/proposals/<pk>/evaluation/``: the assigned examiner scores the submitted report."""

    template_name = "participants/reports/evaluation_form.html"

    def get_proposal(self):
        proposal = reports.report_detail(pk=self.kwargs["pk"], user=self.request.user)
        if not permissions.is_assigned_examiner(self.request.user, proposal):
            raise PermissionDenied(
                _("Only the examiner assigned to this proposal can evaluate its final report.")
            )
        return proposal

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        proposal = self.get_proposal()
        if proposal.status != ProposalStatus.REPORT_SUBMITTED:
            messages.warning(
                request, _("Only a submitted final report can be evaluated, and only once.")
            )
            return redirect(report_url(proposal))
        self.proposal = proposal
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(EvaluationForm(criteria=reports.rubric()))

    def post(self, request, pk):
        form = EvaluationForm(request.POST, criteria=reports.rubric())
        if form.is_valid():
            try:
                evaluation = reports.evaluation_record(
                    proposal=self.proposal,
                    user=request.user,
                    scores=form.scores(),
                    comments=form.cleaned_data["comments"],
                )
            except services.ProposalWorkflowError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("The evaluation is saved: %(total)s (%(predicate)s).")
                    % {
                        "total": number_format(evaluation.total, 2),
                        "predicate": evaluation.predicate,
                    },
                )
                return redirect(report_url(self.proposal))
        return self.render(form)

    def render(self, form):
        proposal = self.proposal
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "report": reports.report_of(proposal),
                "form": form,
                "milestone_terms": selectors.milestones_by_term(proposal.milestones.all()),
            },
        )
