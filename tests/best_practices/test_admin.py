"""The admin of sectors, best practices and their observations on visits."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from best_practices.models import BestPractice, PracticeObservation, Sector, Stage
from tests.admin_helpers import (
    FULL_ROW,
    admin_url,
    assert_pages_show_row,
    assert_query_count_flat,
    changelist_query_count,
    form_data,
    organizer_login,
)
from tests.best_practices.views.test_practices import facet_counts
from tests.factories import (
    BestPracticeFactory,
    HostAgencyFactory,
    PracticeAdaptationFactory,
    UserFactory,
    VisitFactory,
    province,
    sector,
)

pytestmark = pytest.mark.django_db

MODELS = [BestPractice, PracticeObservation]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_superuser_pages_show_the_row(admin_client, model):
    assert_pages_show_row(admin_client, model, FULL_ROW[model]())


def test_superuser_sector_pages_show_the_sector(admin_client):
    health = sector("kesehatan")
    changelist = admin_client.get(admin_url(Sector, "changelist"))
    assert changelist.status_code == HTTPStatus.OK
    assert "Kesehatan" in changelist.text
    assert "Transmigrasi" in changelist.text
    add = admin_client.get(admin_url(Sector, "add"))
    assert add.status_code == HTTPStatus.OK
    assert "<h1>Tambahkan urusan pemerintahan</h1>" in add.text
    change = admin_client.get(admin_url(Sector, "change", health.pk))
    assert change.status_code == HTTPStatus.OK
    assert 'value="Kesehatan"' in change.text


def test_practice_form_groups_the_knowledge_and_the_qualities(admin_client):
    practice = BestPracticeFactory(key_to_success="Komitmen pimpinan daerah.")
    response = admin_client.get(admin_url(BestPractice, "change", practice.pk))
    assert response.status_code == HTTPStatus.OK
    for heading in (
        "Asal dan klasifikasi",
        "Kualitas pelayanan publik yang ditingkatkan",
        "Pengetahuan untuk replikasi",
        "Sumber dan pencatatan",
    ):
        assert heading in response.text
    assert "Komitmen pimpinan daerah." in response.text
    assert "Pengamatan pada kunjungan" in response.text
    # The slug follows the title as it is typed.
    assert "prepopulated" in response.text


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    assert_query_count_flat(admin_client, model)


def test_sector_changelist_query_count_does_not_grow_with_practices(admin_client):
    BestPracticeFactory(sectors=[sector("kesehatan")])
    few = changelist_query_count(admin_client, Sector)
    for _ in range(10):
        BestPracticeFactory(sectors=[sector("kesehatan"), sector("pendidikan"), sector("sosial")])
    many = changelist_query_count(admin_client, Sector)
    assert few == many
    # Every sector is listed: a query per row would show here.
    assert many < 15


def test_organizer_adds_a_practice_with_sectors_and_an_observation(client):
    visit = VisitFactory()
    organizer_login(client, visit.cohort.institution)
    agency = HostAgencyFactory(name="Biro Organisasi Setda Provinsi Jawa Tengah")
    data = {
        "title": "Kanal aduan masyarakat",
        "slug": "kanal-aduan-masyarakat",
        "summary": "Aduan, keluhan dan saran masyarakat melalui satu kanal.",
        "description": "",
        "host_province": province("33").pk,
        "host_agency": agency.pk,
        "year_started": "2014",
        "stage": Stage.APPLIED,
        "status": "active",
        "is_digital": "on",
        "sectors": [sector("kominfo").pk, sector("sosial").pk],
        "improves_speed": "on",
        "improves_transparency": "on",
        "key_to_success": "Tindak lanjut aduan dipantau pimpinan.",
        "observations-TOTAL_FORMS": "1",
        "observations-INITIAL_FORMS": "0",
        "observations-MIN_NUM_FORMS": "0",
        "observations-MAX_NUM_FORMS": "1000",
        "observations-0-visit": visit.pk,
        "observations-0-notes": "Dipaparkan oleh Diskominfo.",
    }

    response = client.post(admin_url(BestPractice, "add"), data)

    assert response.status_code == HTTPStatus.FOUND
    practice = BestPractice.objects.get(slug="kanal-aduan-masyarakat")
    assert practice.host_agency == agency
    assert practice.qualities == ["fast", "transparent"]
    assert set(practice.sectors.values_list("code", flat=True)) == {"kominfo", "sosial"}
    assert list(practice.visits.all()) == [visit]
    assert practice.observations.get().notes == "Dipaparkan oleh Diskominfo."


def test_the_practices_list_counts_an_admin_edit_at_once(admin_client, client):
    practice = BestPracticeFactory(sectors=[sector("kominfo")])
    list_url = reverse("best_practices:practice-list")
    assert facet_counts(client.get(list_url))[("sector", "kominfo")] == 1
    url = admin_url(BestPractice, "change", practice.pk)
    data = form_data(admin_client.get(url))
    data["sectors"] = [str(sector("sosial").pk)]
    data["stage"] = Stage.TRIAL

    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND

    counts = facet_counts(client.get(list_url))
    assert ("sector", "kominfo") not in counts
    assert counts[("sector", "sosial")] == 1
    assert counts[("stage", "trial")] == 1


def test_organizer_reaches_practices_and_reads_sectors(client):
    organizer_login(client)
    practice = BestPracticeFactory(title="Layanan perizinan daring")
    response = client.get(admin_url(BestPractice, "changelist"))
    assert response.status_code == HTTPStatus.OK
    assert practice.title in response.text
    sectors = client.get(admin_url(Sector, "changelist"))
    assert sectors.status_code == HTTPStatus.OK
    assert "Kesehatan" in sectors.text


def test_organizer_cannot_add_or_delete_a_sector(client):
    organizer_login(client)
    assert client.get(admin_url(Sector, "add")).status_code == HTTPStatus.FORBIDDEN
    url = admin_url(Sector, "delete", sector("sosial").pk)
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert client.post(url, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert Sector.objects.filter(code="sosial").exists()


def test_only_a_superuser_may_delete_a_sector(client, admin_client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(codename__in=["view_sector", "delete_sector"])
    )
    client.force_login(staff)
    url = admin_url(Sector, "delete", sector("sosial").pk)
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN
    changelist = client.get(admin_url(Sector, "changelist"))
    assert "delete_selected" not in changelist.text
    response = admin_client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert "Sosial" in response.text


def test_deleting_an_adapted_practice_shows_why_it_is_refused(client):
    adaptation = PracticeAdaptationFactory()
    organizer_login(client, adaptation.proposal.participant.cohort.institution)
    practice = adaptation.practice
    url = admin_url(BestPractice, "delete", practice.pk)

    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert "memerlukan penghapusan objek terlindungi" in page.text
    assert str(adaptation) in page.text

    response = client.post(url, {"post": "yes"})
    assert response.status_code == HTTPStatus.OK
    assert BestPractice.objects.filter(pk=practice.pk).exists()


def test_bulk_deleting_an_adapted_practice_shows_why_it_is_refused(client):
    adaptation = PracticeAdaptationFactory()
    organizer_login(client, adaptation.proposal.participant.cohort.institution)
    selection = {"action": "delete_selected", "_selected_action": [adaptation.practice.pk]}
    url = admin_url(BestPractice, "changelist")

    page = client.post(url, selection)
    assert "Menghapus praktik baik terpilih memerlukan penghapusan objek terlindungi" in page.text
    assert str(adaptation) in page.text

    response = client.post(url, {**selection, "post": "yes"})
    assert response.status_code == HTTPStatus.OK
    assert BestPractice.objects.filter(pk=adaptation.practice.pk).exists()
