"""The workflow services: every status change allowed or refused, saving a proposal, reviews."""

import datetime
import itertools

import pytest
from django.core import mail

from participants.forms import ProposalEditor
from participants.models import (
    ChangeProposal,
    FacilitatorRole,
    Milestone,
    ProposalStatus,
    ProposalStatusChange,
    Review,
    ReviewDecision,
)
from participants.services import (
    AdaptationData,
    EditConflict,
    MilestoneData,
    ProposalData,
    ProposalIncomplete,
    ProposalReadOnly,
    TransitionRefused,
    proposal_save,
    proposal_transition,
    proposal_version_bump,
    review_record,
)
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
    adaptation_row,
    proposal_form_data,
    proposal_form_data_for,
    proposal_ready_to_submit,
)

pytestmark = pytest.mark.django_db

DRAFT = ProposalStatus.DRAFT
SUBMITTED = ProposalStatus.SUBMITTED
REVISION = ProposalStatus.REVISION_REQUESTED
APPROVED = ProposalStatus.APPROVED
STATUSES = [DRAFT, SUBMITTED, REVISION, APPROVED]

#: Who may make which (from, to) status change; everything else is refused.
ALLOWED = {
    "owner": {(DRAFT, SUBMITTED), (REVISION, SUBMITTED)},
    "coach": {(SUBMITTED, APPROVED), (SUBMITTED, REVISION)},
    "mentor": {(SUBMITTED, APPROVED), (SUBMITTED, REVISION)},
    "examiner": {(SUBMITTED, APPROVED), (SUBMITTED, REVISION)},
    "other_participant": set(),
    "unassigned_facilitator": set(),
    "staff": {(a, b) for a, b in itertools.product(STATUSES, STATUSES) if a != b},
}


@pytest.fixture
def people():
    """A proposal ready to submit, with its owner, coach, mentor and examiner, and outsiders."""
    users = {name: UserFactory(username=name) for name in ALLOWED}
    users["staff"].is_staff = True
    users["staff"].save()
    facilitators = {
        role: FacilitatorFactory(role=role, user=users[role], email=f"{role}@fasilitator.id")
        for role in (FacilitatorRole.COACH, FacilitatorRole.MENTOR, FacilitatorRole.EXAMINER)
    }
    FacilitatorFactory(user=users["unassigned_facilitator"])
    ParticipantFactory(user=users["other_participant"])
    proposal = proposal_ready_to_submit(
        participant=ParticipantFactory(user=users["owner"]),
        coach=facilitators["coach"],
        mentor=facilitators["mentor"],
        examiner=facilitators["examiner"],
    )
    proposal.participant.cohort.institution.organizers.add(users["staff"])
    return users, proposal


def _put_in(proposal, status):
    ChangeProposal.objects.filter(pk=proposal.pk).update(
        status=status, submitted_at=None if status == DRAFT else "2018-09-01T09:00:00+07:00"
    )
    proposal.refresh_from_db()


@pytest.mark.parametrize(
    ("actor", "from_status", "to_status"),
    [
        (actor, a, b)
        for actor in ALLOWED
        for a, b in itertools.product(STATUSES, STATUSES)
        if a != b
    ],
)
def test_every_transition_is_allowed_or_refused_by_role(people, actor, from_status, to_status):
    users, proposal = people
    _put_in(proposal, from_status)
    version = proposal.version
    if (from_status, to_status) in ALLOWED[actor]:
        saved = proposal_transition(
            proposal=proposal, user=users[actor], to_status=to_status, comment="Catatan."
        )
        assert saved.status == to_status
        assert saved.version == version + 1
        if to_status != DRAFT:
            assert saved.submitted_at is not None
        change = ProposalStatusChange.objects.get(proposal=proposal)
        assert (change.from_status, change.to_status, change.changed_by) == (
            from_status,
            to_status,
            users[actor],
        )
        assert change.comment == "Catatan."
        assert proposal.history.latest().history_user == users[actor]
    else:
        with pytest.raises(TransitionRefused):
            proposal_transition(proposal=proposal, user=users[actor], to_status=to_status)
        proposal.refresh_from_db()
        assert proposal.status == from_status
        assert proposal.version == version
        assert not ProposalStatusChange.objects.exists()


@pytest.mark.parametrize(
    ("actor", "from_status", "to_status", "message"),
    [
        (
            "coach",
            DRAFT,
            SUBMITTED,
            "Hanya peserta yang menyusun rancangan ini yang dapat mengajukannya.",
        ),
        (
            "owner",
            APPROVED,
            SUBMITTED,
            "Rancangan yang berstatus “Disetujui” tidak dapat diajukan.",
        ),
        (
            "owner",
            SUBMITTED,
            APPROVED,
            "Hanya coach, mentor, atau penguji yang ditugaskan pada rancangan ini yang dapat "
            "memutuskannya.",
        ),
        (
            "coach",
            REVISION,
            APPROVED,
            "Hanya rancangan yang sudah diajukan yang dapat disetujui atau dikembalikan untuk "
            "direvisi; rancangan ini berstatus “Perlu revisi”.",
        ),
        ("coach", SUBMITTED, DRAFT, "Hanya staf yang dapat mengembalikan rancangan menjadi draf."),
        ("owner", SUBMITTED, SUBMITTED, "Rancangan ini sudah berstatus “Diajukan”."),
        ("staff", DRAFT, "archived", "“archived” bukan status rancangan proyek perubahan."),
    ],
)
def test_a_refused_transition_says_why_in_indonesian(
    people, actor, from_status, to_status, message
):
    users, proposal = people
    _put_in(proposal, from_status)
    with pytest.raises(TransitionRefused) as refused:
        proposal_transition(proposal=proposal, user=users[actor], to_status=to_status)
    assert refused.value.message == message


def test_submitting_an_incomplete_proposal_lists_what_is_missing_and_writes_nothing(people):
    users, proposal = people
    proposal.milestones.filter(term="long").delete()
    proposal.adaptations.update(kept="  ", changed="")
    with pytest.raises(ProposalIncomplete) as incomplete:
        proposal_transition(proposal=proposal, user=users["owner"], to_status=SUBMITTED)
    practice = proposal.adaptations.get().practice.title
    assert [p.message for p in incomplete.value.problems] == [
        f"Jelaskan apa yang dipertahankan dari “{practice}”.",
        f"Jelaskan apa yang diubah saat mengadaptasi “{practice}”.",
        "Tambahkan minimal satu milestone jangka panjang.",
    ]
    proposal.refresh_from_db()
    assert proposal.status == DRAFT
    assert not ProposalStatusChange.objects.exists()


def test_a_proposal_without_practices_or_milestones_cannot_be_submitted(people):
    users, _proposal = people
    bare = ChangeProposalFactory(participant=users["owner"].participant)
    with pytest.raises(ProposalIncomplete) as incomplete:
        proposal_transition(proposal=bare, user=users["owner"], to_status=SUBMITTED)
    assert [p.message for p in incomplete.value.problems] == [
        "Tambahkan minimal satu praktik baik yang diadaptasi.",
        "Tambahkan minimal satu milestone jangka pendek.",
        "Tambahkan minimal satu milestone jangka menengah.",
        "Tambahkan minimal satu milestone jangka panjang.",
    ]


def test_adopting_as_is_needs_no_note_on_what_changes(people):
    users, proposal = people
    proposal.adaptations.update(mode="adopt", changed="")
    saved = proposal_transition(proposal=proposal, user=users["owner"], to_status=SUBMITTED)
    assert saved.status == SUBMITTED


def _editor(proposal, data):
    editor = ProposalEditor(instance=proposal, data=data)
    assert editor.is_valid(), (
        editor.proposal_form.errors,
        editor.milestones.errors,
        editor.adaptations.errors,
    )
    return editor


def _save(user, editor, *, submit=False):
    return proposal_save(
        user=user,
        proposal=editor.instance if editor.instance.pk else None,
        data=editor.proposal_data(),
        milestones=editor.milestones_data(),
        adaptations=editor.adaptations_data(),
        loaded_version=editor.loaded_version,
        submit=submit,
    )


def test_a_new_proposal_belongs_to_the_user_and_keeps_their_facilitators(people):
    users, earlier = people
    practice = BestPracticeFactory()
    editor = _editor(ChangeProposal(), proposal_form_data(adaptations=[adaptation_row(practice)]))
    proposal = _save(users["owner"], editor)
    assert proposal.participant == users["owner"].participant
    assert proposal.status == DRAFT
    assert (proposal.coach, proposal.mentor, proposal.examiner) == (
        earlier.coach,
        earlier.mentor,
        None,
    )
    assert list(proposal.practices.all()) == [practice]
    assert sorted(proposal.milestones.values_list("term", flat=True)) == [
        "long",
        "medium",
        "short",
    ]


def test_someone_without_a_participant_profile_cannot_write_a_proposal(people):
    users, _proposal = people
    editor = _editor(ChangeProposal(), proposal_form_data())
    with pytest.raises(ProposalReadOnly):
        _save(users["coach"], editor)
    assert ChangeProposal.objects.count() == 1


def test_saving_at_the_loaded_version_raises_it(people):
    users, proposal = people
    editor = _editor(proposal, proposal_form_data_for(proposal, title="Judul baru"))
    saved = _save(users["owner"], editor)
    assert (saved.title, saved.version) == ("Judul baru", 2)


def test_a_stale_save_raises_a_conflict_and_writes_nothing(people):
    users, proposal = people
    stale = proposal_form_data_for(proposal, title="Versi kedua")
    _save(users["owner"], _editor(proposal, proposal_form_data_for(proposal, title="Versi satu")))
    proposal.refresh_from_db()
    stale["milestones-0-description"] = "Tidak boleh tersimpan."
    with pytest.raises(EditConflict) as conflict:
        _save(users["owner"], _editor(proposal, stale))
    assert conflict.value.message == (
        "Orang lain mengubah rancangan ini setelah Anda membukanya. Tidak ada yang disimpan."
    )
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Versi satu", 2)
    assert not Milestone.objects.filter(description="Tidak boleh tersimpan.").exists()


@pytest.mark.parametrize("status", [SUBMITTED, APPROVED])
def test_a_submitted_or_approved_proposal_cannot_be_saved(people, status):
    users, proposal = people
    _put_in(proposal, status)
    editor = _editor(proposal, proposal_form_data_for(proposal, title="Diam-diam diubah"))
    with pytest.raises(ProposalReadOnly):
        _save(users["owner"], editor)
    proposal.refresh_from_db()
    assert proposal.title != "Diam-diam diubah"


def test_a_failed_submit_rolls_back_the_whole_save(people):
    users, _proposal = people
    data = proposal_form_data(adaptations=[], action="submit")
    editor = _editor(ChangeProposal(), data)
    with pytest.raises(ProposalIncomplete):
        _save(users["owner"], editor, submit=True)
    assert ChangeProposal.objects.count() == 1
    assert Milestone.objects.filter(description="Menyusun SOP aduan.").count() == 0


def test_a_save_with_submit_submits(people):
    users, proposal = people
    editor = _editor(proposal, proposal_form_data_for(proposal))
    saved = _save(users["owner"], editor, submit=True)
    assert saved.status == SUBMITTED
    assert saved.version == 3


TEXT = ProposalData(
    title="Layanan aduan satu pintu",
    problem="Aduan tersebar di banyak kanal.",
    goals="Semua aduan dijawab dalam lima hari kerja.",
)


def test_a_new_proposal_is_saved_from_plain_data(people):
    users, _proposal = people
    practice = BestPracticeFactory()
    saved = proposal_save(
        user=users["owner"],
        proposal=None,
        data=TEXT,
        milestones=[
            MilestoneData(term="short", description="Menyusun SOP.", target_date=None),
            MilestoneData(
                term="long", description="Semua OPD.", target_date=datetime.date(2020, 12, 31)
            ),
        ],
        adaptations=[AdaptationData(practice_id=practice.pk, mode="adopt", kept="Alur daring.")],
        loaded_version=None,
    )
    saved = ChangeProposal.objects.get(pk=saved.pk)
    assert (saved.title, saved.problem, saved.goals, saved.benefits) == (
        "Layanan aduan satu pintu",
        "Aduan tersebar di banyak kanal.",
        "Semua aduan dijawab dalam lima hari kerja.",
        "",
    )
    assert (saved.participant, saved.status, saved.version) == (
        users["owner"].participant,
        DRAFT,
        1,
    )
    assert list(
        saved.milestones.order_by("pk").values_list("term", "description", "target_date")
    ) == [
        ("short", "Menyusun SOP.", None),
        ("long", "Semua OPD.", datetime.date(2020, 12, 31)),
    ]
    adaptation = saved.adaptations.get()
    assert (adaptation.practice, adaptation.mode, adaptation.kept, adaptation.changed) == (
        practice,
        "adopt",
        "Alur daring.",
        "",
    )
    assert adaptation.history.get().history_user == users["owner"]


def test_plain_data_updates_deletes_and_adds_rows_and_leaves_the_rest(people):
    users, proposal = people
    short, medium, long = proposal.milestones.order_by("pk")
    adaptation = proposal.adaptations.get()
    other = BestPracticeFactory()
    saved = proposal_save(
        user=users["owner"],
        proposal=proposal,
        data=TEXT,
        milestones=[
            MilestoneData(id=short.pk, term="short", description="SOP disahkan.", target_date=None),
            MilestoneData(
                id=medium.pk,
                term=medium.term,
                description=medium.description,
                target_date=medium.target_date,
            ),
            MilestoneData(id=long.pk, delete=True),
            MilestoneData(term="long", description="Replikasi ke kabupaten.", target_date=None),
            MilestoneData(delete=True, term="long", description="Baris baru yang dihapus."),
        ],
        adaptations=[
            AdaptationData(id=adaptation.pk, delete=True),
            AdaptationData(practice_id=other.pk, kept="Kanal daring.", changed="Skala kecil."),
        ],
        loaded_version=1,
    )
    assert (saved.title, saved.version) == ("Layanan aduan satu pintu", 2)
    assert sorted(proposal.milestones.values_list("description", flat=True)) == [
        "Replikasi ke kabupaten.",
        "SOP disahkan.",
        "Tahap medium.",
    ]
    assert list(proposal.practices.all()) == [other]
    # Only what changed leaves a history row of its own.
    assert medium.history.count() == 1
    assert short.history.latest().history_user == users["owner"]
    assert proposal.milestones.model.history.filter(history_type="-").get().description == (
        "Tahap long."
    )


def test_plain_data_at_a_stale_version_is_refused_and_writes_nothing(people):
    users, proposal = people
    milestone = proposal.milestones.order_by("pk").first()
    with pytest.raises(EditConflict) as conflict:
        proposal_save(
            user=users["owner"],
            proposal=proposal,
            data=TEXT,
            milestones=[MilestoneData(id=milestone.pk, delete=True)],
            adaptations=[],
            loaded_version=7,
        )
    assert conflict.value.message == (
        "Orang lain mengubah rancangan ini setelah Anda membukanya. Tidak ada yang disimpan."
    )
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == (proposal.history.earliest().title, 1)
    assert proposal.milestones.filter(pk=milestone.pk).exists()


def test_the_version_bump_moves_each_proposal_named_and_no_other(people):
    _users, proposal = people
    other = ChangeProposalFactory()
    assert proposal_version_bump(proposal_ids=[proposal.pk]) == 1
    proposal.refresh_from_db()
    other.refresh_from_db()
    assert (proposal.version, other.version) == (2, 1)


def test_the_version_bump_as_compare_and_set_moves_only_the_version_expected(people):
    _users, proposal = people
    assert proposal_version_bump(proposal_ids=[proposal.pk], at_version=5) == 0
    assert (
        proposal_version_bump(proposal_ids=[proposal.pk], at_version=1, statuses=[SUBMITTED]) == 0
    )
    proposal.refresh_from_db()
    assert proposal.version == 1
    assert proposal_version_bump(proposal_ids=[proposal.pk], at_version=1, statuses=[DRAFT]) == 1
    proposal.refresh_from_db()
    assert proposal.version == 2


def test_a_comment_is_kept_without_changing_the_status(people):
    users, proposal = people
    review = review_record(
        proposal=proposal, user=users["mentor"], decision=ReviewDecision.COMMENT, comments="Bagus."
    )
    assert (review.reviewer, review.decision, review.comments) == (
        proposal.mentor,
        "comment",
        "Bagus.",
    )
    proposal.refresh_from_db()
    assert proposal.status == DRAFT


@pytest.mark.parametrize(
    ("decision", "status"),
    [(ReviewDecision.APPROVE, APPROVED), (ReviewDecision.REQUEST_REVISION, REVISION)],
)
def test_a_decision_is_kept_and_changes_the_status(people, decision, status):
    users, proposal = people
    _put_in(proposal, SUBMITTED)
    review_record(proposal=proposal, user=users["examiner"], decision=decision, comments="Ok.")
    proposal.refresh_from_db()
    assert proposal.status == status
    assert Review.objects.get().reviewer == proposal.examiner
    assert ProposalStatusChange.objects.get().comment == "Ok."


@pytest.mark.parametrize("actor", ["unassigned_facilitator", "owner", "other_participant"])
def test_only_an_assigned_facilitator_reviews(people, actor):
    users, proposal = people
    _put_in(proposal, SUBMITTED)
    with pytest.raises(TransitionRefused):
        review_record(proposal=proposal, user=users[actor], decision=ReviewDecision.APPROVE)
    with pytest.raises(TransitionRefused):
        review_record(
            proposal=proposal, user=users[actor], decision=ReviewDecision.COMMENT, comments="x"
        )
    assert not Review.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == SUBMITTED


def test_a_refused_decision_keeps_no_review(people):
    users, proposal = people
    with pytest.raises(TransitionRefused):
        review_record(proposal=proposal, user=users["coach"], decision=ReviewDecision.APPROVE)
    assert not Review.objects.exists()
    assert mail.outbox == []
