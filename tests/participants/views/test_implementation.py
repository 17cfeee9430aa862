"""The implementation pages: who opens them, progress with evidence, refused files, feedback,
the evidence download and its permission, and the pages' query counts."""

import datetime
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT
from django.urls import reverse

from participants.evidence import MAX_EVIDENCE_SIZE, evidence_attach
from participants.models import (
    EvidenceAttachment,
    MilestoneFeedback,
    MilestoneProgress,
    ProposalStatus,
)
from tests.factories import MilestoneFactory
from tests.participants.lifecycle_fixtures import EXE_BYTES, PDF_BYTES, PNG_BYTES, put_in
from tests.participants.views.test_reviews import BADGE_AFTER_AN_ITEM

pytestmark = pytest.mark.django_db

CIRCLE = ("owner", "coach", "mentor", "examiner", "organizer", "superuser")
OUTSIDERS = ("other_participant", "unassigned_facilitator", "other_organizer")


def implementation_url(proposal):
    return reverse("participants:implementation", kwargs={"pk": proposal.pk})


def progress_url(milestone):
    return reverse(
        "participants:milestone-progress",
        kwargs={"pk": milestone.proposal_id, "milestone": milestone.pk},
    )


def feedback_url(milestone):
    return reverse(
        "participants:milestone-feedback",
        kwargs={"pk": milestone.proposal_id, "milestone": milestone.pk},
    )


def download_url(attachment):
    return reverse(
        "participants:evidence-download",
        kwargs={"pk": attachment.milestone.proposal_id, "evidence": attachment.pk},
    )


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def evidence(circle):
    users, proposal = circle
    return evidence_attach(
        milestone=proposal.milestones.first(),
        user=users["owner"],
        upload=SimpleUploadedFile("Bukti rapat Ölçü.pdf", PDF_BYTES),
    )


@pytest.mark.parametrize("who", CIRCLE)
def test_the_circle_opens_the_implementation_page(client, circle, evidence, who):
    users, proposal = circle
    client.force_login(users[who])
    page = client.get(implementation_url(proposal)).content.decode()
    assert "Pelaksanaan dan bukti" in page
    assert "Bukti rapat Ölçü.pdf" in page
    assert ("Laporkan kemajuan" in page) == (who == "owner")
    assert ("Konfirmasi kemajuan" in page) == (who == "mentor")
    assert ("Komentar saja" in page) == (who in ("mentor", "coach"))


def test_a_milestone_shows_its_target_and_its_progress_badge_apart(client, circle):
    users, proposal = circle
    assert proposal.milestones.exclude(target_date=None).exists()
    client.force_login(users["owner"])

    page = client.get(implementation_url(proposal)).content.decode()

    assert "Target: " in page and "Belum dimulai</span>" in page
    assert not BADGE_AFTER_AN_ITEM.search(page)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_a_404_for_the_implementation_page(client, circle, who):
    users, proposal = circle
    client.force_login(users[who])
    assert client.get(implementation_url(proposal)).status_code == HTTPStatus.NOT_FOUND


def test_anonymous_users_go_to_the_login_page(client, circle):
    _users, proposal = circle
    response = client.get(implementation_url(proposal))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("login"))


def test_the_participant_starts_carrying_out_an_approved_proposal(client, circle):
    users, proposal = circle
    put_in(proposal, ProposalStatus.APPROVED)
    client.force_login(users["owner"])
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Mulai melaksanakan rancangan" in page
    response = client.post(
        reverse("participants:implementation-start", kwargs={"pk": proposal.pk}), follow=True
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IMPLEMENTING
    assert "Anda mulai melaksanakan rancangan." in response.content.decode()


@pytest.mark.parametrize("who", ["coach", "mentor", "organizer"])
def test_others_cannot_start_it(client, circle, who):
    users, proposal = circle
    put_in(proposal, ProposalStatus.APPROVED)
    client.force_login(users[who])
    assert (
        "Mulai melaksanakan rancangan"
        not in client.get(proposal.get_absolute_url()).content.decode()
    )
    response = client.post(
        reverse("participants:implementation-start", kwargs={"pk": proposal.pk}), follow=True
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert "Hanya peserta yang menyusun rancangan ini" in response.content.decode()


def test_the_participant_reports_progress_with_evidence(client, circle, settings):
    users, proposal = circle
    milestone = proposal.milestones.first()
    client.force_login(users["owner"])
    response = client.post(
        progress_url(milestone),
        {
            "status": "done",
            "achieved_on": "2018-10-20",
            "achievement": "SOP aduan ditetapkan kepala dinas.",
            "drop_reason": "",
            "evidence": SimpleUploadedFile("sk.png", PNG_BYTES),
        },
        follow=True,
    )
    assert "Kemajuan disimpan." in response.content.decode()
    progress = MilestoneProgress.objects.get(milestone=milestone)
    assert (progress.status, progress.achieved_on) == ("done", datetime.date(2018, 10, 20))
    attachment = EvidenceAttachment.objects.get(milestone=milestone)
    assert (attachment.original_name, attachment.content_type) == ("sk.png", "image/png")
    assert len(media_files(settings)) == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.pdf", EXE_BYTES, "“laporan.pdf” adalah program, bukan dokumen; berkas ditolak."),
        (
            "besar.pdf",
            PDF_BYTES + b"0" * MAX_EVIDENCE_SIZE,
            "“besar.pdf” lebih besar dari 10 MB; berkas ditolak.",
        ),
    ],
)
def test_a_refused_file_writes_nothing(client, circle, settings, name, content, message):
    users, proposal = circle
    milestone = proposal.milestones.first()
    client.force_login(users["owner"])
    response = client.post(
        progress_url(milestone),
        {
            "status": "done",
            "achievement": "Selesai.",
            "evidence": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not MilestoneProgress.objects.exists()
    assert not EvidenceAttachment.objects.exists()
    assert media_files(settings) == []


def multipart_with_file_name(file_name: str, content: bytes, fields: dict) -> bytes:
    """A multipart body naming the file exactly as given (the test client would cut a path)."""
    lines = []
    for key, value in fields.items():
        lines += [f"--{BOUNDARY}", f'Content-Disposition: form-data; name="{key}"', "", value]
    head = "\r\n".join(
        [
            *lines,
            f"--{BOUNDARY}",
            f'Content-Disposition: form-data; name="evidence"; filename="{file_name}"',
            "Content-Type: application/pdf",
            "",
            "",
        ]
    ).encode()
    return head + content + f"\r\n--{BOUNDARY}--\r\n".encode()


@pytest.mark.parametrize("file_name", ["../x.pdf", "a/b.pdf", "C:\\x.pdf"])
def test_a_file_name_with_a_path_is_refused(client, circle, settings, file_name):
    users, proposal = circle
    milestone = proposal.milestones.first()
    client.force_login(users["owner"])
    body = multipart_with_file_name(
        file_name, PDF_BYTES, {"status": "done", "achievement": "Selesai."}
    )
    response = client.generic("POST", progress_url(milestone), body, content_type=MULTIPART_CONTENT)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "memuat jalur folder; berikan nama berkasnya saja." in response.content.decode()
    assert not MilestoneProgress.objects.exists()
    assert not EvidenceAttachment.objects.exists()
    assert media_files(settings) == []


@pytest.mark.parametrize("who", [w for w in CIRCLE + OUTSIDERS if w != "owner"])
def test_only_the_participant_opens_the_progress_form(client, circle, who):
    users, proposal = circle
    client.force_login(users[who])
    response = client.get(progress_url(proposal.milestones.first()))
    expected = HTTPStatus.NOT_FOUND if who in OUTSIDERS else HTTPStatus.FORBIDDEN
    assert response.status_code == expected


def test_the_mentor_confirms_and_the_coach_comments(client, circle):
    users, proposal = circle
    milestone = proposal.milestones.first()
    client.force_login(users["mentor"])
    response = client.post(feedback_url(milestone), {"confirmed": "on"}, follow=True)
    assert "Umpan balik Anda disimpan." in response.content.decode()
    assert "Dikonfirmasi" in response.content.decode()
    client.force_login(users["coach"])
    response = client.post(feedback_url(milestone), {"confirmed": "on"}, follow=True)
    assert "Hanya mentor yang mengonfirmasi kemajuan; coach memberi komentar." in (
        response.content.decode()
    )
    client.post(feedback_url(milestone), {"comment": "Lengkapi notulen."})
    assert list(
        MilestoneFeedback.objects.values_list("facilitator__user__username", "confirmed")
    ) == [
        ("mentor", True),
        ("coach", False),
    ]


@pytest.mark.parametrize("who", ["owner", "examiner", "organizer"])
def test_others_in_the_circle_give_no_feedback(client, circle, who):
    users, proposal = circle
    client.force_login(users[who])
    response = client.post(feedback_url(proposal.milestones.first()), {"comment": "Catatan."})
    assert response.status_code == HTTPStatus.FOUND
    assert not MilestoneFeedback.objects.exists()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_give_no_feedback(client, circle, who):
    users, proposal = circle
    client.force_login(users[who])
    response = client.post(feedback_url(proposal.milestones.first()), {"comment": "Catatan."})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not MilestoneFeedback.objects.exists()


@pytest.mark.parametrize("who", CIRCLE)
def test_the_circle_downloads_the_evidence_as_an_attachment(client, circle, evidence, who):
    users, _proposal = circle
    client.force_login(users[who])
    response = client.get(download_url(evidence))
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        'attachment; filename="Bukti_rapat__l__.pdf"; '
        "filename*=UTF-8''Bukti%20rapat%20%C3%96l%C3%A7%C3%BC.pdf"
    )


@pytest.mark.parametrize("who", (None, *OUTSIDERS))
def test_others_get_a_404_for_the_evidence(client, circle, evidence, who):
    users, _proposal = circle
    if who:
        client.force_login(users[who])
    assert client.get(download_url(evidence)).status_code == HTTPStatus.NOT_FOUND


def test_evidence_of_another_proposal_is_a_404_under_this_one(client, circle, evidence):
    users, proposal = circle
    other = MilestoneFactory().proposal
    client.force_login(users["superuser"])
    url = reverse(
        "participants:evidence-download", kwargs={"pk": other.pk, "evidence": evidence.pk}
    )
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


IMPLEMENTATION_QUERIES = 6


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_does_not_grow_with_milestones(
    client, circle, django_assert_num_queries, count
):
    users, proposal = circle
    for n in range(count):
        milestone = MilestoneFactory(proposal=proposal, description=f"Tahap {n}.")
        MilestoneProgress.objects.create(milestone=milestone, status="in_progress")
        EvidenceAttachment.objects.create(
            milestone=milestone,
            file="private/evidence/x",
            original_name=f"b{n}.pdf",
            content_type="application/pdf",
            size=10,
        )
        MilestoneFeedback.objects.create(
            milestone=milestone, facilitator=proposal.mentor, confirmed=True
        )
    client.force_login(users["mentor"])
    with django_assert_num_queries(IMPLEMENTATION_QUERIES):
        response = client.get(implementation_url(proposal))
    assert response.content.decode().count("Dikonfirmasi") == count


#: Session, user with their profiles; the milestone with its proposal and progress; the
#: milestone's evidence.
PROGRESS_FORM_QUERIES = 4


@pytest.mark.parametrize("count", [3, 30])
def test_the_progress_form_query_count_does_not_grow_with_evidence(
    client, circle, django_assert_num_queries, count
):
    users, proposal = circle
    milestone = proposal.milestones.get(term="short")
    MilestoneProgress.objects.create(milestone=milestone, status="in_progress")
    for n in range(count):
        EvidenceAttachment.objects.create(
            milestone=milestone,
            file="private/evidence/x",
            original_name=f"bukti-{n}.pdf",
            content_type="application/pdf",
            size=10,
        )
    client.force_login(users["owner"])
    client.get(progress_url(milestone))

    with django_assert_num_queries(PROGRESS_FORM_QUERIES):
        page = client.get(progress_url(milestone)).content.decode()

    assert page.count("bukti-") == count
