"""A practice's page, and who sees which proposals on it and in the list, as its users see it."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from best_practices import practice_page
from best_practices.practice_page import ADAPTATIONS_SHOWN
from participants.models import (
    AdaptationMode,
    ChangeProposal,
    FacilitatorRole,
    ProposalStatus,
)
from tests.best_practices.views.test_practices import LIST_URL, approved, result_titles
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    FacilitatorFactory,
    HostAgencyFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    UserFactory,
    sector,
)

pytestmark = pytest.mark.django_db


# --- A practice's page -------------------------------------------------------------------


@pytest.fixture
def complaint_practice(catalogue):
    practice = catalogue["complaints"]
    practice.host_agency = HostAgencyFactory(name="Dinas Kominfo Provinsi Jawa Tengah")
    practice.summary = "Masyarakat menyampaikan aduan lewat aplikasi."
    practice.description = "Aduan dijawab dalam lima hari kerja."
    practice.key_to_success = "Komitmen pimpinan."
    practice.replication_prerequisites = "Admin di setiap OPD."
    practice.source_url = "https://jatengprov.go.id/lapor"
    practice.year_started = 2014
    practice.save()
    return practice


def test_practice_page_separates_its_sectors_and_says_what_is_not_recorded(client, catalogue):
    archive = catalogue["archive"]
    archive.source_url = ""
    archive.year_started = None
    archive.save()

    page = client.get(archive.get_absolute_url()).content.decode()

    inline_removed = re.sub(r"</?(?:a|span)\b[^>]*>", "", page)
    text = " ".join(re.sub(r"<[^>]+>", " ", inline_removed).split())
    assert "Urusan pemerintahan Kesehatan; Komunikasi dan informatika" in text
    assert "Tahun dimulai Belum tercatat" in text
    assert "Sumber Belum ada tautan" in text


def test_practice_page_shows_everything_known(client, complaint_practice, catalogue):
    response = client.get(complaint_practice.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    for text in (
        "Kanal pengaduan masyarakat",
        "Masyarakat menyampaikan aduan lewat aplikasi.",
        "Aduan dijawab dalam lima hari kerja.",
        "Kunci keberhasilan",
        "Komitmen pimpinan.",
        "Prasyarat replikasi",
        "Admin di setiap OPD.",
        "Dinas Kominfo Provinsi Jawa Tengah",
        "Komunikasi dan informatika",
        "Diterapkan",
        "2014",
        "https://jatengprov.go.id/lapor",
        '<span class="badge badge--fast">Cepat</span>',
        '<span class="badge badge--transparent">Transparan</span>',
        '<span class="badge badge--digital">Digital</span>',
    ):
        assert text in page, text
    assert reverse("benchmarking:province-detail", kwargs={"code": "33"}) in page
    visit = catalogue["visit_2018"]
    assert f'href="{visit.get_absolute_url()}">{visit.title}</a>' in page
    assert visit.cohort.institution.name in page
    assert "28 Agustus 2018" in page


def test_practice_page_lists_the_adapting_proposals_with_their_notes(client, complaint_practice):
    PracticeAdaptationFactory(
        practice=complaint_practice,
        proposal=approved(title="Aplikasi aduan kabupaten"),
        mode=AdaptationMode.ADAPT,
        kept="Alur tindak lanjut aduan.",
        changed="Lewat SMS, bukan aplikasi.",
    )
    PracticeAdaptationFactory(
        practice=complaint_practice,
        proposal=approved(title="Kanal aduan dinas"),
        mode=AdaptationMode.ADOPT,
        kept="Semuanya.",
        changed="",
    )
    client.force_login(UserFactory())

    page = client.get(complaint_practice.get_absolute_url()).content.decode()

    assert "Diadaptasi oleh 2 rancangan proyek perubahan" in page
    assert "Aplikasi aduan kabupaten" in page and "Kanal aduan dinas" in page
    assert "Alur tindak lanjut aduan." in page and "Lewat SMS, bukan aplikasi." in page
    assert '<span class="badge badge--adopt">Adopsi apa adanya</span>' in page
    assert '<span class="badge badge--adapt">Adaptasi</span>' in page


def adapted_by_numbered_proposals(practice, total: int) -> None:
    """``practice`` adapted by ``total`` approved proposals, "Rancangan nomor 00" the oldest;
    the two oldest were carried out."""
    for number in range(total):
        proposal = approved(title=f"Rancangan nomor {number:02d}")
        status = ProposalStatus.IMPLEMENTING if number < 2 else ProposalStatus.APPROVED
        updated = timezone.now() - datetime.timedelta(days=total - number)
        ChangeProposal.objects.filter(pk=proposal.pk).update(status=status, updated_at=updated)
        PracticeAdaptationFactory(practice=practice, proposal=proposal)


def numbers_listed(page: str) -> list[str]:
    """The numbers of the "Rancangan nomor NN" cards on ``page``, in their order."""
    return re.findall(r"Rancangan nomor (\d+)", page)


def test_a_practice_page_shows_its_latest_adaptations_and_a_link_to_all(client, catalogue):
    """A popular practice lists its latest adaptations and counts them all; "show all" (a
    link, no JavaScript) lists every one. The outcomes count the adaptations not listed too."""
    practice = catalogue["complaints"]
    total = ADAPTATIONS_SHOWN + 2
    adapted_by_numbered_proposals(practice, total)
    client.force_login(UserFactory())

    latest = client.get(practice.get_absolute_url()).text

    assert f"Diadaptasi oleh {total} rancangan proyek perubahan" in latest
    assert (
        f"Diadaptasi dalam {total} rancangan: 2 dilaksanakan, 0 masih berjalan setelah 12 bulan."
        in latest
    )
    assert latest.count('class="card card--adaptation"') == ADAPTATIONS_SHOWN
    assert "Rancangan nomor 00" not in latest and "Rancangan nomor 01" not in latest
    assert f"Rancangan nomor {total - 1:02d}" in latest
    show_all = (
        '<a class="more-link" href="?adaptations=all#adaptations-heading">'
        f"Tampilkan semua {total} rancangan</a>"
    )
    assert show_all in latest

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(practice.get_absolute_url()).text
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})

    assert f"Show all {total} proposals</a>" in english

    everything = client.get(practice.get_absolute_url(), {"adaptations": "all"}).text

    assert everything.count('class="card card--adaptation"') == total
    assert "Rancangan nomor 00" in everything and "Rancangan nomor 01" in everything
    assert f"Diadaptasi oleh {total} rancangan proyek perubahan" in everything
    assert "Tampilkan semua" not in everything
    assert numbers_listed(everything) == [f"{number:02d}" for number in reversed(range(total))]
    # Fewer than a page of them: no links between pages.
    assert 'class="pagination"' not in everything


def test_the_page_of_all_adaptations_reads_them_a_page_at_a_time(client, catalogue, monkeypatch):
    """``?adaptations=all`` lists every adaptation ``ADAPTATIONS_PER_PAGE`` to a page, newest
    first, with links between its pages that keep the list and come back to it."""
    monkeypatch.setattr(practice_page, "ADAPTATIONS_PER_PAGE", 5)
    practice = catalogue["complaints"]
    adapted_by_numbered_proposals(practice, 12)
    client.force_login(UserFactory())
    url = practice.get_absolute_url()

    first = client.get(url, {"adaptations": "all"}).text

    assert numbers_listed(first) == ["11", "10", "09", "08", "07"]
    assert "Diadaptasi oleh 12 rancangan proyek perubahan" in first
    assert "Diadaptasi dalam 12 rancangan: 2 dilaksanakan" in first
    assert "Halaman 1 dari 3" in first
    assert 'href="?adaptations=all&amp;page=2#adaptations-heading" rel="next"' in first
    assert "Tampilkan semua" not in first

    last = client.get(url, {"adaptations": "all", "page": "3"}).text

    assert numbers_listed(last) == ["01", "00"]
    assert "Diadaptasi dalam 12 rancangan: 2 dilaksanakan" in last
    assert "Halaman 3 dari 3" in last
    assert 'href="?adaptations=all&amp;page=2#adaptations-heading" rel="prev"' in last
    assert 'rel="next"' not in last

    # As in every list of the site (``Paginator.get_page``): no number reads the first page,
    # a number out of range the last.
    for number, first_listed in {"abc": "11", "": "11", "9": "01", "0": "01", "-1": "01"}.items():
        page = client.get(url, {"adaptations": "all", "page": number})
        assert page.status_code == HTTPStatus.OK
        assert numbers_listed(page.text)[0] == first_listed, number
    # The page without ``adaptations=all`` lists the latest, whatever its page number.
    assert numbers_listed(client.get(url, {"page": "2"}).text)[0] == "11"


def test_a_practice_page_with_few_adaptations_offers_no_link_to_all(client, complaint_practice):
    PracticeAdaptationFactory(practice=complaint_practice, proposal=approved(title="Kanal aduan"))
    client.force_login(UserFactory())

    page = client.get(complaint_practice.get_absolute_url()).text

    assert "Kanal aduan" in page
    assert "Tampilkan semua" not in page


def test_anonymous_visitors_are_told_to_log_in_to_see_proposals(client, complaint_practice):
    PracticeAdaptationFactory(practice=complaint_practice, proposal=approved(title="Rahasia"))
    url = complaint_practice.get_absolute_url()

    page = client.get(url).content.decode()

    assert "Rahasia" not in page
    assert f'href="{reverse("login")}?next={url}"' in page


def test_related_practices_share_a_sector_or_the_host_agency(client, complaint_practice):
    same_agency = BestPracticeFactory(
        title="Layanan informasi publik", host_agency=complaint_practice.host_agency
    )
    unrelated = BestPracticeFactory(title="Pasar rakyat", sectors=[sector("perdagangan")])

    page = client.get(complaint_practice.get_absolute_url()).content.decode()
    related = page[page.index("related-heading") :]

    assert same_agency.title in related
    assert "Arsip kesehatan lama" in related  # shares kominfo
    assert unrelated.title not in related
    assert related.count("Kanal pengaduan masyarakat") == 0


def test_practice_page_reads_no_search_vector(client, complaint_practice):
    """The search vector (the largest column of a practice) serves the search alone: neither
    the practice nor its related practices bring it to the page."""
    BestPracticeFactory(
        title="Layanan informasi publik", host_agency=complaint_practice.host_agency
    )

    with CaptureQueriesContext(connection) as queries:
        page = client.get(complaint_practice.get_absolute_url()).text

    assert "Layanan informasi publik" in page
    assert not [query for query in queries if "search_vector" in query["sql"]]


def test_practice_page_reads_no_proposal_text_that_its_cards_do_not_show(client, catalogue):
    """An adaptation's card shows the proposal's title and status, not its problem, goals,
    benefits or stakeholders: those columns stay in the database, and the card is whole."""
    practice = catalogue["complaints"]
    proposal = approved()
    proposal.title = "Kanal aduan Kabupaten Pesawaran"
    proposal.problem = "Masalah yang panjang sekali."
    proposal.save()
    PracticeAdaptationFactory(practice=practice, proposal=proposal, kept="Tindak lanjut cepat.")
    client.force_login(UserFactory())

    with CaptureQueriesContext(connection) as queries:
        page = client.get(practice.get_absolute_url()).text

    assert "Kanal aduan Kabupaten Pesawaran" in page
    assert "Tindak lanjut cepat." in page
    assert proposal.participant.full_name in page
    assert "Masalah yang panjang sekali." not in page
    reads = [query["sql"] for query in queries if "participants_changeproposal" in query["sql"]]
    assert reads
    for column in ("problem", "goals", "benefits", "stakeholders", "compared_text"):
        assert not [sql for sql in reads if f'"participants_changeproposal"."{column}"' in sql]


def test_unknown_practice_is_a_404(client):
    url = reverse("best_practices:practice-detail", kwargs={"slug": "tidak-ada"})

    response = client.get(url)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "<h1>Halaman tidak ditemukan</h1>" in response.text


def profile_less_user():
    return UserFactory()


def participant_user():
    return ParticipantFactory(user=UserFactory()).user


#: The extra query of each viewer: a participant's class (whether they read only the shared
#: proposals, which makes the adaptations' rule the status alone); none without a profile.
VIEWERS = {profile_less_user: 0, participant_user: 1}


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("count", [3, 30])
def test_practice_page_query_count_does_not_grow(client, django_assert_num_queries, count, viewer):
    agency = HostAgencyFactory()
    practice = BestPracticeFactory(host_agency=agency, sectors=[sector("kominfo")])
    for _number in range(count):
        PracticeObservationFactory(practice=practice)
        adaptation = PracticeAdaptationFactory(practice=practice, proposal=approved())
        MilestoneFactory(proposal=adaptation.proposal)
        BestPracticeFactory(host_agency=agency, sectors=[sector("kominfo")])
    client.force_login(viewer())
    client.get(practice.get_absolute_url())

    with django_assert_num_queries(DETAIL_QUERIES + VIEWERS[viewer]):
        page = client.get(practice.get_absolute_url()).content.decode()

    assert f"Diadaptasi oleh {count} rancangan" in page
    assert page.count('class="card card--adaptation"') == min(count, ADAPTATIONS_SHOWN)


@pytest.mark.parametrize("count", [3, 30])
def test_a_page_of_all_adaptations_costs_the_queries_of_the_latest(
    client, django_assert_num_queries, count, monkeypatch
):
    """The page asked for is read with the count of them all; only a page number out of
    range costs more: the count, then the last page."""
    monkeypatch.setattr(practice_page, "ADAPTATIONS_PER_PAGE", 10)
    practice = BestPracticeFactory(host_agency=HostAgencyFactory(), sectors=[sector("kominfo")])
    for _number in range(count):
        PracticeAdaptationFactory(practice=practice, proposal=approved())
    client.force_login(profile_less_user())
    url = practice.get_absolute_url()
    client.get(url, {"adaptations": "all"})

    with django_assert_num_queries(DETAIL_QUERIES):
        first = client.get(url, {"adaptations": "all"}).text
    with django_assert_num_queries(DETAIL_QUERIES + 2):
        beyond = client.get(url, {"adaptations": "all", "page": "99"}).text

    cards = 'class="card card--adaptation"'
    assert first.count(cards) == min(count, 10)
    assert beyond.count(cards) == count - 10 * ((count - 1) // 10)
    assert f"Diadaptasi oleh {count} rancangan" in first and f"Diadaptasi oleh {count}" in beyond


# --- Who sees what -------------------------------------------------------------------------


@pytest.fixture
def draft_world():
    """A practice adapted only by a draft proposal, and a rival practice never adapted."""
    owner = UserFactory(username="pemilik")
    staff = UserFactory(username="staf", is_staff=True, is_superuser=True)
    coach, mentor, examiner, outsider = (
        FacilitatorFactory(user=UserFactory(username=f"fasilitator-{number}"), role=role)
        for number, role in enumerate(
            (
                FacilitatorRole.COACH,
                FacilitatorRole.MENTOR,
                FacilitatorRole.EXAMINER,
                FacilitatorRole.COACH,
            )
        )
    )
    proposal = ChangeProposalFactory(
        title="Rancangan rahasia pengaduan",
        participant=ParticipantFactory(user=owner),
        coach=coach,
        mentor=mentor,
        examiner=examiner,
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    practice = BestPracticeFactory(title="Zona pengaduan")
    BestPracticeFactory(title="Alun-alun digital")
    PracticeAdaptationFactory(proposal=proposal, practice=practice)
    return {
        "proposal": proposal,
        "practice": practice,
        "allowed": {
            "owner": owner,
            "coach": coach.user,
            "mentor": mentor.user,
            "examiner": examiner.user,
            "staff": staff,
        },
        "refused": {
            "anonymous": AnonymousUser(),
            "other participant": ParticipantFactory(user=UserFactory()).user,
            "unassigned facilitator": outsider.user,
        },
    }


def _login(client, user):
    if user.is_authenticated:
        client.force_login(user)


@pytest.mark.parametrize("who", ["anonymous", "other participant", "unassigned facilitator"])
def test_a_hidden_proposal_leaks_nowhere_for_refused_users(client, draft_world, who):
    _login(client, draft_world["refused"][who])

    practice_page = client.get(draft_world["practice"].get_absolute_url()).content.decode()
    by_adaptation = client.get(LIST_URL, {"sort": "adapted"})
    searched = client.get(LIST_URL, {"q": "pengaduan", "sort": "adapted"})

    assert "Rancangan rahasia pengaduan" not in practice_page
    assert draft_world["proposal"].get_absolute_url() not in practice_page
    for response in (by_adaptation, searched):
        assert "Rancangan rahasia" not in response.content.decode()
        assert "Diadaptasi oleh" not in response.content.decode()
    # Not adapted as far as they can see: the rival comes first by title.
    assert result_titles(by_adaptation) == ["Alun-alun digital", "Zona pengaduan"]


@pytest.mark.parametrize(
    ("who", "counted"),
    [("other participant", 1), ("unassigned facilitator", 1), ("owner", 2), ("coach", 2)],
)
def test_a_practice_page_counts_only_the_adaptations_its_reader_may_read(
    client, draft_world, who, counted
):
    """The heading and the outcomes count every adaptation beyond the latest listed, but never
    one in a proposal the reader may not open."""
    PracticeAdaptationFactory(practice=draft_world["practice"], proposal=approved())
    users = {**draft_world["allowed"], **draft_world["refused"]}
    _login(client, users[who])

    page = client.get(draft_world["practice"].get_absolute_url()).text

    assert f"Diadaptasi oleh {counted} rancangan proyek perubahan" in page
    assert page.count('class="card card--adaptation"') == counted


@pytest.mark.parametrize("who", ["owner", "coach", "mentor", "examiner", "staff"])
def test_the_proposal_shows_for_its_participant_facilitators_and_staff(client, draft_world, who):
    client.force_login(draft_world["allowed"][who])

    practice_page = client.get(draft_world["practice"].get_absolute_url()).content.decode()
    by_adaptation = client.get(LIST_URL, {"sort": "adapted"})

    assert "Rancangan rahasia pengaduan" in practice_page
    assert draft_world["proposal"].get_absolute_url() in practice_page
    assert result_titles(by_adaptation) == ["Zona pengaduan", "Alun-alun digital"]
    assert "Diadaptasi oleh 1 rancangan proyek perubahan" in by_adaptation.content.decode()


def test_an_approved_proposal_shows_for_any_logged_in_user_only(client, draft_world):
    proposal = draft_world["proposal"]
    proposal.status = ProposalStatus.APPROVED
    proposal.save()
    url = draft_world["practice"].get_absolute_url()

    anonymous_page = client.get(url).content.decode()
    client.force_login(draft_world["refused"]["other participant"])
    participant_page = client.get(url).content.decode()

    assert "Rancangan rahasia pengaduan" not in anonymous_page
    assert "Rancangan rahasia pengaduan" in participant_page


#: Session, user with their profiles; the practice, sectors, observations, adaptations, and the
#: related practices: those sharing a sector, those of the same host agency (one query each,
#: see ``BestPracticeQuerySet.related_to``).
DETAIL_QUERIES = 8
