"""Forms of the end of a change project: the final report and the examiner's evaluation."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participants.models import FinalReport
from participants.models_reports import MAX_SCORE
from participants.reports import REPORT_SECTIONS, SECTION_MISSING, FinalReportData


class FinalReportForm(forms.ModelForm):
    """The report's sections; each may stay empty in a draft, none when submitting."""

    class Meta:
        model = FinalReport
        fields = list(REPORT_SECTIONS)
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in REPORT_SECTIONS}

    def is_valid(self, *, submit: bool = False) -> bool:
        """Validate; with ``submit`` every section must be filled in."""
        valid = super().is_valid()
        if valid and submit:
            for name in REPORT_SECTIONS:
                if not self.cleaned_data.get(name, "").strip():
                    self.add_error(name, ValidationError(SECTION_MISSING, code="section_missing"))
        return valid and not self.errors

    def report_data(self) -> FinalReportData:
        """The sections as typed (after ``is_valid``)."""
        return FinalReportData(**{name: self.cleaned_data[name] for name in REPORT_SECTIONS})


class EvaluationForm(forms.Form):
    """The examiner's rubric: one score (0–100) per criterion in use, and comments."""

    comments = forms.CharField(
        label=_("comments"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[self.field_name(criterion)] = forms.IntegerField(
                label=criterion.name,
                help_text=_("Weight %(weight)s %%. %(description)s")
                % {"weight": criterion.weight, "description": criterion.description},
                min_value=0,
                max_value=MAX_SCORE,
            )
        # The scores first, in the rubric's order, then the comments.
        self.order_fields([self.field_name(criterion) for criterion in self.criteria])

    @staticmethod
    def field_name(criterion) -> str:
        return f"score_{criterion.pk}"

    def scores(self) -> dict[int, int]:
        """Criterion id → score (after ``is_valid``)."""
        return {c.pk: self.cleaned_data[self.field_name(c)] for c in self.criteria}
