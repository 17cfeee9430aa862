"""The organizers' dashboard: how each cohort of one institution is doing, read in a fixed
number of grouped queries whatever the number of cohorts, participants and proposals.

An organizer sees the institutions they organize (``Institution.organizers``); a superuser
sees every institution. Both choose one of them; the first (by name) is shown by default.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise

from benchmarking.models import Cohort, Institution
from participants.followups import due_at
from participants.models import (
    ChangeProposal,
    FacilitatorRole,
    FollowUpCheckpoint,
    Milestone,
    ProgressStatus,
    ProposalStatus,
    Review,
)
from participants.permissions import FACILITATOR_FIELDS

#: A submitted proposal waiting longer than this for a review is overdue.
REVIEW_WAIT_DAYS = 7


@dataclass
class FacilitatorLoad:
    """One facilitator's proposals in a cohort, by the role they hold on each."""

    name: str
    by_role: dict[str, int] = field(default_factory=dict)

    @property
    def roles(self) -> list[tuple[Promise, int]]:
        """(role label, count) for each role, in the order coach, mentor, examiner."""
        return [(role.label, self.by_role.get(role.value, 0)) for role in FacilitatorRole]

    @property
    def total(self) -> int:
        return sum(self.by_role.values())


@dataclass
class CohortState:
    """What the dashboard shows of one cohort."""

    cohort: Cohort
    by_status: dict[str, int] = field(default_factory=dict)
    reviews_overdue: int = 0
    milestones_total: int = 0
    milestones_done: int = 0
    follow_ups_due: int = 0
    loads: dict[str, FacilitatorLoad] = field(default_factory=dict)

    @property
    def statuses(self) -> list[tuple[str, Promise, int]]:
        """(status value, label, count) for every status, in the order of the workflow."""
        return [(s.value, s.label, self.by_status.get(s.value, 0)) for s in ProposalStatus]

    @property
    def proposal_count(self) -> int:
        return sum(self.by_status.values())

    @property
    def facilitator_loads(self) -> list[FacilitatorLoad]:
        return sorted(self.loads.values(), key=lambda load: (-load.total, load.name))


@dataclass
class Dashboard:
    institutions: list[Institution]
    institution: Institution | None
    cohorts: list[CohortState]


def dashboard_institutions(user) -> QuerySet:
    """The institutions whose dashboard ``user`` may open: all for a superuser, else those they
    organize; none for anyone else."""
    if not user.is_authenticated:
        return Institution.objects.none()
    if user.is_superuser:
        return Institution.objects.order_by("name")
    return user.organized_institutions.order_by("name")


def overdue_q(now: datetime.datetime) -> Q:
    """Proposals whose review is overdue: submitted (waiting for a decision) more than
    ``REVIEW_WAIT_DAYS`` days before ``now``, with no review by any facilitator since they were
    last submitted (a resubmission after a revision request starts the wait again)."""
    reviewed = Review.objects.filter(
        proposal=OuterRef("pk"), created_at__gte=OuterRef("submitted_at")
    )
    return Q(
        ~Exists(reviewed),
        status=ProposalStatus.SUBMITTED,
        submitted_at__lt=now - datetime.timedelta(days=REVIEW_WAIT_DAYS),
    )


def organizer_dashboard(
    *, user, institution: str | None = None, today: datetime.date | None = None
) -> Dashboard:
    """The dashboard of the institution whose pk is ``institution`` (the first allowed one when
    None or empty); an institution ``user`` may not see is a 404."""
    institutions = list(dashboard_institutions(user))
    chosen = institutions[0] if institutions else None
    if institution:
        chosen = next((i for i in institutions if str(i.pk) == institution), None)
        if chosen is None:
            raise Http404
    if chosen is None:
        return Dashboard(institutions, None, [])
    return Dashboard(institutions, chosen, cohort_states(chosen, today=today))


def cohort_states(institution: Institution, *, today: datetime.date | None = None):
    """Every cohort of ``institution``, latest first, with its numbers: five queries."""
    today = today or timezone.localdate()
    cohorts = (
        Cohort.objects.filter(institution=institution)
        .select_related("institution")
        .annotate(participant_count=Count("participants"))
    )
    states = {cohort.pk: CohortState(cohort) for cohort in cohorts}
    proposals = ChangeProposal.objects.filter(participant__cohort__institution=institution)
    _count_statuses_and_loads(states, proposals)
    for row in _per_cohort(proposals.filter(overdue_q(timezone.now()))):
        states[row["cohort"]].reviews_overdue = row["n"]
    milestones = (
        Milestone.objects.filter(
            proposal__participant__cohort__institution=institution,
            proposal__status=ProposalStatus.IMPLEMENTING,
        )
        .values(cohort=F("proposal__participant__cohort"))
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(progress__status=ProgressStatus.DONE)))
        .order_by()
    )
    for row in milestones:
        states[row["cohort"]].milestones_total = row["n"]
        states[row["cohort"]].milestones_done = row["done"]
    for checkpoint in FollowUpCheckpoint:
        for row in _per_cohort(due_at(proposals, checkpoint, today=today)):
            states[row["cohort"]].follow_ups_due += row["n"]
    return list(states.values())


def _per_cohort(proposals: QuerySet):
    return proposals.values(cohort=F("participant__cohort")).annotate(n=Count("pk")).order_by()


def _count_statuses_and_loads(states: dict[int, CohortState], proposals: QuerySet) -> None:
    """Proposals by status, and each facilitator's by role, from one grouped query."""
    columns = ["status"]
    for role in FACILITATOR_FIELDS:
        columns += [role, f"{role}__full_name"]
    rows = proposals.values(*columns, cohort=F("participant__cohort")).annotate(n=Count("pk"))
    for row in rows.order_by():
        state = states[row["cohort"]]
        state.by_status[row["status"]] = state.by_status.get(row["status"], 0) + row["n"]
        for role in FACILITATOR_FIELDS:
            if row[role] is None:
                continue
            load = state.loads.setdefault(row[role], FacilitatorLoad(row[f"{role}__full_name"]))
            load.by_role[role] = load.by_role.get(role, 0) + row["n"]
