"""The change project after approval: progress on each milestone with its evidence and the
facilitators' feedback, and the follow-up entries after the training."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from benchmarking.choice_labels import ChoiceLabels


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class MilestoneProgress(ChoiceLabels):
    """Where the participant stands on one milestone during the leadership laboratory."""

    milestone = models.OneToOneField(
        "participants.Milestone",
        verbose_name=_("milestone"),
        on_delete=models.CASCADE,
        related_name="progress",
    )
    status = models.CharField(
        _("progress"),
        max_length=11,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    achieved_on = models.DateField(_("date"), null=True, blank=True)
    achievement = models.TextField(_("what was achieved"), blank=True)
    drop_reason = models.TextField(_("reason for dropping"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("milestone progress")
        verbose_name_plural = _("milestone progress")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(drop_reason=""),
                name="progress_dropped_has_reason",
                violation_error_message=_("A dropped milestone needs the reason for dropping."),
            ),
        ]

    def __str__(self):
        return f"{self.milestone}: {self.get_status_display()}"


def evidence_path(instance, filename: str) -> str:
    """A random name under the private folder of MEDIA_ROOT, which no URL serves: the file is
    read only through the evidence download view, after the permission check."""
    return f"private/evidence/{uuid.uuid4().hex}"


class EvidenceAttachment(models.Model):
    """A file that shows a milestone's progress: a PDF, an image or an office document."""

    milestone = models.ForeignKey(
        "participants.Milestone",
        verbose_name=_("milestone"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class MilestoneFeedback(models.Model):
    """The mentor's confirmation or comment, or the coach's comment, on a milestone's progress."""

    milestone = models.ForeignKey(
        "participants.Milestone",
        verbose_name=_("milestone"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    facilitator = models.ForeignKey(
        "participants.Facilitator",
        verbose_name=_("facilitator"),
        on_delete=models.PROTECT,
        related_name="milestone_feedback",
    )
    confirmed = models.BooleanField(_("confirmed"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("milestone feedback")
        verbose_name_plural = _("milestone feedback")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed=True) | ~Q(comment=""),
                name="feedback_confirms_or_comments",
                violation_error_message=_("Feedback confirms the progress or comments on it."),
            ),
        ]

    def __str__(self):
        return f"{self.facilitator}: {self.milestone}"


class FollowUpCheckpoint(models.IntegerChoices):
    THREE_MONTHS = 3, _("3 months")
    SIX_MONTHS = 6, _("6 months")
    TWELVE_MONTHS = 12, _("12 months")


class FollowUpStatus(models.TextChoices):
    RUNNING = "running", _("Still running")
    STOPPED = "stopped", _("Stopped")
    REPLICATED = "replicated", _("Replicated to other units")


class FollowUp(ChoiceLabels):
    """What became of a change project 3, 6 or 12 months after the training ended."""

    proposal = models.ForeignKey(
        "participants.ChangeProposal",
        verbose_name=_("change proposal"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    checkpoint = models.PositiveSmallIntegerField(_("after"), choices=FollowUpCheckpoint.choices)
    status = models.CharField(_("status"), max_length=10, choices=FollowUpStatus.choices)
    stop_reason = models.TextField(_("reason for stopping"), blank=True)
    replicated_units = models.TextField(_("units it was replicated to"), blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["checkpoint", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "checkpoint"],
                name="follow_up_once_per_checkpoint",
                violation_error_message=_("This checkpoint was already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(status="stopped") | ~Q(stop_reason=""),
                name="follow_up_stopped_has_reason",
                violation_error_message=_("A stopped change needs the reason."),
            ),
            models.CheckConstraint(
                condition=~Q(status="replicated") | ~Q(replicated_units=""),
                name="follow_up_replicated_names_units",
                violation_error_message=_("Name the units the change was replicated to."),
            ),
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_checkpoint_display()}"
