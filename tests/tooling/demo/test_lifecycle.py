"""The demo's project after approval: one proposal carried out with evidence and feedback, a
follow-up recorded and the later ones due."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command

from participants.evidence import evidence_check
from participants.followups import due_follow_ups
from participants.models import ChangeProposal, EvidenceAttachment, ProposalStatus
from tooling.demo.lifecycle import demo_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def carried_out():
    call_command("seed_demo", "--force", stdout=StringIO())
    return ChangeProposal.objects.get(
        status=ProposalStatus.IMPLEMENTING, participant__cohort__institution__province__code="18"
    )


def test_one_proposal_is_carried_out_after_a_revision_and_its_approval(carried_out):
    steps = list(
        carried_out.status_changes.order_by("created_at").values_list("from_status", "to_status")
    )
    assert steps == [
        ("draft", "submitted"),
        ("submitted", "revision"),
        ("revision", "submitted"),
        ("submitted", "approved"),
        ("approved", "implementing"),
    ]


def test_its_first_milestone_is_done_with_a_pdf_confirmed_by_the_mentor(carried_out):
    short = carried_out.milestones.get(term="short")
    assert short.progress.status == "done"
    evidence = EvidenceAttachment.objects.get(milestone=short)
    assert evidence.original_name == "SK Tim Kerja Zona Integritas.pdf"
    with evidence.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    feedback = short.feedback.get(confirmed=True)
    assert feedback.facilitator == carried_out.mentor


def test_a_follow_up_is_recorded_and_the_later_ones_are_due(carried_out):
    assert list(carried_out.follow_ups.values_list("checkpoint", "status")) == [(3, "running")]
    organizer = get_user_model().objects.get(username="penyelenggara")
    due = due_follow_ups(organizer, today=datetime.date(2026, 1, 1))
    assert [(row.proposal, row.checkpoint) for row in due] == [(carried_out, 6), (carried_out, 12)]


def test_the_generated_pdf_is_accepted_as_evidence():
    pdf = demo_pdf("Bukti (uji) dengan huruf é")
    assert evidence_check(ContentFile(pdf, name="bukti.pdf")).content_type == "application/pdf"
    assert pdf.rstrip().endswith(b"%%EOF")
