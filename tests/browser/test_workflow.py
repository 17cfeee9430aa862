"""In a real browser, the whole proposal workflow: a participant writes a proposal adapting two
practices, saves a draft, fails to submit with a missing milestone, fixes it and submits; the
coach asks for a revision; the participant revises and resubmits; the coach approves; another
participant then reads the approved proposal, also from the practice's page.

The transactions of these tests are flushed afterwards; ``tests/conftest.py`` gives each one
back the provinces and sectors of the data migrations.
"""

import pytest
from playwright.sync_api import expect

from participants.models import ChangeProposal, FacilitatorRole, ProposalStatus
from tests.browser.login import log_in
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ParticipantFactory,
    UserFactory,
    province,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    jateng = province("33")
    lampung = province("18")
    cohort = CohortFactory(institution=InstitutionFactory(province=lampung))
    lapor = BestPracticeFactory(
        title="Kanal pengaduan masyarakat LAPOR Gub",
        slug="lapor-gub",
        host_province=jateng,
        key_to_success="Gubernur menindaklanjuti sendiri aduan yang masuk.",
        replication_prerequisites="Admin aduan di setiap OPD.",
    )
    samsat = BestPracticeFactory(title="SAMSAT Keliling Desa", host_province=jateng)
    coach = FacilitatorFactory(
        full_name="Dra. Coach Lampung",
        role=FacilitatorRole.COACH,
        user=UserFactory(username="coach"),
    )
    peserta = ParticipantFactory(
        full_name="Siti Rahmawati", cohort=cohort, user=UserFactory(username="peserta")
    )
    # As in the demo: the participant's coach is known from their earlier draft, so a new
    # proposal is assigned to the same coach.
    ChangeProposalFactory(participant=peserta, coach=coach, title="Draf lama")
    ParticipantFactory(full_name="Andi Saputra", cohort=cohort, user=UserFactory(username="andi"))
    return {"lapor": lapor, "samsat": samsat, "coach": coach}


def _fill_adaptation(row, *, kept: str, changed: str = "", mode: str = "adapt"):
    row.locator(f"input[type=radio][value={mode}]").check()
    row.locator("textarea[name$=-kept]").fill(kept)
    if changed:
        row.locator("textarea[name$=-changed]").fill(changed)


def _milestone(page, index: int):
    return page.locator("#milestone-rows .milestone-row").nth(index)


def test_the_proposal_workflow_from_draft_to_approval(page, people):
    # The participant starts from the practice's page.
    log_in(page, "peserta", "/practices/lapor-gub/")
    page.get_by_role("link", name="Gunakan praktik ini dalam rancangan saya").click()
    expect(page.locator("h1")).to_have_text("Rancangan proyek perubahan baru")
    page.get_by_label("Judul", exact=True).fill("Satu kanal aduan untuk Kabupaten Tanggamus")
    page.get_by_label("Permasalahan", exact=True).fill(
        "Aduan warga tersebar dan tidak ditindaklanjuti."
    )
    page.get_by_label("Tujuan", exact=True).fill("Semua aduan dijawab dalam lima hari kerja.")
    rows = page.locator(".adaptation-row")
    expect(rows).to_have_count(1)
    _fill_adaptation(
        rows.first, kept="Satu pintu aduan.", changed="Lewat SMS karena sinyal terbatas."
    )

    # The second practice is found by its title (the script shows matches while typing).
    page.locator("#practice-q").fill("samsat")
    add = page.get_by_role("button", name="Tambahkan SAMSAT Keliling Desa")
    expect(add).to_be_visible()
    add.click()
    expect(rows).to_have_count(2)
    expect(page.get_by_label("Judul", exact=True)).to_have_value(
        "Satu kanal aduan untuk Kabupaten Tanggamus"
    )
    _fill_adaptation(rows.nth(1), kept="Layanan datang ke desa.", mode="adopt")

    # Short and medium term only, then a draft.
    _milestone(page, 0).locator("textarea").fill("Menyusun SOP aduan.")
    _milestone(page, 1).locator("textarea").fill("Uji coba kanal SMS.")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.get_by_text("Draf disimpan.")).to_be_visible()
    proposal = ChangeProposal.objects.get(title="Satu kanal aduan untuk Kabupaten Tanggamus")
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.coach == people["coach"]

    # Submitting without a long-term milestone is refused with the reason.
    page.get_by_role("button", name="Ajukan untuk ditelaah").click()
    expect(page.locator("#submission-problems")).to_contain_text(
        "Tambahkan minimal satu milestone jangka panjang."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT

    # A new row (added by the script), in the long term, and the proposal goes out.
    page.get_by_role("button", name="Tambah baris milestone").click()
    new_row = page.locator("#milestone-rows .milestone-row").last
    new_row.locator("select").select_option("long")
    new_row.locator("textarea").fill("Kanal aduan terpadu di semua OPD.")
    page.get_by_role("button", name="Ajukan untuk ditelaah").click()
    expect(page.get_by_text("Rancangan Anda telah diajukan untuk ditelaah.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Satu kanal aduan untuk Kabupaten Tanggamus")

    # The coach finds it waiting in the queue and asks for a revision.
    log_in(page, "coach", "/reviews/")
    first = page.locator("table tbody tr").first
    expect(first).to_contain_text("Satu kanal aduan untuk Kabupaten Tanggamus")
    first.get_by_role("link").click()
    expect(page.get_by_text("Gubernur menindaklanjuti sendiri aduan yang masuk.")).to_be_visible()
    expect(page.get_by_text("Lewat SMS karena sinyal terbatas.")).to_be_visible()
    page.get_by_label("Minta revisi", exact=True).check()
    page.get_by_label("Komentar", exact=True).fill(
        "Sebutkan target jumlah aduan yang dijawab per bulan."
    )
    page.get_by_role("button", name="Simpan telaah").click()
    expect(page.get_by_text("Revisi telah diminta")).to_be_visible()

    # The participant reads the comment, revises and resubmits.
    log_in(page, "peserta", "/proposals/mine/")
    page.get_by_role("link", name="Satu kanal aduan untuk Kabupaten Tanggamus", exact=True).click()
    expect(page.locator(".status-timeline")).to_contain_text(
        "Sebutkan target jumlah aduan yang dijawab per bulan."
    )
    page.get_by_role("link", name="Ubah", exact=True).click()
    expect(page.locator(".revision-request")).to_contain_text("Sebutkan target jumlah aduan")
    page.get_by_label("Tujuan", exact=True).fill(
        "90% aduan dijawab dalam lima hari kerja setiap bulan."
    )
    page.get_by_role("button", name="Ajukan untuk ditelaah").click()
    expect(page.get_by_text("Rancangan Anda telah diajukan untuk ditelaah.")).to_be_visible()

    # The coach approves.
    log_in(page, "coach", f"/reviews/{proposal.pk}/")
    expect(page.get_by_text("90% aduan dijawab")).to_be_visible()
    page.get_by_label("Setujui", exact=True).check()
    page.get_by_role("button", name="Simpan telaah").click()
    expect(page.get_by_text("Rancangan telah disetujui")).to_be_visible()

    # Another participant now reads it, and finds it on the practice's page.
    log_in(page, "andi", "/practices/lapor-gub/")
    link = page.get_by_role("link", name="Satu kanal aduan untuk Kabupaten Tanggamus", exact=True)
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("h1")).to_have_text("Satu kanal aduan untuk Kabupaten Tanggamus")
    expect(page.locator(".badge--approved").first).to_have_text("Disetujui")
