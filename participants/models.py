"""Participants, facilitators and the change proposals that adapt observed best practices."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Concat, Left
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from benchmarking.choice_labels import ChoiceLabels
from benchmarking.models import LONG_TEXT_LENGTH, Cohort, Institution, VisitGroup
from benchmarking.reversed_urls import url_with
from best_practices.models import BestPractice
from participants.statuses import (  # noqa: F401 - the statuses belong with the proposal
    CARRIED_OUT_STATUSES,
    SHARED_STATUSES,
    STATUS_LENGTH,
    ProposalStatus,
)
from participants.validators import normalize_nip, validate_nip

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class NIPField(models.CharField):
    """An 18-digit NIP; spaces and dots typed between its parts are dropped before validation."""

    default_validators = [validate_nip]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_nip(value) if value else value

    def formfield(self, **kwargs):
        # A form must accept the NIP as typed, with separators; the model normalizes it and
        # validate_nip() then checks the 18 digits with a clearer message than max_length's.
        return super().formfield(**{"max_length": None, **kwargs})


class Participant(models.Model):
    """A peserta: a civil servant in a cohort, who writes a change proposal."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        related_name="participant",
        null=True,
        blank=True,
    )
    full_name = models.CharField(_("full name"), max_length=150)
    nip = NIPField(_("NIP"), unique=True, help_text=_("18-digit civil-servant number."))
    position = models.CharField(_("position"), max_length=200, blank=True)
    agency = models.CharField(_("agency (unit kerja)"), max_length=200, blank=True)
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="participants"
    )
    visit_group = models.ForeignKey(
        VisitGroup,
        verbose_name=_("visit group"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name


class FacilitatorRole(models.TextChoices):
    COACH = "coach", _("Coach")
    MENTOR = "mentor", _("Mentor")
    EXAMINER = "examiner", _("Examiner")


class Facilitator(ChoiceLabels):
    """A coach, mentor or examiner (penguji) who reviews change proposals."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        related_name="facilitator",
        null=True,
        blank=True,
    )
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=10, choices=FacilitatorRole.choices)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="facilitators",
        null=True,
        blank=True,
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    nip = NIPField(_("NIP"), blank=True, help_text=_("18-digit civil-servant number."))
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
        ordering = ["full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"


#: The originality check compares the first this many characters of title, problem and goals.
COMPARED_TEXT_LENGTH = 1000


class ChangeProposal(ChoiceLabels):
    """A rancangan proyek perubahan: a participant's plan that adopts or adapts practices."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=250)
    problem = models.TextField(
        _("problem"),
        max_length=LONG_TEXT_LENGTH,
        help_text=_("The issue found in the diagnosis."),
    )
    goals = models.TextField(_("goals"), blank=True, max_length=LONG_TEXT_LENGTH)
    benefits = models.TextField(_("benefits"), blank=True, max_length=LONG_TEXT_LENGTH)
    stakeholders = models.TextField(_("stakeholders"), blank=True, max_length=LONG_TEXT_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=STATUS_LENGTH,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
    )
    practices = models.ManyToManyField(
        BestPractice,
        verbose_name=_("adapted practices"),
        through="PracticeAdaptation",
        related_name="proposals",
        blank=True,
    )
    coach = models.ForeignKey(
        Facilitator,
        verbose_name=_("coach"),
        on_delete=models.PROTECT,
        related_name="coached_proposals",
        null=True,
        blank=True,
        limit_choices_to={"role": FacilitatorRole.COACH},
    )
    mentor = models.ForeignKey(
        Facilitator,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentored_proposals",
        null=True,
        blank=True,
        limit_choices_to={"role": FacilitatorRole.MENTOR},
    )
    examiner = models.ForeignKey(
        Facilitator,
        verbose_name=_("examiner"),
        on_delete=models.PROTECT,
        related_name="examined_proposals",
        null=True,
        blank=True,
        limit_choices_to={"role": FacilitatorRole.EXAMINER},
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised on every save; guards against lost edits."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the originality check compares (see participants.selectors.similar_proposals):
    # kept by the database on every write, so no code path can forget it, and trimmed so that
    # its trigram index entry stays small (at most ~3 KB) and each comparison cheap.
    compared_text = models.GeneratedField(
        verbose_name=_("compared text"),
        expression=Left(
            Concat(
                "title",
                models.Value(" "),
                "problem",
                models.Value(" "),
                "goals",
                output_field=models.TextField(),
            ),
            COMPARED_TEXT_LENGTH,
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    # The compared text is derived from fields the history already keeps.
    history = HistoricalRecords(
        verbose_name=_("historical change proposal"), excluded_fields=["compared_text"]
    )
    # Set by the services before a save; django-simple-history writes them on the history row.
    _history_user: "User"
    _change_reason: str

    class Meta:
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            # The approved proposals, which everyone logged in may read: counting their
            # adaptations (the "most adapted" order) reads this index, not every proposal.
            models.Index(
                fields=["id"],
                condition=Q(status__in=SHARED_STATUSES),
                name="proposal_approved_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="proposal_submitted_has_time",
                violation_error_message=_(
                    "A proposal that left the draft state has a submission time."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # A practice's page links each of its adaptations' proposals: reversed once
        # (benchmarking.reversed_urls).
        return url_with("participants:proposal-detail", "pk", self.pk)


class AdaptationMode(models.TextChoices):
    ADOPT = "adopt", _("Adopt as is")
    ADAPT = "adapt", _("Adapt")


class PracticeAdaptation(ChoiceLabels):
    """Amati–Tiru–Modifikasi: how one proposal adopts or adapts one practice."""

    proposal = models.ForeignKey(
        ChangeProposal,
        verbose_name=_("change proposal"),
        on_delete=models.CASCADE,
        related_name="adaptations",
    )
    practice = models.ForeignKey(
        BestPractice,
        verbose_name=_("best practice"),
        on_delete=models.PROTECT,
        related_name="adaptations",
    )
    mode = models.CharField(_("mode"), max_length=5, choices=AdaptationMode.choices)
    kept = models.TextField(_("what is kept"), blank=True, max_length=LONG_TEXT_LENGTH)
    changed = models.TextField(_("what changes"), blank=True, max_length=LONG_TEXT_LENGTH)
    rationale = models.TextField(_("rationale"), blank=True, max_length=LONG_TEXT_LENGTH)

    history = HistoricalRecords(verbose_name=_("historical practice adaptation"))

    class Meta:
        verbose_name = _("practice adaptation")
        verbose_name_plural = _("practice adaptations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "practice"],
                name="adaptation_unique_per_proposal",
                violation_error_message=_("This proposal already adapts this practice."),
            ),
        ]

    def __str__(self):
        return f"{self.proposal} ← {self.practice}"


class MilestoneTerm(models.TextChoices):
    SHORT = "short", _("Short term")
    MEDIUM = "medium", _("Medium term")
    LONG = "long", _("Long term")


class Milestone(ChoiceLabels):
    """A milestone of a change proposal, in the short, medium or long term."""

    proposal = models.ForeignKey(
        ChangeProposal,
        verbose_name=_("change proposal"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    term = models.CharField(_("term"), max_length=6, choices=MilestoneTerm.choices)
    description = models.TextField(_("description"), max_length=LONG_TEXT_LENGTH)
    target_date = models.DateField(_("target date"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("historical milestone"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["target_date", "pk"]

    def __str__(self):
        return f"{self.get_term_display()}: {self.description[:60]}"


# A facilitator's review and the status timeline live in their own module, to keep this one
# small; imported here so that Django finds their models with the app's.
# The models of the project after approval live in their own module, to keep this one small.
from participants.models_lifecycle import (  # noqa: E402, F401
    EvidenceAttachment,
    FollowUp,
    FollowUpCheckpoint,
    FollowUpStatus,
    MilestoneFeedback,
    MilestoneProgress,
    ProgressStatus,
)

# The final report and its evaluation live in their own module; imported here so that Django
# finds their models with the app's.
from participants.models_reports import (  # noqa: E402, F401
    Evaluation,
    EvaluationCriterion,
    EvaluationPredicate,
    EvaluationScore,
    FinalReport,
)
from participants.models_reviews import (  # noqa: E402, F401
    ProposalStatusChange,
    Review,
    ReviewDecision,
)
from participants.models_statistics import StatisticsFigures  # noqa: E402, F401
