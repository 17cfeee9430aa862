"""The admin of the rubric, the final reports and the evaluations: organizers read their own
institutions' reports and evaluations and change none; only a superuser edits the rubric."""

from http import HTTPStatus

import pytest

from benchmarking.models import Institution
from participants.models import (
    Evaluation,
    EvaluationCriterion,
    EvaluationPredicate,
    EvaluationScore,
    FinalReport,
)
from tests.admin_helpers import admin_url, assert_query_count_flat, organizer_login
from tests.report_factories import REPORT_ROWS, final_report_create

pytestmark = pytest.mark.django_db

MODELS = [FinalReport, Evaluation, EvaluationScore, EvaluationCriterion, EvaluationPredicate]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_superuser_lists_the_rows(admin_client, model):
    row = REPORT_ROWS[model]()
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == HTTPStatus.OK
    assert admin_client.get(admin_url(model, "change", row.pk)).status_code == HTTPStatus.OK


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_query_count_does_not_grow(admin_client, model):
    assert_query_count_flat(admin_client, model)


def test_organizer_reads_only_their_institutions_reports_and_evaluations(client):
    own = final_report_create()
    other = final_report_create()
    organizer_login(client, Institution.objects.get(cohorts__participants__proposals=own.proposal))
    listed = client.get(admin_url(FinalReport, "changelist")).context["cl"].result_list
    assert list(listed) == [own]
    assert client.get(admin_url(FinalReport, "change", other.pk)).status_code in (
        HTTPStatus.FOUND,
        HTTPStatus.NOT_FOUND,
    )


@pytest.mark.parametrize("model", [FinalReport, Evaluation])
def test_nobody_adds_or_changes_a_report_or_an_evaluation_in_the_admin(admin_client, model):
    row = REPORT_ROWS[model]()
    assert admin_client.get(admin_url(model, "add")).status_code == HTTPStatus.FORBIDDEN
    response = admin_client.post(admin_url(model, "change", row.pk), {"predicate": "x"})
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_an_organizer_does_not_change_the_rubric(client):
    organizer_login(client)
    criterion = EvaluationCriterion.objects.get(name="Substansi")
    response = client.post(
        admin_url(EvaluationCriterion, "change", criterion.pk),
        {"name": "Substansi", "weight": "90", "position": "1", "is_active": "on"},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    criterion.refresh_from_db()
    assert criterion.weight == 30
