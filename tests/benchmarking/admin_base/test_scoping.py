"""An organizer lists and opens only their own institutions' rows in the admin; a superuser
every row (the rows: ``scoping_fixtures``).
"""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarking.models import (
    Cohort,
    HostAgency,
    Institution,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from best_practices.models import BestPractice, PracticeObservation
from participants.models import (
    ChangeProposal,
    Facilitator,
    Milestone,
    Participant,
    PracticeAdaptation,
    ProposalStatusChange,
    Review,
)
from tests.admin_helpers import (
    FULL_ROW,
    admin_url,
    organizer_login,
)
from tests.benchmarking.admin_base.scoping_fixtures import OTHER, OWN
from tests.factories import (
    FacilitatorFactory,
    InstitutionFactory,
    PracticeObservationFactory,
    VisitFactory,
    VisitHostAgencyFactory,
)

pytestmark = pytest.mark.django_db


#: The models whose admin shows an organizer only their own institutions' rows.
SCOPED = [
    Institution,
    Cohort,
    Visit,
    VisitHostAgency,
    VisitOfficial,
    VisitGroup,
    Participant,
    Facilitator,
    ChangeProposal,
    PracticeAdaptation,
    Milestone,
    Review,
    ProposalStatusChange,
]
#: The scoped models whose rows an organizer may delete.
DELETABLE = [Cohort, Visit, VisitHostAgency, VisitOfficial, VisitGroup, Participant]
NOT_FOUND = "dengan ID “{pk}” tidak ada. Mungkin telah dihapus?"


def listed(response) -> set:
    return {row.pk for row in response.context["cl"].result_list}


def assert_not_found(response, obj) -> None:
    """The admin answered as for a deleted row: back to the index, with Django's message."""
    assert response.redirect_chain == [(reverse("admin:index"), HTTPStatus.FOUND)]
    assert NOT_FOUND.format(pk=obj.pk) in response.text
    assert OTHER not in response.text


# --- lists -----------------------------------------------------------------------------------


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_organizer_lists_only_their_institutions_rows(client, organizer, own, model):
    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == HTTPStatus.OK
    assert listed(response) == {own[model].pk}
    assert OWN in response.text
    # Not in the rows, the filters, the counts: nowhere on the page.
    assert OTHER not in response.text


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_superuser_lists_every_institutions_rows(admin_client, own, other, model):
    response = admin_client.get(admin_url(model, "changelist"))

    assert listed(response) == {own[model].pk, other[model].pk}
    assert OWN in response.text
    assert OTHER in response.text


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_organizer_of_no_institution_lists_no_row(client, own, other, model):
    organizer_login(client)

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == HTTPStatus.OK
    assert listed(response) == set()
    assert OWN not in response.text
    assert OTHER not in response.text


def test_facilitators_of_no_institution_are_listed_for_every_organizer(client, organizer):
    unattached = FacilitatorFactory(full_name="Penguji Nasional", institution=None)

    response = client.get(admin_url(Facilitator, "changelist"))

    assert unattached.pk in listed(response)
    assert "Penguji Nasional" in response.text


@pytest.mark.parametrize("model", [HostAgency, BestPractice, PracticeObservation])
def test_shared_knowledge_is_listed_for_every_organizer(client, model):
    observation = PracticeObservationFactory(visit=VisitFactory(title=f"Kunjungan {OTHER}"))
    VisitHostAgencyFactory(visit=observation.visit)
    organizer_login(client, InstitutionFactory())

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == HTTPStatus.OK
    assert listed(response) == {row.pk for row in model.objects.all()}
    assert listed(response)


# --- another institution's row: not found ----------------------------------------------------


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_organizer_cannot_open_another_institutions_row(client, organizer, own, other, model):
    response = client.get(admin_url(model, "change", other[model].pk), follow=True)

    assert_not_found(response, other[model])
    assert client.get(admin_url(model, "change", own[model].pk)).status_code == HTTPStatus.OK


@pytest.mark.parametrize("model", DELETABLE, ids=lambda model: model.__name__)
def test_organizer_cannot_delete_another_institutions_row(client, organizer, other, model):
    url = admin_url(model, "delete", other[model].pk)

    page = client.get(url, follow=True)
    response = client.post(url, {"post": "yes"}, follow=True)

    assert_not_found(page, other[model])
    assert_not_found(response, other[model])
    assert model.objects.filter(pk=other[model].pk).exists()


def test_organizer_cannot_bulk_delete_another_institutions_row(client, organizer, other):
    # A free visit, so that only the scoping can keep it.
    visit = VisitFactory(cohort=other[Cohort], title=f"Kunjungan bebas {OTHER}")

    client.post(
        admin_url(Visit, "changelist"),
        {"action": "delete_selected", "_selected_action": [visit.pk], "post": "yes"},
    )

    assert Visit.objects.filter(pk=visit.pk).exists()


def test_organizer_cannot_change_another_institutions_visit(client, organizer, other):
    visit = other[Visit]

    response = client.post(admin_url(Visit, "change", visit.pk), {"title": "Diubah"}, follow=True)

    assert_not_found(response, visit)
    visit.refresh_from_db()
    assert visit.title == f"Kunjungan {OTHER} ke Jawa Tengah"


@pytest.mark.parametrize("model", [ChangeProposal, Review], ids=lambda model: model.__name__)
def test_organizer_cannot_read_the_history_of_another_institutions_row(
    client, organizer, own, other, model
):
    obj = other[model]
    version = obj.history.earliest()

    history = client.get(admin_url(model, "history", obj.pk), follow=True)
    old_version = client.get(
        reverse(
            f"admin:participants_{model._meta.model_name}_simple_history",
            args=[obj.pk, version.history_id],
        ),
        follow=True,
    )

    assert_not_found(history, obj)
    assert_not_found(old_version, obj)
    own_history = client.get(admin_url(model, "history", own[model].pk))
    assert own_history.status_code == HTTPStatus.OK


# --- query counts ----------------------------------------------------------------------------


def _organizer_changelist(client, organizer, model) -> tuple[int, int]:
    """(queries, rows listed) of the changelist, the organizer organizing every institution."""
    organizer.organized_institutions.set(Institution.objects.all())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == HTTPStatus.OK
    return len(queries.captured_queries), response.context["cl"].result_count


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_organizer_changelist_query_count_does_not_grow_with_rows(client, model):
    organizer = organizer_login(client)
    for _ in range(3):
        FULL_ROW[model]()
    few, few_rows = _organizer_changelist(client, organizer, model)
    for _ in range(27):
        FULL_ROW[model]()
    many, many_rows = _organizer_changelist(client, organizer, model)

    assert (few_rows, many_rows) == (3, 30)
    assert few == many


@pytest.mark.parametrize("model", [Visit, Participant], ids=lambda model: model.__name__)
def test_organizer_is_offered_only_the_cohort_years_of_their_institution(
    client, organizer, own, other, model
):
    Cohort.objects.filter(pk=own[Cohort].pk).update(year=2018)
    Cohort.objects.filter(pk=other[Cohort].pk).update(year=2021)

    page = client.get(admin_url(model, "changelist")).content.decode()

    assert "cohort__year=2018" in page
    assert "cohort__year=2021" not in page
