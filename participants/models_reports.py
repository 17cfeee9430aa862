"""The end of a change project: the participant's final report (laporan proyek / aksi
perubahan) and the examiner's evaluation of it against a weighted rubric.

The rubric's criteria with their weights, and the predicates with their thresholds, are
reference data (defaults from LAN's guidelines in migration ``0200_reports``), so that an
institution can adjust them in the admin without a release.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: The highest score of a criterion, and so of the weighted total.
MAX_SCORE = 100


class EvaluationCriterion(models.Model):
    """One criterion of the examiner's rubric, with its weight in percent of the total."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Only criteria in use appear on new evaluations.")
    )

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100),
                name="criterion_weight_1_to_100",
                violation_error_message=_("A weight is between 1 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.weight} %)"


class EvaluationPredicate(models.Model):
    """A predicate (e.g. "memuaskan") given to a weighted total at or above ``min_score``."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    min_score = models.DecimalField(
        _("lowest total"),
        max_digits=5,
        decimal_places=2,
        unique=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)],
    )

    class Meta:
        verbose_name = _("evaluation predicate")
        verbose_name_plural = _("evaluation predicates")
        ordering = ["-min_score"]

    def __str__(self):
        return f"{self.name} (≥ {self.min_score})"


class FinalReport(models.Model):
    """The participant's final report on the change project, in the standard sections."""

    proposal = models.OneToOneField(
        "participants.ChangeProposal",
        verbose_name=_("change proposal"),
        on_delete=models.PROTECT,
        related_name="final_report",
    )
    results = models.TextField(_("results"), blank=True)
    organisation_benefits = models.TextField(_("benefits for the organisation"), blank=True)
    public_benefits = models.TextField(_("benefits for the public"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    sustainability_plan = models.TextField(_("plan to sustain the change"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return str(self.proposal)


class Evaluation(models.Model):
    """The examiner's evaluation of a final report: scores, weighted total, predicate, comments.

    ``predicate`` keeps the name given at the time, so that a later change of the reference
    data does not rewrite a result already announced.
    """

    proposal = models.OneToOneField(
        "participants.ChangeProposal",
        verbose_name=_("change proposal"),
        on_delete=models.PROTECT,
        related_name="evaluation",
    )
    examiner = models.ForeignKey(
        "participants.Facilitator",
        verbose_name=_("examiner"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=2)
    predicate = models.CharField(_("predicate"), max_length=60)
    comments = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0, total__lte=MAX_SCORE),
                name="evaluation_total_0_to_100",
                violation_error_message=_("A total is between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.proposal}: {self.total} ({self.predicate})"


class EvaluationScore(models.Model):
    """The score (0–100) of one criterion in an evaluation, with the weight it had then."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        EvaluationCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)]
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"],
                name="score_unique_per_criterion",
                violation_error_message=_("This criterion is already scored."),
            ),
            models.CheckConstraint(
                condition=Q(score__lte=MAX_SCORE),
                name="score_at_most_100",
                violation_error_message=_("A score is between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.criterion.name}: {self.score}"
