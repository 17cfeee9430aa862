"""Forms of the proposal workflow.

``ProposalEditor`` binds the proposal form, the milestone formset and the adaptation formset
that make up the one HTML form for writing a proposal, applies the submission rule of
``participants.submission`` to what was typed, so that the user is told exactly what is missing,
and turns what was typed into the plain data ``services.proposal_save`` takes.
Owner, status and assignment are never fields: they cannot be posted.
"""

from dataclasses import fields

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, F, IntegerField, Value, When
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from best_practices.models import BestPractice
from participants.form_errors import ErrorLink, editor_error_summary
from participants.models import (
    AdaptationMode,
    ChangeProposal,
    Milestone,
    MilestoneTerm,
    PracticeAdaptation,
)
from participants.services import AdaptationData, MilestoneData, ProposalData
from participants.submission import AdaptationNotes, SubmissionProblem, submission_problems
from participants.validators import parse_id

MILESTONE_PREFIX = "milestones"
ADAPTATION_PREFIX = "adaptations"
MAX_MILESTONES = 60
MAX_ADAPTATIONS = 30
#: A milestone's target date lies within this many years of the cohort's year.
MILESTONE_YEARS = 10
#: The empty milestone rows a new proposal starts with, one per term, so that the three terms
#: are in view; an edit form adds rows only when asked ("Add a milestone row").
TERM_ROWS = [{"term": term} for term in MilestoneTerm.values]


class ProposalForm(forms.ModelForm):
    """The proposal's own text; ``version`` is the version the form was opened with.

    Only the title is required: a draft keeps whatever was typed, and the submission rule
    (``participants.submission``) asks for the problem when submitting.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].required = False

    class Meta:
        model = ChangeProposal
        fields = ["title", "problem", "goals", "benefits", "stakeholders"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "stakeholders": forms.Textarea(attrs={"rows": 2}),
        }


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["term", "description", "target_date"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_target_date(self):
        """A milestone's date lies within ten years of the cohort's year, before or after."""
        date = self.cleaned_data.get("target_date")
        proposal = getattr(self.instance, "proposal", None)
        participant = getattr(proposal, "participant", None)
        year = participant.cohort.year if participant else timezone.localdate().year
        first, last = year - MILESTONE_YEARS, year + MILESTONE_YEARS
        if date and not first <= date.year <= last:
            raise ValidationError(
                _("A milestone's target date lies between the years %(first)s and %(last)s."),
                code="milestone_date_range",
                params={"first": first, "last": last},
            )
        return date


class AdaptationForm(forms.ModelForm):
    """How the proposal adopts or adapts one practice; the practice is chosen by the picker."""

    practice = forms.ModelChoiceField(
        label=_("best practice"), queryset=BestPractice.objects.all(), widget=forms.HiddenInput
    )
    mode = forms.ChoiceField(
        label=_("mode"),
        choices=AdaptationMode.choices,
        widget=forms.RadioSelect,
        initial=AdaptationMode.ADAPT,
    )

    class Meta:
        model = PracticeAdaptation
        fields = ["practice", "mode", "kept", "changed", "rationale"]
        widgets = {
            "kept": forms.Textarea(attrs={"rows": 3}),
            "changed": forms.Textarea(attrs={"rows": 3}),
            "rationale": forms.Textarea(attrs={"rows": 2}),
        }

    def has_changed(self):
        # A row that names a practice was added on purpose: keep it even before anything
        # is typed in it, otherwise a practice just picked would silently vanish on save.
        return bool(self["practice"].value()) or super().has_changed()


class BaseAdaptationFormSet(BaseInlineFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            practice = data.get("practice")
            if practice is None or data.get("DELETE"):
                continue
            if practice.pk in seen:
                raise ValidationError(
                    _("“%(practice)s” is listed twice; keep it once."),
                    code="duplicate_practice",
                    params={"practice": practice.title},
                )
            seen.add(practice.pk)
        super().clean()


MilestoneFormSet = inlineformset_factory(
    ChangeProposal,
    Milestone,
    form=MilestoneForm,
    extra=len(TERM_ROWS),
    can_delete=True,
    max_num=MAX_MILESTONES,
    validate_max=True,
    absolute_max=MAX_MILESTONES,
)

AdaptationFormSet = inlineformset_factory(
    ChangeProposal,
    PracticeAdaptation,
    form=AdaptationForm,
    formset=BaseAdaptationFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_ADAPTATIONS,
    validate_max=True,
    absolute_max=MAX_ADAPTATIONS,
)


def _milestone_order():
    term_order = Case(
        *[When(term=term, then=Value(i)) for i, term in enumerate(MilestoneTerm.values)],
        output_field=IntegerField(),
    )
    return [term_order, F("target_date").asc(nulls_last=True), "pk"]


def _parts_data(formset, data_class, values) -> list:
    """The formset's rows as ``data_class`` items, as Django's formset would save them: every
    existing row (changed or marked for removal) and the new rows filled in and not removed.
    ``values`` maps a row's cleaned data to the item's fields."""
    rows = []
    for index, form in enumerate(formset.forms):
        existing = index < formset.initial_form_count()
        delete = bool(getattr(form, "cleaned_data", {}).get("DELETE"))
        if not existing and (delete or not form.has_changed()):
            continue
        if delete:
            rows.append(data_class(id=form.instance.pk, delete=True))
        else:
            rows.append(data_class(id=form.instance.pk, **values(form.cleaned_data)))
    return rows


def _kept_forms(formset) -> list:
    """The formset's rows that will be saved: existing rows not deleted, new rows filled in."""
    kept = []
    for index, form in enumerate(formset.forms):
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        if getattr(form, "cleaned_data", {}).get("DELETE"):
            continue
        kept.append(form)
    return kept


class ProposalEditor:
    """The proposal form with its milestone and adaptation formsets: one HTML form."""

    def __init__(self, *, instance: ChangeProposal, data=None, extra_practices=()):
        self.instance = instance
        self.is_bound = data is not None
        initial = {"version": instance.version} if instance.pk else {}
        self.proposal_form = ProposalForm(data, instance=instance, initial=initial)
        self.milestones = MilestoneFormSet(
            data,
            instance=instance,
            prefix=MILESTONE_PREFIX,
            initial=TERM_ROWS,
            queryset=Milestone.objects.order_by(*_milestone_order()),
        )
        self.adaptations = AdaptationFormSet(
            data,
            instance=instance,
            prefix=ADAPTATION_PREFIX,
            initial=[
                {"practice": practice.pk, "mode": AdaptationMode.ADAPT}
                for practice in extra_practices
            ],
            queryset=PracticeAdaptation.objects.order_by("pk"),
        )
        # Pre-added practices (``?practice=``) are extra rows of the unbound formset.
        self.adaptations.extra = len(extra_practices)
        if instance.pk:
            self.milestones.extra = 0
        self.problems: list[SubmissionProblem] = []
        self._rows: list[tuple] | None = None

    @property
    def loaded_version(self) -> int | None:
        """The version the form was opened with (posted back in a hidden field)."""
        if self.proposal_form.is_valid():
            return self.proposal_form.cleaned_data.get("version")
        return None

    def is_valid(self, *, submit: bool = False) -> bool:
        """Validate everything; with ``submit`` also the submission rule, whose messages go
        to ``problems`` and, for an adaptation's notes, to the field concerned."""
        valid = [
            self.proposal_form.is_valid(),
            self.milestones.is_valid(),
            self.adaptations.is_valid(),
        ]
        if submit:
            self._check_submission()
        return all(valid) and not self.problems

    def _check_submission(self) -> None:
        adaptation_forms = _kept_forms(self.adaptations)
        notes = []
        for form in adaptation_forms:
            data = form.cleaned_data
            practice = data.get("practice")
            notes.append(
                AdaptationNotes(
                    practice_title=practice.title if practice else "",
                    mode=data.get("mode", ""),
                    kept=data.get("kept", ""),
                    changed=data.get("changed", ""),
                )
            )
        terms = {form.cleaned_data.get("term") for form in _kept_forms(self.milestones)}
        typed_problem = getattr(self.proposal_form, "cleaned_data", {}).get("problem")
        self.problems = submission_problems(
            adaptations=notes,
            milestone_terms=terms,
            problem=typed_problem if typed_problem is not None else "",
        )
        for problem in self.problems:
            if problem.index is not None:
                adaptation_forms[problem.index].add_error(problem.field, problem.message)
            elif problem.field == "problem" and "problem" not in self.proposal_form.errors:
                self.proposal_form.add_error("problem", problem.message)

    def error_summary(self) -> list[ErrorLink]:
        """Every error of the form, each linked to its field (see ``form_errors``)."""
        return editor_error_summary(self)

    def proposal_data(self) -> ProposalData:
        """The proposal's text as typed (after ``is_valid``)."""
        cleaned = self.proposal_form.cleaned_data
        return ProposalData(**{field.name: cleaned[field.name] for field in fields(ProposalData)})

    def milestones_data(self) -> list[MilestoneData]:
        """The milestone rows as typed (after ``is_valid``)."""
        names = ("term", "description", "target_date")
        return _parts_data(
            self.milestones, MilestoneData, lambda cleaned: {name: cleaned[name] for name in names}
        )

    def adaptations_data(self) -> list[AdaptationData]:
        """The adaptation rows as typed (after ``is_valid``); the practice by its id."""
        texts = ("mode", "kept", "changed", "rationale")
        return _parts_data(
            self.adaptations,
            AdaptationData,
            lambda cleaned: {
                "practice_id": cleaned["practice"].pk,
                **{name: cleaned[name] for name in texts},
            },
        )

    def problems_for(self, field: str) -> list[str]:
        return [problem.message for problem in self.problems if problem.field == field]

    @property
    def practice_problems(self) -> list[str]:
        return self.problems_for("adaptations")

    @property
    def milestone_problems(self) -> list[str]:
        return self.problems_for("milestones")

    @property
    def adaptation_rows(self) -> list[tuple]:
        """Each adaptation form with its practice (one query for all), for rendering."""
        if self._rows is None:
            forms_ = self.adaptations.forms
            values = [str(form["practice"].value() or "") for form in forms_]
            ids = [parse_id(value) for value in values]
            practices = BestPractice.objects.select_related("host_province").in_bulk(
                [pk for pk in ids if pk is not None]
            )
            self._rows = [(form, practices.get(pk)) for form, pk in zip(forms_, ids, strict=True)]
        return self._rows

    @property
    def practice_ids(self) -> set[int]:
        """The practices already in the form (rows not marked for removal)."""
        return {
            practice.pk
            for form, practice in self.adaptation_rows
            if practice is not None and not form["DELETE"].value()
        }


def _total(data, prefix: str) -> int | None:
    try:
        return int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except ValueError:
        return None


def data_with_practice(data, practice: BestPractice):
    """The posted form data with a row adapting ``practice`` added (or, if it was marked for
    removal, restored); ``None`` when it is already there or no row can be added."""
    total = _total(data, ADAPTATION_PREFIX)
    if total is None:
        return None
    data = data.copy()
    for index in range(total):
        if data.get(f"{ADAPTATION_PREFIX}-{index}-practice") == str(practice.pk):
            if not data.get(f"{ADAPTATION_PREFIX}-{index}-DELETE"):
                return None
            data.pop(f"{ADAPTATION_PREFIX}-{index}-DELETE")
            return data
    if total >= MAX_ADAPTATIONS:
        return None
    data[f"{ADAPTATION_PREFIX}-TOTAL_FORMS"] = str(total + 1)
    data[f"{ADAPTATION_PREFIX}-{total}-practice"] = str(practice.pk)
    data[f"{ADAPTATION_PREFIX}-{total}-mode"] = AdaptationMode.ADAPT
    return data


def data_with_milestone_row(data):
    """The posted form data with one more empty milestone row, or ``None`` at the maximum."""
    total = _total(data, MILESTONE_PREFIX)
    if total is None or total >= MAX_MILESTONES:
        return None
    data = data.copy()
    data[f"{MILESTONE_PREFIX}-TOTAL_FORMS"] = str(total + 1)
    return data
