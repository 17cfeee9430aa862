"""In a real browser: a participant finds the complaint-channel practice from the home page,
narrows the results, logs in to see the proposal that adapted it, and comes back.

These tests run in transactions that are flushed afterwards; ``tests/conftest.py`` gives each
one back the provinces and sectors of the data migrations.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participants.models import AdaptationMode, ProposalStatus
from tests.factories import (
    PASSWORD,
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    InstitutionFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    UserFactory,
    VisitFactory,
    province,
    sector,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def knowledge_base():
    jateng = province("33")
    jakarta = province("31")
    lampung = province("18")
    kominfo = sector("kominfo")
    kesehatan = sector("kesehatan")
    cohort = CohortFactory(institution=InstitutionFactory(province=lampung))
    visit = VisitFactory(cohort=cohort, host_province=jateng, title="Benchmarking ke Jawa Tengah")

    channel = BestPracticeFactory(
        title="Kanal pengaduan masyarakat LAPOR Gub",
        summary="Warga menyampaikan aduan, keluhan dan saran lewat aplikasi dan SMS.",
        host_province=jateng,
        sectors=[kominfo],
        is_digital=True,
        improves_speed=True,
        improves_transparency=True,
    )
    BestPracticeFactory(
        title="Pengaduan pasien rumah sakit daerah",
        summary="Pengaduan pasien dijawab dalam sehari.",
        host_province=jateng,
        sectors=[kesehatan],
    )
    BestPracticeFactory(
        title="Layanan pengaduan puskesmas",
        summary="Kotak pengaduan di setiap puskesmas.",
        host_province=jakarta,
        sectors=[kesehatan],
    )
    PracticeObservationFactory(practice=channel, visit=visit)

    proposal = ChangeProposalFactory(
        title="Satu kanal aduan untuk Kabupaten Tanggamus",
        participant=ParticipantFactory(cohort=cohort, full_name="Andi Saputra"),
        status=ProposalStatus.APPROVED,
        submitted_at=timezone.now(),
    )
    PracticeAdaptationFactory(
        proposal=proposal,
        practice=channel,
        mode=AdaptationMode.ADAPT,
        kept="Tindak lanjut aduan dalam lima hari kerja.",
        changed="Lewat SMS karena sinyal internet terbatas.",
    )
    MilestoneFactory(proposal=proposal)
    reader = UserFactory(username="siti")
    ParticipantFactory(user=reader, cohort=cohort, full_name="Siti Rahmawati")
    return {"channel": channel, "proposal": proposal, "reader": reader}


def _results(page):
    return page.locator(".results .card__title")


def _log_in(page, username: str):
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_a_participant_finds_a_practice_and_the_proposal_that_adapted_it(page, knowledge_base):
    channel, proposal = knowledge_base["channel"], knowledge_base["proposal"]

    page.goto("/")
    search_box = page.locator("header input[name=q]")
    search_box.fill("pengaduan")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/practices/\?q=pengaduan"))
    expect(_results(page)).to_have_count(3)

    page.locator(".facet--province").get_by_role("link", name=re.compile("Jawa Tengah")).click()
    expect(page).to_have_url(re.compile(r"province=33"))
    expect(_results(page)).to_have_count(2)

    page.locator(".facet--sector").get_by_role(
        "link", name=re.compile("Komunikasi dan informatika")
    ).click()
    expect(page).to_have_url(re.compile(r"q=pengaduan&province=33&sector=kominfo"))
    expect(_results(page)).to_have_count(1)

    _results(page).get_by_role("link", name=channel.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(channel.title)
    # Anonymous: no proposal is shown, only the way to log in.
    expect(page.get_by_text(proposal.title)).to_have_count(0)

    page.get_by_role("link", name=re.compile("Masuk untuk melihat rancangan")).click()
    _log_in(page, "siti")

    expect(page).to_have_url(re.compile(re.escape(channel.get_absolute_url()) + "$"))
    expect(page.get_by_text("Diadaptasi oleh 1 rancangan proyek perubahan")).to_be_visible()
    expect(page.get_by_text("Lewat SMS karena sinyal internet terbatas.")).to_be_visible()

    page.get_by_role("link", name=proposal.title).click()
    expect(page).to_have_url(re.compile(re.escape(proposal.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(proposal.title)
    expect(page.get_by_role("definition").filter(has_text="Andi Saputra")).to_be_visible()

    page.locator(".proposal-detail__adaptations").get_by_role("link", name=channel.title).click()
    expect(page).to_have_url(re.compile(re.escape(channel.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(channel.title)


def test_a_proposal_link_asks_for_login_and_lands_on_the_proposal(page, knowledge_base):
    proposal = knowledge_base["proposal"]

    page.goto(proposal.get_absolute_url())
    _log_in(page, "siti")

    expect(page).to_have_url(re.compile(re.escape(proposal.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(proposal.title)
    page.get_by_role("link", name=knowledge_base["channel"].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(knowledge_base["channel"].title)
