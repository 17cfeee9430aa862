"""The demo's change proposals, with the status timeline and reviews the workflow would have
recorded for them, dated in 2018 like their submission.
"""

import datetime

from best_practices.models import BestPractice
from participants.models import (
    ChangeProposal,
    Facilitator,
    Milestone,
    Participant,
    PracticeAdaptation,
    ProposalStatus,
    ProposalStatusChange,
    Review,
)
from participants.services import DECISION_STATUS
from tooling.demo.rows import DemoSummary, row_backdate, row_ensure, row_get_or_create


def proposal_ensure(
    summary: DemoSummary,
    spec: dict,
    *,
    participant: Participant,
    practices: dict[str, BestPractice],
    facilitators: dict[str, Facilitator],
) -> ChangeProposal:
    """The proposal ``spec`` describes, with its adaptations, milestones and reviews."""
    proposal, created = row_get_or_create(
        summary,
        ChangeProposal,
        {"participant": participant, "title": spec["title"]},
        problem=spec["problem"],
        goals=spec["goals"],
        benefits=spec["benefits"],
        stakeholders=spec["stakeholders"],
        status=spec["status"],
        submitted_at=spec["submitted_at"],
        coach=facilitators["coach"],
        mentor=facilitators["mentor"],
        examiner=facilitators["examiner"] if spec.get("examiner") else None,
    )
    if created:
        _timeline_write(summary, proposal, spec, coach=facilitators["coach"])
    for adaptation in spec["adaptations"]:
        details = {k: v for k, v in adaptation.items() if k != "practice"}
        row_ensure(
            summary,
            PracticeAdaptation,
            {"proposal": proposal, "practice": practices[adaptation["practice"]]},
            **details,
        )
    for milestone in spec["milestones"]:
        row_ensure(
            summary,
            Milestone,
            {
                "proposal": proposal,
                "term": milestone["term"],
                "description": milestone["description"],
            },
            target_date=milestone["target_date"],
        )
    for review in spec["reviews"]:
        row, created = row_get_or_create(
            summary,
            Review,
            {
                "proposal": proposal,
                "reviewer": facilitators["coach"],
                "decision": review["decision"],
            },
            comments=review["comments"],
        )
        if created:
            row_backdate(row, created_at=review["at"])
    return proposal


def _timeline_write(
    summary: DemoSummary, proposal: ChangeProposal, spec: dict, *, coach: Facilitator
) -> None:
    """The status steps a new demo proposal went through, recorded as ``proposal_transition``
    records them (``ProposalStatusChange``), and dated to the training rather than to the day
    the demo was loaded.
    """
    if spec["submitted_at"] is None:
        return
    steps = [(spec["submitted_at"], proposal.participant, ProposalStatus.SUBMITTED, "")]
    for review in spec["reviews"]:
        if review["decision"] in DECISION_STATUS:
            if steps[-1][2] == ProposalStatus.REVISION_REQUESTED:
                # A decision after a revision request follows the participant's resubmission.
                resubmitted = datetime.datetime.fromisoformat(review["resubmitted_at"])
                steps.append((resubmitted, proposal.participant, ProposalStatus.SUBMITTED, ""))
            steps.append(
                (review["at"], coach, DECISION_STATUS[review["decision"]], review["comments"])
            )
    from_status = ProposalStatus.DRAFT
    for at, person, to_status, comment in steps:
        change = row_ensure(
            summary,
            ProposalStatusChange,
            {"proposal": proposal, "from_status": from_status, "to_status": to_status},
            changed_by=person.user,
            actor_name=person.full_name,
            comment=comment,
        )
        row_backdate(change, created_at=at)
        from_status = to_status
    row_backdate(
        proposal,
        created_at=spec["submitted_at"] - datetime.timedelta(days=5),
        updated_at=steps[-1][0],
    )
