"""An organizer works on their own institutions' data in the admin; a superuser on everything.

Two institutions hold the same kinds of rows, marked "Kenanga" (the organizer's) and "Cempaka"
(another institution's). The tests look from the side of the refused organizer: Cempaka's rows
are absent from every page, out of reach of every form, and unchanged.
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
    FacilitatorRole,
    Milestone,
    Participant,
    PracticeAdaptation,
    ProposalStatusChange,
    Review,
)
from tests.admin_helpers import (
    FULL_ROW,
    admin_url,
    form_data,
    organizer_login,
    status_change_create,
)
from tests.factories import (
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    ReviewFactory,
    UserFactory,
    VisitFactory,
    VisitGroupFactory,
    VisitHostAgencyFactory,
    VisitOfficialFactory,
    province,
)

pytestmark = pytest.mark.django_db

OWN, OTHER = "Kenanga", "Cempaka"

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
INVALID_CHOICE = (
    "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
)


def institution_rows(marker: str) -> dict:
    """An institution with a row of every scoped model, each named with ``marker``."""
    institution = InstitutionFactory(name=f"BPSDM {marker}", short_name=f"BPSDM {marker}")
    cohort = CohortFactory(institution=institution, name=f"Angkatan {marker}")
    visit = VisitFactory(cohort=cohort, title=f"Kunjungan {marker} ke Jawa Tengah")
    group = VisitGroupFactory(visit=visit, name=f"Kelompok {marker}")
    coach = FacilitatorFactory(institution=institution, full_name=f"Coach {marker}")
    participant = ParticipantFactory(
        cohort=cohort, visit_group=group, full_name=f"Peserta {marker}"
    )
    proposal = ChangeProposalFactory(
        participant=participant, title=f"Rancangan {marker}", coach=coach
    )
    return {
        Institution: institution,
        Cohort: cohort,
        Visit: visit,
        VisitHostAgency: VisitHostAgencyFactory(visit=visit),
        VisitOfficial: VisitOfficialFactory(visit=visit, name=f"Pejabat {marker}"),
        VisitGroup: group,
        Participant: participant,
        Facilitator: coach,
        ChangeProposal: proposal,
        PracticeAdaptation: PracticeAdaptationFactory(proposal=proposal),
        Milestone: MilestoneFactory(proposal=proposal, description=f"Tahap {marker}"),
        Review: ReviewFactory(proposal=proposal, reviewer=coach),
        ProposalStatusChange: status_change_create(proposal=proposal),
    }


@pytest.fixture
def own():
    return institution_rows(OWN)


@pytest.fixture
def other():
    return institution_rows(OTHER)


@pytest.fixture
def organizer(client, own, other):
    """The client logged in as the organizer of the "Kenanga" institution."""
    return organizer_login(client, own[Institution])


def listed(response) -> set:
    return {row.pk for row in response.context["cl"].result_list}


def assert_not_found(response, obj) -> None:
    """The admin answered as for a deleted row: back to the index, with Django's message."""
    assert response.redirect_chain == [(reverse("admin:index"), HTTPStatus.FOUND)]
    assert NOT_FOUND.format(pk=obj.pk) in response.text
    assert OTHER not in response.text


def autocomplete(client, model, field_name: str, term: str) -> list[str]:
    """The ids the admin's autocomplete offers for ``model.field_name``."""
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field_name,
            "term": term,
        },
    )
    assert response.status_code == HTTPStatus.OK
    return [item["id"] for item in response.json()["results"]]


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


# --- choices ---------------------------------------------------------------------------------


def _visit_add_data(cohort) -> dict:
    data = {
        "title": "Benchmarking ke Provinsi Jawa Tengah",
        "cohort": cohort.pk,
        "host_province": province("33").pk,
        "start_date": "2018-08-28",
        "end_date": "2018-08-28",
    }
    for prefix in ("locus_links", "officials", "groups"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


def test_organizer_cannot_add_a_visit_for_another_institutions_cohort(client, organizer, other):
    visits = Visit.objects.count()

    response = client.post(admin_url(Visit, "add"), _visit_add_data(other[Cohort]))

    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["cohort"] == [INVALID_CHOICE]
    assert INVALID_CHOICE in response.text
    assert Visit.objects.count() == visits


def test_organizer_adds_a_visit_for_their_own_cohort(client, organizer, own):
    response = client.post(admin_url(Visit, "add"), _visit_add_data(own[Cohort]))

    assert response.status_code == HTTPStatus.FOUND
    assert Visit.objects.get(title="Benchmarking ke Provinsi Jawa Tengah").cohort == own[Cohort]


def test_organizer_cannot_add_a_cohort_to_another_institution(client, organizer, other):
    data = {"institution": other[Institution].pk, "program": "pkp", "name": "Angkatan II"}
    response = client.post(admin_url(Cohort, "add"), {**data, "year": "2019"})

    assert response.context["adminform"].form.errors["institution"] == [INVALID_CHOICE]
    assert not Cohort.objects.filter(name="Angkatan II").exists()


def test_organizer_cannot_put_a_participant_in_another_institutions_cohort(
    client, organizer, own, other
):
    participant = own[Participant]
    url = admin_url(Participant, "change", participant.pk)
    data = form_data(client.get(url))
    data |= {"cohort": other[Cohort].pk, "visit_group": other[VisitGroup].pk}

    response = client.post(url, data)

    form = response.context["adminform"].form
    assert form.errors["cohort"] == [INVALID_CHOICE]
    assert form.errors["visit_group"] == [INVALID_CHOICE]
    participant.refresh_from_db()
    assert participant.cohort == own[Cohort]


def test_organizer_cannot_make_another_institutions_facilitator_a_mentor(
    client, organizer, own, other
):
    proposal = own[ChangeProposal]
    url = admin_url(ChangeProposal, "change", proposal.pk)
    data = form_data(client.get(url))
    data["mentor"] = FacilitatorFactory(
        institution=other[Institution], role=FacilitatorRole.MENTOR, full_name="Mentor Cempaka"
    ).pk

    response = client.post(url, data)

    assert response.context["adminform"].form.errors["mentor"] == [INVALID_CHOICE]
    proposal.refresh_from_db()
    assert proposal.mentor is None


def test_autocomplete_offers_only_the_organizers_cohorts(client, organizer, own):
    assert autocomplete(client, Visit, "cohort", "Angkatan") == [str(own[Cohort].pk)]


def test_autocomplete_offers_every_cohort_to_a_superuser(admin_client, own, other):
    found = autocomplete(admin_client, Visit, "cohort", "Angkatan")

    assert sorted(found) == sorted([str(own[Cohort].pk), str(other[Cohort].pk)])


@pytest.mark.parametrize(
    ("model", "field_name", "term", "target"),
    [
        (Participant, "visit_group", "Kelompok", VisitGroup),
        (VisitOfficial, "visit", "Kunjungan", Visit),
        (ChangeProposal, "participant", "Peserta", Participant),
        (Facilitator, "institution", "BPSDM", Institution),
        (Review, "proposal", "Rancangan", ChangeProposal),
    ],
)
def test_autocomplete_offers_only_the_organizers_rows(
    client, organizer, own, model, field_name, term, target
):
    assert autocomplete(client, model, field_name, term) == [str(own[target].pk)]


def test_autocomplete_offers_the_organizers_facilitators_and_unattached_ones(
    client, organizer, own
):
    unattached = FacilitatorFactory(full_name="Coach Nasional", institution=None)

    found = autocomplete(client, ChangeProposal, "coach", "Coach")

    assert sorted(found) == sorted([str(own[Facilitator].pk), str(unattached.pk)])


# --- shared knowledge ------------------------------------------------------------------------


def test_organizer_saves_a_shared_practice_observed_on_another_institutions_visit(
    client, organizer, own, other
):
    observation = PracticeObservationFactory(visit=other[Visit])
    practice = observation.practice
    PracticeObservationFactory(practice=practice, visit=own[Visit])
    url = admin_url(BestPractice, "change", practice.pk)
    page = client.get(url)
    assert other[Visit].title in page.text
    data = form_data(page)
    data["key_to_success"] = "Komitmen pimpinan daerah."

    response = client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    practice.refresh_from_db()
    assert practice.key_to_success == "Komitmen pimpinan daerah."
    assert set(practice.visits.all()) == {own[Visit], other[Visit]}


def test_organizer_cannot_record_an_observation_on_another_institutions_visit(
    client, organizer, own, other
):
    observation = PracticeObservationFactory(visit=own[Visit])
    url = admin_url(PracticeObservation, "change", observation.pk)
    data = form_data(client.get(url))
    data["visit"] = other[Visit].pk

    response = client.post(url, data)

    assert response.context["adminform"].form.errors["visit"] == [INVALID_CHOICE]
    observation.refresh_from_db()
    assert observation.visit == own[Visit]


# --- the institution and its organizers ------------------------------------------------------


def test_organizer_cannot_change_who_organizes_their_institution(client, organizer, own):
    institution = own[Institution]
    url = admin_url(Institution, "change", institution.pk)
    page = client.get(url)
    assert 'name="organizers"' not in page.text
    assert organizer.username in page.text
    data = form_data(page)
    data |= {"short_name": "BPSDM Kenanga Baru", "organizers": [UserFactory().pk]}

    response = client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    institution.refresh_from_db()
    assert institution.short_name == "BPSDM Kenanga Baru"
    assert list(institution.organizers.all()) == [organizer]


def test_superuser_assigns_the_organizers(admin_client, own):
    institution = own[Institution]
    url = admin_url(Institution, "change", institution.pk)
    page = admin_client.get(url)
    assert 'name="organizers"' in page.text
    organizers = [UserFactory(username="nurul"), UserFactory(username="made")]
    data = form_data(page) | {"organizers": [user.pk for user in organizers]}

    response = admin_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    assert set(institution.organizers.all()) == set(organizers)


def test_organizer_who_adds_an_institution_organizes_it(client, organizer):
    data = {"name": "BPSDM Provinsi Bengkulu", "short_name": "", "province": province("17").pk}

    response = client.post(admin_url(Institution, "add"), data, follow=True)

    assert response.status_code == HTTPStatus.OK
    institution = Institution.objects.get(name="BPSDM Provinsi Bengkulu")
    assert list(institution.organizers.all()) == [organizer]
    assert "BPSDM Provinsi Bengkulu" in response.text


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
