"""The admin of provinces, institutions, cohorts, host agencies and visits."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission

from benchmarking.models import (
    Cohort,
    HostAgency,
    Institution,
    OfficialSide,
    Province,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from tests.admin_helpers import (
    FULL_ROW,
    admin_url,
    assert_pages_show_row,
    assert_query_count_flat,
    changelist_query_count,
    form_data,
    organizer_login,
)
from tests.factories import (
    CohortFactory,
    HostAgencyFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeObservationFactory,
    UserFactory,
    VisitFactory,
    VisitGroupFactory,
    province,
)

pytestmark = pytest.mark.django_db

MODELS = [Institution, Cohort, HostAgency, Visit, VisitHostAgency, VisitOfficial, VisitGroup]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_superuser_pages_show_the_row(admin_client, model):
    assert_pages_show_row(admin_client, model, FULL_ROW[model]())


def test_superuser_province_pages_show_the_province(admin_client):
    jateng = province("33")
    changelist = admin_client.get(admin_url(Province, "changelist"))
    assert changelist.status_code == HTTPStatus.OK
    assert "Jawa Tengah" in changelist.text
    assert "Papua Barat Daya" in changelist.text
    add = admin_client.get(admin_url(Province, "add"))
    assert add.status_code == HTTPStatus.OK
    assert "<h1>Tambahkan provinsi</h1>" in add.text
    change = admin_client.get(admin_url(Province, "change", jateng.pk))
    assert change.status_code == HTTPStatus.OK
    assert 'value="Jawa Tengah"' in change.text
    assert 'value="33"' in change.text


def test_admin_index_names_the_apps_in_indonesian(admin_client):
    response = admin_client.get("/admin/")
    assert "Kunjungan benchmarking" in response.text
    assert "Praktik baik" in response.text
    assert "Peserta dan rancangan proyek perubahan" in response.text


def test_visit_changelist_shows_the_practices_observed(admin_client):
    visit = FULL_ROW[Visit]()
    VisitGroupFactory(visit=visit)
    response = admin_client.get(admin_url(Visit, "changelist"))
    row = response.context["cl"].result_list.get(pk=visit.pk)
    assert row.practice_count == 1
    assert "Praktik diamati" in response.text


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    assert_query_count_flat(admin_client, model)


def test_province_changelist_query_count_does_not_grow_with_related_rows(admin_client):
    for code in ("11", "12", "13"):
        InstitutionFactory(province=province(code))
    few = changelist_query_count(admin_client, Province)
    for code in ("14", "15", "16", "17", "18", "19", "21", "31", "32", "33") * 3:
        HostAgencyFactory(province=province(code))
        VisitFactory(host_province=province(code))
    many = changelist_query_count(admin_client, Province)
    assert few == many
    # All 38 provinces are listed: a query per row would show here.
    assert many < 15


def test_organizer_reaches_the_visit_changelist(client):
    visit = VisitFactory(title="Kunjungan ke Semarang")
    organizer_login(client, visit.cohort.institution)
    response = client.get(admin_url(Visit, "changelist"))
    assert response.status_code == HTTPStatus.OK
    assert visit.title in response.text
    for model in (Cohort, HostAgency, Institution, Province, VisitGroup):
        assert client.get(admin_url(model, "changelist")).status_code == HTTPStatus.OK


def test_organizer_cannot_add_or_delete_a_province(client):
    organizer_login(client)
    assert client.get(admin_url(Province, "add")).status_code == HTTPStatus.FORBIDDEN
    delete = admin_url(Province, "delete", province("33").pk)
    assert client.get(delete).status_code == HTTPStatus.FORBIDDEN
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert Province.objects.filter(code="33", name="Jawa Tengah").exists()


def test_only_a_superuser_may_delete_a_province(client, admin_client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(codename__in=["view_province", "delete_province"])
    )
    client.force_login(staff)
    url = admin_url(Province, "delete", province("96").pk)
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert client.post(url, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert Province.objects.filter(code="96").exists()
    response = admin_client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert "Papua Barat Daya" in response.text


def _visit_add_data(cohort, agency) -> dict:
    """The add form of a visit with one host agency, two officials and two groups."""
    return {
        "title": "Benchmarking ke Provinsi Jawa Tengah",
        "cohort": cohort.pk,
        "host_province": province("33").pk,
        "start_date": "2018-08-28",
        "end_date": "2018-08-28",
        "summary": "Studi lapangan Diklatpim IV.",
        "locus_links-TOTAL_FORMS": "1",
        "locus_links-INITIAL_FORMS": "0",
        "locus_links-MIN_NUM_FORMS": "0",
        "locus_links-MAX_NUM_FORMS": "1000",
        "locus_links-0-host_agency": agency.pk,
        "officials-TOTAL_FORMS": "2",
        "officials-INITIAL_FORMS": "0",
        "officials-MIN_NUM_FORMS": "0",
        "officials-MAX_NUM_FORMS": "1000",
        "officials-0-name": "Hery Suliyanto",
        "officials-0-position": "Asisten Bidang Pemerintahan Provinsi Lampung",
        "officials-0-side": OfficialSide.VISITING,
        "officials-0-order": "1",
        "officials-0-remarks": "Terima kasih atas sambutannya.",
        "officials-1-name": "Edy Supriyanto",
        "officials-1-position": "Plh. Asisten Bidang Administrasi Pemprov Jateng",
        "officials-1-side": OfficialSide.HOST,
        "officials-1-order": "2",
        "officials-1-remarks": "Selamat datang.",
        "groups-TOTAL_FORMS": "2",
        "groups-INITIAL_FORMS": "0",
        "groups-MIN_NUM_FORMS": "0",
        "groups-MAX_NUM_FORMS": "1000",
        "groups-0-name": "Kelompok 1",
        "groups-0-host_agency": agency.pk,
        "groups-0-report": "",
        "groups-1-name": "Kelompok 2",
        "groups-1-host_agency": agency.pk,
        "groups-1-report": "Pelayanan berbasis aplikasi.",
    }


def test_organizer_adds_a_visit_with_officials_and_groups_in_one_form(client):
    cohort = CohortFactory()
    organizer_login(client, cohort.institution)
    agency = HostAgencyFactory(name="Diskominfo Provinsi Jawa Tengah")
    form = client.get(admin_url(Visit, "add"))
    assert form.status_code == HTTPStatus.OK
    assert "Pejabat narasumber" in form.text

    response = client.post(admin_url(Visit, "add"), _visit_add_data(cohort, agency), follow=True)

    assert response.status_code == HTTPStatus.OK
    visit = Visit.objects.get(title="Benchmarking ke Provinsi Jawa Tengah")
    assert list(visit.host_agencies.all()) == [agency]
    assert [(o.name, o.side) for o in visit.officials.all()] == [
        ("Hery Suliyanto", OfficialSide.VISITING),
        ("Edy Supriyanto", OfficialSide.HOST),
    ]
    assert sorted(visit.groups.values_list("name", flat=True)) == ["Kelompok 1", "Kelompok 2"]
    assert "berhasil ditambahkan" in response.text


def test_visit_add_with_a_bad_date_range_saves_nothing(client):
    cohort = CohortFactory()
    organizer_login(client, cohort.institution)
    data = _visit_add_data(cohort, HostAgencyFactory())
    data["end_date"] = "2018-08-27"
    response = client.post(admin_url(Visit, "add"), data)
    assert response.status_code == HTTPStatus.OK
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.text
    assert not Visit.objects.exists()
    assert not VisitOfficial.objects.exists()


def test_organizer_finds_cohorts_and_host_agencies_by_autocomplete(client):
    cohort = CohortFactory(name="Angkatan XXVII")
    organizer_login(client, cohort.institution)
    agency = HostAgencyFactory(name="Dinas Penanaman Modal dan PTSP")
    cohorts = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "benchmarking",
            "model_name": "visit",
            "field_name": "cohort",
            "term": "XXVII",
        },
    )
    assert cohorts.status_code == HTTPStatus.OK
    assert [item["id"] for item in cohorts.json()["results"]] == [str(cohort.pk)]
    agencies = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "benchmarking",
            "model_name": "visithostagency",
            "field_name": "host_agency",
            "term": "Penanaman",
        },
    )
    assert [item["text"] for item in agencies.json()["results"]] == [str(agency)]


def test_deleting_a_cited_visit_shows_why_it_is_refused(client):
    observation = PracticeObservationFactory()
    visit = observation.visit
    organizer_login(client, visit.cohort.institution)
    url = admin_url(Visit, "delete", visit.pk)

    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert "memerlukan penghapusan objek terlindungi" in page.text
    assert str(observation) in page.text

    response = client.post(url, {"post": "yes"})
    assert response.status_code == HTTPStatus.OK
    assert str(observation) in response.text
    assert Visit.objects.filter(pk=visit.pk).exists()


def test_bulk_deleting_a_cited_visit_shows_why_it_is_refused(client):
    observation = PracticeObservationFactory()
    free_visit = VisitFactory(cohort=observation.visit.cohort)
    organizer_login(client, free_visit.cohort.institution)
    selection = {
        "action": "delete_selected",
        "_selected_action": [observation.visit.pk, free_visit.pk],
    }
    url = admin_url(Visit, "changelist")

    page = client.post(url, selection)
    assert page.status_code == HTTPStatus.OK
    assert "Menghapus kunjungan terpilih memerlukan penghapusan objek terlindungi" in page.text
    assert str(observation) in page.text

    response = client.post(url, {**selection, "post": "yes"})
    assert response.status_code == HTTPStatus.OK
    assert str(observation) in response.text
    assert Visit.objects.count() == 2


def test_deleting_a_free_visit_works(client):
    visit = VisitFactory()
    organizer_login(client, visit.cohort.institution)
    response = client.post(admin_url(Visit, "delete", visit.pk), {"post": "yes"})
    assert response.status_code == HTTPStatus.FOUND
    assert not Visit.objects.exists()


def test_removing_a_group_with_members_from_the_visit_form_is_refused(admin_client):
    member = ParticipantFactory(visit_group=VisitGroupFactory())
    visit = member.visit_group.visit
    url = admin_url(Visit, "change", visit.pk)
    data = form_data(admin_client.get(url))
    data["groups-0-DELETE"] = "on"

    response = admin_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    assert "terlindungi" in response.text
    assert member.full_name in response.text
    assert VisitGroup.objects.filter(pk=member.visit_group.pk).exists()


def test_a_website_typed_without_its_scheme_is_stored_with_https(admin_client):
    agency = HostAgencyFactory(website="")
    url = admin_url(HostAgency, "change", agency.pk)
    data = form_data(admin_client.get(url))
    data["website"] = "diskominfo.jatengprov.go.id"

    response = admin_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    agency.refresh_from_db()
    assert agency.website == "https://diskominfo.jatengprov.go.id"


def test_deleting_an_institution_names_its_organizers_in_the_confirmation(admin_client):
    institution = InstitutionFactory(short_name="BPSDM Lampung")
    institution.organizers.add(UserFactory(username="budi"))

    page = admin_client.get(admin_url(Institution, "delete", institution.pk)).content.decode()

    assert "Penyelenggara lembaga: budi — BPSDM Lampung" in page
    assert "Institution_organizers object" not in page
