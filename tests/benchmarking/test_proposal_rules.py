"""The port through which the lower apps read the proposal rules: it delegates to the rule
``participants`` registers, so that every page that shows a proposal agrees on who sees it."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from benchmarking import proposal_rules
from participants import permissions
from participants.models import FacilitatorRole, ProposalStatus
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


def test_the_port_serves_the_rule_participants_registered():
    user = UserFactory()

    assert proposal_rules.visible_q(user, prefix="proposal__") == permissions.visible_q(
        user, prefix="proposal__"
    )


def test_without_a_registered_rule_the_port_says_what_is_missing(monkeypatch):
    monkeypatch.setattr(proposal_rules, "_providers", {})

    with pytest.raises(ImproperlyConfigured, match="No proposal rules are registered"):
        proposal_rules.visible_q(UserFactory())


@pytest.fixture
def mentored_draft():
    """A Lampung participant's draft adapting a Central Java practice, with a mentor."""
    practice = BestPracticeFactory(title="Kanal aduan", host_province=province("33"))
    cohort = CohortFactory(institution=InstitutionFactory(province=province("18")))
    mentor = FacilitatorFactory(role=FacilitatorRole.MENTOR, user=UserFactory(username="mentor"))
    draft = ChangeProposalFactory(
        participant=ParticipantFactory(cohort=cohort),
        mentor=mentor,
        status=ProposalStatus.DRAFT,
        title="Aduan daring di Lampung",
    )
    PracticeAdaptationFactory(proposal=draft, practice=practice)
    return draft


def what_the_pages_show(client, draft) -> dict:
    """Everything the site shows of ``draft`` to the logged-in client, page by page."""
    practice = draft.adaptations.get().practice
    home = client.get(reverse("home"))
    host = client.get(reverse("benchmarking:province-detail", kwargs={"code": "33"}))
    home_province = client.get(reverse("benchmarking:province-detail", kwargs={"code": "18"}))
    practice_page = client.get(practice.get_absolute_url())
    proposal_page = client.get(draft.get_absolute_url())
    return {
        "home count": home.context["proposal_count"],
        "home most adapted": [p.title for p in home.context["most_adapted"]],
        "province practice count": host.context["province"].top_practices[0].adaptation_count,
        "province adopters": [row.code for row in host.context["adopters"]],
        "province sources": [row.code for row in home_province.context["sources"]],
        "adapted by": [a.proposal.title for a in practice_page.context["adaptations"]],
        "proposal page": proposal_page.status_code,
    }


def test_a_proposal_the_rule_shows_appears_on_every_page(client, mentored_draft):
    client.force_login(mentored_draft.mentor.user)

    assert what_the_pages_show(client, mentored_draft) == {
        "home count": 1,
        "home most adapted": ["Kanal aduan"],
        "province practice count": 1,
        "province adopters": ["18"],
        "province sources": ["33"],
        "adapted by": ["Aduan daring di Lampung"],
        "proposal page": HTTPStatus.OK,
    }


def test_a_proposal_the_rule_hides_appears_on_no_page(client, mentored_draft):
    client.force_login(FacilitatorFactory(role=FacilitatorRole.MENTOR, user=UserFactory()).user)

    assert what_the_pages_show(client, mentored_draft) == {
        "home count": 0,
        "home most adapted": [],
        "province practice count": 0,
        "province adopters": [],
        "province sources": [],
        "adapted by": [],
        "proposal page": HTTPStatus.NOT_FOUND,
    }


def test_once_approved_it_appears_on_every_page_for_any_logged_in_user(client, mentored_draft):
    mentored_draft.status = ProposalStatus.APPROVED
    mentored_draft.submitted_at = datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC)
    mentored_draft.save()
    client.force_login(UserFactory())

    shown = what_the_pages_show(client, mentored_draft)

    assert shown["home count"] == 1
    assert shown["province adopters"] == ["18"]
    assert shown["adapted by"] == ["Aduan daring di Lampung"]
    assert shown["proposal page"] == HTTPStatus.OK
