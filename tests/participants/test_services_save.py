"""The workflow services: saving a proposal, from the form and from plain data, and the version
bump that makes open forms stale."""

import datetime

import pytest

from participants.forms import ProposalEditor
from participants.models import (
    ChangeProposal,
    Milestone,
)
from participants.services import (
    AdaptationData,
    EditConflict,
    MilestoneData,
    ProposalData,
    ProposalIncomplete,
    ProposalReadOnly,
    proposal_save,
    proposal_version_bump,
)
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    adaptation_row,
    proposal_form_data,
    proposal_form_data_for,
)
from tests.participants.services_fixtures import (
    APPROVED,
    DRAFT,
    SUBMITTED,
    _put_in,
)

pytestmark = pytest.mark.django_db


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
