"""The province and visit pages: what a visitor reads on them, and a query count that does not
grow with the data."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils.html import escape

from benchmarking.models import OfficialSide
from best_practices.facet_index import current_index
from participants.models import ProposalStatus
from participants.statistics_figures import statistics_refresh
from tests.benchmarking.views.views_fixtures import province_url
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    HostAgencyFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    UserFactory,
    VisitFactory,
    VisitGroupFactory,
    VisitHostAgencyFactory,
    VisitOfficialFactory,
    province,
)

pytestmark = pytest.mark.django_db


PROVINCE_LIST = reverse("benchmarking:province-list")
VISIT_LIST = reverse("benchmarking:visit-list")


def visit_url(visit):
    return reverse("benchmarking:visit-detail", kwargs={"pk": visit.pk})


@pytest.fixture
def lampung_visit():
    """The article's visit: BPSDM Lampung's Diklatpim IV cohort in Central Java."""
    institution = InstitutionFactory(
        name="BPSDM Provinsi Lampung", short_name="BPSDM Lampung", province=province("18")
    )
    cohort = CohortFactory(institution=institution, name="Angkatan I", year=2018)
    visit = VisitFactory(
        cohort=cohort,
        host_province=province("33"),
        title="Benchmarking ke Pemerintah Provinsi Jawa Tengah",
        start_date=datetime.date(2018, 8, 28),
        end_date=datetime.date(2018, 8, 29),
    )
    biro = HostAgencyFactory(name="Biro Organisasi Setda Provinsi Jawa Tengah")
    diskominfo = HostAgencyFactory(name="Dinas Kominfo Provinsi Jawa Tengah")
    VisitHostAgencyFactory(visit=visit, host_agency=biro)
    VisitHostAgencyFactory(visit=visit, host_agency=diskominfo)
    VisitOfficialFactory(
        visit=visit,
        name="Dr. Ir. Sri Puryono",
        position="Sekretaris Daerah Provinsi Jawa Tengah",
        side=OfficialSide.HOST,
        remarks="Kunci keberhasilan adalah komitmen pimpinan.",
    )
    VisitOfficialFactory(
        visit=visit,
        name="Ir. Fahrizal Darminto",
        position="Sekretaris Daerah Provinsi Lampung",
        side=OfficialSide.VISITING,
        remarks="Kami datang untuk belajar.",
    )
    group = VisitGroupFactory(
        visit=visit, name="Kelompok 1", host_agency=diskominfo, report="Kanal aduan terpadu."
    )
    ParticipantFactory(
        cohort=cohort,
        visit_group=group,
        full_name="Andi Saputra",
        position="Kepala Seksi Pelayanan",
        agency="Dinas Kependudukan Kabupaten Tanggamus",
    )
    practice = BestPracticeFactory(
        title="LAPOR Gub! kanal pengaduan terpadu",
        slug="lapor-gub",
        host_province=province("33"),
        host_agency=diskominfo,
    )
    PracticeObservationFactory(practice=practice, visit=visit, notes="Dipaparkan oleh Kominfo.")
    return visit


def test_visit_detail_shows_everything_recorded_about_the_visit(client, lampung_visit):
    # Members' names are for logged-in users (tests/config/test_personal_data.py).
    client.force_login(UserFactory())
    response = client.get(visit_url(lampung_visit))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "<title>Benchmarking ke Pemerintah Provinsi Jawa Tengah · Lokus</title>" in content
    assert "Diklatpim Tingkat IV · Angkatan I · 2018" in content
    assert "BPSDM Provinsi Lampung" in content
    assert f'href="{province_url("33")}"' in content
    assert "28 Agustus 2018" in content and "29 Agustus 2018" in content
    assert "Biro Organisasi Setda Provinsi Jawa Tengah" in content
    # Officials, grouped by side, with their position and remarks.
    host_side = content.index("Pihak tuan rumah")
    visiting_side = content.index("Pihak pengunjung")
    assert host_side < content.index("Dr. Ir. Sri Puryono") < visiting_side
    assert visiting_side < content.index("Ir. Fahrizal Darminto")
    assert "Sekretaris Daerah Provinsi Jawa Tengah" in content
    assert "Kunci keberhasilan adalah komitmen pimpinan." in content
    # The group, its locus, members and report.
    assert "Kelompok 1" in content
    assert "Lokus: Dinas Kominfo Provinsi Jawa Tengah" in content
    assert "Andi Saputra" in content
    assert "Kepala Seksi Pelayanan" in content
    assert "Dinas Kependudukan Kabupaten Tanggamus" in content
    assert "Kanal aduan terpadu." in content
    # The practices observed, linked, with the visit's notes.
    practice_url = reverse("best_practices:practice-detail", kwargs={"slug": "lapor-gub"})
    assert f'href="{practice_url}"' in content
    assert "LAPOR Gub! kanal pengaduan terpadu" in content
    assert "Dipaparkan oleh Kominfo." in content
    # Breadcrumbs back to the list.
    assert f'<li><a href="{VISIT_LIST}">Kunjungan</a></li>' in content


def test_visit_detail_of_a_bare_visit_shows_empty_states(client):
    visit = VisitFactory()

    content = client.get(visit_url(visit)).content.decode()

    assert "Belum ada pejabat yang tercatat untuk kunjungan ini." in content
    assert "Belum ada kelompok yang tercatat untuk kunjungan ini." in content
    assert "Belum ada praktik baik yang tercatat untuk kunjungan ini." in content


def test_unknown_visit_is_a_404(client):
    response = client.get("/visits/999999/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "<h1>Halaman tidak ditemukan</h1>" in response.text


def test_visit_list_links_each_visit_with_its_host_and_cohort(client, lampung_visit):
    response = client.get(VISIT_LIST)

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "<title>Kunjungan · Lokus</title>" in content
    assert f'href="{visit_url(lampung_visit)}"' in content
    assert "Tuan rumah: Jawa Tengah" in content
    assert "BPSDM Provinsi Lampung" in content
    assert "1 praktik baik diamati" in content
    assert "1 kunjungan" in content


def test_a_visit_card_gives_its_day_or_its_days(client):
    VisitFactory(start_date=datetime.date(2018, 8, 28), end_date=datetime.date(2018, 8, 28))
    VisitFactory(start_date=datetime.date(2019, 3, 4), end_date=datetime.date(2019, 3, 6))

    content = client.get(VISIT_LIST).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(VISIT_LIST).content.decode()

    assert '<span><time datetime="2018-08-28">28 Agustus 2018</time></span>' in content
    assert (
        '<span><time datetime="2019-03-04">4 Maret 2019</time> – '
        '<time datetime="2019-03-06">6 Maret 2019</time></span>'
    ) in content
    assert '<time datetime="2019-03-04">4 March 2019</time>' in english


def test_visit_list_filters_by_host_province_from_the_url(client, lampung_visit):
    bali = VisitFactory(title="Studi lapangan ke Bali", host_province=province("51"))

    content = client.get(VISIT_LIST, {"host_province": "51"}).content.decode()

    assert bali.title in content
    assert lampung_visit.title not in content


def test_visit_list_with_bad_values_shows_errors_and_no_500(client, lampung_visit):
    response = client.get(VISIT_LIST, {"year": "abc", "host_province": "999", "page": "9999"})

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Beberapa filter tidak dikenali dan diabaikan" in content
    assert content.count("Masukkan pilihan yang valid.") == 2
    assert 'aria-invalid="true"' in content
    # The invalid filters are ignored: the visit is still listed.
    assert lampung_visit.title in content


def test_visit_list_past_the_last_page_shows_the_last_page(client):
    VisitFactory.create_batch(21)

    response = client.get(VISIT_LIST, {"page": "9999"})

    assert response.status_code == HTTPStatus.OK
    assert response.context["page_obj"].number == 2
    assert "Halaman 2 dari 2" in response.content.decode()


def test_pagination_keeps_the_filters_in_its_links(client):
    VisitFactory.create_batch(21, host_province=province("33"))

    content = client.get(VISIT_LIST, {"host_province": "33"}).content.decode()

    assert 'href="?host_province=33&amp;page=2"' in content


def test_visit_list_empty_state(client):
    content = client.get(VISIT_LIST, {"host_province": "11"}).content.decode()

    assert "Tidak ada kunjungan yang cocok dengan filter ini." in content


def test_province_list_shows_all_38_provinces_with_their_counts(client, lampung_visit):
    BestPracticeFactory(host_province=province("33"))

    response = client.get(PROVINCE_LIST)

    assert response.status_code == HTTPStatus.OK
    provinces = list(response.context["provinces"])
    assert len(provinces) == 38
    jateng = next(p for p in provinces if p.code == "33")
    assert (jateng.practice_count, jateng.visit_count) == (2, 1)
    lampung = next(p for p in provinces if p.code == "18")
    assert (lampung.practice_count, lampung.visit_count) == (0, 0)
    content = response.content.decode()
    assert f'<a href="{province_url("33")}">Jawa Tengah</a>' in content
    assert f'<a href="{province_url("91")}">' in content
    assert "<title>Provinsi · Lokus</title>" in content


def test_province_detail_lists_its_practices_and_hosted_visits(client, lampung_visit):
    response = client.get(province_url("33"))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "<title>Jawa Tengah · Lokus</title>" in content
    assert "kode Kemendagri 33" in content
    practice_url = reverse("best_practices:practice-detail", kwargs={"slug": "lapor-gub"})
    assert f'href="{practice_url}"' in content
    assert f'href="{visit_url(lampung_visit)}"' in content
    assert f'href="{reverse("best_practices:practice-list")}?province=33"' in content


def test_province_detail_of_an_empty_province(client):
    content = client.get(province_url("91")).content.decode()

    assert "Belum ada praktik baik dari provinsi ini yang tercatat." in content
    assert "Provinsi ini belum menjadi tuan rumah kunjungan yang tercatat." in content


def test_unknown_province_is_a_404(client):
    for code in ("99", "abc"):
        response = client.get(province_url(code))
        assert response.status_code == HTTPStatus.NOT_FOUND, code
        assert "<h1>Halaman tidak ditemukan</h1>" in response.text, code


# ---------- Query counts: the same with 3 rows and with 30 ----------


def populate(size):
    """``size`` visits to Central Java, each with agencies, officials, a group with members,
    and a practice observed that a proposal adapts."""
    viewer = UserFactory(username="viewer")
    for n in range(size):
        visit = VisitFactory(host_province=province("33"))
        VisitHostAgencyFactory(visit=visit)
        VisitOfficialFactory(visit=visit, side=OfficialSide.HOST)
        VisitOfficialFactory(visit=visit, side=OfficialSide.VISITING)
        group = VisitGroupFactory(visit=visit)
        participant = ParticipantFactory(cohort=visit.cohort, visit_group=group)
        practice = BestPracticeFactory(
            host_province=province("33"), host_agency=visit.host_agencies.get()
        )
        PracticeObservationFactory(practice=practice, visit=visit)
        proposal = ChangeProposalFactory(
            participant=participant,
            status=ProposalStatus.APPROVED,
            submitted_at=datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC),
        )
        PracticeAdaptationFactory(proposal=proposal, practice=practice)
        if n == 0:
            first = visit
    # One visit that holds every row, so that the detail page grows with ``size`` too.
    for _n in range(size):
        VisitOfficialFactory(visit=first)
        ParticipantFactory(cohort=first.cohort, visit_group=first.groups.get())
        PracticeObservationFactory(visit=first)
    # The kept national figures, as the task queued by the approvals leaves them.
    statistics_refresh()
    return viewer, first


# Anonymous: session-less pages. Logged in: + session, user with their profiles. The viewer,
# without a profile, reads only the shared proposals (no query tells it), so the counts are
# kept ones: the province page's flows come with the national figures (one query), not from
# its adaptations (two). Home counts the practices and their provinces with the facet index,
# which a server process keeps (its token: one query); its most adapted practices come with
# their host province and agency in one query (nothing is grouped for such a viewer).
QUERIES = {
    "home": 5,
    "province-list": 1,
    "province-detail": 5,  # with every province, for its map
    "visit-list": 6,
    "visit-detail": 7,
}
LOGGED_IN_EXTRA = 2


def page_url(name, first):
    return {
        "home": reverse("home"),
        "province-list": PROVINCE_LIST,
        "province-detail": province_url("33"),
        "visit-list": VISIT_LIST + "?host_province=33&year=2018&page=1",
        "visit-detail": visit_url(first),
    }[name]


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_count_does_not_grow_with_the_rows(client, django_assert_num_queries, size, name):
    viewer, first = populate(size)
    client.force_login(viewer)
    url = page_url(name, first)
    current_index()  # kept by the process, as after its first request

    with django_assert_num_queries(QUERIES[name] + LOGGED_IN_EXTRA):
        response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    assert "Jawa Tengah" in response.text
    if name in ("province-detail", "visit-detail"):
        assert escape(first.title) in response.text
    if name == "visit-list":
        assert len(response.context["page_obj"].object_list) == min(size, 20)
