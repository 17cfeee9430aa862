"""A facilitator's review of a proposal, and the proposal's status timeline."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from benchmarking.choice_labels import ChoiceLabels
from benchmarking.models import LONG_TEXT_LENGTH
from participants.statuses import STATUS_LENGTH, ProposalStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REQUEST_REVISION = "revise", _("Request revision")
    COMMENT = "comment", _("Comment only")


class Review(ChoiceLabels):
    """A facilitator's review of a proposal (seminar rancangan): a decision and comments."""

    proposal = models.ForeignKey(
        "participants.ChangeProposal",
        verbose_name=_("change proposal"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        "participants.Facilitator",
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    decision = models.CharField(_("decision"), max_length=8, choices=ReviewDecision.choices)
    comments = models.TextField(_("comments"), blank=True, max_length=LONG_TEXT_LENGTH)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("historical review"))
    _history_user: "User"

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_decision_display()} – {self.proposal}"


class ProposalStatusChange(ChoiceLabels):
    """One step of a proposal's status timeline: from, to, by whom, when, and why.

    Written only by ``participants.services.proposal_transition``; never edited afterwards.
    ``actor_name`` keeps the name shown at the time, so the timeline needs no joins and still
    reads right after an account is renamed or removed.
    """

    proposal = models.ForeignKey(
        "participants.ChangeProposal",
        verbose_name=_("change proposal"),
        on_delete=models.PROTECT,
        related_name="status_changes",
    )
    from_status = models.CharField(
        _("from status"), max_length=STATUS_LENGTH, choices=ProposalStatus.choices
    )
    to_status = models.CharField(
        _("to status"), max_length=STATUS_LENGTH, choices=ProposalStatus.choices
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    actor_name = models.CharField(_("changed by (name)"), max_length=150, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=LONG_TEXT_LENGTH)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.proposal}: {self.get_from_status_display()} → {self.get_to_status_display()}"
