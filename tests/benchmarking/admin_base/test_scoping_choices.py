"""An organizer's forms in the admin offer only their own institutions' rows: choices,
autocompletes, shared knowledge and the institution's organizers (the rows: ``scoping_fixtures``).
"""

from http import HTTPStatus

import pytest
from django.urls import reverse

from benchmarking.models import (
    Cohort,
    Institution,
    Visit,
    VisitGroup,
    VisitOfficial,
)
from best_practices.models import BestPractice, PracticeObservation
from participants.models import (
    ChangeProposal,
    Facilitator,
    FacilitatorRole,
    Participant,
    Review,
)
from tests.admin_helpers import (
    admin_url,
    form_data,
)
from tests.factories import (
    FacilitatorFactory,
    PracticeObservationFactory,
    UserFactory,
    province,
)

pytestmark = pytest.mark.django_db


INVALID_CHOICE = (
    "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
)


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
