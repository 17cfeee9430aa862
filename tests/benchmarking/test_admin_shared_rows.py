"""Rows every organizer reads but only some change, and what a delete page may name.

- A facilitator of no institution is shared: organizers read it, only a superuser changes it.
- A practice observation belongs to its visit's institution: every organizer reads it, only
  that institution's organizers move it to another visit or delete it.
- A delete page names only the rows the organizer may read and counts the others.

Each rule is looked at from the refused organizer's side: 403 or a read-only page, and nothing
written.
"""

from http import HTTPStatus

import pytest
from django.core import mail

from benchmarking.models import HostAgency, Visit
from best_practices.models import BestPractice, PracticeObservation
from participants.models import Facilitator, FacilitatorRole
from tests.admin_helpers import admin_url, form_data, organizer_login
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    HostAgencyFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    UserFactory,
    VisitFactory,
    VisitGroupFactory,
    VisitHostAgencyFactory,
)

pytestmark = pytest.mark.django_db

REQUIRED = "Bidang ini tidak boleh kosong."


def visit_of(marker: str) -> Visit:
    institution = InstitutionFactory(name=f"BPSDM {marker}", short_name=f"BPSDM {marker}")
    return VisitFactory(cohort=CohortFactory(institution=institution), title=f"Kunjungan {marker}")


@pytest.fixture
def own_visit():
    return visit_of("Kenanga")


@pytest.fixture
def other_visit():
    return visit_of("Cempaka")


@pytest.fixture
def organizer(client, own_visit):
    return organizer_login(client, own_visit.cohort.institution)


# --- facilitators of no institution ----------------------------------------------------------


@pytest.fixture
def shared_facilitator():
    return FacilitatorFactory(
        full_name="Penguji Nasional",
        role=FacilitatorRole.EXAMINER,
        institution=None,
        email="penguji@lan.go.id",
    )


def test_organizer_reads_a_shared_facilitator_read_only(client, organizer, shared_facilitator):
    response = client.get(admin_url(Facilitator, "change", shared_facilitator.pk))

    assert response.status_code == HTTPStatus.OK
    assert "Penguji Nasional" in response.text
    assert "penguji@lan.go.id" in response.text
    assert 'name="email"' not in response.text
    assert 'name="_save"' not in response.text


def test_organizer_cannot_set_a_shared_facilitators_email(client, organizer, shared_facilitator):
    data = {
        "full_name": "Penguji Nasional",
        "role": FacilitatorRole.EXAMINER,
        "email": "penyelenggara@bpsdm.go.id",
    }

    response = client.post(admin_url(Facilitator, "change", shared_facilitator.pk), data)

    assert response.status_code == HTTPStatus.FORBIDDEN
    shared_facilitator.refresh_from_db()
    assert shared_facilitator.email == "penguji@lan.go.id"


def test_superuser_changes_a_shared_facilitator(admin_client, shared_facilitator):
    url = admin_url(Facilitator, "change", shared_facilitator.pk)
    data = form_data(admin_client.get(url)) | {"email": "sekretariat@lan.go.id"}

    response = admin_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    shared_facilitator.refresh_from_db()
    assert shared_facilitator.email == "sekretariat@lan.go.id"


def test_organizer_changes_their_own_institutions_facilitator(client, organizer, own_visit):
    coach = FacilitatorFactory(institution=own_visit.cohort.institution, email="")
    url = admin_url(Facilitator, "change", coach.pk)
    data = form_data(client.get(url)) | {"email": "coach@bpsdm.go.id"}

    response = client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    coach.refresh_from_db()
    assert coach.email == "coach@bpsdm.go.id"


def test_organizer_cannot_invite_a_shared_facilitators_account(
    client, organizer, shared_facilitator, django_capture_on_commit_callbacks
):
    shared_facilitator.user = UserFactory(email="penguji@lan.go.id", password=None)
    shared_facilitator.user.set_unusable_password()
    shared_facilitator.user.save()
    shared_facilitator.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url(Facilitator, "changelist"),
            {"action": "invitation_send", "_selected_action": [shared_facilitator.pk]},
            follow=True,
        )

    assert not mail.outbox
    assert (
        "Penguji Nasional dipakai bersama oleh semua lembaga: hanya superuser yang dapat "
        "mengundangnya." in response.text
    )


def test_organizer_cannot_add_a_facilitator_of_no_institution(client, organizer):
    data = {"full_name": "Coach Tanpa Lembaga", "role": FacilitatorRole.COACH, "email": ""}

    response = client.post(admin_url(Facilitator, "add"), data)

    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["institution"] == [REQUIRED]
    assert not Facilitator.objects.filter(full_name="Coach Tanpa Lembaga").exists()


# --- practice observations -------------------------------------------------------------------


def test_organizer_reads_another_institutions_observation_read_only(client, organizer, other_visit):
    observation = PracticeObservationFactory(visit=other_visit)

    response = client.get(admin_url(PracticeObservation, "change", observation.pk))

    assert response.status_code == HTTPStatus.OK
    assert "Kunjungan Cempaka" in response.text
    assert 'name="visit"' not in response.text


def test_organizer_cannot_move_another_institutions_observation(
    client, organizer, own_visit, other_visit
):
    observation = PracticeObservationFactory(visit=other_visit)
    data = {"practice": observation.practice_id, "visit": own_visit.pk, "notes": ""}

    response = client.post(admin_url(PracticeObservation, "change", observation.pk), data)

    assert response.status_code == HTTPStatus.FORBIDDEN
    observation.refresh_from_db()
    assert observation.visit == other_visit


def test_organizer_cannot_delete_another_institutions_observation(client, organizer, other_visit):
    observation = PracticeObservationFactory(visit=other_visit)
    url = admin_url(PracticeObservation, "delete", observation.pk)

    page = client.get(url)
    response = client.post(url, {"post": "yes"})

    assert page.status_code == response.status_code == HTTPStatus.FORBIDDEN
    assert PracticeObservation.objects.filter(pk=observation.pk).exists()


def test_organizer_cannot_bulk_delete_another_institutions_observation(
    client, organizer, other_visit
):
    observation = PracticeObservationFactory(visit=other_visit)
    selection = {"action": "delete_selected", "_selected_action": [observation.pk]}
    url = admin_url(PracticeObservation, "changelist")

    page = client.post(url, selection)
    response = client.post(url, {**selection, "post": "yes"})

    assert "tidak memiliki izin untuk menghapus" in page.text
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert PracticeObservation.objects.filter(pk=observation.pk).exists()


def test_organizer_deletes_their_own_institutions_observation(client, organizer, own_visit):
    observation = PracticeObservationFactory(visit=own_visit)

    response = client.post(
        admin_url(PracticeObservation, "delete", observation.pk), {"post": "yes"}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert not PracticeObservation.objects.filter(pk=observation.pk).exists()


def test_the_practice_inline_holds_only_the_organizers_observations(
    client, organizer, own_visit, other_visit
):
    practice = BestPracticeFactory()
    own = PracticeObservationFactory(practice=practice, visit=own_visit)
    other = PracticeObservationFactory(practice=practice, visit=other_visit)
    url = admin_url(BestPractice, "change", practice.pk)

    page = client.get(url)

    inline = page.context["inline_admin_formsets"][0].formset
    assert [form.instance for form in inline.initial_forms] == [own]
    # Every observation is still read, in the read-only list of the visits it was seen on.
    assert "Kunjungan Cempaka (BPSDM Cempaka)" in page.text
    data = form_data(page)
    data |= {
        "observations-INITIAL_FORMS": "2",
        "observations-TOTAL_FORMS": "2",
        "observations-1-id": other.pk,
        "observations-1-practice": practice.pk,
        "observations-1-visit": own_visit.pk,
        "observations-1-DELETE": "on",
    }
    client.post(url, data)

    other.refresh_from_db()
    assert other.visit == other_visit


def test_organizer_cannot_delete_a_practice_observed_on_another_institutions_visit(
    client, organizer, other_visit
):
    observation = PracticeObservationFactory(visit=other_visit)
    url = admin_url(BestPractice, "delete", observation.practice_id)

    page = client.get(url)
    response = client.post(url, {"post": "yes"})

    # The observation is shared knowledge, so it is named, but it is not theirs to delete.
    assert page.context["perms_lacking"] == {PracticeObservation._meta.verbose_name}
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert PracticeObservation.objects.filter(pk=observation.pk).exists()


# --- delete pages ----------------------------------------------------------------------------


@pytest.fixture
def agency(own_visit, other_visit):
    """A host agency both institutions visited, each sending a group to it."""
    agency = HostAgencyFactory(name="Diskominfo Jawa Tengah")
    for visit, marker in ((own_visit, "Kenanga"), (other_visit, "Cempaka")):
        VisitHostAgencyFactory(visit=visit, host_agency=agency)
        VisitGroupFactory(visit=visit, host_agency=agency, name=f"Kelompok {marker}")
    return agency


def test_a_delete_page_names_only_the_organizers_protected_rows(client, organizer, agency):
    url = admin_url(HostAgency, "delete", agency.pk)

    page = client.get(url)
    response = client.post(url, {"post": "yes"})

    assert page.status_code == HTTPStatus.OK
    assert "Kelompok Kenanga" in page.text
    assert "Kunjungan Kenanga" in page.text
    assert "Cempaka" not in page.text
    assert "<li>2 data lembaga lain</li>" in page.text
    assert response.status_code == HTTPStatus.OK
    assert HostAgency.objects.filter(pk=agency.pk).exists()


def test_a_delete_page_in_english_counts_other_institutions_rows(client, organizer, agency):
    client.cookies["django_language"] = "en"

    page = client.get(admin_url(HostAgency, "delete", agency.pk), HTTP_ACCEPT_LANGUAGE="en")

    assert "2 records of other institutions" in page.text


def test_a_superuser_delete_page_names_every_protected_row(admin_client, agency):
    page = admin_client.get(admin_url(HostAgency, "delete", agency.pk))

    assert "Kelompok Kenanga" in page.text
    assert "Kelompok Cempaka" in page.text
    assert "data lembaga lain" not in page.text


def test_a_delete_page_hides_another_institutions_draft_title(client, organizer, own_visit):
    practice = BestPracticeFactory()
    own = ChangeProposalFactory(
        title="Rancangan Kenanga",
        participant=ParticipantFactory(cohort=own_visit.cohort),
    )
    PracticeAdaptationFactory(practice=practice, proposal=own)
    PracticeAdaptationFactory(practice=practice, proposal__title="Rancangan rahasia Cempaka")

    page = client.get(admin_url(BestPractice, "delete", practice.pk))

    assert "Rancangan Kenanga" in page.text
    assert "Rancangan rahasia Cempaka" not in page.text
    assert "<li>1 data lembaga lain</li>" in page.text
