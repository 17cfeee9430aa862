"""The rule for submitting a proposal, applied to what was typed (the proposal form, to show
each message where it belongs) and to what is saved (the workflow service, before submitting).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from participants.models import AdaptationMode, ChangeProposal, MilestoneTerm

PROBLEM_MISSING = gettext_lazy("Describe the problem that the proposal addresses.")
NO_PRACTICE = gettext_lazy("Add at least one adapted practice.")
KEPT_MISSING = gettext_lazy("Say what is kept from “%(practice)s”.")
CHANGED_MISSING = gettext_lazy("Say what changes when you adapt “%(practice)s”.")
MILESTONE_MISSING = {
    MilestoneTerm.SHORT: gettext_lazy("Add at least one short-term milestone."),
    MilestoneTerm.MEDIUM: gettext_lazy("Add at least one medium-term milestone."),
    MilestoneTerm.LONG: gettext_lazy("Add at least one long-term milestone."),
}


@dataclass(frozen=True)
class AdaptationNotes:
    """What the submission rule needs to know of one adaptation."""

    practice_title: str
    mode: str
    kept: str
    changed: str


@dataclass(frozen=True)
class SubmissionProblem:
    """One thing missing before a proposal can be submitted.

    ``field`` is ``"problem"``, ``"adaptations"``, ``"milestones"``, or ``"kept"`` / ``"changed"`` of the
    adaptation at position ``index``, so that a form can show the message where it belongs.
    """

    message: str
    field: str
    index: int | None = None


def submission_problems(
    *,
    adaptations: Iterable[AdaptationNotes],
    milestone_terms: Iterable[str],
    problem: str | None = None,
) -> list[SubmissionProblem]:
    """The rule for submitting: the problem described (when ``problem`` is given; a draft may
    leave it empty), at least one adapted practice, each saying what is kept (and, when
    adapting, what changes), and at least one milestone in each term."""
    problems = []
    if problem is not None and not problem.strip():
        problems.append(SubmissionProblem(str(PROBLEM_MISSING), "problem"))
    adaptations = list(adaptations)
    if not adaptations:
        problems.append(SubmissionProblem(str(NO_PRACTICE), "adaptations"))
    for index, notes in enumerate(adaptations):
        params = {"practice": notes.practice_title}
        if not notes.kept.strip():
            problems.append(SubmissionProblem(KEPT_MISSING % params, "kept", index))
        if notes.mode == AdaptationMode.ADAPT and not notes.changed.strip():
            problems.append(SubmissionProblem(CHANGED_MISSING % params, "changed", index))
    terms = set(milestone_terms)
    for term, message in MILESTONE_MISSING.items():
        if term not in terms:
            problems.append(SubmissionProblem(str(message), "milestones"))
    return problems


def proposal_submission_problems(proposal: ChangeProposal) -> list[SubmissionProblem]:
    """The submission rule applied to what is saved in the database."""
    adaptations = [
        AdaptationNotes(a.practice.title, a.mode, a.kept, a.changed)
        for a in proposal.adaptations.select_related("practice").order_by("pk")
    ]
    terms = proposal.milestones.values_list("term", flat=True)
    return submission_problems(
        adaptations=adaptations, milestone_terms=terms, problem=proposal.problem
    )
