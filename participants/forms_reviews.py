"""The facilitator's review form: a decision and comments."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participants.models import ChangeProposal, ProposalStatus, Review, ReviewDecision


class ReviewForm(forms.ModelForm):
    """A facilitator's review: a decision (only "comment" unless the proposal is submitted)
    and comments, required when asking for revision or commenting."""

    class Meta:
        model = Review
        fields = ["decision", "comments"]
        widgets = {
            "decision": forms.RadioSelect,
            "comments": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, proposal: ChangeProposal, **kwargs):
        super().__init__(*args, **kwargs)
        decision = cast(forms.ChoiceField, self.fields["decision"])
        if proposal.status == ProposalStatus.SUBMITTED:
            decision.choices = ReviewDecision.choices
        else:
            decision.choices = [(ReviewDecision.COMMENT, ReviewDecision.COMMENT.label)]
            decision.initial = ReviewDecision.COMMENT

    def clean(self):
        cleaned = cast(dict[str, Any], super().clean())
        decision = cleaned.get("decision")
        if not cleaned.get("comments", "").strip():
            if decision == ReviewDecision.REQUEST_REVISION:
                self.add_error(
                    "comments",
                    ValidationError(
                        _("Say what must be revised: comments are required for a revision."),
                        code="revision_without_comments",
                    ),
                )
            elif decision == ReviewDecision.COMMENT:
                self.add_error(
                    "comments",
                    ValidationError(_("Write your comment."), code="empty_comment"),
                )
        return cleaned
