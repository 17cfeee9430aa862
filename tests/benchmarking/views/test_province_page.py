"""The province page's wording: its counts in correct English, and the flow of ideas that says
which way each box reads."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import BestPracticeFactory, VisitFactory, province

pytestmark = pytest.mark.django_db

JATENG = reverse("benchmarking:province-detail", kwargs={"code": "33"})


def text(html: str) -> str:
    """The page as a reader sees it: its words joined by single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 best practice 1 visit hosted"), (2, "2 best practices 2 visits hosted")],
)
def test_the_counts_are_in_correct_english(client, count, expected):
    for _number in range(count):
        BestPracticeFactory(host_province=province("33"))
        VisitFactory(host_province=province("33"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = text(client.get(JATENG).content.decode())

    assert "Jawa Tengah " + expected + " Best practices" in page


def test_the_two_flow_boxes_say_which_way_they_read(client):
    page = text(client.get(JATENG).content.decode())

    assert "Provinsi yang mengadaptasi praktik baik Jawa Tengah" in page
    assert "Provinsi asal praktik baik yang diadaptasi peserta dari Jawa Tengah" in page
    assert (
        "Angka menunjukkan jumlah rancangan proyek perubahan. Provinsi asal peserta adalah "
        "provinsi tempat lembaga penyelenggara pelatihannya berada." in page
    )
