"""The statuses of a change proposal, from draft to evaluated, and the groups the rules use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVISION_REQUESTED = "revision", _("Revision requested")
    APPROVED = "approved", _("Approved")
    IMPLEMENTING = "implementing", _("Implementing")
    REPORT_SUBMITTED = "report_submitted", _("Report submitted")
    EVALUATED = "evaluated", _("Evaluated")


#: The statuses of a proposal that was approved: shared knowledge, read by every logged-in user.
SHARED_STATUSES = (
    ProposalStatus.APPROVED,
    ProposalStatus.IMPLEMENTING,
    ProposalStatus.REPORT_SUBMITTED,
    ProposalStatus.EVALUATED,
)

#: The statuses of a proposal being or having been carried out (after "implementing" began).
CARRIED_OUT_STATUSES = SHARED_STATUSES[1:]

#: Room for the longest status value.
STATUS_LENGTH = 20
