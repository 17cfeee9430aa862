"""The admin lists of the project after approval: read-only, scoped to the organizer's
institutions, with flat query counts."""

from http import HTTPStatus

import pytest

from participants.models import EvidenceAttachment, FollowUp, MilestoneFeedback, MilestoneProgress
from tests.admin_helpers import FULL_ROW, admin_url, assert_query_count_flat, organizer_login

pytestmark = pytest.mark.django_db

MODELS = [MilestoneProgress, EvidenceAttachment, MilestoneFeedback, FollowUp]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    assert_query_count_flat(admin_client, model)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_rows_are_read_only_in_the_admin(admin_client, model):
    row = FULL_ROW[model]()
    assert admin_client.get(admin_url(model, "add")).status_code == HTTPStatus.FORBIDDEN
    page = admin_client.get(admin_url(model, "change", row.pk))
    assert page.status_code == HTTPStatus.OK
    assert 'name="_save"' not in page.text


def test_evidence_is_linked_through_the_download_view(admin_client):
    evidence = FULL_ROW[EvidenceAttachment]()
    page = admin_client.get(admin_url(EvidenceAttachment, "change", evidence.pk)).text
    assert f"/proposals/{evidence.milestone.proposal_id}/evidence/{evidence.pk}/" in page
    assert "private/evidence/contoh" not in page


def test_an_organizer_sees_the_follow_ups_of_their_institutions_only(client):
    own = FULL_ROW[FollowUp]()
    other = FULL_ROW[FollowUp]()
    organizer_login(client, own.proposal.participant.cohort.institution)
    page = client.get(admin_url(FollowUp, "changelist")).text
    assert own.proposal.title in page
    assert other.proposal.title not in page
