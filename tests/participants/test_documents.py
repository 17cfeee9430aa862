"""The change proposal as a document: the print view and the PDF (its text extracted), the
program's own term, and who may get it."""

import io
import os
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from benchmarking.models import Program
from participants import documents
from participants.models import (
    AdaptationMode,
    Evaluation,
    EvaluationCriterion,
    FacilitatorRole,
    FinalReport,
    MilestoneTerm,
    ProposalStatus,
)
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
    nip_for,
    province,
)

pytestmark = pytest.mark.django_db


def _pdf_missing() -> str:
    """Why a PDF cannot be made here (WeasyPrint or Pango missing), or ``""``."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        return f"WeasyPrint cannot load ({error}); install libpango-1.0-0 libpangoft2-1.0-0"
    return ""


@pytest.fixture
def pdf_text():
    """Extracts the text of a PDF response; skips (fails with LOKUS_REQUIRE_PDF=1) when the
    PDF library cannot load on this machine."""
    missing = _pdf_missing()
    if missing:
        if os.environ.get("LOKUS_REQUIRE_PDF") == "1":
            pytest.fail(missing)
        pytest.skip(missing)
    from pypdf import PdfReader

    def extract(response) -> str:
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        # Headings are set in capitals by the stylesheet: compare without case.
        return "\n".join(page.extract_text() for page in reader.pages).casefold()

    return extract


def _facilitator(role, name, username, nip=""):
    return FacilitatorFactory(
        user=UserFactory(username=username), role=role, full_name=name, nip=nip
    )


def _proposal(program=Program.DIKLATPIM_IV, **kwargs):
    cohort = CohortFactory(
        institution=InstitutionFactory(
            name="BPSDM Provinsi Lampung", short_name="BPSDM Lampung", province=province("18")
        ),
        program=program,
        name="Angkatan II",
        year=2018,
    )
    proposal = ChangeProposalFactory(
        title="Kanal aduan terpadu",
        participant=ParticipantFactory(
            user=UserFactory(username="peserta"),
            full_name="Siti Rahmawati",
            nip=nip_for(7),
            cohort=cohort,
        ),
        problem="Aduan warga tercecer di banyak kanal.",
        goals="Satu kanal aduan terpadu.",
        benefits="Aduan dijawab cepat.",
        stakeholders="Kepala dinas dan warga.",
        coach=_facilitator(FacilitatorRole.COACH, "Budi Coach", "coach", nip_for(8)),
        mentor=_facilitator(FacilitatorRole.MENTOR, "Ani Mentor", "mentor", nip_for(9)),
        examiner=_facilitator(FacilitatorRole.EXAMINER, "Dedi Penguji", "penguji"),
        submitted_at=timezone.now(),
        **{"status": ProposalStatus.APPROVED, **kwargs},
    )
    PracticeAdaptationFactory(
        proposal=proposal,
        practice=BestPracticeFactory(title="Lapor Gub Jawa Tengah"),
        mode=AdaptationMode.ADAPT,
        kept="Tindak lanjut dalam lima hari.",
        changed="Lewat SMS.",
        rationale="Sinyal terbatas.",
    )
    MilestoneFactory(proposal=proposal, term=MilestoneTerm.SHORT, description="Menyusun SOP.")
    MilestoneFactory(proposal=proposal, term=MilestoneTerm.LONG, description="Kanal se-provinsi.")
    return proposal


def _evaluated(proposal):
    FinalReport.objects.create(
        proposal=proposal,
        submitted_at=timezone.now(),
        results="Kanal berjalan di tiga OPD.",
        organisation_benefits="Aduan terlacak.",
        public_benefits="Jawaban dalam lima hari.",
        lessons_learned="Dukungan pimpinan.",
        sustainability_plan="SK Kepala Dinas.",
    )
    evaluation = Evaluation.objects.create(
        proposal=proposal,
        examiner=proposal.examiner,
        total=86,
        predicate="memuaskan",
        comments="Runtut dan berdampak.",
    )
    for criterion in EvaluationCriterion.objects.all():
        evaluation.scores.create(criterion=criterion, weight=criterion.weight, score=86)
    proposal.status = ProposalStatus.EVALUATED
    proposal.save()
    return proposal


def url(proposal, name="document"):
    return reverse(f"participants:{name}", args=[proposal.pk])


DESIGN_TEXT = [
    "RANCANGAN PROYEK PERUBAHAN",
    "Kanal aduan terpadu",
    "Siti Rahmawati",
    "BPSDM PROVINSI LAMPUNG",
    "Lembar persetujuan",
    "Proyek perubahan “Kanal aduan terpadu” telah diperiksa dan disetujui.",
    "Budi Coach",
    "Ani Mentor",
    nip_for(7),
    nip_for(8),
    nip_for(9),
    "Tanda tangan",
    "Tanggal",
    "Aduan warga tercecer di banyak kanal.",
    "Lapor Gub Jawa Tengah",
    "Tindak lanjut dalam lima hari.",
    "Menyusun SOP.",
    "Kanal se-provinsi.",
]


def test_the_print_view_holds_the_whole_design_in_the_guideline_order(client):
    proposal = _proposal()
    client.force_login(proposal.participant.user)
    page = client.get(url(proposal))
    assert page.status_code == HTTPStatus.OK
    text = page.content.decode()
    for expected in DESIGN_TEXT:
        assert expected in text, expected
    order = [
        "Lembar persetujuan",
        "I. Pendahuluan",
        "A. Latar belakang: permasalahan",
        "B. Tujuan",
        "C. Manfaat",
        "II. Pemangku kepentingan",
        "III. Praktik baik yang diadopsi dan diadaptasi",
        "IV. Milestone",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "Unduh sebagai PDF" in text


def test_the_pdf_holds_the_design(client, pdf_text):
    proposal = _proposal()
    client.force_login(proposal.coach.user)
    text = pdf_text(client.get(url(proposal, "document-pdf")))
    for expected in DESIGN_TEXT:
        assert expected.casefold() in text, expected
    assert "unduh sebagai pdf" not in text


@pytest.mark.parametrize(
    ("program", "term"),
    [
        (Program.DIKLATPIM_IV, "PROYEK PERUBAHAN"),
        (Program.PKN, "PROYEK PERUBAHAN"),
        (Program.PKP, "AKSI PERUBAHAN"),
        (Program.PKA, "AKSI PERUBAHAN"),
    ],
)
def test_each_program_uses_its_own_term(client, program, term):
    proposal = _proposal(program=program)
    client.force_login(proposal.participant.user)
    assert f"RANCANGAN {term}" in client.get(url(proposal)).content.decode()


def test_the_report_document_adds_the_report_and_the_evaluation(client, pdf_text):
    proposal = _evaluated(_proposal(program=Program.PKA))
    client.force_login(proposal.participant.user)
    text = pdf_text(client.get(url(proposal, "report-document-pdf")))
    for expected in (
        "LAPORAN AKSI PERUBAHAN",
        "Lembar persetujuan",
        "V. Laporan akhir",
        "Kanal berjalan di tiga OPD.",
        "SK Kepala Dinas.",
        "VI. Penilaian",
        "Substansi",
        "86,00",
        "memuaskan",
        "Runtut dan berdampak.",
        "Dedi Penguji",
    ):
        assert expected.casefold() in text, expected


def test_the_report_document_waits_for_a_submitted_report(client):
    proposal = _proposal()
    client.force_login(proposal.participant.user)
    assert client.get(url(proposal, "report-document")).status_code == HTTPStatus.NOT_FOUND
    assert client.get(url(proposal, "report-document-pdf")).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("name", ["document", "document-pdf", "report-document"])
def test_only_those_who_may_read_the_proposal_get_the_document(client, name):
    proposal = _evaluated(_proposal(status=ProposalStatus.SUBMITTED))
    proposal.status = ProposalStatus.SUBMITTED
    proposal.save()
    client.force_login(ParticipantFactory(user=UserFactory()).user)
    assert client.get(url(proposal, name)).status_code == HTTPStatus.NOT_FOUND
    client.logout()
    response = client.get(url(proposal, name))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("login"))


def test_without_the_pdf_library_the_pdf_link_says_so_and_offers_the_print_view(
    client, monkeypatch
):
    def unavailable(html):
        raise documents.PdfUnavailable("libpango-1.0.so.0: cannot open shared object file")

    monkeypatch.setattr(documents, "render_pdf", unavailable)
    proposal = _proposal()
    client.force_login(proposal.participant.user)
    response = client.get(url(proposal, "document-pdf"))
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    text = response.content.decode()
    assert "PDF tidak dapat dibuat di server ini" in text
    assert f'href="{url(proposal)}"' in text


#: Session, user; the proposal with its people, report and evaluation; the scores; the
#: milestones; the adaptations with their practices.
DOCUMENT_QUERIES = 6


@pytest.mark.parametrize("count", [3, 30])
def test_document_query_count_does_not_grow(client, django_assert_num_queries, count):
    proposal = _evaluated(_proposal())
    for number in range(count):
        PracticeAdaptationFactory(proposal=proposal)
        MilestoneFactory(proposal=proposal, description=f"Tahap {number}.")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.get(url(proposal, "report-document"))

    with django_assert_num_queries(DOCUMENT_QUERIES):
        text = client.get(url(proposal, "report-document")).content.decode()

    assert text.count("Tahap ") == count


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("name", ["document", "document-pdf", "report-document-pdf"])
def test_the_other_documents_query_counts_do_not_grow(
    client, django_assert_num_queries, pdf_text, name, count
):
    proposal = _evaluated(_proposal())
    for number in range(count):
        PracticeAdaptationFactory(proposal=proposal)
        MilestoneFactory(proposal=proposal, description=f"Tahap {number}.")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.get(url(proposal, name))

    # The PDFs are rendered from the same reads as the print views.
    with django_assert_num_queries(DOCUMENT_QUERIES):
        response = client.get(url(proposal, name))

    if name.endswith("-pdf"):
        assert pdf_text(response).count("tahap ") == count  # extracted in lower case
    else:
        assert response.content.decode().count("Tahap ") == count
