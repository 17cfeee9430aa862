"""Full-text search of practices: PostgreSQL's ``indonesian`` search, the SQLite fallback,
and any input at all answered without an error.
"""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse

from best_practices.models import BestPractice
from best_practices.search import MAX_QUERY_LENGTH, clean_query, stems
from participants.selectors import PRACTICE_RESULTS_LIMIT, practice_search
from tests.admin_helpers import admin_url
from tests.factories import BestPracticeFactory, HostAgencyFactory, UserFactory, province

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)

LIST_URL = reverse("best_practices:practice-list")
CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]*">([^<]*)</a>')

GARBAGE = [
    '"',
    "'",
    '"unclosed phrase',
    "a & | !",
    "(((",
    ":*",
    "&|!():*",
    "!!!",
    "-",
    "or",
    "aduan:* & (layanan | !",
    "x" * 5000,
    "aduan " * 1000,
    "\x00",
    "adu\x00an",
    "\x01\x02\x1b[31m",
    "🙂🏛️",
    "layanan 🙂",
    "%_%",
    "\\",
    "'; DROP TABLE best_practices_bestpractice; --",
    "<script>alert(1)</script>",
]


def titles(response) -> list[str]:
    return CARD_TITLE.findall(response.content.decode())


def search(client, query: str, **params):
    return client.get(LIST_URL, {"q": query, **params})


@pytest.fixture
def complaint_channel():
    return BestPracticeFactory(
        title="Kanal aduan masyarakat",
        summary="Masyarakat menyampaikan keluhan dan saran.",
        host_agency=HostAgencyFactory(name="Diskominfo Jawa Tengah"),
    )


# --- On every database ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (None, ""),
        ("  layanan   publik ", "layanan publik"),
        ("adu\x00an", "adu an"),
        ("a\tb\nc\u200bd", "a b c d"),
        ("🙂", "🙂"),
    ],
)
def test_clean_query(raw, cleaned):
    assert clean_query(raw) == cleaned


def test_clean_query_cuts_long_input():
    assert len(clean_query("kata " * 1000)) <= MAX_QUERY_LENGTH


@pytest.mark.parametrize("garbage", GARBAGE, ids=range(len(GARBAGE)))
def test_any_input_answers_with_results_or_an_empty_state(client, complaint_channel, garbage):
    response = search(client, garbage)
    filtered = search(client, garbage, province="33", sector="kominfo", sort="adapted")

    assert response.status_code == HTTPStatus.OK
    assert filtered.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert titles(response) or "Tidak ada praktik baik yang cocok" in page
    assert "<script>alert" not in page


def test_search_finds_words_in_every_searched_field(client):
    BestPracticeFactory(title="Satu", description="Perizinan terpadu satu pintu")
    BestPracticeFactory(title="Dua", key_to_success="Komitmen pimpinan daerah")
    BestPracticeFactory(title="Tiga", host_agency=HostAgencyFactory(name="DPMPTSP Kendal"))
    BestPracticeFactory(title="Empat", host_province=province("51"))

    assert titles(search(client, "perizinan")) == ["Satu"]
    assert titles(search(client, "komitmen")) == ["Dua"]
    assert titles(search(client, "kendal")) == ["Tiga"]
    assert titles(search(client, "bali")) == ["Empat"]


def test_every_word_must_match(client, complaint_channel):
    BestPracticeFactory(title="Kanal informasi pembangunan")

    assert titles(search(client, "kanal aduan")) == ["Kanal aduan masyarakat"]
    assert titles(search(client, "kanal pariwisata")) == []


def test_a_title_match_ranks_above_a_description_match(client):
    BestPracticeFactory(title="Sistem arsip", description="Memuat inovasi daerah.")
    BestPracticeFactory(title="Inovasi daerah", description="Lomba tahunan.")

    assert titles(search(client, "inovasi")) == ["Inovasi daerah", "Sistem arsip"]


def test_the_header_search_box_lands_on_the_results(client, complaint_channel):
    home = client.get(reverse("home")).content.decode()
    response = client.get(LIST_URL, {"q": "aduan"})

    assert f'action="{LIST_URL}"' in home and 'name="q"' in home
    assert titles(response) == ["Kanal aduan masyarakat"]
    assert "untuk “aduan”" in response.content.decode()


# --- PostgreSQL ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [("pengaduan", "aduan"), ("pelayanan", "layanan"), ("aduan", "pengaduan")],
)
def test_indonesian_stemming_finds_other_forms_of_a_word(client, query, text):
    """On PostgreSQL by its stemmer, on SQLite by the fallback's affix stripper."""
    BestPracticeFactory(title="Praktik", description=f"Kanal {text} warga.")
    BestPracticeFactory(title="Lain", description="Pasar rakyat.")

    assert titles(search(client, query)) == ["Praktik"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Pengaduan", "Kanal aduan warga."),
        ("layanan", "Pelayanan terpadu."),
        ("perizinan", "Izin usaha."),
        ("kesehatan", "Desa sehat."),
        ("pengelolaan", "Mengelola sampah."),
        ("aduannya", "Kanal aduan warga."),
    ],
)
def test_related_forms_of_a_word_find_each_other(client, query, text):
    """The same Snowball stems on both databases: the SQLite fallback agrees with PostgreSQL."""
    BestPracticeFactory(title="Praktik", description=text)
    BestPracticeFactory(title="Lain", description="Pasar rakyat.")

    assert titles(search(client, query)) == ["Praktik"]


@pytest.mark.parametrize("word", ["pasar", "desa", "b2b", "e-ktp", "2018", "transparansi"])
def test_short_or_non_alphabetic_words_are_their_own_stem(word):
    assert stems([word.upper()]) == [word]


STEMMED = ["pengaduan", "pelayanan", "perizinan", "menulis", "aduannya", "kesehatan"]


def test_a_word_is_reduced_to_its_snowball_stem():
    assert stems(STEMMED) == ["adu", "layan", "izin", "ulis", "adu", "sehat"]


@postgres_only
def test_the_fallback_stems_like_postgresql():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (ts_lexize('indonesian_stem', word))[1]"
            " FROM unnest(%s::text[]) WITH ORDINALITY AS words (word, n) ORDER BY n",
            [STEMMED],
        )
        assert stems(STEMMED) == [lexeme for (lexeme,) in cursor.fetchall()]


@postgres_only
def test_relevance_puts_title_matches_first(client):
    BestPracticeFactory(title="Arsip digital", description="Pelayanan pengaduan juga ada.")
    BestPracticeFactory(title="Pelayanan pengaduan terpadu", description="Aplikasi.")
    BestPracticeFactory(title="Pasar", summary="Pengaduan pedagang.")

    ranked = titles(search(client, "pengaduan"))

    assert ranked == ["Pelayanan pengaduan terpadu", "Pasar", "Arsip digital"]


@postgres_only
def test_web_search_syntax_is_understood(client):
    BestPracticeFactory(title="Aduan daring", description="Aplikasi ponsel.")
    BestPracticeFactory(title="Aduan luring", description="Kotak saran.")

    assert titles(search(client, "aduan -aplikasi")) == ["Aduan luring"]
    assert titles(search(client, '"aduan daring"')) == ["Aduan daring"]
    assert sorted(titles(search(client, "ponsel or kotak"))) == ["Aduan daring", "Aduan luring"]


def _vector(practice) -> str:
    return str(BestPractice.objects.values_list("search_vector", flat=True).get(pk=practice.pk))


@postgres_only
def test_the_stored_vector_is_weighted_and_follows_edits(complaint_channel):
    vector = _vector(complaint_channel)
    # Stems of the indonesian configuration: "aduan" -> "adu", "Diskominfo" -> "skominfo".
    assert "'kanal':1A" in vector and "'adu':2A" in vector
    assert "'saran':8B" in vector
    assert "'skominfo':9C" in vector and "'tengah':11C,13C" in vector

    complaint_channel.title = "Saluran pengaduan"
    complaint_channel.save()

    assert "'salur':1A" in _vector(complaint_channel)
    assert "kanal" not in _vector(complaint_channel)
    assert BestPractice.objects.search("saluran").get() == complaint_channel


@postgres_only
def test_renaming_the_host_agency_or_province_refreshes_the_vector(complaint_channel):
    agency = complaint_channel.host_agency
    agency.name = "Dinas Komunikasi Semarang"
    agency.save()
    jateng = complaint_channel.host_province
    jateng.name = "Jawa Tengah Raya"
    jateng.save()

    vector = _vector(complaint_channel)
    assert "'semarang'" in vector and "skominfo" not in vector
    assert "'raya'" in vector
    assert list(BestPractice.objects.search("semarang")) == [complaint_channel]


@postgres_only
def test_the_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'best_practices_bestpractice'"
        )
        definitions = [row[0] for row in cursor.fetchall()]

    assert any("USING gin (search_vector)" in definition for definition in definitions)


# --- one search: the site, the proposal form's picker and the admin ----------------------------


PICKER_URL = reverse("participants:proposal-practice-picker")


def test_the_picker_finds_other_forms_of_a_word(client, complaint_channel):
    client.force_login(UserFactory())
    BestPracticeFactory(title="Pasar rakyat", description="Pedagang pasar.")

    response = client.get(PICKER_URL, {"q": "pengaduan"})

    assert response.status_code == HTTPStatus.OK
    assert "Kanal aduan masyarakat" in response.text
    assert "Pasar rakyat" not in response.text


def test_the_picker_finds_what_the_site_finds_most_relevant_first(client, complaint_channel):
    BestPracticeFactory(title="Arsip digital", description="Pengaduan arsip.")

    picked = [practice.title for practice in practice_search("  pengaduan ")]

    assert picked == titles(search(client, "pengaduan"))
    assert picked == ["Kanal aduan masyarakat", "Arsip digital"]


def test_the_picker_offers_at_most_fifteen_practices():
    BestPracticeFactory.create_batch(16, description="Kanal aduan warga.")

    assert len(practice_search("aduan")) == PRACTICE_RESULTS_LIMIT == 15
    assert list(practice_search("a")) == []


def test_the_admin_search_finds_other_forms_of_a_word(admin_client, complaint_channel):
    BestPracticeFactory(title="Pasar rakyat", description="Pedagang pasar.")

    response = admin_client.get(admin_url(BestPractice, "changelist"), {"q": "pengaduan"})

    assert response.status_code == HTTPStatus.OK
    assert "Kanal aduan masyarakat" in response.text
    assert "Pasar rakyat" not in response.text
