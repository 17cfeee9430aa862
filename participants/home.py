"""The home page's panel for the logged-in user: their next step, by role.

A participant sees their proposal's status and what to do next; a facilitator, how many
proposals wait for them; an organizer, their cohorts in brief. The panel is a hole of home,
outside the page's shared parts: where home is cached, it is kept for each user alone and read
with the page (``page_cache.OwnPart``), dropped by every proposal write, admin write and import
(which replace the page cache's generation) and by every change of their roles
(``roles_signature``).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from benchmarking.models import Cohort
from participants import permissions
from participants.followups import organizes_any
from participants.models import ChangeProposal, ProposalStatus

#: The organizer's panel lists at most this many cohorts, the latest first.
PANEL_COHORTS = 5


@dataclass(frozen=True)
class NextStep:
    """What the participant does next with their proposal, and where."""

    text: Promise
    link_text: Promise
    url_name: str
    needs_proposal: bool = True


#: Status -> the participant's next step (no proposal yet: ``None``).
NEXT_STEPS: dict[str | None, NextStep] = {
    None: NextStep(
        _("You have not started your change proposal yet."),
        _("Write your change proposal"),
        "participants:proposal-create",
        needs_proposal=False,
    ),
    ProposalStatus.DRAFT: NextStep(
        _("Complete your draft and submit it to your coach and mentor."),
        _("Continue the draft"),
        "participants:proposal-edit",
    ),
    ProposalStatus.SUBMITTED: NextStep(
        _("Your coach and mentor are reviewing it; you will be told of their decision."),
        _("Read the proposal"),
        "participants:proposal-detail",
    ),
    ProposalStatus.REVISION_REQUESTED: NextStep(
        _("Revise it as your facilitators asked, then submit it again."),
        _("Revise the proposal"),
        "participants:proposal-edit",
    ),
    ProposalStatus.APPROVED: NextStep(
        _("It is approved: start carrying it out at your agency."),
        _("Go to the implementation"),
        "participants:implementation",
    ),
    ProposalStatus.IMPLEMENTING: NextStep(
        _("Report progress on each milestone with evidence, then submit the final report."),
        _("Report progress"),
        "participants:implementation",
    ),
    ProposalStatus.REPORT_SUBMITTED: NextStep(
        _("The examiner is scoring your final report."),
        _("Read the final report"),
        "participants:report-detail",
    ),
    ProposalStatus.EVALUATED: NextStep(
        _("Your report was evaluated. Record the follow-ups after the training when they are due."),
        _("Read the evaluation"),
        "participants:report-detail",
    ),
}


@dataclass
class RolePanel:
    """What the home page tells one user; empty parts are not shown."""

    is_participant: bool = False
    proposal: ChangeProposal | None = None
    next_step: NextStep | None = None
    next_url: str = ""
    is_facilitator: bool = False
    waiting_review: int = 0
    waiting_evaluation: int = 0
    is_organizer: bool = False
    cohorts: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.is_participant or self.is_facilitator or self.is_organizer


def roles_signature(user) -> str:
    """What ``user``'s kept panel depends on besides the proposals and cohorts (which every
    write of theirs drops with the page cache's generation): their profiles and whether they
    are staff, so that a profile given or taken outside the admin is a new panel at once."""
    participant = permissions.participant_of(user)
    facilitator = permissions.facilitator_of(user)
    roles = [
        participant.pk if participant else "",
        facilitator.pk if facilitator else "",
        int(user.is_staff),
        int(user.is_superuser),
    ]
    return ":".join(map(str, roles))


def role_panel(user) -> RolePanel | None:
    """The panel of ``user``, or None for an anonymous visitor."""
    if not user.is_authenticated:
        return None
    panel = RolePanel()
    participant = permissions.participant_of(user)
    if participant is not None:
        _participant_part(panel, participant)
    facilitator = permissions.facilitator_of(user)
    if facilitator is not None:
        _facilitator_part(panel, facilitator)
    if user.is_staff and organizes_any(user):
        panel.is_organizer = True
        panel.cohorts = list(organizer_cohorts(user)[:PANEL_COHORTS])
    return panel


def _participant_part(panel: RolePanel, participant) -> None:
    panel.is_participant = True
    panel.proposal = participant.proposals.order_by("-updated_at", "-pk").first()
    status = panel.proposal.status if panel.proposal else None
    panel.next_step = NEXT_STEPS[status]
    args = [panel.proposal.pk] if panel.next_step.needs_proposal else []
    panel.next_url = reverse(panel.next_step.url_name, args=args)


def _facilitator_part(panel: RolePanel, facilitator) -> None:
    panel.is_facilitator = True
    counts = ChangeProposal.objects.filter(permissions.assigned_q(facilitator)).aggregate(
        review=Count("pk", filter=Q(status=ProposalStatus.SUBMITTED)),
        evaluation=Count(
            "pk", filter=Q(status=ProposalStatus.REPORT_SUBMITTED, examiner=facilitator)
        ),
    )
    panel.waiting_review = counts["review"]
    panel.waiting_evaluation = counts["evaluation"]


def organizer_cohorts(user):
    """The cohorts of the institutions ``user`` organizes (all for a superuser), latest first,
    each with its numbers of participants, proposals and proposals waiting for a review."""
    cohorts = Cohort.objects.all()
    if not user.is_superuser:
        cohorts = cohorts.filter(institution__organizers=user)
    proposals = "participants__proposals"
    return (
        cohorts.select_related("institution")
        .annotate(
            participant_count=Count("participants", distinct=True),
            proposal_count=Count(proposals, distinct=True),
            waiting_count=Count(
                proposals,
                filter=Q(participants__proposals__status=ProposalStatus.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("-year", "-pk")
    )
