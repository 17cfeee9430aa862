"""The final report and its evaluation: the rubric and the services, and every refusal from the
side of the refused user."""

from decimal import Decimal

import pytest

from participants import reports
from participants.models import (
    Evaluation,
    EvaluationCriterion,
    EvaluationPredicate,
    FacilitatorRole,
    FinalReport,
    ProposalStatus,
    ProposalStatusChange,
)
from participants.services import ProposalReadOnly, TransitionRefused
from tests.factories import (
    ParticipantFactory,
    UserFactory,
)
from tests.participants.report_fixtures import SECTIONS, _person, _submitted_report

pytestmark = pytest.mark.django_db


def _scores(**by_name):
    return {c.pk: by_name[c.name] for c in EvaluationCriterion.objects.all()}


# --- the reference data -----------------------------------------------------------------------


def test_the_rubric_defaults_weigh_100_and_the_predicates_follow_lan():
    assert [(c.name, c.weight) for c in reports.rubric()] == [
        ("Substansi", 30),
        ("Implementasi", 30),
        ("Manfaat", 25),
        ("Presentasi", 15),
    ]
    assert [(p.name, p.min_score) for p in EvaluationPredicate.objects.all()] == [
        ("sangat memuaskan", 90),
        ("memuaskan", 80),
        ("cukup memuaskan", 70),
        ("kurang memuaskan", 60),
        ("tidak memuaskan", 0),
    ]


@pytest.mark.parametrize(
    ("total", "predicate"),
    [
        ("100", "sangat memuaskan"),
        ("90", "sangat memuaskan"),
        ("89.99", "memuaskan"),
        ("80", "memuaskan"),
        ("70", "cukup memuaskan"),
        ("60", "kurang memuaskan"),
        ("59.99", "tidak memuaskan"),
        ("0", "tidak memuaskan"),
    ],
)
def test_the_predicate_follows_the_thresholds(total, predicate):
    assert reports.predicate_for(Decimal(total)) == predicate


def test_the_total_is_weighted_and_rounded():
    assert reports.weighted_total([(30, 90), (30, 80), (25, 85), (15, 70)]) == Decimal("82.75")
    assert reports.weighted_total([(1, 100), (2, 0)]) == Decimal("33.33")
    assert reports.weighted_total([]) == Decimal(0)


# --- the services -----------------------------------------------------------------------------


def test_the_owner_saves_a_draft_and_submits_the_report(proposal):
    user = proposal.participant.user
    data = reports.FinalReportData(results="Baru sebagian.")
    draft = reports.final_report_save(proposal=proposal, user=user, data=data)
    assert (draft.results, draft.submitted_at) == ("Baru sebagian.", None)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IMPLEMENTING

    report = reports.final_report_save(
        proposal=proposal, user=user, data=reports.FinalReportData(**SECTIONS), submit=True
    )
    proposal.refresh_from_db()
    assert report.pk == draft.pk and report.submitted_at is not None
    assert proposal.status == ProposalStatus.REPORT_SUBMITTED
    step = ProposalStatusChange.objects.get()
    assert (step.from_status, step.to_status, step.changed_by) == (
        ProposalStatus.IMPLEMENTING,
        ProposalStatus.REPORT_SUBMITTED,
        user,
    )


def test_an_incomplete_report_is_not_submitted_and_nothing_is_written(proposal):
    data = reports.FinalReportData(**{**SECTIONS, "lessons_learned": " "})
    with pytest.raises(reports.ReportIncomplete) as refused:
        reports.final_report_save(
            proposal=proposal, user=proposal.participant.user, data=data, submit=True
        )
    assert refused.value.sections == ["lessons_learned"]
    assert not FinalReport.objects.exists()


@pytest.mark.parametrize("who", ["coach", "penguji", "other participant", "staff"])
def test_only_the_owner_writes_the_report(proposal, who):
    users = {
        "coach": proposal.coach.user,
        "penguji": proposal.examiner.user,
        "other participant": ParticipantFactory(user=UserFactory()).user,
        "staff": UserFactory(is_staff=True),
    }
    with pytest.raises(ProposalReadOnly):
        reports.final_report_save(
            proposal=proposal, user=users[who], data=reports.FinalReportData(**SECTIONS)
        )
    assert not FinalReport.objects.exists()


@pytest.mark.parametrize("status", [ProposalStatus.APPROVED, ProposalStatus.REPORT_SUBMITTED])
def test_the_report_is_written_only_while_implementing(proposal, status):
    proposal.status = status
    proposal.save()
    with pytest.raises(ProposalReadOnly) as refused:
        reports.final_report_save(
            proposal=proposal,
            user=proposal.participant.user,
            data=reports.FinalReportData(**SECTIONS),
        )
    assert refused.value.message == ("Laporan akhir ditulis selama rancangan sedang dilaksanakan.")


def test_the_examiner_evaluates(proposal, mailoutbox, django_capture_on_commit_callbacks):
    _submitted_report(proposal)
    proposal.participant.user.email = "peserta@example.org"
    proposal.participant.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = reports.evaluation_record(
            proposal=proposal,
            user=proposal.examiner.user,
            scores=_scores(Substansi=90, Implementasi=80, Manfaat=85, Presentasi=70),
            comments="Laporan runtut.",
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.EVALUATED
    assert (evaluation.total, evaluation.predicate, evaluation.examiner) == (
        Decimal("82.75"),
        "memuaskan",
        proposal.examiner,
    )
    assert [(s.criterion.name, s.weight, s.score) for s in evaluation.scores.all()] == [
        ("Substansi", 30, 90),
        ("Implementasi", 30, 80),
        ("Manfaat", 25, 85),
        ("Presentasi", 15, 70),
    ]
    assert [mail.to for mail in mailoutbox] == [["peserta@example.org"]]
    assert "telah dinilai: 82,75 (memuaskan)." in mailoutbox[0].body


@pytest.mark.parametrize("who", ["coach", "mentor", "owner", "other examiner", "staff"])
def test_only_the_assigned_examiner_evaluates(proposal, who):
    _submitted_report(proposal)
    users = {
        "coach": proposal.coach.user,
        "mentor": proposal.mentor.user,
        "owner": proposal.participant.user,
        "other examiner": _person(FacilitatorRole.EXAMINER, "lain").user,
        "staff": UserFactory(is_staff=True),
    }
    with pytest.raises(TransitionRefused) as refused:
        reports.evaluation_record(
            proposal=proposal,
            user=users[who],
            scores=_scores(Substansi=90, Implementasi=80, Manfaat=85, Presentasi=70),
        )
    assert refused.value.message == (
        "Hanya penguji yang ditugaskan pada rancangan ini yang dapat menilai laporan akhirnya."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REPORT_SUBMITTED
    assert not Evaluation.objects.exists()


def test_a_report_not_submitted_cannot_be_evaluated(proposal):
    with pytest.raises(TransitionRefused):
        reports.evaluation_record(
            proposal=proposal,
            user=proposal.examiner.user,
            scores=_scores(Substansi=90, Implementasi=80, Manfaat=85, Presentasi=70),
        )
    assert not Evaluation.objects.exists()
