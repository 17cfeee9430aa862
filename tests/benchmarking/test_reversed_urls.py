"""URLs reversed once (``benchmarking.reversed_urls``) are the URLs ``reverse`` gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from benchmarking.reversed_urls import url_maker, url_of, url_with

NAMES = [
    "home",
    "best_practices:practice-list",
    "benchmarking:visit-list",
    "participants:statistics",
    "login",
    "admin:index",
]

ARGUMENTS = [
    ("best_practices:practice-detail", "slug", "loket-terpadu-2"),
    ("best_practices:practice-detail", "slug", "a_b-C-9"),
    ("benchmarking:visit-detail", "pk", 12),
    ("benchmarking:visit-detail", "pk", "0012"),
    ("participants:proposal-detail", "pk", 7),
    ("benchmarking:province-detail", "code", "33"),
    ("benchmarking:province-detail", "code", "kode dengan spasi"),
    ("benchmarking:province-detail", "code", "ékonomi&lainnya"),
]


@pytest.fixture
def script_prefix():
    """Restore the script prefix a test changes."""
    yield
    set_script_prefix("/")


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_name_without_arguments_gives_what_reverse_gives(language):
    with translation.override(language):
        assert [url_of(name) for name in NAMES] == [reverse(name) for name in NAMES]


@pytest.mark.parametrize(("viewname", "name", "value"), ARGUMENTS)
def test_a_name_with_one_argument_gives_what_reverse_gives(viewname, name, value):
    expected = reverse(viewname, kwargs={name: value})

    assert url_with(viewname, name, value) == expected
    assert url_with(viewname, name, value) == expected  # kept, and still the same


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_url_maker_gives_what_reverse_gives_for_each_value(language):
    codes = ["33", "51", "kode dengan spasi", "ékonomi&lainnya"]

    with translation.override(language):
        url = url_maker("benchmarking:province-detail", "code")
        made = [url(code) for code in codes]
        expected = [
            reverse("benchmarking:province-detail", kwargs={"code": code}) for code in codes
        ]

    assert made == expected


def test_an_argument_reverse_refuses_is_refused():
    with pytest.raises(NoReverseMatch):
        url_with("benchmarking:visit-detail", "pk", "dua-belas")
    with pytest.raises(NoReverseMatch):
        url_with("best_practices:practice-detail", "slug", "ada/garis-miring")
    with pytest.raises(NoReverseMatch):
        url_of("no-such-page")


def test_a_site_under_a_script_prefix_gets_prefixed_urls(script_prefix):
    url_of("home")
    url_with("best_practices:practice-detail", "slug", "loket")

    set_script_prefix("/lokus/")

    assert url_of("home") == "/lokus/"
    assert url_with("best_practices:practice-detail", "slug", "loket") == (
        "/lokus/practices/loket/"
    )
