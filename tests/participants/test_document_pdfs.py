"""The documents' PDFs kept ready (``participants.document_pdfs``): printed once and served
from the cache, never stale after a change, never to someone who may not read the proposal,
and printed off the request by a task after every change when there is a task queue."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from participants import document_pdfs, documents, services
from participants.models import ChangeProposal, ProposalStatus
from tests.factories import ParticipantFactory, UserFactory
from tests.participants.test_documents import _evaluated, _proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def printed(monkeypatch):
    """Stands in for WeasyPrint: the "PDF" is the HTML it is printed from, and every print is
    counted in the list returned."""
    prints = []

    def render(html):
        prints.append(html)
        return b"%PDF-" + html.encode()

    monkeypatch.setattr(documents, "render_pdf", render)
    return prints


def pdf_url(proposal, name="document-pdf"):
    return reverse(f"participants:{name}", args=[proposal.pk])


def test_a_pdf_is_printed_once_then_served_as_kept(client, printed):
    proposal = _proposal()
    client.force_login(proposal.participant.user)

    first = client.get(pdf_url(proposal))
    second = client.get(pdf_url(proposal))

    assert first.status_code == second.status_code == HTTPStatus.OK
    assert second["Content-Type"] == "application/pdf"
    assert second.content == first.content
    assert "Kanal aduan terpadu" in second.content.decode()
    assert len(printed) == 1


def test_a_changed_proposal_gets_a_new_pdf(client, printed):
    proposal = _proposal()
    client.force_login(proposal.participant.user)
    client.get(pdf_url(proposal))

    ChangeProposal.objects.filter(pk=proposal.pk).update(title="Kanal aduan satu pintu")
    services.proposal_version_bump(proposal_ids=[proposal.pk])
    text = client.get(pdf_url(proposal)).content.decode()

    assert "Kanal aduan satu pintu" in text
    assert "Kanal aduan terpadu" not in text
    assert len(printed) == 2


def test_a_change_the_version_does_not_show_still_gives_a_new_pdf(client, printed):
    """The key holds the HTML's digest: a facilitator renamed in the admin changes the approval
    sheet without touching the proposal's version."""
    proposal = _proposal()
    client.force_login(proposal.participant.user)
    client.get(pdf_url(proposal))

    proposal.coach.full_name = "Budi Santoso"
    proposal.coach.save()

    assert "Budi Santoso" in client.get(pdf_url(proposal)).content.decode()
    assert len(printed) == 2


@pytest.mark.parametrize("name", ["document-pdf", "report-document-pdf"])
def test_a_kept_pdf_is_refused_to_those_who_may_not_read_the_proposal(client, printed, name):
    proposal = _evaluated(_proposal())
    client.force_login(proposal.participant.user)
    assert client.get(pdf_url(proposal, name)).status_code == HTTPStatus.OK

    client.force_login(ParticipantFactory(user=UserFactory()).user)
    assert client.get(pdf_url(proposal, name)).status_code == HTTPStatus.NOT_FOUND
    client.logout()
    response = client.get(pdf_url(proposal, name))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("login"))
    assert len(printed) == 1


def test_the_task_prints_both_documents_and_the_request_serves_them(client, printed):
    proposal = _evaluated(_proposal())

    assert document_pdfs.pdfs_prepare(proposal_ids=[proposal.pk]) == 2
    assert len(printed) == 2

    client.force_login(proposal.coach.user)
    design = client.get(pdf_url(proposal))
    report = client.get(pdf_url(proposal, "report-document-pdf"))
    assert design.status_code == report.status_code == HTTPStatus.OK
    assert "Kanal berjalan di tiga OPD." in report.content.decode()
    assert "Kanal berjalan di tiga OPD." not in design.content.decode()
    assert len(printed) == 2


def test_the_task_prints_no_report_before_it_is_submitted(printed):
    proposal = _proposal()
    assert document_pdfs.pdfs_prepare(proposal_ids=[proposal.pk]) == 1
    assert document_pdfs.pdfs_prepare(proposal_ids=[proposal.pk]) == 1
    assert len(printed) == 1


def test_the_task_without_the_pdf_library_prints_nothing(monkeypatch):
    def unavailable(html):
        raise documents.PdfUnavailable("libpango-1.0.so.0: cannot open shared object file")

    monkeypatch.setattr(documents, "render_pdf", unavailable)
    assert document_pdfs.pdfs_prepare(proposal_ids=[_proposal().pk]) == 0


@pytest.fixture
def queued(monkeypatch):
    """The tasks put on the queue after the commit, as ``(task, kwargs)``."""
    tasks = []
    monkeypatch.setattr(
        document_pdfs, "task_after_commit", lambda task, **kwargs: tasks.append((task, kwargs))
    )
    return tasks


def test_a_status_change_queues_the_printing_of_the_new_pdfs(settings, queued):
    settings.LOKUS_TASKS_ON_QUEUE = True
    proposal = _proposal()

    services.proposal_transition(
        proposal=proposal,
        user=UserFactory(is_staff=True, is_superuser=True),
        to_status=ProposalStatus.IMPLEMENTING,
    )

    assert queued == [(document_pdfs.pdfs_prepare, {"proposal_ids": [proposal.pk]})]


def test_a_bulk_change_queues_the_printing_in_small_tasks(settings, queued):
    settings.LOKUS_TASKS_ON_QUEUE = True
    ids = list(range(1, 2 * document_pdfs.PROPOSALS_PER_TASK + 2))

    document_pdfs.pdfs_prepare_after_commit(proposal_ids=ids)

    assert [len(kwargs["proposal_ids"]) for _, kwargs in queued] == [
        document_pdfs.PROPOSALS_PER_TASK,
        document_pdfs.PROPOSALS_PER_TASK,
        1,
    ]
    assert sorted(pk for _, kwargs in queued for pk in kwargs["proposal_ids"]) == ids


def test_without_a_queue_the_first_request_prints_instead(settings, queued):
    settings.LOKUS_TASKS_ON_QUEUE = False
    proposal = _proposal()

    services.proposal_version_bump(proposal_ids=[proposal.pk])

    assert queued == []


def test_a_refused_edit_queues_nothing(settings, queued):
    settings.LOKUS_TASKS_ON_QUEUE = True
    proposal = _proposal()

    moved = services.proposal_version_bump(
        proposal_ids=[proposal.pk], at_version=proposal.version + 5
    )

    assert moved == 0
    assert queued == []
