"""The logged-in user kept between requests (``participants.auth_backend``): read once, and
dropped by every write that changes who they are or what they may do."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarking.imports import import_run
from participants import auth_backend
from participants.imports import ParticipantImporter
from tests.factories import (
    CohortFactory,
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
    nip_for,
)
from tests.participants.test_imports import HEADER, participant_row
from tests.spreadsheets import xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture(
    autouse=True, params=["pages uncached", "pages cached", "pages and sessions cached"]
)
def _pages(request, settings):
    """Every test three times: with the page cache on, home (the page most tests read) is a
    kept page, whose visitor is read in the page cache's own round trip (``page_cache.kept_page``
    takes the kept user and ``auth_backend.offered`` hands it to the login backend); with
    production's sessions, the session is read in that round trip too (``config.sessions``)."""
    settings.LOKUS_PAGE_CACHE = request.param != "pages uncached"
    if request.param == "pages and sessions cached":
        settings.SESSION_ENGINE = "config.sessions"


MY_PROPOSALS = "Rancangan saya"
REVIEW_QUEUE = "Antrean telaah"


def user_reads(client, path=None) -> tuple[int, str]:
    """The number of queries of the user table in one request, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path or reverse("home"))
    reads = sum('FROM "auth_user"' in query["sql"] for query in queries.captured_queries)
    return reads, response.content.decode()


def kept_login(client, user) -> None:
    """``user`` logged in and kept: the marks their setup's writes left are gone (as after
    ``MARK_SECONDS``), and a request has kept them."""
    client.force_login(user)
    cache.delete(auth_backend.user_key(user.pk))
    user_reads(client)
    assert user_reads(client)[0] == 0, "the user is not kept"


def test_a_kept_user_is_read_from_the_database_once(client, user_cache):
    participant = ParticipantFactory(user=UserFactory(first_name="Sri", last_name="Wahyuni"))
    client.force_login(participant.user)
    cache.delete(auth_backend.user_key(participant.user.pk))  # the setup's mark, expired

    first, _page = user_reads(client)
    second, page = user_reads(client)

    assert (first, second) == (1, 0)
    assert "Sri Wahyuni" in page
    assert MY_PROPOSALS in page


def test_without_the_user_cache_every_request_reads_the_user(client):
    client.force_login(ParticipantFactory(user=UserFactory()).user)
    user_reads(client)

    assert user_reads(client)[0] == 1


def test_a_deactivated_user_is_refused_at_the_next_request(client, user_cache):
    user = ParticipantFactory(user=UserFactory()).user
    kept_login(client, user)
    mine = reverse("participants:proposal-mine")
    assert client.get(mine).status_code == 200

    user.is_active = False
    user.save()
    response = client.get(mine)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_changed_password_logs_out_the_other_sessions_at_their_next_request(client, user_cache):
    user = ParticipantFactory(user=UserFactory()).user
    kept_login(client, user)
    mine = reverse("participants:proposal-mine")
    assert client.get(mine).status_code == 200

    user.set_password("another-pass-5678")
    user.save()
    response = client.get(mine)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_deleted_user_is_logged_out(client, user_cache):
    user = UserFactory()
    kept_login(client, user)
    assert user_reads(client)[1].count("Keluar") == 1

    user.delete()

    assert "Keluar" not in user_reads(client)[1]


def test_a_user_made_staff_sees_the_admin_link_at_the_next_request(client, user_cache):
    user = UserFactory()
    kept_login(client, user)
    admin = f'href="{reverse("admin:index")}"'
    assert admin not in user_reads(client)[1]

    user.is_staff = True
    user.save()

    assert admin in user_reads(client)[1]


def test_a_new_or_removed_profile_shows_at_the_next_request(client, user_cache):
    user = UserFactory()
    kept_login(client, user)
    assert MY_PROPOSALS not in user_reads(client)[1]

    participant = ParticipantFactory(user=user)
    assert MY_PROPOSALS in user_reads(client)[1]

    kept_login(client, user)
    participant.delete()
    assert MY_PROPOSALS not in user_reads(client)[1]

    kept_login(client, user)
    FacilitatorFactory(user=user)
    assert REVIEW_QUEUE in user_reads(client)[1]


def test_a_profile_given_to_another_account_leaves_the_first_one(client, user_cache):
    first, second = UserFactory(), UserFactory()
    facilitator = FacilitatorFactory(user=first)
    kept_login(client, first)
    assert REVIEW_QUEUE in user_reads(client)[1]

    facilitator.user = second
    facilitator.save()

    assert REVIEW_QUEUE not in user_reads(client)[1]


def test_an_import_that_links_an_account_drops_the_kept_user(client, user_cache):
    user = UserFactory(username=nip_for(7))
    kept_login(client, user)
    assert MY_PROPOSALS not in user_reads(client)[1]

    file = xlsx_file([HEADER, participant_row(7)])
    import_run(
        importer=ParticipantImporter(cohort=CohortFactory()),
        file=file,
        filename="p.xlsx",
        dry_run=False,
    )

    assert MY_PROPOSALS in user_reads(client)[1]


def test_a_dropped_user_is_read_from_the_database_while_the_mark_lasts(client, user_cache):
    """The mark left by a drop keeps the row a request read before the commit out of the
    cache: while it is there the user is read from the database on every request."""
    user = UserFactory()
    kept_login(client, user)
    user_reads(client)

    auth_backend.forget([user.pk])

    assert user_reads(client)[0] == 1
    assert user_reads(client)[0] == 1


def test_a_write_outside_the_signals_shows_when_the_kept_user_expires(client, user_cache):
    """An account deactivated by SQL (no signal) is refused once its kept row expires, after
    at most ``TIMEOUT`` seconds, as the docstring of ``participants.auth_backend`` says."""
    user = UserFactory()
    kept_login(client, user)
    user_reads(client)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert "Keluar" in user_reads(client)[1]  # kept for at most TIMEOUT seconds

    cache.delete(auth_backend.user_key(user.pk))  # what the timeout does

    assert "Keluar" not in user_reads(client)[1]
