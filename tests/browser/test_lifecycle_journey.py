"""In a real browser, the whole life of a change project after its approval, each step taken
by the person whose step it is, through the pages they would use: the participant starts the
project and reports a milestone with a PDF as evidence, the mentor confirms it, the
participant submits the final report, the examiner scores it with the rubric, the
participant reads the result, and the organizer records the 12-month follow-up, after which
the adapted practice counts as proven in the practices list.
"""

import importlib
import re

import pytest
import weasyprint
from django.apps import apps
from playwright.sync_api import expect

from participants.models import Evaluation, FollowUp, ProposalStatus
from tests.browser.login import log_in
from tests.participants.lifecycle_fixtures import put_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = {
    "results": "Layanan izin usaha kini selesai dalam satu hari.",
    "organisation_benefits": "Beban kerja loket berkurang separuh.",
    "public_benefits": "Pelaku usaha tidak perlu datang dua kali.",
    "lessons_learned": "Dukungan kepala dinas menentukan.",
    "sustainability_plan": "SOP baru ditetapkan dengan peraturan kepala dinas.",
}


@pytest.fixture
def evidence_pdf(tmp_path):
    """A real PDF file on disk, as a participant would pick it."""
    path = tmp_path / "Berita acara uji coba.pdf"
    weasyprint.HTML(string="<h1>Berita acara uji coba layanan</h1>").write_pdf(path)
    return path


@pytest.fixture
def rubric():
    """The default rubric and predicates (a transactional test starts from empty tables)."""
    importlib.import_module("participants.migrations.0007_reports").add_rubric(apps, None)


def _participant_reports_progress(page, proposal, milestone, evidence_pdf):
    log_in(page, "owner", proposal.get_absolute_url())
    page.get_by_role("button", name="Mulai melaksanakan rancangan").click()
    expect(page.locator(".messages")).to_contain_text("Anda mulai melaksanakan rancangan.")
    section = page.locator(f"section[aria-labelledby=milestone-{milestone.pk}]")
    section.get_by_role("link", name="Laporkan kemajuan").click()
    page.get_by_label("Kemajuan").select_option("done")
    page.get_by_label("Tanggal").fill("2018-10-26")
    page.get_by_label("Apa yang dicapai").fill("Uji coba layanan satu hari berjalan.")
    page.locator("input[type=file][name=evidence]").set_input_files(evidence_pdf)
    page.get_by_role("button", name="Simpan kemajuan").click()
    expect(page.locator(".messages")).to_contain_text("Kemajuan disimpan.")
    expect(section.get_by_role("link", name=evidence_pdf.name)).to_be_visible()
    return section


def _mentor_confirms(page, proposal, section, evidence_pdf):
    log_in(page, "mentor", f"/proposals/{proposal.pk}/implementation/")
    with page.expect_download() as download:
        section.get_by_role("link", name=evidence_pdf.name).click()
    assert download.value.suggested_filename == evidence_pdf.name
    with open(download.value.path(), "rb") as served:
        assert served.read() == evidence_pdf.read_bytes()
    section.locator("textarea[name=comment]").fill("Sesuai, berita acara sudah ditandatangani.")
    section.get_by_role("button", name="Konfirmasi kemajuan").click()
    expect(section).to_contain_text("Dikonfirmasi")


def _participant_submits_the_report(page, proposal):
    log_in(page, "owner", proposal.get_absolute_url())
    page.get_by_role("link", name="Laporan akhir dan penilaiannya").click()
    page.get_by_role("link", name="Tulis laporan akhir").click()
    for name, text in REPORT.items():
        page.locator(f"textarea[name={name}]").fill(text)
    page.get_by_role("button", name="Ajukan laporan").click()
    expect(page.locator(".messages")).to_contain_text(
        "Laporan akhir Anda telah diajukan kepada penguji."
    )
    expect(page.locator("main")).to_contain_text(REPORT["results"])
    expect(page.get_by_role("link", name="Tulis laporan akhir")).to_have_count(0)


def _examiner_scores(page, proposal):
    log_in(page, "examiner", f"/proposals/{proposal.pk}/report/")
    expect(page.locator("main")).to_contain_text(REPORT["sustainability_plan"])
    page.get_by_role("link", name="Nilai laporan akhir").click()
    for criterion, score in (("Substansi", 90), ("Implementasi", 85), ("Manfaat", 80)):
        page.get_by_label(criterion, exact=True).fill(str(score))
    page.get_by_label("Presentasi", exact=True).fill("70")
    page.locator("textarea[name=comments]").fill("Bukti pelaksanaan lengkap.")
    page.get_by_role("button", name="Simpan penilaian").click()
    # 90×30 % + 85×30 % + 80×25 % + 70×15 % = 83.00: "memuaskan" (80 and above).
    expect(page.locator(".messages")).to_contain_text("83,00 (memuaskan)")
    evaluation = page.locator("section[aria-labelledby=evaluation-heading]")
    expect(evaluation).to_contain_text("83,00")
    expect(evaluation).to_contain_text("Predikat: memuaskan")
    expect(page.get_by_role("link", name="Nilai laporan akhir")).to_have_count(0)


def _participant_sees_the_result(page, proposal):
    log_in(page, "owner", proposal.get_absolute_url())
    expect(page.locator(".badge").first).to_have_text("Dinilai")
    page.get_by_role("link", name="Laporan akhir dan penilaiannya").click()
    evaluation = page.locator("section[aria-labelledby=evaluation-heading]")
    expect(evaluation).to_contain_text("Nilai total (berbobot)")
    expect(evaluation).to_contain_text("83,00")
    expect(evaluation).to_contain_text("Predikat: memuaskan")
    expect(evaluation).to_contain_text("Bukti pelaksanaan lengkap.")


def _organizer_records_the_follow_up(page, proposal):
    log_in(page, "organizer", "/")
    page.locator("footer").get_by_role("link", name="Tindak lanjut jatuh tempo").click()
    rows = page.locator("main tbody tr").filter(has_text=proposal.title)
    expect(rows).to_have_count(3)  # 3, 6 and 12 months after the cohort ended in 2018
    rows.first.get_by_role("link", name=proposal.title).click()
    expect(page.locator("h1")).to_have_text("Tindak lanjut pascapelatihan")
    page.get_by_label("Setelah").select_option("12")
    page.get_by_label("Status", exact=True).select_option("replicated")
    page.locator("textarea[name=replicated_units]").fill("Dinas Kesehatan, Dinas Sosial")
    page.get_by_role("button", name="Catat tindak lanjut").click()
    expect(page.locator(".messages")).to_contain_text("Tindak lanjut telah dicatat.")
    recorded = page.locator("main table tbody tr")
    expect(recorded).to_have_count(1)
    expect(recorded).to_contain_text("Direplikasi ke unit lain")
    expect(recorded).to_contain_text("Dinas Kesehatan, Dinas Sosial")
    page.goto("/follow-ups/due/")
    expect(page.locator("main tbody tr").filter(has_text=proposal.title)).to_have_count(2)


def _the_practice_is_proven(page, practice):
    page.goto("/practices/")
    page.get_by_role("link", name=re.compile("^Pernah dilaksanakan peserta")).click()
    cards = page.locator("main .card--practice")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(practice.title)
    page.goto(practice.get_absolute_url())
    expect(page.locator("main")).to_contain_text("1 dilaksanakan")


def test_a_change_project_from_approval_to_its_follow_up(page, circle, rubric, evidence_pdf):
    _users, proposal = circle
    put_in(proposal, ProposalStatus.APPROVED)
    milestone = proposal.milestones.get(term="short")
    practice = proposal.adaptations.get().practice

    section = _participant_reports_progress(page, proposal, milestone, evidence_pdf)
    _mentor_confirms(page, proposal, section, evidence_pdf)
    _participant_submits_the_report(page, proposal)
    _examiner_scores(page, proposal)
    _participant_sees_the_result(page, proposal)
    _organizer_records_the_follow_up(page, proposal)
    _the_practice_is_proven(page, practice)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.EVALUATED
    assert Evaluation.objects.get(proposal=proposal).predicate == "memuaskan"
    assert FollowUp.objects.get().recorded_by.username == "organizer"
