"""The tile map on the province list (practices per province) and on a province's page (the
province marked, the flow of ideas to and from it, as the viewer may read it)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import ProposalStatus
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
    province,
)

pytestmark = pytest.mark.django_db


def tile(page, code):
    """The classes and the title of province ``code``'s square."""
    found = re.search(rf'class="([^"]+)" data-province="{code}"><title>([^<]+)</title>', page)
    return found.group(1), found.group(2)


def test_the_province_list_maps_practices_and_keeps_its_table(client):
    for _n in range(4):
        BestPracticeFactory(host_province=province("33"))
    BestPracticeFactory(host_province=province("51"))

    page = client.get(reverse("benchmarking:province-list")).text

    assert page.count('<svg class="chart chart--map"') == 1
    assert len(re.findall(r'<a href="/provinces/\d\d/" class="tile', page)) == 38
    assert tile(page, "33") == ("tile tile--level-4", "Jawa Tengah: 4 praktik baik")
    assert tile(page, "51") == ("tile tile--level-1", "Bali: 1 praktik baik")
    assert tile(page, "11") == ("tile tile--level-0", "Aceh: 0 praktik baik")
    assert '<th scope="row"><a href="/provinces/33/">Jawa Tengah</a></th>' in page
    assert "css/charts.css" in page


@pytest.fixture
def flows():
    """Central Java's practice adapted by approved proposals from Lampung (two) and Central
    Java itself; a Lampung participant adapted a Bali practice in an approved proposal too."""
    jateng = BestPracticeFactory(host_province=province("33"))
    bali = BestPracticeFactory(host_province=province("51"))
    for home, practice in (("18", jateng), ("18", jateng), ("33", jateng), ("18", bali)):
        cohort = CohortFactory(institution=InstitutionFactory(province=province(home)))
        proposal = ChangeProposalFactory(
            participant=ParticipantFactory(cohort=cohort),
            status=ProposalStatus.APPROVED,
            submitted_at=timezone.now(),
        )
        PracticeAdaptationFactory(proposal=proposal, practice=practice)


def test_a_province_page_marks_it_and_draws_its_flows(client, flows):
    client.force_login(UserFactory())

    page = client.get(reverse("benchmarking:province-detail", kwargs={"code": "33"})).text

    assert "tile--highlight" in tile(page, "33")[0]
    assert "tile--highlight" not in tile(page, "18")[0]
    assert '<title id="province-flows-title">Alur gagasan ke dan dari Jawa Tengah</title>' in page
    arrows = re.findall(r'<path class="flow-arrow" [^>]*><title>([^<]+)</title>', page)
    assert arrows == ["Jawa Tengah → Lampung: 2 rancangan proyek perubahan"]
    assert "<title>Di dalam Jawa Tengah: 1 rancangan proyek perubahan</title>" in page

    lampung = client.get(reverse("benchmarking:province-detail", kwargs={"code": "18"})).text

    arrows = re.findall(r'<path class="flow-arrow" [^>]*><title>([^<]+)</title>', lampung)
    assert sorted(arrows) == [
        "Bali → Lampung: 1 rancangan proyek perubahan",
        "Jawa Tengah → Lampung: 2 rancangan proyek perubahan",
    ]


def test_an_anonymous_visitor_sees_the_map_without_flows(client, flows):
    page = client.get(reverse("benchmarking:province-detail", kwargs={"code": "33"})).text

    assert "tile--highlight" in tile(page, "33")[0]
    assert "flow-arrow" not in page
