"""The final report and its evaluation: the rubric, the services, the pages, and every refusal
from the side of the refused user."""

from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

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
    ChangeProposalFactory,
    FacilitatorFactory,
    MilestoneFactory,
    ParticipantFactory,
    UserFactory,
    proposal_ready_to_submit,
)

pytestmark = pytest.mark.django_db

SECTIONS = {
    "results": "Kanal aduan terpadu berjalan di tiga OPD.",
    "organisation_benefits": "Aduan tercatat dan dilacak.",
    "public_benefits": "Warga mendapat jawaban dalam lima hari.",
    "lessons_learned": "Dukungan pimpinan menentukan.",
    "sustainability_plan": "SK Kepala Dinas dan anggaran tahunan.",
}


def _person(role, username):
    return FacilitatorFactory(
        user=UserFactory(username=username), role=role, full_name=f"Bapak {username}"
    )


@pytest.fixture
def proposal():
    """A proposal being implemented, with its participant, coach, mentor and examiner."""
    proposal = proposal_ready_to_submit(
        participant=ParticipantFactory(user=UserFactory(username="peserta")),
        title="Kanal aduan terpadu",
        coach=_person(FacilitatorRole.COACH, "coach"),
        mentor=_person(FacilitatorRole.MENTOR, "mentor"),
        examiner=_person(FacilitatorRole.EXAMINER, "penguji"),
        status=ProposalStatus.IMPLEMENTING,
        submitted_at=timezone.now(),
    )
    return proposal


def _submitted_report(proposal):
    FinalReport.objects.create(proposal=proposal, submitted_at=timezone.now(), **SECTIONS)
    proposal.status = ProposalStatus.REPORT_SUBMITTED
    proposal.save()
    return proposal


def _scores(**by_name):
    return {c.pk: by_name[c.name] for c in EvaluationCriterion.objects.all()}


def _post_scores(**by_name):
    data = {f"score_{c.pk}": by_name[c.name] for c in EvaluationCriterion.objects.all()}
    return {**data, "comments": "Laporan runtut."}


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


# --- the pages --------------------------------------------------------------------------------


def report_url(proposal, name="report-detail"):
    return reverse(f"participants:{name}", args=[proposal.pk])


def test_the_participant_writes_and_submits_the_report_through_the_form(client, proposal):
    client.force_login(proposal.participant.user)
    page = client.get(report_url(proposal))
    assert "Tulis laporan akhir" in page.text
    form = client.get(report_url(proposal, "report-edit"))
    assert form.status_code == HTTPStatus.OK
    assert "Tahap short." in form.text

    refused = client.post(
        report_url(proposal, "report-edit"), {**SECTIONS, "results": "", "action": "submit"}
    )
    assert refused.status_code == HTTPStatus.OK
    assert (
        '<a href="#id_results">Hasil: Isi bagian ini sebelum mengajukan laporan.</a>'
        in refused.text
    )
    assert not FinalReport.objects.exists()

    response = client.post(report_url(proposal, "report-edit"), {**SECTIONS, "action": "submit"})
    assert response.status_code == HTTPStatus.FOUND
    page = client.get(response.url)
    assert "Laporan akhir Anda telah diajukan kepada penguji." in page.text
    assert SECTIONS["sustainability_plan"] in page.text
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REPORT_SUBMITTED


@pytest.mark.parametrize("who", ["coach", "penguji", "other participant"])
def test_nobody_but_the_owner_opens_the_report_form(client, proposal, who):
    users = {
        "coach": proposal.coach.user,
        "penguji": proposal.examiner.user,
        "other participant": ParticipantFactory(user=UserFactory()).user,
    }
    client.force_login(users[who])
    assert client.get(report_url(proposal, "report-edit")).status_code == HTTPStatus.NOT_FOUND
    response = client.post(report_url(proposal, "report-edit"), {**SECTIONS, "action": "submit"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not FinalReport.objects.exists()


def test_a_draft_report_is_shown_to_its_writer_only(client, proposal):
    FinalReport.objects.create(proposal=proposal, results="Draf rahasia.")
    client.force_login(proposal.participant.user)
    assert "Draf rahasia." in client.get(report_url(proposal)).text
    client.force_login(proposal.coach.user)
    page = client.get(report_url(proposal))
    assert "Draf rahasia." not in page.text
    assert "Laporan akhir belum diajukan." in page.text
    assert "Tulis laporan akhir" not in page.text


def test_the_examiner_scores_through_the_form_and_the_participant_sees_the_result(client, proposal):
    _submitted_report(proposal)
    client.force_login(proposal.examiner.user)
    assert "Nilai laporan akhir" in client.get(report_url(proposal)).text
    form = client.get(report_url(proposal, "evaluation"))
    assert form.status_code == HTTPStatus.OK
    assert SECTIONS["results"] in form.text
    assert "Bobot 30 %." in form.text

    bad = client.post(
        report_url(proposal, "evaluation"),
        _post_scores(Substansi=101, Implementasi=80, Manfaat=85, Presentasi="x"),
    )
    assert bad.status_code == HTTPStatus.OK
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 100." in bad.text
    assert not Evaluation.objects.exists()

    response = client.post(
        report_url(proposal, "evaluation"),
        _post_scores(Substansi=95, Implementasi=92, Manfaat=90, Presentasi=88),
    )
    assert response.status_code == HTTPStatus.FOUND
    assert "Penilaian disimpan: 91,80 (sangat memuaskan)." in client.get(response.url).text

    client.force_login(proposal.participant.user)
    page = client.get(report_url(proposal))
    for text in ("91,80", "sangat memuaskan", "Laporan runtut.", "Bapak penguji"):
        assert text in page.text, text


@pytest.mark.parametrize("who", ["coach", "mentor", "owner"])
def test_the_evaluation_form_refuses_everyone_but_the_examiner(client, proposal, who):
    _submitted_report(proposal)
    users = {
        "coach": proposal.coach.user,
        "mentor": proposal.mentor.user,
        "owner": proposal.participant.user,
    }
    client.force_login(users[who])
    assert "Nilai laporan akhir" not in client.get(report_url(proposal)).text
    assert client.get(report_url(proposal, "evaluation")).status_code == HTTPStatus.FORBIDDEN
    response = client.post(
        report_url(proposal, "evaluation"),
        _post_scores(Substansi=95, Implementasi=92, Manfaat=90, Presentasi=88),
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Evaluation.objects.exists()


def test_a_reader_who_may_not_see_the_proposal_gets_a_404(client, proposal):
    client.force_login(ParticipantFactory(user=UserFactory()).user)
    for name in ("report-detail", "report-edit", "evaluation"):
        assert client.get(report_url(proposal, name)).status_code == HTTPStatus.NOT_FOUND


def test_anonymous_visitors_go_to_the_login_page(client, proposal):
    for name in ("report-detail", "report-edit", "evaluation"):
        response = client.get(report_url(proposal, name))
        assert response.status_code == HTTPStatus.FOUND
        assert response.url.startswith(reverse("login"))


def test_the_evaluation_form_of_a_report_not_submitted_sends_back_with_a_message(client, proposal):
    client.force_login(proposal.examiner.user)
    response = client.get(report_url(proposal, "evaluation"))
    assert response.status_code == HTTPStatus.FOUND
    assert (
        "Hanya laporan akhir yang sudah diajukan yang dapat dinilai, dan hanya sekali."
        in client.get(response.url).text
    )


#: Session, user, the header's participant and facilitator look-ups; the proposal with its
#: people, report and evaluation; the evaluation's scores; the milestones.
REPORT_QUERIES = 7


@pytest.mark.parametrize("count", [3, 30])
def test_report_page_query_count_does_not_grow(client, django_assert_num_queries, count):
    proposal = ChangeProposalFactory(
        examiner=FacilitatorFactory(role=FacilitatorRole.EXAMINER),
        status=ProposalStatus.EVALUATED,
        submitted_at=timezone.now(),
    )
    FinalReport.objects.create(proposal=proposal, submitted_at=timezone.now(), **SECTIONS)
    evaluation = Evaluation.objects.create(
        proposal=proposal, examiner=proposal.examiner, total=80, predicate="memuaskan"
    )
    for criterion in EvaluationCriterion.objects.all():
        evaluation.scores.create(criterion=criterion, weight=criterion.weight, score=80)
    for number in range(count):
        MilestoneFactory(proposal=proposal, description=f"Tahap {number}.")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.get(report_url(proposal))

    with django_assert_num_queries(REPORT_QUERIES):
        page = client.get(report_url(proposal)).text

    assert page.count("Tahap ") == count


#: Session, user, the header's look-ups; the proposal with its people and report; its
#: milestones; the rubric (no evaluation yet, so no scores to read).
EVALUATION_FORM_QUERIES = 7
#: Session, user, the header's look-ups; the participant's proposal; its report; milestones.
REPORT_FORM_QUERIES = 7


@pytest.mark.parametrize("count", [3, 30])
def test_form_pages_query_counts_do_not_grow(client, django_assert_num_queries, proposal, count):
    for number in range(count):
        MilestoneFactory(proposal=proposal, description=f"Langkah {number}.")
    client.force_login(proposal.participant.user)
    client.get(report_url(proposal, "report-edit"))
    with django_assert_num_queries(REPORT_FORM_QUERIES):
        page = client.get(report_url(proposal, "report-edit")).text
    assert page.count("Langkah ") == count

    _submitted_report(proposal)
    client.force_login(proposal.examiner.user)
    client.get(report_url(proposal, "evaluation"))
    with django_assert_num_queries(EVALUATION_FORM_QUERIES):
        page = client.get(report_url(proposal, "evaluation")).text
    assert page.count("Langkah ") == count
