"""The states after approval: who may start implementing, submit the report and evaluate, and
the progress and feedback services."""

import itertools

import pytest
from django.core import mail

from participants.lifecycle import milestone_feedback_record, milestone_progress_record
from participants.models import (
    MilestoneFeedback,
    MilestoneProgress,
    ProgressStatus,
    ProposalStatus,
    ProposalStatusChange,
)
from participants.services import ProposalWorkflowError, TransitionRefused, proposal_transition
from tests.participants.lifecycle_fixtures import ROLES, put_in

pytestmark = pytest.mark.django_db

APPROVED = ProposalStatus.APPROVED
IMPLEMENTING = ProposalStatus.IMPLEMENTING
REPORTED = ProposalStatus.REPORT_SUBMITTED
EVALUATED = ProposalStatus.EVALUATED
STEPS = [(APPROVED, IMPLEMENTING), (IMPLEMENTING, REPORTED), (REPORTED, EVALUATED)]
LATER = [APPROVED, IMPLEMENTING, REPORTED, EVALUATED]

#: Who may make which step after approval; superusers are staff and may make any.
ALLOWED = {
    "owner": {(APPROVED, IMPLEMENTING), (IMPLEMENTING, REPORTED)},
    "examiner": {(REPORTED, EVALUATED)},
}


@pytest.mark.parametrize(
    ("actor", "from_status", "to_status"),
    [
        (actor, a, b)
        for actor in ROLES
        for a, b in itertools.product(LATER, LATER)
        if a != b and actor not in ("organizer", "other_organizer", "superuser")
    ],
)
def test_every_step_after_approval_is_allowed_or_refused_by_role(
    circle, actor, from_status, to_status
):
    users, proposal = circle
    put_in(proposal, from_status)
    if (from_status, to_status) in ALLOWED.get(actor, set()):
        saved = proposal_transition(proposal=proposal, user=users[actor], to_status=to_status)
        assert saved.status == to_status
        change = ProposalStatusChange.objects.get(proposal=proposal)
        assert (change.from_status, change.to_status) == (from_status, to_status)
        assert proposal.history.latest().history_user == users[actor]
    else:
        with pytest.raises(TransitionRefused):
            proposal_transition(proposal=proposal, user=users[actor], to_status=to_status)
        proposal.refresh_from_db()
        assert proposal.status == from_status
        assert not ProposalStatusChange.objects.exists()


@pytest.mark.parametrize(
    ("actor", "from_status", "to_status", "message"),
    [
        (
            "coach",
            APPROVED,
            IMPLEMENTING,
            "Hanya peserta yang menyusun rancangan ini yang dapat melakukan langkah ini.",
        ),
        (
            "owner",
            ProposalStatus.SUBMITTED,
            IMPLEMENTING,
            "Hanya rancangan yang disetujui yang dapat dilaksanakan; "
            "rancangan ini berstatus “Diajukan”.",
        ),
        (
            "mentor",
            REPORTED,
            EVALUATED,
            "Hanya penguji yang ditugaskan pada rancangan ini yang dapat menilai laporannya.",
        ),
        (
            "examiner",
            IMPLEMENTING,
            EVALUATED,
            "Hanya rancangan yang laporannya telah diajukan yang dapat dinilai; "
            "rancangan ini berstatus “Dilaksanakan”.",
        ),
    ],
)
def test_refusals_say_why_in_indonesian(circle, actor, from_status, to_status, message):
    users, proposal = circle
    put_in(proposal, from_status)
    with pytest.raises(TransitionRefused) as refused:
        proposal_transition(proposal=proposal, user=users[actor], to_status=to_status)
    assert refused.value.message == message


def test_each_step_mails_who_acts_next_after_commit(circle, django_capture_on_commit_callbacks):
    users, proposal = circle
    proposal.mentor.email = "mentor@fasilitator.id"
    proposal.mentor.save()
    put_in(proposal, IMPLEMENTING)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_transition(proposal=proposal, user=users["owner"], to_status=REPORTED)
    assert mail.outbox[-1].to == [
        "coach@example.org",
        "mentor@fasilitator.id",
        "examiner@example.org",
    ]
    assert "Laporan akhir diajukan" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        proposal_transition(proposal=proposal, user=users["examiner"], to_status=EVALUATED)
    assert mail.outbox[-1].to == [users["owner"].email]
    assert "Laporan akhir sudah dinilai" in mail.outbox[-1].subject


def test_a_carried_out_proposal_stays_shared_with_logged_in_users(circle, client):
    users, proposal = circle
    client.force_login(users["other_participant"])
    response = client.get(proposal.get_absolute_url())
    assert proposal.title in response.content.decode()


def test_the_participant_records_progress_and_a_dropped_milestone_needs_a_reason(circle):
    users, proposal = circle
    milestone = proposal.milestones.first()
    with pytest.raises(ProposalWorkflowError) as refused:
        milestone_progress_record(
            milestone=milestone, user=users["owner"], status=ProgressStatus.DROPPED
        )
    assert refused.value.message == "Milestone yang dibatalkan perlu alasan pembatalannya."
    assert not MilestoneProgress.objects.exists()
    progress = milestone_progress_record(
        milestone=milestone,
        user=users["owner"],
        status=ProgressStatus.DONE,
        achievement="SOP ditetapkan.",
    )
    assert (progress.status, progress.achievement) == ("done", "SOP ditetapkan.")


@pytest.mark.parametrize("actor", [r for r in ROLES if r != "owner"])
def test_only_the_participant_records_progress(circle, actor):
    users, proposal = circle
    with pytest.raises(ProposalWorkflowError):
        milestone_progress_record(
            milestone=proposal.milestones.first(), user=users[actor], status=ProgressStatus.DONE
        )
    assert not MilestoneProgress.objects.exists()


def test_no_progress_once_the_report_is_submitted(circle):
    users, proposal = circle
    put_in(proposal, REPORTED)
    with pytest.raises(ProposalWorkflowError):
        milestone_progress_record(
            milestone=proposal.milestones.first(), user=users["owner"], status="done"
        )


def test_the_mentor_confirms_and_the_coach_only_comments(circle):
    users, proposal = circle
    milestone = proposal.milestones.first()
    milestone_feedback_record(milestone=milestone, user=users["mentor"], confirmed=True)
    milestone_feedback_record(milestone=milestone, user=users["coach"], comment="Bagus.")
    with pytest.raises(ProposalWorkflowError) as refused:
        milestone_feedback_record(milestone=milestone, user=users["coach"], confirmed=True)
    assert refused.value.message == (
        "Hanya mentor yang mengonfirmasi kemajuan; coach memberi komentar."
    )
    assert list(MilestoneFeedback.objects.values_list("confirmed", "comment")) == [
        (True, ""),
        (False, "Bagus."),
    ]


@pytest.mark.parametrize(
    "actor",
    ["owner", "examiner", "organizer", "other_participant", "unassigned_facilitator"],
)
def test_others_give_no_feedback(circle, actor):
    users, proposal = circle
    with pytest.raises(ProposalWorkflowError):
        milestone_feedback_record(
            milestone=proposal.milestones.first(), user=users[actor], comment="Catatan."
        )
    assert not MilestoneFeedback.objects.exists()
