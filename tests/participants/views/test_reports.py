"""The pages of the final report and its evaluation, every refusal from the side of the refused
user, and query counts that do not grow with the data."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import (
    Evaluation,
    EvaluationCriterion,
    FacilitatorRole,
    FinalReport,
    ProposalStatus,
)
from tests.factories import (
    ChangeProposalFactory,
    FacilitatorFactory,
    MilestoneFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.participants.report_fixtures import SECTIONS, _submitted_report

pytestmark = pytest.mark.django_db


def _post_scores(**by_name):
    data = {f"score_{c.pk}": by_name[c.name] for c in EvaluationCriterion.objects.all()}
    return {**data, "comments": "Laporan runtut."}


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


#: Session, user with their profiles; the proposal with its
#: people, report and evaluation; the evaluation's scores; the milestones.
REPORT_QUERIES = 5


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


#: Session, user with their profiles; the proposal with its people and report; its
#: milestones; the rubric (no evaluation yet, so no scores to read).
EVALUATION_FORM_QUERIES = 5
#: Session, user with their profiles; the participant's proposal; its report; milestones.
REPORT_FORM_QUERIES = 5


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
