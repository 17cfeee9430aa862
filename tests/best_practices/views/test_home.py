"""The home page: what Lokus holds, the latest visits, the search box and the most adapted
practices, counted by what the visitor may read."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse

from participants.models import ProposalStatus
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
    VisitFactory,
    province,
)

pytestmark = pytest.mark.django_db

HOME = reverse("home")
SUBMITTED = datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC)


@pytest.fixture
def holdings():
    """Two provinces with practices, six visits, a draft and an approved proposal."""
    popular = BestPracticeFactory(
        title="LAPOR Gub!", slug="lapor-gub", host_province=province("33")
    )
    quiet = BestPracticeFactory(title="Mal Pelayanan Publik", host_province=province("51"))
    for day in range(1, 7):
        VisitFactory(
            title=f"Kunjungan tanggal {day}",
            start_date=datetime.date(2018, 8, day),
            end_date=datetime.date(2018, 8, day),
        )
    owner = UserFactory(username="owner")
    draft = ChangeProposalFactory(participant=ParticipantFactory(user=owner))
    PracticeAdaptationFactory(proposal=draft, practice=popular)
    PracticeAdaptationFactory(proposal=draft, practice=quiet)
    approved = ChangeProposalFactory(status=ProposalStatus.APPROVED, submitted_at=SUBMITTED)
    PracticeAdaptationFactory(proposal=approved, practice=popular)
    return {"owner": owner, "popular": popular, "quiet": quiet}


def test_home_says_what_lokus_holds(client, holdings):
    response = client.get(HOME)

    assert response.status_code == HTTPStatus.OK
    context = response.context
    assert (context["practice_count"], context["province_count"], context["visit_count"]) == (
        2,
        2,
        6,
    )
    content = response.content.decode()
    assert "<title>Beranda · Lokus</title>" in content
    assert "Dari kunjungan benchmarking menuju praktik baik" in content
    assert "Masuk untuk membaca rancangan proyek perubahan" in content


def test_the_holdings_follow_a_practice_added_moved_and_deleted(client, holdings):
    """The practice and province counts come from the facet index, which catches up with
    every change of the catalog: the next request counts it."""

    def counts():
        context = client.get(HOME).context
        return context["practice_count"], context["province_count"]

    assert counts() == (2, 2)
    added = BestPracticeFactory(title="Sapa Warga", host_province=province("11"))
    assert counts() == (3, 3)
    added.host_province = province("33")
    added.save()
    assert counts() == (3, 2)
    added.delete()
    assert counts() == (2, 2)


def test_home_lists_the_five_latest_visits(client, holdings):
    content = client.get(HOME).content.decode()

    for day in range(2, 7):
        assert f"Kunjungan tanggal {day}<" in content
    assert "Kunjungan tanggal 1<" not in content
    assert content.index("Kunjungan tanggal 6") < content.index("Kunjungan tanggal 2")
    assert f'href="{reverse("benchmarking:visit-list")}"' in content


def test_home_search_box_sends_q_to_the_practice_list(client):
    content = client.get(HOME).content.decode()

    assert f'action="{reverse("best_practices:practice-list")}"' in content
    assert (
        '<label class="search-form__label" for="home-search-q">Cari praktik baik</label>' in content
    )
    assert 'id="home-search-q" name="q"' in content


def test_anonymous_visitors_count_no_adaptation(client, holdings):
    response = client.get(HOME)

    assert list(response.context["most_adapted"]) == []
    assert (
        "Masuk untuk melihat praktik baik mana yang telah diadaptasi." in response.content.decode()
    )


def test_another_participant_counts_only_approved_proposals(client, holdings):
    client.force_login(ParticipantFactory(user=UserFactory()).user)

    response = client.get(HOME)

    assert response.context["proposal_count"] == 1
    assert [(p.title, p.adaptation_count) for p in response.context["most_adapted"]] == [
        ("LAPOR Gub!", 1)
    ]
    content = response.content.decode()
    assert "Diadaptasi oleh 1 rancangan proyek perubahan" in content
    assert "Mal Pelayanan Publik" not in content


def test_the_owner_counts_their_draft(client, holdings):
    client.force_login(holdings["owner"])

    response = client.get(HOME)

    assert response.context["proposal_count"] == 2
    assert [(p.title, p.adaptation_count) for p in response.context["most_adapted"]] == [
        ("LAPOR Gub!", 2),
        ("Mal Pelayanan Publik", 1),
    ]
    practice_url = reverse("best_practices:practice-detail", kwargs={"slug": "lapor-gub"})
    assert f'href="{practice_url}"' in response.content.decode()


def test_staff_count_every_proposal(client, holdings):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(HOME).context["proposal_count"] == 2


def test_an_empty_lokus_shows_empty_states(client):
    content = client.get(HOME).content.decode()

    assert "Belum ada kunjungan yang tercatat." in content
    assert (
        "Dari rancangan proyek perubahan yang dapat Anda baca, belum ada yang mengadaptasi "
        "praktik baik." in content
    )


def holdings_text(page: str) -> str:
    """What the holdings list says, as a reader sees it: its words joined by single spaces."""
    holdings = page.split('id="holdings-heading">', 1)[1].split("</ul>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", holdings).split())


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (
            1,
            "1 best practice 1 province with best practices 1 benchmarking visit "
            "1 change proposal you can read",
        ),
        (
            2,
            "2 best practices 2 provinces with best practices 2 benchmarking visits "
            "2 change proposals you can read",
        ),
    ],
)
def test_the_holdings_are_counted_in_correct_english(client, count, expected):
    for code in ["33", "51"][:count]:
        BestPracticeFactory(host_province=province(code))
        VisitFactory()
        ChangeProposalFactory(status=ProposalStatus.APPROVED, submitted_at=SUBMITTED)
    client.force_login(UserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert holdings_text(client.get(HOME).content.decode()) == "What Lokus holds " + expected
