"""Proposal actions of the admin: export to XLSX and CSV, and assigning one facilitator to many
proposals after a confirmation page; both only on the organizer's own institution."""

import csv
import io
from http import HTTPStatus

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from participants.models import AdaptationMode, ChangeProposal, FacilitatorRole, ReviewDecision
from tests.admin_helpers import organizer_login
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    ReviewFactory,
    nip_for,
)
from tests.spreadsheets import xlsx_rows

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:participants_changeproposal_changelist")


def proposal_of(institution, **kwargs):
    cohort = CohortFactory(institution=institution)
    return ChangeProposalFactory(participant=ParticipantFactory(cohort=cohort, **kwargs))


def action(client, name, proposals, **data):
    return client.post(
        CHANGELIST,
        {"action": name, ACTION_CHECKBOX_NAME: [p.pk for p in proposals], **data},
    )


def test_export_holds_status_facilitators_practices_and_evaluation(client):
    institution = InstitutionFactory()
    coach = FacilitatorFactory(full_name="Dra. Coach", institution=institution)
    proposal = proposal_of(institution, full_name="Siti", nip=nip_for(1))
    proposal.coach = coach
    proposal.save()
    PracticeAdaptationFactory(
        proposal=proposal,
        practice=BestPracticeFactory(title="LAPOR Gub"),
        mode=AdaptationMode.ADOPT,
    )
    ReviewFactory(
        proposal=proposal, reviewer=coach, decision=ReviewDecision.APPROVE, comments="Bagus."
    )
    organizer_login(client, institution)

    response = action(client, "proposals_export_xlsx", [proposal])

    assert response["Content-Disposition"] == 'attachment; filename="rancangan.xlsx"'
    header, row = xlsx_rows(response.content)
    assert header[:9] == [
        "Angkatan",
        "Peserta",
        "NIP",
        "Judul",
        "Status",
        "Coach",
        "Mentor",
        "Penguji",
        "Praktik baik yang diadaptasi",
    ]
    assert row[1:6] == ["Siti", nip_for(1), proposal.title, "Draf", "Dra. Coach"]
    assert row[8].startswith("LAPOR Gub (")
    assert row[10:12] == ["Dra. Coach", "Bagus."]


def test_export_neutralises_formulas(client):
    institution = InstitutionFactory()
    proposal = proposal_of(institution, full_name='=HYPERLINK("http://x","y")')
    organizer_login(client, institution)

    response = action(client, "proposals_export_csv", [proposal])

    text = response.content.decode("utf-8").lstrip("\ufeff")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[1] == '\'=HYPERLINK("http://x","y")'


def test_export_leaves_out_another_institutions_proposals(client):
    institution = InstitutionFactory()
    own = proposal_of(institution)
    other = proposal_of(InstitutionFactory())
    organizer_login(client, institution)

    response = action(client, "proposals_export_xlsx", [own, other])

    titles = [row[3] for row in xlsx_rows(response.content)[1:]]
    assert titles == [own.title]


def test_assignment_asks_for_confirmation_first(client):
    institution = InstitutionFactory()
    proposals = [proposal_of(institution), proposal_of(institution)]
    FacilitatorFactory(
        full_name="Mentor Kita", role=FacilitatorRole.MENTOR, institution=institution
    )
    FacilitatorFactory(
        full_name="Mentor Lain", role=FacilitatorRole.MENTOR, institution=InstitutionFactory()
    )
    organizer_login(client, institution)

    response = action(client, "facilitator_assign", proposals)

    assert response.status_code == HTTPStatus.OK
    assert "Tetapkan coach, mentor atau penguji" in response.text
    assert proposals[0].title in response.text and proposals[1].title in response.text
    assert "Mentor Kita (Mentor)" in response.text
    assert "Mentor Lain" not in response.text
    assert not ChangeProposal.objects.filter(mentor__isnull=False).exists()


def test_assignment_sets_the_role_and_records_the_history(client):
    institution = InstitutionFactory()
    proposals = [proposal_of(institution), proposal_of(institution)]
    mentor = FacilitatorFactory(
        full_name="Mentor Kita", role=FacilitatorRole.MENTOR, institution=institution
    )
    user = organizer_login(client, institution)

    response = action(client, "facilitator_assign", proposals, apply="1", facilitator=mentor.pk)

    assert response.status_code == HTTPStatus.FOUND
    for proposal in proposals:
        proposal.refresh_from_db()
        assert proposal.mentor == mentor
        assert proposal.version == 2
        latest = proposal.history.first()
        assert latest.history_change_reason == "Mentor ditetapkan: Mentor Kita"
        assert latest.history_user == user
    messages = [str(m) for m in client.get(CHANGELIST).context["messages"]]
    assert messages == ["Mentor Kita kini menjadi mentor bagi 2 rancangan."]


def test_another_institutions_facilitator_cannot_be_assigned(client):
    institution = InstitutionFactory()
    proposal = proposal_of(institution)
    stranger = FacilitatorFactory(institution=InstitutionFactory())
    organizer_login(client, institution)

    response = action(client, "facilitator_assign", [proposal], apply="1", facilitator=stranger.pk)

    assert response.status_code == HTTPStatus.OK
    assert "Masukkan pilihan yang valid." in response.text
    proposal.refresh_from_db()
    assert proposal.coach is None


def test_another_institutions_proposals_are_not_assigned(client):
    institution = InstitutionFactory()
    other = proposal_of(InstitutionFactory())
    coach = FacilitatorFactory(institution=institution)
    organizer_login(client, institution)

    action(client, "facilitator_assign", [other], apply="1", facilitator=coach.pk)

    other.refresh_from_db()
    assert other.coach is None
