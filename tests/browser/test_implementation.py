"""In a real browser, the project after approval: the participant starts carrying out their
approved proposal, reports progress on a milestone with a PDF as evidence, and the mentor
opens the evidence and confirms the progress.
"""

import pytest
from playwright.sync_api import expect

from participants.models import MilestoneFeedback, ProposalStatus
from tests.browser.login import log_in
from tests.participants.lifecycle_fixtures import PDF_BYTES, put_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_participant_reports_progress_with_evidence_and_the_mentor_confirms(page, circle):
    _users, proposal = circle
    put_in(proposal, ProposalStatus.APPROVED)
    milestone = proposal.milestones.get(term="short")

    log_in(page, "owner", proposal.get_absolute_url())
    page.get_by_role("button", name="Mulai melaksanakan rancangan").click()
    expect(page.locator(".messages")).to_contain_text("Anda mulai melaksanakan rancangan.")
    expect(page.locator("h1")).to_have_text("Pelaksanaan dan bukti")

    section = page.locator(f"section[aria-labelledby=milestone-{milestone.pk}]")
    section.get_by_role("link", name="Laporkan kemajuan").click()
    page.get_by_label("Kemajuan").select_option("done")
    page.get_by_label("Tanggal").fill("2018-10-26")
    page.get_by_label("Apa yang dicapai").fill("SK tim efektif ditandatangani kepala dinas.")
    page.locator("input[type=file][name=evidence]").set_input_files(
        {"name": "SK Tim Efektif.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Simpan kemajuan").click()
    expect(page.locator(".messages")).to_contain_text("Kemajuan disimpan.")
    expect(section).to_contain_text("SK tim efektif ditandatangani kepala dinas.")
    expect(section.get_by_role("link", name="SK Tim Efektif.pdf")).to_be_visible()

    log_in(page, "mentor", f"/proposals/{proposal.pk}/implementation/")
    with page.expect_download() as download:
        section.get_by_role("link", name="SK Tim Efektif.pdf").click()
    assert download.value.suggested_filename == "SK Tim Efektif.pdf"
    section.locator("textarea[name=comment]").fill("Sesuai, SK sudah berlaku.")
    section.get_by_role("button", name="Konfirmasi kemajuan").click()
    expect(page.locator(".messages")).to_contain_text("Umpan balik Anda disimpan.")
    expect(section).to_contain_text("Dikonfirmasi")
    expect(section).to_contain_text("Sesuai, SK sudah berlaku.")
    feedback = MilestoneFeedback.objects.get()
    assert (feedback.confirmed, feedback.facilitator) == (True, proposal.mentor)
