"""The participant's side of the workflow: "my proposals", writing, editing and submitting.

The proposal form works without JavaScript: besides "Save as draft" and "Submit for review",
its buttons "Search practices", "Add" (a found practice) and "Add a milestone row" post the
form back and re-render it with everything typed kept and nothing saved.
"""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from benchmarking.pagination import ForgivingPaginationMixin
from best_practices.models import BestPractice
from participants import permissions, selectors, services
from participants.forms import ProposalEditor, data_with_milestone_row, data_with_practice
from participants.models import SHARED_STATUSES, ChangeProposal, ProposalStatus
from participants.validators import parse_id


class ProposalMineView(LoginRequiredMixin, ForgivingPaginationMixin, ListView):
    """``/proposals/mine/``: the logged-in participant's proposals with their status."""

    template_name = "participants/proposal_mine.html"
    context_object_name = "proposals"
    paginate_by = 20

    def get_queryset(self):
        return selectors.my_proposals(self.request.user)

    def get_context_data(self, **kwargs):
        participant = permissions.participant_of(self.request.user)
        return super().get_context_data(is_participant=participant is not None, **kwargs)


def read_only_message(proposal: ChangeProposal) -> str:
    if proposal.status in SHARED_STATUSES:
        return _("This proposal is approved and stays read-only.")
    return _(
        "This proposal was submitted and is read-only until a facilitator asks for a revision."
    )


def submitted_message() -> str:
    return _(
        "Your proposal was submitted for review. It is read-only until a "
        "facilitator asks for a revision."
    )


class ProposalEditorView(LoginRequiredMixin, View):
    """The one form for a proposal's text, milestones and adapted practices."""

    template_name = "participants/proposal_form.html"

    def get_proposal(self) -> ChangeProposal:
        raise NotImplementedError

    def refuse(self, proposal: ChangeProposal):
        """A response when the user may not edit ``proposal`` now, else ``None``."""
        return None

    def get(self, request, *args, **kwargs):
        proposal = self.get_proposal()
        refused = self.refuse(proposal)
        if refused:
            return refused
        editor = ProposalEditor(instance=proposal, extra_practices=self.linked_practices(proposal))
        return self.render(editor)

    def post(self, request, *args, **kwargs):
        proposal = self.get_proposal()
        refused = self.refuse(proposal)
        if refused:
            return refused
        data = request.POST
        action = data.get("action", "save")
        if "add_practice" in data:
            return self.add_practice(proposal, data)
        if action == "search-practices":
            return self.render(ProposalEditor(instance=proposal, data=data))
        if action == "add-milestone":
            data = data_with_milestone_row(data) or data
            return self.render(ProposalEditor(instance=proposal, data=data))
        return self.save(proposal, data, submit=action == "submit")

    def save(self, proposal, data, *, submit: bool):
        editor = ProposalEditor(instance=proposal, data=data)
        if not editor.is_valid(submit=submit):
            return self.render(editor, show_errors=True)
        try:
            saved = services.proposal_save(
                user=self.request.user,
                proposal=proposal if proposal.pk else None,
                data=editor.proposal_data(),
                milestones=editor.milestones_data(),
                adaptations=editor.adaptations_data(),
                loaded_version=editor.loaded_version,
                submit=submit,
            )
        except services.EditConflict as conflict:
            return self.conflict(data, conflict)
        except services.ProposalIncomplete as incomplete:
            # The form was complete but the saved rows were not (a parallel edit): say what.
            editor = ProposalEditor(instance=self.get_proposal(), data=data)
            editor.problems = incomplete.problems
            return self.render(editor, show_errors=True)
        except services.ProposalWorkflowError as error:
            messages.error(self.request, error.message)
            return redirect("participants:proposal-mine")
        if submit:
            messages.success(self.request, submitted_message())
            return redirect(saved.get_absolute_url())
        messages.success(self.request, _("Draft saved."))
        return redirect("participants:proposal-edit", pk=saved.pk)

    def conflict(self, data, conflict: services.EditConflict):
        """Re-render with the user's input after a stale save; the hidden version becomes the
        current one, so that saving again replaces the other edit deliberately."""
        current = self.get_proposal()
        refused = self.refuse(current)
        if refused:
            return refused
        data = data.copy()
        data["version"] = str(current.version)
        last_change = current.history.select_related("history_user").first()
        return self.render(
            ProposalEditor(instance=current, data=data),
            conflict=conflict.message,
            last_change=last_change,
            last_change_by=(
                services.actor_name(last_change.history_user)
                if last_change and last_change.history_user
                else ""
            ),
            status=HTTPStatus.CONFLICT,
        )

    def add_practice(self, proposal, data):
        pk = parse_id(data.get("add_practice", ""))
        practice = BestPractice.objects.filter(pk=pk).first() if pk else None
        notices = []
        if practice is None:
            notices.append(_("That practice was not found; search again."))
        else:
            added = data_with_practice(data, practice)
            if added is None:
                notices.append(
                    _("“%(practice)s” is already in your proposal.") % {"practice": practice}
                )
            else:
                data = added
        return self.render(ProposalEditor(instance=proposal, data=data), notices=notices)

    def linked_practices(self, proposal) -> list[BestPractice]:
        """The practice of a ``?practice=<slug>`` link ("Use this practice in my proposal")."""
        slug = self.request.GET.get("practice", "").strip()
        if not slug:
            return []
        practice = BestPractice.objects.filter(slug=slug[:270]).first()
        if practice is None:
            messages.warning(self.request, _("The practice of this link was not found."))
            return []
        if proposal.pk and proposal.adaptations.filter(practice=practice).exists():
            messages.info(
                self.request,
                _("This proposal already adapts “%(practice)s”.") % {"practice": practice},
            )
            return []
        return [practice]

    def get_context(self, editor, **extra):
        query = self.request.POST.get("practice_q", "").strip()[:200]
        return {
            "editor": editor,
            "proposal": editor.instance,
            "is_new": editor.instance.pk is None,
            "show_errors": False,
            "practice_query": query,
            "practice_results": selectors.practice_search(query) if query else None,
            "added_practice_ids": editor.practice_ids,
            **extra,
        }

    def render(self, editor, status=HTTPStatus.OK, **extra):
        return render(
            self.request, self.template_name, self.get_context(editor, **extra), status=status
        )


class ProposalCreateView(ProposalEditorView):
    """``/proposals/new/`` (``?practice=<slug>`` starts with that practice)."""

    def get_proposal(self):
        return ChangeProposal()

    def refuse(self, proposal):
        if permissions.participant_of(self.request.user) is None:
            raise PermissionDenied(
                _(
                    "Only participants write change proposals. An organizer of your training "
                    "institution can add you as a participant."
                )
            )
        return None

    def get_context(self, editor, **extra):
        context = super().get_context(editor, **extra)
        if self.request.GET.get("practice"):
            # Offer to add the practice to a proposal already being written instead.
            context["other_drafts"] = selectors.editable_proposals_of(self.request.user)
            context["practice_slug"] = self.request.GET["practice"]
        return context


class ProposalEditView(ProposalEditorView):
    """``/proposals/<pk>/edit/``: the participant's own proposal, while draft or revision;
    another's is a 404, a submitted or approved one sends back to its page with a message."""

    def get_proposal(self):
        return get_object_or_404(selectors.proposals_of(self.request.user), pk=self.kwargs["pk"])

    def refuse(self, proposal):
        if permissions.can_edit(self.request.user, proposal):
            return None
        messages.warning(self.request, read_only_message(proposal))
        return redirect(proposal.get_absolute_url())

    def get_context(self, editor, **extra):
        context = super().get_context(editor, **extra)
        if editor.instance.status == ProposalStatus.REVISION_REQUESTED:
            context["revision_request"] = selectors.latest_revision_request(editor.instance)
        return context


class ProposalSubmitView(LoginRequiredMixin, View):
    """``POST /proposals/<pk>/submit/``: submit one's own proposal as it is saved."""

    http_method_names = ["post"]

    def post(self, request, pk):
        proposal = get_object_or_404(selectors.proposals_of(request.user), pk=pk)
        try:
            services.proposal_transition(
                proposal=proposal, user=request.user, to_status=ProposalStatus.SUBMITTED
            )
        except services.ProposalIncomplete as incomplete:
            messages.error(request, incomplete.message)
            for problem in incomplete.problems:
                messages.error(request, problem.message)
            return redirect("participants:proposal-edit", pk=proposal.pk)
        except services.ProposalWorkflowError as error:
            messages.error(request, error.message)
            return redirect(proposal.get_absolute_url())
        messages.success(request, submitted_message())
        return redirect(proposal.get_absolute_url())


class PracticePickerView(LoginRequiredMixin, View):
    """``/proposals/practices/?q=``: the picker's results as an HTML fragment, fetched by
    ``static/js/proposal_form.js`` while typing; the same markup as after "Search practices"."""

    def get(self, request):
        query = request.GET.get("q", "").strip()[:200]
        return render(
            request,
            "participants/includes/_practice_results.html",
            {
                "practice_query": query,
                "practice_results": selectors.practice_search(query),
                "added_practice_ids": set(),
            },
        )
