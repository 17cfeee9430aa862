"""The submission rule, on plain notes: what is missing, in the user's language."""

from participants.submission import AdaptationNotes, submission_problems


def test_everything_missing_is_named_in_order():
    problems = submission_problems(
        adaptations=[AdaptationNotes("SIPADU", "adapt", kept=" ", changed="")],
        milestone_terms=["short", "medium"],
    )
    assert [(p.message, p.field, p.index) for p in problems] == [
        ("Jelaskan apa yang dipertahankan dari “SIPADU”.", "kept", 0),
        ("Jelaskan apa yang diubah saat mengadaptasi “SIPADU”.", "changed", 0),
        ("Tambahkan minimal satu milestone jangka panjang.", "milestones", None),
    ]


def test_a_complete_proposal_has_no_problem_and_adopting_needs_no_change_note():
    problems = submission_problems(
        adaptations=[AdaptationNotes("SIPADU", "adopt", kept="Alur daring.", changed="")],
        milestone_terms=["short", "medium", "long"],
    )
    assert problems == []
