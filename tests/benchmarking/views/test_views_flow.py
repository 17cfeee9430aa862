"""The province and visit pages: who counts in the flow of ideas."""

import datetime

import pytest

from benchmarking import selectors
from benchmarking.models import Province
from participants.models import ProposalStatus
from tests.benchmarking.views.views_fixtures import province_url
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
    province,
)

pytestmark = pytest.mark.django_db


# ---------- The flow of ideas and who may count what ----------


@pytest.fixture
def flow():
    """A Central Java practice adapted by a draft of a Lampung participant, and by an
    approved proposal of a Bali participant."""
    practice = BestPracticeFactory(title="Kanal aduan", host_province=province("33"))
    lampung = CohortFactory(institution=InstitutionFactory(province=province("18")))
    bali = CohortFactory(institution=InstitutionFactory(province=province("51")))
    owner = UserFactory(username="owner")
    draft = ChangeProposalFactory(
        participant=ParticipantFactory(cohort=lampung, user=owner), status=ProposalStatus.DRAFT
    )
    PracticeAdaptationFactory(proposal=draft, practice=practice)
    approved = ChangeProposalFactory(
        participant=ParticipantFactory(cohort=bali),
        status=ProposalStatus.APPROVED,
        submitted_at=datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC),
    )
    PracticeAdaptationFactory(proposal=approved, practice=practice)
    return {"practice": practice, "owner": owner}


def flow_counts(response, name):
    return {row.code: row.proposal_count for row in response.context[name]}


def assert_flows_follow_the_rule(client, viewer, codes=("13", "18", "33", "51")):
    """Each province page's flows, as ``viewer`` sees them, are the ones the visibility rule
    counts (``ProvinceQuerySet.adapting_practices_of`` and ``adapted_by_participants_of``)."""
    for code in codes:
        page = client.get(province_url(code))
        shown = page.context["province"]
        for name, rule in [
            ("adopters", Province.objects.adapting_practices_of),
            ("sources", Province.objects.adapted_by_participants_of),
        ]:
            expected = {row.code: row.proposal_count for row in rule(shown, user=viewer)}
            assert flow_counts(page, name) == expected, (code, name)


def test_anonymous_visitors_count_no_proposal_in_the_flow(client, flow):
    jateng = client.get(province_url("33"))
    lampung = client.get(province_url("18"))

    assert flow_counts(jateng, "adopters") == {}
    assert flow_counts(lampung, "sources") == {}
    assert "Rancangan proyek perubahan dapat dilihat setelah masuk." in jateng.content.decode()


def test_another_participant_counts_only_the_approved_proposal(client, flow):
    client.force_login(ParticipantFactory(user=UserFactory()).user)

    jateng = client.get(province_url("33"))
    lampung = client.get(province_url("18"))
    bali = client.get(province_url("51"))

    assert flow_counts(jateng, "adopters") == {"51": 1}
    assert flow_counts(lampung, "sources") == {}
    assert flow_counts(bali, "sources") == {"33": 1}
    content = jateng.content.decode()
    assert "Bali" in content and "1 rancangan proyek perubahan" in content
    assert 'id="adopters"' in content and "Lampung" not in content.split('id="adopters"')[1]


def test_the_owner_counts_their_own_draft(client, flow):
    client.force_login(flow["owner"])

    jateng = client.get(province_url("33"))
    lampung = client.get(province_url("18"))

    assert flow_counts(jateng, "adopters") == {"18": 1, "51": 1}
    assert flow_counts(lampung, "sources") == {"33": 1}


def test_staff_count_every_proposal(client, flow):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    jateng = client.get(province_url("33"))

    assert flow_counts(jateng, "adopters") == {"18": 1, "51": 1}
    practice = jateng.context["province"].top_practices[0]
    assert practice.adaptation_count == 2
    assert "Diadaptasi oleh 2 rancangan proyek perubahan" in jateng.content.decode()


def test_practice_adaptation_counts_follow_visibility(client, flow):
    client.force_login(UserFactory())

    practice = client.get(province_url("33")).context["province"].top_practices[0]

    assert practice.adaptation_count == 1


def test_a_proposal_adapting_two_practices_of_a_province_counts_once(client, flow):
    second = BestPracticeFactory(host_province=province("33"))
    draft = flow["owner"].participant.proposals.get()
    PracticeAdaptationFactory(proposal=draft, practice=second)
    client.force_login(flow["owner"])

    jateng = client.get(province_url("33"))

    assert flow_counts(jateng, "adopters") == {"18": 1, "51": 1}


def test_kept_flows_equal_the_rule_for_those_who_read_only_shared_proposals(client, flow):
    """The flows a participant sees come from the kept national figures; they are the
    flows the visibility rule counts, whatever the statuses and provinces."""
    sumatra = CohortFactory(institution=InstitutionFactory(province=province("13")))
    for status, host in [
        (ProposalStatus.EVALUATED, "33"),
        (ProposalStatus.IMPLEMENTING, "51"),
        (ProposalStatus.SUBMITTED, "33"),
        (ProposalStatus.REVISION_REQUESTED, "18"),
        (ProposalStatus.APPROVED, "18"),
    ]:
        proposal = ChangeProposalFactory(
            participant=ParticipantFactory(cohort=sumatra),
            status=status,
            submitted_at=datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC),
        )
        PracticeAdaptationFactory(
            proposal=proposal, practice=BestPracticeFactory(host_province=province(host))
        )
    viewer = ParticipantFactory(user=UserFactory()).user
    client.force_login(viewer)

    assert_flows_follow_the_rule(client, viewer)
    assert flow_counts(client.get(province_url("13")), "sources") == {"18": 1, "33": 1, "51": 1}


def unshared_reader(kind, sumatra_cohort, coached):
    """A viewer who reads some unshared proposals besides the shared ones."""
    if kind == "coach":
        return coached.user
    if kind == "organizer":
        organizer = UserFactory(is_staff=True)
        sumatra_cohort.institution.organizers.add(organizer)
        return organizer
    if kind == "author":
        author = ParticipantFactory(user=UserFactory(), cohort=sumatra_cohort)
        draft = ChangeProposalFactory(participant=author, status=ProposalStatus.DRAFT)
        for host in ("33", "51"):
            PracticeAdaptationFactory(
                proposal=draft, practice=BestPracticeFactory(host_province=province(host))
            )
        return author.user
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize("past_the_limit", [False, True])
@pytest.mark.parametrize("kind", ["coach", "organizer", "author", "superuser"])
def test_kept_flows_plus_unshared_ones_equal_the_rule_for_those_who_read_more(
    client, flow, monkeypatch, kind, past_the_limit
):
    """Someone who also reads unshared proposals sees the kept flows of the shared ones plus
    the flows of the unshared ones they may read: the flows the visibility rule counts. Past
    the limit of unshared proposals (a superuser, large institutions) the rule counts them."""
    if past_the_limit:
        monkeypatch.setattr(selectors, "UNSHARED_FLOW_LIMIT", 0)
    sumatra = CohortFactory(institution=InstitutionFactory(province=province("13")))
    coach = FacilitatorFactory(user=UserFactory())
    for status, host, coached in [
        (ProposalStatus.EVALUATED, "33", True),
        (ProposalStatus.IMPLEMENTING, "51", False),
        (ProposalStatus.SUBMITTED, "33", True),
        (ProposalStatus.SUBMITTED, "51", False),
        (ProposalStatus.REVISION_REQUESTED, "18", True),
        (ProposalStatus.APPROVED, "18", False),
        (ProposalStatus.DRAFT, "33", False),
    ]:
        proposal = ChangeProposalFactory(
            participant=ParticipantFactory(cohort=sumatra),
            status=status,
            submitted_at=datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC),
            coach=coach if coached else None,
        )
        PracticeAdaptationFactory(
            proposal=proposal, practice=BestPracticeFactory(host_province=province(host))
        )
    viewer = unshared_reader(kind, sumatra, coach)
    client.force_login(viewer)

    assert_flows_follow_the_rule(client, viewer)
    sources = flow_counts(client.get(province_url("13")), "sources")
    assert (
        sources
        == {
            "coach": {"18": 2, "33": 2, "51": 1},
            "organizer": {"18": 2, "33": 3, "51": 2},
            "author": {"18": 1, "33": 2, "51": 2},
            "superuser": {"18": 2, "33": 3, "51": 2},
        }[kind]
    )


def test_the_flow_lists_say_how_many_proposals_in_the_visitors_language(client, flow):
    second = ChangeProposalFactory(
        participant=ParticipantFactory(
            cohort=CohortFactory(institution=InstitutionFactory(province=province("51")))
        ),
        status=ProposalStatus.APPROVED,
        submitted_at=datetime.datetime(2018, 11, 1, tzinfo=datetime.UTC),
    )
    PracticeAdaptationFactory(proposal=second, practice=flow["practice"])
    client.force_login(flow["owner"])

    indonesian = client.get(province_url("33")).text.split('id="adopters"')[1]
    client.cookies["django_language"] = "en"
    english = client.get(province_url("33")).text.split('id="adopters"')[1]

    assert '<span class="flow-list__count">2 rancangan proyek perubahan</span>' in indonesian
    assert '<span class="flow-list__count">2 change proposals</span>' in english
    assert '<span class="flow-list__count">1 change proposal</span>' in english  # the draft
