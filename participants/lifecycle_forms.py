"""Forms of the project after approval: milestone progress with evidence, the facilitators'
feedback, and a follow-up entry. They check what was typed; the services decide who may."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.evidence import EvidenceRefused, evidence_check
from participants.models import (
    FollowUp,
    FollowUpStatus,
    MilestoneProgress,
    ProgressStatus,
)


class ProgressForm(forms.ModelForm):
    """The participant's report on one milestone, with an optional evidence file."""

    evidence = forms.FileField(
        label=_("Evidence (PDF, image or office document, at most 10 MB)"), required=False
    )

    class Meta:
        model = MilestoneProgress
        fields = ["status", "achieved_on", "achievement", "drop_reason"]
        widgets = {
            "achieved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "achievement": forms.Textarea(attrs={"rows": 4}),
            "drop_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            try:
                evidence_check(upload)
            except EvidenceRefused as refused:
                raise forms.ValidationError(refused.message, code="evidence") from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == ProgressStatus.DROPPED
            and not (cleaned.get("drop_reason") or "").strip()
        ):
            self.add_error("drop_reason", _("A dropped milestone needs the reason for dropping."))
        return cleaned

    def validate_constraints(self, exclude=None):
        # The milestone is set by the service; the constraints are checked there.
        return None


class FeedbackForm(forms.Form):
    """A mentor's confirmation or comment, or a coach's comment, on a milestone's progress."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirmed = forms.BooleanField(label=_("I confirm this progress"), required=False)


class FollowUpForm(forms.ModelForm):
    """What became of the change at one checkpoint after the training."""

    class Meta:
        model = FollowUp
        fields = ["checkpoint", "status", "stop_reason", "replicated_units", "note"]
        widgets = {
            "stop_reason": forms.Textarea(attrs={"rows": 2}),
            "replicated_units": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == FollowUpStatus.STOPPED and not cleaned.get("stop_reason", "").strip():
            self.add_error("stop_reason", _("A stopped change needs the reason."))
        if status == FollowUpStatus.REPLICATED and not cleaned.get("replicated_units", "").strip():
            self.add_error("replicated_units", _("Name the units the change was replicated to."))
        return cleaned

    def validate_unique(self):
        # The proposal is set by the service, which refuses a checkpoint recorded twice.
        return None

    def validate_constraints(self, exclude=None):
        return None
