"""The practices list (facets, sort, pages), as its users see it."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from best_practices.models import BestPractice, Stage
from participants.models import ProposalStatus
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    FacilitatorFactory,
    HostAgencyFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    UserFactory,
    VisitFactory,
    sector,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("best_practices:practice-list")
CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]*">([^<]*)</a>')
FACET_OPTION = re.compile(
    r'data-facet="(\w+)" data-value="([^"]*)".*?class="facet-count">(\d+)<', re.S
)


def result_titles(response) -> list[str]:
    return CARD_TITLE.findall(response.content.decode())


def facet_counts(response) -> dict[tuple[str, str], int]:
    return {
        (facet, value): int(count)
        for facet, value, count in FACET_OPTION.findall(response.content.decode())
    }


def approved(**kwargs):
    return ChangeProposalFactory(
        status=ProposalStatus.APPROVED, submitted_at=timezone.now(), **kwargs
    )


def test_list_shows_each_practice_with_province_sector_and_qualities(client, catalogue):
    response = client.get(LIST_URL)

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert sorted(result_titles(response)) == [
        "Arsip kesehatan lama",
        "Kanal pengaduan masyarakat",
        "Klinik keliling",
    ]
    assert "3 praktik baik" in page
    assert "Jawa Tengah" in page and "DKI Jakarta" in page
    assert "Komunikasi dan informatika" in page
    assert catalogue["complaints"].get_absolute_url() in page
    assert "Cepat" in page and "Transparan" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("province=31", ["Klinik keliling"]),
        ("sector=kesehatan", ["Arsip kesehatan lama", "Klinik keliling"]),
        ("year=2019", ["Arsip kesehatan lama", "Klinik keliling"]),
        ("stage=trial", ["Klinik keliling"]),
        ("digital=yes", ["Kanal pengaduan masyarakat"]),
        ("digital=no", ["Arsip kesehatan lama", "Klinik keliling"]),
        (
            "digital=yes&digital=no",
            ["Arsip kesehatan lama", "Kanal pengaduan masyarakat", "Klinik keliling"],
        ),
        ("quality=cheap", ["Klinik keliling"]),
        ("quality=fast&quality=cheap", ["Kanal pengaduan masyarakat", "Klinik keliling"]),
        ("status=discontinued", ["Arsip kesehatan lama"]),
        ("province=33&sector=kesehatan", ["Arsip kesehatan lama"]),
        ("province=33&province=31&stage=applied", ["Kanal pengaduan masyarakat"]),
    ],
)
def test_each_filter_narrows_the_list(client, catalogue, query, expected):
    response = client.get(f"{LIST_URL}?{query}&sort=title")

    assert response.status_code == HTTPStatus.OK
    assert result_titles(response) == expected


def test_visit_filter_takes_the_visit_id(client, catalogue):
    response = client.get(LIST_URL, {"visit": catalogue["visit_2018"].pk, "sort": "title"})

    assert result_titles(response) == ["Arsip kesehatan lama", "Kanal pengaduan masyarakat"]


def test_facet_counts_apply_the_other_filters_plus_the_option(client, catalogue):
    response = client.get(LIST_URL, {"province": "33", "sector": "kesehatan"})

    counts = facet_counts(response)
    # Provinces ignore the province filter but keep the sector one: both kesehatan practices.
    assert counts[("province", "33")] == 1
    assert counts[("province", "31")] == 1
    # Sectors ignore the sector filter but keep the province one (Jawa Tengah).
    assert counts[("sector", "kominfo")] == 2
    assert counts[("sector", "kesehatan")] == 1
    # Every other facet applies both: only the archive is left.
    assert counts[("stage", "initiative")] == 1
    assert counts[("stage", "applied")] == 0
    assert counts[("status", "discontinued")] == 1
    assert counts[("year", "2018")] == 1
    assert counts[("year", "2019")] == 1
    assert counts[("digital", "no")] == 1


def test_a_practice_seen_twice_in_a_year_counts_once(client, catalogue):
    PracticeObservationFactory(practice=catalogue["complaints"], visit=VisitFactory())

    counts = facet_counts(client.get(LIST_URL))

    assert counts[("year", "2018")] == 2
    assert counts[("year", "2019")] == 2
    assert counts[("quality", "fast")] == 1
    assert counts[("quality", "cheap")] == 1


def test_facet_links_toggle_their_option_and_keep_the_rest(client, catalogue):
    page = client.get(LIST_URL, {"q": "kanal", "province": "33", "page": "2"}).content.decode()

    assert 'href="?q=kanal&amp;province=33&amp;sector=kominfo"' in page
    assert 'href="?q=kanal"' in page  # the selected province switches off


def test_only_the_latest_visits_are_offered_but_a_chosen_old_one_stays(client):
    oldest = VisitFactory(start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2015, 1, 1))
    PracticeObservationFactory(visit=oldest)
    for _number in range(30):
        PracticeObservationFactory()

    everything = client.get(LIST_URL)
    chosen = client.get(LIST_URL, {"visit": oldest.pk})

    visit_options = [key for key in facet_counts(everything) if key[0] == "visit"]
    assert len(visit_options) == 30
    assert ("visit", str(oldest.pk)) not in visit_options
    assert "1 kunjungan lama tidak dicantumkan di sini" in everything.content.decode()
    assert facet_counts(chosen)[("visit", str(oldest.pk))] == 1
    assert len(result_titles(chosen)) == 1


def test_a_filtered_list_offers_the_latest_visits_with_results_and_counts_the_older_ones(client):
    """With a filter, the visits are counted within it: those without results are neither
    offered nor among the older ones left out; a chosen older one is offered with its count."""
    visits = []
    for day in range(32, 0, -1):  # the latest first, as offered
        date = datetime.date(2020, 1, 1) + datetime.timedelta(days=day)
        visit = VisitFactory(start_date=date, end_date=date)
        PracticeObservationFactory(visit=visit)
        visits.append(visit)
    PracticeObservationFactory(visit=visits[0])  # two applied practices on the latest visit
    latest = datetime.date(2021, 1, 1)
    out_of_scope = VisitFactory(start_date=latest, end_date=latest)
    PracticeObservationFactory(visit=out_of_scope, practice__stage=Stage.INITIATIVE)
    PracticeObservationFactory(visit=visits[-1], practice__stage=Stage.INITIATIVE)

    filtered = client.get(LIST_URL, {"stage": "applied"})
    chosen = client.get(LIST_URL, {"stage": "applied", "visit": visits[-1].pk})

    offered = {
        value: count for (facet, value), count in facet_counts(filtered).items() if facet == "visit"
    }
    assert list(offered) == [str(visit.pk) for visit in visits[:30]]
    assert offered[str(visits[0].pk)] == 2
    assert set(list(offered.values())[1:]) == {1}
    assert "2 kunjungan lama tidak dicantumkan di sini" in filtered.content.decode()
    chosen_counts = {key: count for key, count in facet_counts(chosen).items() if key[0] == "visit"}
    assert len(chosen_counts) == 31
    assert chosen_counts[("visit", str(visits[-1].pk))] == 1
    assert ("visit", str(out_of_scope.pk)) not in chosen_counts
    assert "1 kunjungan lama tidak dicantumkan di sini" in chosen.content.decode()
    assert len(result_titles(chosen)) == 1


def test_sort_orders(client, catalogue):
    adapter = UserFactory()
    approved(participant=ParticipantFactory(user=adapter))
    for proposal in (approved(), approved()):
        PracticeAdaptationFactory(proposal=proposal, practice=catalogue["clinic"])
    PracticeAdaptationFactory(proposal=approved(), practice=catalogue["archive"])
    client.force_login(adapter)

    by_title = result_titles(client.get(LIST_URL, {"sort": "title"}))
    newest = result_titles(client.get(LIST_URL, {"sort": "newest"}))
    adapted = result_titles(client.get(LIST_URL, {"sort": "adapted"}))

    assert by_title == ["Arsip kesehatan lama", "Kanal pengaduan masyarakat", "Klinik keliling"]
    assert newest == ["Arsip kesehatan lama", "Klinik keliling", "Kanal pengaduan masyarakat"]
    assert adapted == ["Klinik keliling", "Arsip kesehatan lama", "Kanal pengaduan masyarakat"]


def test_the_list_is_paginated_and_a_page_past_the_end_shows_the_last(client, settings):
    for number in range(23):
        BestPracticeFactory(title=f"Praktik {number:02d}")

    first = client.get(LIST_URL, {"sort": "title"})
    past_the_end = client.get(LIST_URL, {"sort": "title", "page": "99"})
    garbage = client.get(LIST_URL, {"sort": "title", "page": "x'; DROP"})

    assert len(result_titles(first)) == 20
    assert 'href="?sort=title&amp;page=2"' in first.content.decode()
    assert past_the_end.status_code == HTTPStatus.OK
    assert result_titles(past_the_end) == ["Praktik 20", "Praktik 21", "Praktik 22"]
    assert result_titles(garbage) == result_titles(first)


def test_search_results_are_paginated_by_relevance(client):
    for number in range(23):
        BestPracticeFactory(title=f"Praktik {number:02d}")

    pages = {
        page: result_titles(client.get(LIST_URL, {"q": "praktik", "page": page}))
        for page in ("1", "2", "99", "0", "x")
    }

    # Equally relevant, so by title: on PostgreSQL the page is read with the facet counts.
    assert pages["1"] == [f"Praktik {number:02d}" for number in range(20)]
    assert pages["2"] == ["Praktik 20", "Praktik 21", "Praktik 22"]
    assert pages["99"] == pages["0"] == pages["2"]  # past the end: the last page
    assert pages["x"] == pages["1"]


@pytest.mark.parametrize("sort", ["title", "newest"])
def test_search_results_are_paginated_in_the_order_asked_for(client, sort):
    for number in range(23):
        BestPracticeFactory(title=f"Praktik {number:02d}")
    BestPracticeFactory(title="Lain sama sekali", summary="Tidak ada hubungannya.")
    titles = [f"Praktik {number:02d}" for number in range(23)]
    expected = titles if sort == "title" else titles[::-1]

    first = result_titles(client.get(LIST_URL, {"q": "praktik", "sort": sort}))
    second = result_titles(client.get(LIST_URL, {"q": "praktik", "sort": sort, "page": "2"}))

    assert first + second == expected


@pytest.mark.parametrize(
    "query",
    [
        "province=99",
        "province=%00",
        "sector=tidak-ada",
        "visit=abc",
        "visit=99999999999999999999999999",
        "year=dua-ribu",
        "year=1200",
        "stage=finished",
        "quality=cheap&quality=free",
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(client, catalogue, query):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == HTTPStatus.OK
    assert len(result_titles(response)) == 3
    assert "tidak dikenali dan diabaikan" in response.content.decode()


def test_unknown_sort_and_page_fall_back_to_defaults(client, catalogue):
    response = client.get(LIST_URL, {"sort": "cheapest", "page": "-1", "xyz": "1"})

    assert response.status_code == HTTPStatus.OK
    assert len(result_titles(response)) == 3


def test_empty_states(client, catalogue):
    nothing = client.get(LIST_URL, {"province": "31", "status": "discontinued"})

    assert result_titles(nothing) == []
    assert "Tidak ada praktik baik yang cocok" in nothing.content.decode()
    assert "Hapus semua filter" in nothing.content.decode()


def test_empty_catalogue(client):
    response = client.get(LIST_URL)

    assert "Belum ada praktik baik yang dicatat." in response.content.decode()


def _list_rows(count: int):
    agency = HostAgencyFactory()
    for _number in range(count):
        practice = BestPracticeFactory(
            host_agency=agency, sectors=[sector("kominfo"), sector("kesehatan")]
        )
        PracticeObservationFactory(practice=practice)
        PracticeAdaptationFactory(practice=practice, proposal=approved())


@pytest.mark.parametrize("count", [3, 30])
def test_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries, count):
    _list_rows(count)
    client.force_login(UserFactory())
    client.get(LIST_URL)  # the session is read and saved once

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL, {"sort": "adapted"})
    # + validating the sector codes, + the ids of the matches.
    with django_assert_num_queries(LIST_QUERIES + 2):
        client.get(LIST_URL, {"sector": "kominfo", "q": "praktik", "sort": "adapted"})
    # On PostgreSQL a search without chosen options reads the ids of its matches and of its
    # page in one statement (best_practices.search.matches_and_page).
    matches = 0 if connection.vendor == "postgresql" else 1
    with django_assert_num_queries(LIST_QUERIES + matches):
        searched = client.get(LIST_URL, {"q": "praktik"})
    with django_assert_num_queries(LIST_QUERIES + matches):
        client.get(LIST_URL, {"q": "praktik", "sort": "title"})

    assert len(result_titles(response)) == min(count, 20)
    assert len(result_titles(searched)) == min(count, 20)


@pytest.mark.parametrize("count", [3, 30])
def test_most_adapted_list_of_a_coach_takes_as_many_queries_for_any_number_of_rows(
    client, django_assert_num_queries, count
):
    """A coach also reads the unshared proposals assigned to them: "most adapted" adds their
    adaptations to the kept counts, in a fixed number of queries."""
    _list_rows(count)
    coach = FacilitatorFactory(user=UserFactory())
    for practice in BestPractice.objects.all()[: count // 2 + 1]:
        submitted = ChangeProposalFactory(
            status=ProposalStatus.SUBMITTED, submitted_at=timezone.now(), coach=coach
        )
        PracticeAdaptationFactory(practice=practice, proposal=submitted)
    client.force_login(coach.user)
    client.get(LIST_URL)

    # + whether they read only the shared proposals, + their unshared adaptations counted,
    # + the first practices by the kept count (the page's rows then reuse the counts).
    with django_assert_num_queries(LIST_QUERIES + 3):
        response = client.get(LIST_URL, {"sort": "adapted"})

    assert len(result_titles(response)) == min(count, 20)
    assert "Diadaptasi oleh 2 rancangan" in response.text


#: Session, user with their participant and facilitator profiles; then the catalog token
#: (every facet count comes from the facet index while it is unchanged), the ids of the page,
#: its rows, their sectors. The user has no profile, so no query asks whether they read only
#: the shared proposals (they do: their counts are the kept ones).
LIST_QUERIES = 6


def card_meta(response, title: str) -> str:
    """The meta line of the card of ``title``, as a reader sees it (tags removed)."""
    card = response.content.decode().split(f">{title}</a>", 1)[1]
    meta = card.split('<p class="meta">', 1)[1].split("</p>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", meta).split())


def test_a_card_lists_its_sectors_with_a_separator(client, catalogue):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(LIST_URL)

    meta = card_meta(response, "Arsip kesehatan lama")
    assert "Health; Communication and informatics" in meta
    assert "HealthCommunication" not in meta
