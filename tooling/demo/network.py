"""The demo beyond the source article (``data/network.json``): more institutions, each with a
cohort, its facilitators and participants, and a visit to another host province, so that the
flow of ideas between provinces, the originality check and the organizers' dashboard have
something to show.

These visits are invented and say so: their titles start with the demo mark and their
summaries call them demo data. They are dated before the article's visit (28 August 2018), so
that it stays the latest visit, first in every list, as it is the first loaded. One proposal
runs the whole life after approval (carried out with evidence, final report, evaluation with
the rubric, follow-ups at 3, 6 and 12 months); others are being carried out with follow-ups due.
"""

import datetime
import json

from benchmarking.models import Cohort, HostAgency, Institution, Province, Visit, VisitHostAgency
from best_practices.models import BestPractice, PracticeObservation
from participants.models import (
    ChangeProposal,
    Evaluation,
    EvaluationScore,
    Facilitator,
    FinalReport,
    FollowUp,
    Participant,
    ProposalStatus,
    ProposalStatusChange,
)
from participants.reports import predicate_for, rubric, weighted_total
from tooling.demo.dataset import DATA_DIR, parse_proposal
from tooling.demo.lifecycle import progress_ensure
from tooling.demo.practices import practices_ensure
from tooling.demo.proposals import proposal_ensure
from tooling.demo.rows import DemoSummary, row_backdate, row_ensure, row_get_or_create


def network_ensure(summary: DemoSummary, *, practices: dict[str, BestPractice]) -> None:
    """Write whatever part of the other institutions' visits is missing; ``practices`` (the
    article's, by key) grows with theirs, so that a later visit may observe or adapt them."""
    data = json.loads((DATA_DIR / "network.json").read_text(encoding="utf-8"))
    for spec in data["visits"]:
        _visit_ensure(summary, spec, practices)


def _visit_ensure(summary: DemoSummary, spec: dict, practices: dict) -> None:
    institution = row_ensure(
        summary,
        Institution,
        {"name": spec["institution"]["name"]},
        short_name=spec["institution"]["short_name"],
        province=Province.objects.get(code=spec["institution"]["province"]),
    )
    cohort = row_ensure(summary, Cohort, {"institution": institution, **_dates(spec["cohort"])})
    host_province = Province.objects.get(code=spec["host_province"])
    visit_fields = _dates(spec["visit"])
    visit = row_ensure(
        summary,
        Visit,
        {"cohort": cohort, "host_province": host_province, "title": visit_fields.pop("title")},
        **visit_fields,
    )
    agencies = {
        key: row_ensure(summary, HostAgency, {"province": host_province, "name": name})
        for key, name in spec["host_agencies"].items()
    }
    for agency in agencies.values():
        row_ensure(summary, VisitHostAgency, {"visit": visit, "host_agency": agency})
    notes = spec["observation_notes"]
    practices.update(
        practices_ensure(summary, spec["practices"], visit=visit, agencies=agencies, notes=notes)
    )
    for key in spec["observes"]:
        row_ensure(
            summary, PracticeObservation, {"practice": practices[key], "visit": visit}, notes=notes
        )
    facilitators = {
        key: row_ensure(
            summary,
            Facilitator,
            {"full_name": person["full_name"], "role": person["role"]},
            institution=institution,
            position=person["position"],
            email=person["email"],
        )
        for key, person in spec["facilitators"].items()
    }
    participants = {
        key: row_ensure(
            summary,
            Participant,
            {"nip": person["nip"]},
            cohort=cohort,
            **{name: value for name, value in person.items() if name != "nip"},
        )
        for key, person in spec["participants"].items()
    }
    for raw in spec["proposals"]:
        proposal_spec = parse_proposal(raw, spec["target_dates"])
        participant = participants[raw["participant"]]
        proposal = proposal_ensure(
            summary,
            proposal_spec,
            participant=participant,
            practices=practices,
            facilitators=facilitators,
        )
        if "after" in raw:
            _after_approval_ensure(summary, proposal, raw["after"], facilitators)


def _dates(fields: dict) -> dict:
    """``fields`` with its ISO dates (``start_date``, ``end_date``) made Python dates."""
    return {
        name: datetime.date.fromisoformat(value) if name.endswith("_date") else value
        for name, value in fields.items()
    }


def _after_approval_ensure(
    summary: DemoSummary, proposal: ChangeProposal, after: dict, facilitators: dict
) -> None:
    """The status steps after approval, the milestones' progress, the final report, the
    evaluation and the follow-ups, as far as ``after`` goes."""
    participant = proposal.participant
    examiner = facilitators["examiner"]
    evaluation = after.get("evaluation")
    total = predicate = None
    if evaluation:
        criteria = list(rubric())
        scores = {
            c: evaluation["scores"][i % len(evaluation["scores"])] for i, c in enumerate(criteria)
        }
        total = weighted_total([(c.weight, score) for c, score in scores.items()])
        predicate = predicate_for(total)
    steps = [
        ("started_at", participant, ProposalStatus.APPROVED, ProposalStatus.IMPLEMENTING, ""),
        (
            "report_submitted_at",
            participant,
            ProposalStatus.IMPLEMENTING,
            ProposalStatus.REPORT_SUBMITTED,
            "",
        ),
        (
            "evaluated_at",
            examiner,
            ProposalStatus.REPORT_SUBMITTED,
            ProposalStatus.EVALUATED,
            f"{total} ({predicate})",
        ),
    ]
    for name, person, from_status, to_status, comment in steps:
        if name not in after:
            break
        at = datetime.datetime.fromisoformat(after[name])
        change, created = row_get_or_create(
            summary,
            ProposalStatusChange,
            {"proposal": proposal, "from_status": from_status, "to_status": to_status},
            changed_by=person.user,
            actor_name=person.full_name,
            comment=comment,
        )
        if created:
            row_backdate(change, created_at=at)
            row_backdate(proposal, updated_at=at)
    milestones = {m.term: m for m in proposal.milestones.all()}
    for spec in after["progress"]:
        progress_ensure(summary, milestones[spec["term"]], spec, facilitators)
    if "report" in after:
        submitted = datetime.datetime.fromisoformat(after["report_submitted_at"])
        report, created = row_get_or_create(
            summary, FinalReport, {"proposal": proposal}, submitted_at=submitted, **after["report"]
        )
        if created:
            row_backdate(report, created_at=submitted, updated_at=submitted)
    if evaluation:
        _evaluation_ensure(summary, proposal, after, examiner, scores, total, predicate)
    for spec in after.get("follow_ups", []):
        row_ensure(
            summary,
            FollowUp,
            {"proposal": proposal, "checkpoint": spec["checkpoint"]},
            status=spec["status"],
            replicated_units=spec.get("replicated_units", ""),
            stop_reason=spec.get("stop_reason", ""),
            note=spec.get("note", ""),
        )


def _evaluation_ensure(summary, proposal, after, examiner, scores, total, predicate) -> None:
    """The examiner's evaluation with a score for each criterion of the rubric in use."""
    evaluation, created = row_get_or_create(
        summary,
        Evaluation,
        {"proposal": proposal},
        examiner=examiner,
        total=total,
        predicate=predicate,
        comments=after["evaluation"]["comments"],
    )
    if created:
        row_backdate(evaluation, created_at=datetime.datetime.fromisoformat(after["evaluated_at"]))
    for criterion, score in scores.items():
        row_ensure(
            summary,
            EvaluationScore,
            {"evaluation": evaluation, "criterion": criterion},
            weight=criterion.weight,
            score=score,
        )
