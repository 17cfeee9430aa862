"""The proposal form (text, milestones, adaptations) and the review form: every message."""

import pytest
from django.http import QueryDict

from participants.forms import (
    AdaptationForm,
    MilestoneForm,
    ProposalEditor,
    ProposalForm,
    data_with_milestone_row,
    data_with_practice,
)
from participants.forms_reviews import ReviewForm
from participants.models import ChangeProposal, ProposalStatus
from tests.factories import (
    MILESTONE_ROWS,
    BestPracticeFactory,
    ChangeProposalFactory,
    adaptation_row,
    proposal_form_data,
)

pytestmark = pytest.mark.django_db

REQUIRED = "Bidang ini tidak boleh kosong."


def _editor(data, instance=None):
    return ProposalEditor(instance=instance or ChangeProposal(), data=data)


def _messages(editor):
    return [problem.message for problem in editor.problems]


def test_forms_list_their_fields_and_none_of_owner_status_or_assignment():
    assert list(ProposalForm().fields) == [
        "title",
        "problem",
        "goals",
        "benefits",
        "stakeholders",
        "version",
    ]
    assert list(MilestoneForm().fields) == ["term", "description", "target_date"]
    assert list(AdaptationForm().fields) == ["practice", "mode", "kept", "changed", "rationale"]
    assert ProposalForm._meta.fields == ["title", "problem", "goals", "benefits", "stakeholders"]


def test_a_draft_is_saved_without_practices_or_milestones():
    editor = _editor(proposal_form_data(milestones=[]))
    assert editor.is_valid(submit=False)
    assert editor.problems == []


def test_a_draft_needs_only_a_title():
    editor = _editor(proposal_form_data(title="", problem=""))
    assert not editor.is_valid()
    assert editor.proposal_form.errors == {"title": [REQUIRED]}
    draft = _editor(proposal_form_data(problem="", goals="", milestones=[]))
    assert draft.is_valid(submit=False)


def test_submitting_needs_the_problem_and_the_summary_links_every_error_to_its_field():
    editor = _editor(proposal_form_data(problem="", milestones=[], action="submit"))
    assert not editor.is_valid(submit=True)
    problem = "Uraikan permasalahan yang ingin diatasi rancangan ini."
    assert editor.proposal_form.errors == {"problem": [problem]}
    assert [(link.href, link.message) for link in editor.error_summary()] == [
        ("#id_problem", problem),
        ("#adaptations", "Tambahkan minimal satu praktik baik yang diadaptasi."),
        ("#milestones", "Tambahkan minimal satu milestone jangka pendek."),
        ("#milestones", "Tambahkan minimal satu milestone jangka menengah."),
        ("#milestones", "Tambahkan minimal satu milestone jangka panjang."),
    ]


def test_the_summary_links_row_errors_to_the_row_field():
    practice = BestPracticeFactory(title="SIPADU")
    data = proposal_form_data(adaptations=[adaptation_row(practice, kept="")], action="submit")
    data["milestones-0-target_date"] = "bukan tanggal"
    editor = _editor(data)
    assert not editor.is_valid(submit=True)
    hrefs = {link.href: link.message for link in editor.error_summary()}
    assert hrefs["#id_adaptations-0-kept"] == "Jelaskan apa yang dipertahankan dari “SIPADU”."
    assert hrefs["#id_milestones-0-target_date"] == "Masukkan tanggal yang valid."


def test_the_edit_form_adds_no_empty_milestone_rows_unless_asked():
    proposal = ChangeProposalFactory()
    assert len(ProposalEditor(instance=proposal).milestones.forms) == 0
    assert len(ProposalEditor(instance=ChangeProposal()).milestones.forms) == 3


def test_submitting_without_a_practice_says_to_add_one():
    editor = _editor(proposal_form_data(action="submit"))
    assert not editor.is_valid(submit=True)
    assert _messages(editor) == ["Tambahkan minimal satu praktik baik yang diadaptasi."]
    assert editor.practice_problems == _messages(editor)


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("short", "Tambahkan minimal satu milestone jangka pendek."),
        ("medium", "Tambahkan minimal satu milestone jangka menengah."),
        ("long", "Tambahkan minimal satu milestone jangka panjang."),
    ],
)
def test_submitting_without_a_milestone_in_a_term_names_the_term(missing, message):
    milestones = [row for row in MILESTONE_ROWS if row["term"] != missing]
    data = proposal_form_data(
        milestones=milestones, adaptations=[adaptation_row(BestPracticeFactory())]
    )
    editor = _editor(data)
    assert not editor.is_valid(submit=True)
    assert _messages(editor) == [message]
    assert editor.milestone_problems == [message]


def test_a_milestone_marked_for_removal_does_not_count():
    proposal = ChangeProposalFactory()
    long_term = proposal.milestones.create(term="long", description="Terapkan.")
    milestones = [
        *MILESTONE_ROWS[:2],
        {"id": long_term.pk, "term": "long", "description": "Terapkan.", "DELETE": "on"},
    ]
    data = proposal_form_data(
        version=proposal.version,
        milestones=milestones,
        adaptations=[adaptation_row(BestPracticeFactory())],
    )
    editor = _editor(data, instance=proposal)
    assert not editor.is_valid(submit=True)
    assert _messages(editor) == ["Tambahkan minimal satu milestone jangka panjang."]


def test_submitting_an_adaptation_without_notes_says_what_to_write_for_which_practice():
    practice = BestPracticeFactory(title="Lapor Gub")
    data = proposal_form_data(adaptations=[adaptation_row(practice, kept="", changed=" ")])
    editor = _editor(data)
    assert not editor.is_valid(submit=True)
    assert _messages(editor) == [
        "Jelaskan apa yang dipertahankan dari “Lapor Gub”.",
        "Jelaskan apa yang diubah saat mengadaptasi “Lapor Gub”.",
    ]
    row = editor.adaptations.forms[0]
    assert row.errors["kept"] == ["Jelaskan apa yang dipertahankan dari “Lapor Gub”."]
    assert row.errors["changed"] == ["Jelaskan apa yang diubah saat mengadaptasi “Lapor Gub”."]


def test_adopting_as_is_needs_what_is_kept_but_not_what_changes():
    practice = BestPracticeFactory()
    data = proposal_form_data(adaptations=[adaptation_row(practice, mode="adopt", changed="")])
    assert _editor(data).is_valid(submit=True)


def test_a_complete_proposal_may_be_submitted():
    data = proposal_form_data(adaptations=[adaptation_row(BestPracticeFactory())])
    assert _editor(data).is_valid(submit=True)


def test_the_same_practice_twice_is_refused():
    practice = BestPracticeFactory(title="SAMSAT Keliling")
    data = proposal_form_data(adaptations=[adaptation_row(practice), adaptation_row(practice)])
    editor = _editor(data)
    assert not editor.is_valid()
    assert editor.adaptations.non_form_errors() == [
        "“SAMSAT Keliling” tercantum dua kali; cantumkan sekali saja."
    ]


def test_an_unknown_practice_or_mode_is_an_invalid_choice():
    data = proposal_form_data(adaptations=[{"practice": "999999", "mode": "copy", "kept": "x"}])
    editor = _editor(data)
    assert not editor.is_valid()
    errors = editor.adaptations.forms[0].errors
    assert errors["practice"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
    assert errors["mode"] == [
        "Masukkan pilihan yang valid. copy bukan salah satu dari pilihan yang tersedia."
    ]


def test_a_milestone_row_needs_a_description_and_a_valid_date():
    milestones = [{"term": "short", "description": "", "target_date": "31-31-2018"}]
    editor = _editor(proposal_form_data(milestones=milestones))
    assert not editor.is_valid()
    assert editor.milestones.forms[0].errors == {
        "description": [REQUIRED],
        "target_date": ["Masukkan tanggal yang valid."],
    }


def test_empty_milestone_rows_are_left_out():
    # The offered rows come with their term chosen; an added row has none.
    milestones = [
        MILESTONE_ROWS[0],
        {"term": "medium", "description": "", "target_date": ""},
        MILESTONE_ROWS[2],
        {"term": "", "description": "", "target_date": ""},
    ]
    data = proposal_form_data(
        milestones=milestones, adaptations=[adaptation_row(BestPracticeFactory())]
    )
    editor = _editor(data)
    assert editor.is_valid()
    assert not editor.is_valid(submit=True)
    assert _messages(editor) == ["Tambahkan minimal satu milestone jangka menengah."]


def test_a_tampered_management_form_is_an_error_not_a_crash():
    data = proposal_form_data()
    data["milestones-TOTAL_FORMS"] = "banyak"
    editor = _editor(data)
    assert not editor.is_valid(submit=True)
    assert editor.milestones.non_form_errors()


def test_a_practice_linked_from_its_page_is_an_extra_row_kept_even_before_notes():
    practice = BestPracticeFactory()
    editor = ProposalEditor(instance=ChangeProposal(), extra_practices=[practice])
    assert [p for _form, p in editor.adaptation_rows] == [practice]
    assert editor.adaptations.forms[0]["mode"].value() == "adapt"
    data = proposal_form_data(adaptations=[{"practice": practice.pk, "mode": "adapt"}])
    posted = _editor(data)
    assert posted.is_valid()
    assert posted.adaptations.forms[0].has_changed()


def test_adding_a_practice_appends_a_row_once():
    practice = BestPracticeFactory()
    data = QueryDict(mutable=True)
    data.update(proposal_form_data())
    added = data_with_practice(data, practice)
    assert added["adaptations-TOTAL_FORMS"] == "1"
    assert added["adaptations-0-practice"] == str(practice.pk)
    assert data_with_practice(added, practice) is None


def test_adding_a_practice_marked_for_removal_restores_it():
    practice = BestPracticeFactory()
    data = QueryDict(mutable=True)
    data.update(proposal_form_data(adaptations=[adaptation_row(practice, DELETE="on")]))
    restored = data_with_practice(data, practice)
    assert restored["adaptations-TOTAL_FORMS"] == "1"
    assert "adaptations-0-DELETE" not in restored


def test_adding_a_milestone_row():
    data = QueryDict(mutable=True)
    data.update(proposal_form_data())
    assert data_with_milestone_row(data)["milestones-TOTAL_FORMS"] == "4"
    data["milestones-TOTAL_FORMS"] = "x"
    assert data_with_milestone_row(data) is None


def _review_form(status, **data):
    proposal = ChangeProposalFactory.build(status=status)
    return ReviewForm(data, proposal=proposal)


def test_a_revision_request_needs_comments():
    form = _review_form(ProposalStatus.SUBMITTED, decision="revise", comments="  ")
    assert not form.is_valid()
    assert form.errors["comments"] == [
        "Jelaskan apa yang harus direvisi: komentar wajib diisi untuk permintaan revisi."
    ]


def test_a_comment_needs_text():
    form = _review_form(ProposalStatus.DRAFT, decision="comment", comments="")
    assert not form.is_valid()
    assert form.errors["comments"] == ["Tuliskan komentar Anda."]


def test_approving_needs_no_comment():
    assert _review_form(ProposalStatus.SUBMITTED, decision="approve", comments="").is_valid()


def test_a_decision_is_required():
    form = _review_form(ProposalStatus.SUBMITTED, comments="x")
    assert form.errors["decision"] == [REQUIRED]


@pytest.mark.parametrize("status", [ProposalStatus.DRAFT, ProposalStatus.APPROVED])
def test_only_a_submitted_proposal_offers_a_decision(status):
    form = _review_form(status, decision="approve", comments="Setuju.")
    assert [value for value, _label in form.fields["decision"].choices] == ["comment"]
    assert not form.is_valid()
    assert form.errors["decision"] == [
        "Masukkan pilihan yang valid. approve bukan salah satu dari pilihan yang tersedia."
    ]
