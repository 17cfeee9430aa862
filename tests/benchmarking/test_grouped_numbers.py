"""Counts as the reader's language writes them: "1.000" in Indonesian, "1,000" in English.

A year, an id or a code is no quantity and is never grouped: "2016", not "2.016".
"""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from benchmarking.formatting import grouped
from best_practices.models import BestPractice
from participants.models import ProposalStatus
from tests.factories import BestPracticeFactory, ChangeProposalFactory, province

HOME = reverse("home")
PRACTICES = reverse("best_practices:practice-list")
STATISTICS = reverse("participants:statistics")


@pytest.mark.parametrize(
    ("number", "indonesian", "english"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (1000, "1.000", "1,000"),
        (20000, "20.000", "20,000"),
        (1234567, "1.234.567", "1,234,567"),
        (-1500, "-1.500", "-1,500"),
    ],
)
def test_a_count_is_grouped_as_each_language_writes_it(number, indonesian, english):
    template = Template("{% load lokus %}{{ number|grouped }}")
    with translation.override("id"):
        assert grouped(number) == indonesian
        assert template.render(Context({"number": number})) == indonesian
    with translation.override("en"):
        assert grouped(number) == english
        assert template.render(Context({"number": number})) == english


@pytest.fixture
def thousand_practices(db):
    """1,000 practices of Jawa Tengah (code 33), started in 2016."""
    practices = BestPracticeFactory.build_batch(1000, host_province=province("33"))
    BestPractice.objects.bulk_create(practices)


def english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


def stat_numbers(page: str) -> list[tuple[str, str]]:
    found = re.findall(
        r'<span class="stat__number">(.*?)</span>\s*<span class="stat__label">(.*?)</span>', page
    )
    return [(number, " ".join(label.split())) for number, label in found]


def test_the_home_page_groups_its_counts(client, thousand_practices):
    assert ("1.000", "praktik baik") in stat_numbers(client.get(HOME).text)

    english(client)

    assert ("1,000", "best practices") in stat_numbers(client.get(HOME).text)


def test_the_practice_list_groups_its_total_and_facet_counts(client, thousand_practices):
    page = client.get(PRACTICES).text

    assert re.search(r'id="results-heading"[^>]*>\s*1\.000 praktik baik\s*<', page)
    assert re.search(r'data-facet="province" data-value="33">.*?facet-count">1\.000<', page, re.S)

    english(client)
    page = client.get(PRACTICES).text

    assert re.search(r'id="results-heading"[^>]*>\s*1,000 best practices\s*<', page)
    assert re.search(r'data-facet="province" data-value="33">.*?facet-count">1,000<', page, re.S)


def test_a_province_page_groups_its_counts(client, thousand_practices):
    page = client.get(province("33").get_absolute_url()).text

    assert ("1.000", "praktik baik") in stat_numbers(page)
    assert "yang paling banyak diadaptasi dari total 1.000." in " ".join(page.split())

    english(client)
    page = client.get(province("33").get_absolute_url()).text

    assert ("1,000", "best practices") in stat_numbers(page)
    assert "most adapted of 1,000 best practices." in " ".join(page.split())


def test_the_province_list_groups_its_counts(client, thousand_practices):
    page = client.get(reverse("benchmarking:province-list")).text

    assert re.search(r"Jawa Tengah</a></th>\s*<td class=\"num\">1\.000</td>", page)


def test_the_statistics_group_their_counts_but_not_the_years(client, thousand_practices):
    proposal = ChangeProposalFactory(status=ProposalStatus.APPROVED, submitted_at=timezone.now())
    year = proposal.participant.cohort.year

    page = client.get(STATISTICS).text

    assert ("1.000", "praktik baik") in stat_numbers(page)
    assert re.search(r'Jawa Tengah</a></th><td class="num">1\.000</td>', page)
    assert f'<th scope="row">{year}</th><td class="num">1</td>' in page
    # The map's square says it too, when pointed at.
    assert "<title>Jawa Tengah: 1.000 praktik baik</title>" in page

    english(client)
    page = client.get(STATISTICS).text

    assert "<title>Jawa Tengah: 1,000 best practices</title>" in page
