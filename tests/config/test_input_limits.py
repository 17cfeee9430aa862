"""Input limits: long texts have a maximum length, dates stay in plausible years."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from participants.forms import MilestoneForm, ProposalForm
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_two_million_character_problem_statement_is_refused_in_both_languages():
    data = {"title": "Judul", "problem": "x" * 2_000_000}
    with translation.override("id"):
        errors = [str(error) for error in ProposalForm(data).errors["problem"]]
    assert errors == [
        "Pastikan nilai ini mengandung paling banyak 10000 karakter (sekarang 2000000 karakter)."
    ]
    with translation.override("en"):
        errors = [str(error) for error in ProposalForm(data).errors["problem"]]
    assert errors == ["Ensure this value has at most 10000 characters (it has 2000000)."]


def test_a_milestone_more_than_ten_years_from_the_cohort_is_refused():
    proposal = f.ChangeProposalFactory(participant__cohort__year=2018)
    milestone = f.MilestoneFactory.build(proposal=proposal)
    data = {"term": "short", "description": "SOP.", "target_date": "0001-01-01"}
    with translation.override("id"):
        form = MilestoneForm(data, instance=milestone)
        assert form.errors["target_date"] == [
            "Tanggal target milestone harus antara tahun 2008 dan 2028."
        ]
    with translation.override("en"):
        form = MilestoneForm(data, instance=milestone)
        assert form.errors["target_date"] == [
            "A milestone's target date lies between the years 2008 and 2028."
        ]
    assert MilestoneForm({**data, "target_date": "2028-12-31"}, instance=milestone).is_valid()


def test_a_visit_in_the_year_9999_is_refused():
    visit = f.VisitFactory.build(cohort=f.CohortFactory(), end_date=datetime.date(9999, 1, 1))
    with translation.override("id"), pytest.raises(ValidationError) as refused:
        visit.full_clean()
    assert refused.value.message_dict["end_date"] == [
        "Masukkan tanggal antara tahun 1945 dan 2100."
    ]
