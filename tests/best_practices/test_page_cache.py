"""The cached parts of the practices list and a practice's page: what invalidates them, and
that no viewer sees through them what another may (``benchmarking.page_cache``)."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from best_practices import practice_page
from best_practices.practice_page import ADAPTATIONS_SHOWN
from best_practices.selectors import catalog_token
from participants.models import FacilitatorRole, Participant, ProposalStatus
from participants.services import proposal_transition
from tests.admin_helpers import admin_url, form_data
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    FacilitatorFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
    province,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

LIST_URL = reverse("best_practices:practice-list")


@pytest.fixture
def practice():
    return BestPracticeFactory(title="Kanal aduan warga", host_province=province("33"))


@pytest.fixture
def coach_user():
    return UserFactory(username="coach-aduan")


@pytest.fixture
def submitted(practice, coach_user):
    """A submitted proposal adapting ``practice``, assigned to the coach ``coach_user``."""
    coach = FacilitatorFactory(role=FacilitatorRole.COACH, user=coach_user)
    proposal = ChangeProposalFactory(
        title="Rancangan aduan terpadu",
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
        coach=coach,
    )
    PracticeAdaptationFactory(proposal=proposal, practice=practice)
    return proposal


def test_a_warm_practice_page_reads_fewer_queries(client, practice, django_assert_num_queries):
    client.force_login(UserFactory())
    client.get(practice.get_absolute_url())  # the session is saved; the parts are kept

    # The catalog token, then the session and the user with their profiles (the user's class
    # and the whole page are kept).
    with django_assert_num_queries(3):
        page = client.get(practice.get_absolute_url()).text

    assert "<h1>Kanal aduan warga</h1>" in page
    assert "<title>Kanal aduan warga · Lokus</title>" in page


def test_the_page_of_all_adaptations_is_kept_apart_from_the_latest(client, practice, monkeypatch):
    """``?adaptations=all`` is another page, and each of its pages too: the kept page of the
    latest adaptations does not answer them, nor the other way round."""
    monkeypatch.setattr(practice_page, "ADAPTATIONS_PER_PAGE", 4)
    for number in range(ADAPTATIONS_SHOWN + 1):
        proposal = ChangeProposalFactory(
            title=f"Rancangan aduan {number:02d}",
            status=ProposalStatus.APPROVED,
            submitted_at=timezone.now(),
        )
        PracticeAdaptationFactory(proposal=proposal, practice=practice)
    client.force_login(UserFactory())
    url = practice.get_absolute_url()
    cards = 'class="card card--adaptation"'

    for _twice in range(2):
        assert client.get(url).text.count(cards) == ADAPTATIONS_SHOWN
        assert client.get(url, {"adaptations": "all"}).text.count(cards) == 4
        last = client.get(url, {"adaptations": "all", "page": "3"}).text
        assert last.count(cards) == ADAPTATIONS_SHOWN + 1 - 8
        assert "Rancangan aduan 00" in last


def test_a_warm_practice_list_reads_fewer_queries(client, practice, django_assert_num_queries):
    client.get(LIST_URL)

    # The catalog token only: the results, facets and counts are cached.
    with django_assert_num_queries(1):
        page = client.get(LIST_URL).text

    assert "Kanal aduan warga" in page
    assert 'data-facet="province" data-value="33"' in page


def test_a_proposal_assigned_to_a_coach_is_not_shown_to_others_through_the_cache(
    client, practice, submitted, coach_user
):
    url = practice.get_absolute_url()
    client.force_login(coach_user)
    assert "Rancangan aduan terpadu" in client.get(url).text

    client.logout()
    anonymous = client.get(url).text
    client.force_login(ParticipantFactory(user=UserFactory()).user)
    participant = client.get(url).text
    client.force_login(UserFactory())
    someone = client.get(url).text

    for page in (anonymous, participant, someone):
        assert "Kanal aduan warga" in page
        assert "Rancangan aduan terpadu" not in page


def test_a_participant_is_offered_to_adapt_and_a_reader_is_not(client, practice):
    url = practice.get_absolute_url()
    adapt = reverse("participants:proposal-create") + f"?practice={practice.slug}"
    # Logged in, a participant and a user with no profile read the same proposals.
    client.force_login(ParticipantFactory(user=UserFactory()).user)
    assert adapt in client.get(url).text

    client.force_login(UserFactory())

    assert adapt not in client.get(url).text


def test_a_status_change_drops_the_cached_page(client, practice, submitted, coach_user):
    url = practice.get_absolute_url()
    client.force_login(UserFactory())
    assert "Rancangan aduan terpadu" not in client.get(url).text

    proposal_transition(proposal=submitted, user=coach_user, to_status=ProposalStatus.APPROVED)

    assert "Rancangan aduan terpadu" in client.get(url).text


def test_a_catalog_change_drops_the_cached_list(client, practice):
    assert "Kanal aduan warga" in client.get(LIST_URL).text

    BestPracticeFactory(title="Sekolah lapang tani", host_province=province("33"))

    page = client.get(LIST_URL).text
    assert "Sekolah lapang tani" in page
    assert "2 praktik baik" in page


def test_an_admin_edit_drops_the_cached_page(admin_client, client, practice):
    # A participant's name is no catalog column: the catalog token stays, the admin write
    # drops the parts.
    participant = ParticipantFactory(full_name="Budi Santoso")
    approved = ChangeProposalFactory(
        participant=participant, status=ProposalStatus.APPROVED, submitted_at=timezone.now()
    )
    PracticeAdaptationFactory(proposal=approved, practice=practice)
    client.force_login(UserFactory())
    assert "Budi Santoso" in client.get(practice.get_absolute_url()).text
    token = catalog_token()
    url = admin_url(Participant, "change", participant.pk)
    data = form_data(admin_client.get(url))
    data["full_name"] = "Budi Setiawan"

    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND

    assert catalog_token() == token
    page = client.get(practice.get_absolute_url()).text
    assert "Budi Setiawan" in page
    assert "Budi Santoso" not in page


def test_the_language_is_part_of_the_key(client, practice):
    indonesian = client.get(practice.get_absolute_url()).text
    client.cookies["django_language"] = "en"

    english = client.get(practice.get_absolute_url()).text

    assert "Tentang praktik baik ini" in indonesian
    assert "About this practice" in english


def test_a_cached_part_holds_no_csrf_token(client, practice):
    client.force_login(UserFactory())

    page = client.get(practice.get_absolute_url()).text
    content = page.split("<main", 1)[1].split("</main>", 1)[0]

    assert "csrfmiddlewaretoken" not in content


def test_each_user_gets_their_own_csrf_token_around_the_cached_parts(client, practice):
    client.force_login(UserFactory())
    first = client.get(practice.get_absolute_url()).context["csrf_token"]
    client.force_login(UserFactory())

    second = client.get(practice.get_absolute_url())

    assert str(second.context["csrf_token"]) != str(first)
    assert str(second.context["csrf_token"]) in second.text
