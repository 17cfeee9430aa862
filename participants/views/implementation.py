"""The leadership laboratory: the implementation page of an approved proposal, the
participant's progress on each milestone with evidence, the mentor's and coach's feedback, and
the evidence download.

Only the project's circle (``participants.lifecycle.circle_q``) opens these pages and files;
for anyone else they do not exist (404).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from participants import lifecycle, permissions, services
from participants.evidence import download_name_header, evidence_attach
from participants.lifecycle_forms import FeedbackForm, ProgressForm
from participants.models import EvidenceAttachment, ProposalStatus


class ImplementationView(LoginRequiredMixin, View):
    """``/proposals/<pk>/implementation/``: every milestone with its progress, evidence and
    feedback, and what the viewer may do there."""

    def get(self, request, pk):
        proposal = lifecycle.implementation_detail(pk=pk, user=request.user)
        return render(
            request,
            "participants/implementation/detail.html",
            {
                "proposal": proposal,
                "milestones": [
                    (milestone, lifecycle.progress_of(milestone))
                    for milestone in proposal.milestones.all()
                ],
                "viewer_can_record": lifecycle.can_record_progress(request.user, proposal),
                "feedback_role": lifecycle.feedback_role(request.user, proposal),
                "feedback_form": FeedbackForm(),
            },
        )


class StartImplementationView(LoginRequiredMixin, View):
    """``POST /proposals/<pk>/start-implementation/``: the participant begins carrying out
    their approved proposal."""

    http_method_names = ["post"]

    def post(self, request, pk):
        proposal = get_object_or_404(lifecycle.followed_proposals(request.user), pk=pk)
        if not permissions.is_owner(request.user, proposal):
            # Staff may move any status in the admin; this button is the participant's own.
            messages.error(
                request, _("Only the participant who wrote this proposal can take this step.")
            )
            return redirect(proposal.get_absolute_url())
        try:
            services.proposal_transition(
                proposal=proposal, user=request.user, to_status=ProposalStatus.IMPLEMENTING
            )
        except services.ProposalWorkflowError as error:
            messages.error(request, error.message)
            return redirect(proposal.get_absolute_url())
        messages.success(
            request, _("You started carrying out the proposal. Report progress on each milestone.")
        )
        return redirect("participants:implementation", pk=proposal.pk)


class MilestoneProgressView(LoginRequiredMixin, View):
    """``/proposals/<pk>/milestones/<milestone>/progress/``: the participant's report on one
    milestone, with an optional evidence file; a refused file writes nothing."""

    template_name = "participants/implementation/progress_form.html"

    def get_milestone(self):
        milestone = lifecycle.followed_milestone(
            proposal_pk=self.kwargs["pk"],
            milestone_pk=self.kwargs["milestone"],
            user=self.request.user,
        )
        if not lifecycle.can_record_progress(self.request.user, milestone.proposal):
            raise PermissionDenied(
                _("Only the participant can report progress, while the proposal is carried out.")
            )
        return milestone

    def get(self, request, pk, milestone):
        milestone = self.get_milestone()
        form = ProgressForm(instance=lifecycle.progress_of(milestone))
        return self.render(milestone, form)

    def post(self, request, pk, milestone):
        milestone = self.get_milestone()
        form = ProgressForm(request.POST, request.FILES, instance=lifecycle.progress_of(milestone))
        if not form.is_valid():
            return self.render(milestone, form, status=400)
        data = form.cleaned_data
        try:
            with transaction.atomic():
                lifecycle.milestone_progress_record(
                    milestone=milestone,
                    user=request.user,
                    status=data["status"],
                    achieved_on=data["achieved_on"],
                    achievement=data["achievement"],
                    drop_reason=data["drop_reason"],
                )
                if data.get("evidence"):
                    evidence_attach(milestone=milestone, user=request.user, upload=data["evidence"])
        except services.ProposalWorkflowError as error:
            form.add_error(None, error.message)
            return self.render(milestone, form, status=400)
        messages.success(request, _("Progress saved."))
        return redirect("participants:implementation", pk=pk)

    def render(self, milestone, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "proposal": milestone.proposal,
                "milestone": milestone,
                "evidence": milestone.evidence.order_by("uploaded_at", "pk"),
                "form": form,
            },
            status=status,
        )


class MilestoneFeedbackView(LoginRequiredMixin, View):
    """``POST /proposals/<pk>/milestones/<milestone>/feedback/``: the mentor confirms or
    comments, the coach comments."""

    http_method_names = ["post"]

    def post(self, request, pk, milestone):
        milestone = lifecycle.followed_milestone(
            proposal_pk=pk, milestone_pk=milestone, user=request.user
        )
        form = FeedbackForm(request.POST)
        form.is_valid()
        try:
            lifecycle.milestone_feedback_record(
                milestone=milestone,
                user=request.user,
                confirmed=form.cleaned_data.get("confirmed", False),
                comment=form.cleaned_data.get("comment", ""),
            )
        except services.ProposalWorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your feedback was saved."))
        return redirect("participants:implementation", pk=pk)


class EvidenceDownloadView(View):
    """``/proposals/<pk>/evidence/<evidence>/``: the file, as an attachment, to the circle;
    to everyone else, anonymous users included, it does not exist (404)."""

    def get(self, request, pk, evidence):
        attachment = get_object_or_404(
            EvidenceAttachment.objects.filter(
                milestone__proposal__in=lifecycle.followed_proposals(request.user)
            ),
            pk=evidence,
            milestone__proposal_id=pk,
        )
        try:
            handle = attachment.file.open("rb")
        except OSError:
            raise Http404(_("The file is missing.")) from None
        response = FileResponse(handle, content_type=attachment.content_type)
        response["Content-Disposition"] = download_name_header(attachment.original_name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
