"""An adaptation as a card on the practice's page
(``best_practices.templatetags.adaptation_cards``)."""

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from participants.models import AdaptationMode, ProposalStatus
from tests.factories import (
    ChangeProposalFactory,
    CohortFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
)

pytestmark = pytest.mark.django_db


def render(adaptation, language: str = "id") -> str:
    template = Template("{% load adaptation_cards %}{% adaptation_card adaptation %}")
    with translation.override(language):
        return template.render(Context({"adaptation": adaptation}))


@pytest.fixture
def proposal():
    cohort = CohortFactory(
        name="Angkatan IV", year=2019, institution=InstitutionFactory(name="BPSDM Lampung")
    )
    participant = ParticipantFactory(full_name="Rina <Sari>", agency="Dinas Kominfo", cohort=cohort)
    return ChangeProposalFactory(
        participant=participant,
        title="Kanal aduan & respons",
        status=ProposalStatus.APPROVED,
        submitted_at=timezone.now(),
    )


def test_a_card_names_the_proposal_its_author_and_where_they_come_from(proposal):
    html = render(PracticeAdaptationFactory(proposal=proposal))

    assert html.startswith('<article class="card card--adaptation">')
    assert (
        f'<h3 class="card__title"><a href="/proposals/{proposal.pk}/">'
        "Kanal aduan &amp; respons</a></h3>" in html
    )
    assert (
        '<p class="meta"><span>Rina &lt;Sari&gt;</span> <span>Dinas Kominfo</span> '
        "<span>Angkatan IV 2019</span> <span>BPSDM Lampung</span></p>" in html
    )


def test_an_approved_adaptation_shows_its_mode_alone_and_both_notes(proposal):
    html = render(
        PracticeAdaptationFactory(
            proposal=proposal, kept="Alur <daring>\nLayanan 24 jam", changed="Kanal SMS"
        )
    )

    assert '<p class="card__footer"><span class="badge badge--adapt">Adaptasi</span></p>' in html
    assert (
        '<p class="card__note"><span class="card__note-label">Yang dipertahankan:</span> '
        "Alur &lt;daring&gt;<br>Layanan 24 jam</p>" in html
    )
    assert (
        '<p class="card__note"><span class="card__note-label">Yang diubah:</span> Kanal SMS</p>'
        in html
    )


def test_an_unapproved_proposal_shows_its_status_and_empty_notes_say_so(proposal):
    proposal.status = ProposalStatus.SUBMITTED
    proposal.save()
    proposal.participant.agency = ""
    proposal.participant.save()
    adaptation = PracticeAdaptationFactory(proposal=proposal, kept="", changed="")

    html = render(adaptation)
    english = render(adaptation, language="en")

    assert (
        '<span class="badge badge--adapt">Adaptasi</span> '
        '<span class="badge badge--submitted">Diajukan</span>' in html
    )
    assert "Dinas Kominfo" not in html
    assert '<p class="meta"><span>Rina &lt;Sari&gt;</span> <span>Angkatan IV 2019</span>' in html
    assert '<span class="card__note-label">Yang dipertahankan:</span> Tidak disebutkan</p>' in html
    assert '<span class="card__note-label">Yang diubah:</span> Tidak disebutkan</p>' in html
    assert '<span class="card__note-label">What is kept:</span> Not stated</p>' in english
    assert '<span class="badge badge--submitted">Submitted</span>' in english


def test_an_adoption_says_what_changes_only_when_stated(proposal):
    adopted = PracticeAdaptationFactory(proposal=proposal, mode=AdaptationMode.ADOPT, changed="")
    other = ChangeProposalFactory(
        participant=proposal.participant,
        status=ProposalStatus.APPROVED,
        submitted_at=timezone.now(),
    )
    stated = PracticeAdaptationFactory(
        proposal=other, mode=AdaptationMode.ADOPT, changed="Nama aplikasi"
    )

    assert '<span class="badge badge--adopt">Adopsi apa adanya</span>' in render(adopted)
    assert "Yang diubah" not in render(adopted)
    assert "Yang diubah:</span> Nama aplikasi</p>" in render(stated)
