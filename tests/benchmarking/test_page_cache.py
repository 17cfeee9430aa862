"""The page cache's keys (``benchmarking.page_cache``) and the cached parts of the province
pages and home: invalidated by the catalog and by proposal status changes, never shared
between viewers who may read different proposals."""

import re
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from benchmarking import page_cache
from best_practices.models import CatalogVersion
from participants import auth_backend
from participants.assignment import proposals_facilitator_assign
from participants.followups import follow_up_record
from participants.models import (
    ChangeProposal,
    FacilitatorRole,
    FollowUpCheckpoint,
    FollowUpStatus,
    ProposalStatus,
)
from participants.services import (
    AdaptationData,
    ProposalData,
    proposal_save,
    proposal_transition,
)
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

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

HOME = reverse("home")
JATENG = reverse("benchmarking:province-detail", kwargs={"code": "33"})
READABLE = "rancangan proyek perubahan yang dapat Anda baca"


def viewer(user) -> str:
    request = RequestFactory().get(HOME)
    request.user = user
    return page_cache.kept_page(request, "home", read_whole=False).viewer


def save_a_new_draft(user) -> None:
    proposal_save(
        user=user,
        proposal=None,
        data=ProposalData(title="Rancangan baru", problem="Antrean panjang"),
        milestones=[],
        adaptations=[],
        loaded_version=None,
    )


def cache_reads(monkeypatch) -> list[str]:
    """The names of the page cache's reads from now on (``get``, ``get_many``)."""
    reads, depth = [], [0]

    def counted(name, original):
        def read(*args, **kwargs):
            # Local memory's get_many calls its own get: only the page cache's calls count.
            if not depth[0]:
                reads.append(name)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return read

    for name in ("get", "get_many"):
        monkeypatch.setattr(page_cache.cache, name, counted(name, getattr(page_cache.cache, name)))
    return reads


def test_viewer_classes():
    reader = UserFactory()
    participant = ParticipantFactory(user=UserFactory()).user
    staff = UserFactory(is_staff=True)
    superuser = UserFactory(is_superuser=True, is_staff=False)  # reads all, staff or not
    author = ParticipantFactory(user=UserFactory()).user
    ChangeProposalFactory(participant=author.participant, status=ProposalStatus.DRAFT)

    assert viewer(None) == "anonymous"
    assert viewer(reader) == "logged-in"
    assert viewer(participant) == "participant"
    assert viewer(staff) == f"user:{staff.pk}"
    assert viewer(superuser) == f"user:{superuser.pk}"
    assert viewer(author) == f"user:{author.pk}"


def test_a_superuser_without_staff_status_never_shares_their_page(client, flow):
    """A superuser reads every proposal: a page rendered for them is theirs alone, even when
    the admin took their staff status away."""
    practice = flow.adaptations.get().practice
    client.force_login(UserFactory(is_superuser=True, is_staff=False))
    assert flow.title in client.get(practice.get_absolute_url()).text

    client.force_login(UserFactory())
    assert flow.title not in client.get(practice.get_absolute_url()).text


def test_a_new_draft_makes_its_author_a_class_of_their_own(client):
    author = ParticipantFactory(user=UserFactory())
    client.force_login(author.user)
    before = viewer(author.user)

    save_a_new_draft(author.user)

    assert (before, viewer(author.user)) == ("participant", f"user:{author.user.pk}")


def test_a_warm_key_reads_the_generation_and_the_class_in_one_round_trip(monkeypatch):
    request = RequestFactory().get(HOME)
    request.user = ParticipantFactory(user=UserFactory()).user
    first = page_cache.page_key(request, "home")
    reads = cache_reads(monkeypatch)

    assert page_cache.page_key(request, "home") == first
    assert reads == ["get_many"]


def test_a_warm_page_of_an_anonymous_visitor_is_read_with_the_generation(client, monkeypatch):
    client.get(HOME)
    reads = cache_reads(monkeypatch)

    assert "Masuk untuk membaca rancangan proyek perubahan" in client.get(HOME).text
    assert reads == ["get_many"]


@pytest.mark.parametrize("user", [None, "participant"])
def test_a_whole_page_kept_in_an_older_generation_is_not_served(user):
    request = RequestFactory().get(JATENG)
    request.user = ParticipantFactory(user=UserFactory()).user if user else None
    page_cache.kept_page(request, "province-detail").keep("<p>kept</p>")
    assert page_cache.kept_page(request, "province-detail").body == "<p>kept</p>"

    page_cache.pages_invalidate()

    assert page_cache.kept_page(request, "province-detail").body is None


def test_a_logged_in_visitors_warm_page_is_read_with_the_generation(client, monkeypatch):
    client.force_login(ParticipantFactory(user=UserFactory(first_name="Ayu")).user)
    client.get(HOME)
    reads = cache_reads(monkeypatch)

    assert 'class="account-name">Ayu' in client.get(HOME).text
    assert reads == ["get_many"]  # the generation, the class and the page together


def test_a_logged_in_visitors_kept_user_is_read_in_the_same_round_trip(
    client, user_cache, monkeypatch
):
    """With the login backend keeping users, the page cache reads the session's user with
    its own keys; the backend takes it from there (``auth_backend.offered``)."""
    user = ParticipantFactory(user=UserFactory(first_name="Ayu")).user
    client.force_login(user)
    cache.delete(auth_backend.user_key(user.pk))  # the setup's drop mark, expired
    client.get(HOME)
    reads = cache_reads(monkeypatch)

    assert 'class="account-name">Ayu' in client.get(HOME).text
    assert reads == ["get_many"]
    assert auth_backend.user_key(user.pk) in cache.get_many([auth_backend.user_key(user.pk)])


@pytest.mark.usefixtures("cached_sessions", "user_cache")
def test_a_logged_in_visitors_session_is_read_in_the_same_round_trip(client, monkeypatch):
    """The session itself joins the round trip once this process has read it
    (``config.sessions``): a warm page of a logged-in visitor is one read of the cache."""
    user = ParticipantFactory(user=UserFactory(first_name="Ayu")).user
    client.force_login(user)
    client.get(HOME)
    reads = cache_reads(monkeypatch)

    assert 'class="account-name">Ayu' in client.get(HOME).text
    assert reads == ["get_many"]


@pytest.mark.usefixtures("cached_sessions", "user_cache")
def test_a_session_read_ahead_with_another_users_keys_shows_its_own_user(client):
    """What a process remembers of a session only chooses the keys read with it: the session
    read names the user, whose page is then read."""
    other = ParticipantFactory(user=UserFactory(first_name="Budi")).user
    client.force_login(other)
    client.get(HOME)  # Budi's class and page kept, and remembered by this process
    user = ParticipantFactory(user=UserFactory(first_name="Ayu")).user
    client.force_login(user)
    client.get(HOME)
    ahead = client.session.cache_key
    assert page_cache._signed_in[ahead] == str(user.pk)
    page_cache._signed_in[ahead] = str(other.pk)

    page = client.get(HOME).text

    assert 'class="account-name">Ayu' in page
    assert "Budi" not in page
    assert page_cache._signed_in[ahead] == str(user.pk)


@pytest.mark.usefixtures("cached_sessions", "user_cache")
def test_a_session_read_ahead_that_left_the_cache_or_ended(client):
    user = ParticipantFactory(user=UserFactory(first_name="Ayu")).user
    client.force_login(user)
    client.get(HOME)
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    cache.delete(client.session.cache_key)  # Redis flushed: the database still has it

    assert 'class="account-name">Ayu' in client.get(HOME).text

    client.logout()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie
    page = client.get(HOME).text
    assert "Ayu" not in page
    assert "Masuk untuk membaca rancangan proyek perubahan" in page


def test_a_class_seen_in_an_older_generation_is_asked_again(client):
    """A process guesses a visitor's page from the class it last found; a draft of their own
    replaces the generation and makes them a class of their own, whose page they then get."""
    practice = BestPracticeFactory(title="Kanal aduan")
    author = ParticipantFactory(user=UserFactory())
    client.force_login(author.user)
    page = practice.get_absolute_url()
    assert "Rancangan Ayu" not in client.get(page).text

    draft = ChangeProposalFactory(
        participant=author, title="Rancangan Ayu", status=ProposalStatus.DRAFT
    )
    PracticeAdaptationFactory(proposal=draft, practice=practice)
    page_cache.pages_invalidate()

    assert "Rancangan Ayu" in client.get(page).text
    client.force_login(ParticipantFactory(user=UserFactory()).user)
    assert "Rancangan Ayu" not in client.get(page).text


def test_a_page_key_follows_the_class_when_a_draft_makes_its_author_one_of_their_own():
    author = ParticipantFactory(user=UserFactory())
    request = RequestFactory().get(HOME)
    request.user = author.user
    before = page_cache.page_key(request, "home")

    save_a_new_draft(author.user)
    other = ParticipantFactory(user=UserFactory()).user
    request_of_other = RequestFactory().get(HOME)
    request_of_other.user = other

    after = page_cache.page_key(request, "home")
    assert after != before
    assert after != page_cache.page_key(request_of_other, "home")


def test_no_key_without_a_catalog_token_or_with_the_cache_off(settings):
    request = RequestFactory().get("/")
    request.user = UserFactory()
    assert page_cache.page_key(request, "home")

    CatalogVersion.objects.all().delete()
    assert page_cache.page_key(request, "home") is None

    CatalogVersion.objects.create(pk=1, token="t")
    settings.LOKUS_PAGE_CACHE = False
    assert page_cache.page_key(request, "home") is None


def test_keys_differ_by_page_path_language_and_viewer(settings):
    factory = RequestFactory()
    anonymous = factory.get("/provinces/33/")
    anonymous.user = None
    reader = factory.get("/provinces/33/")
    reader.user = UserFactory()
    other = factory.get("/provinces/31/")
    other.user = None

    keys = {
        page_cache.page_key(anonymous, "province-detail"),
        page_cache.page_key(reader, "province-detail"),
        page_cache.page_key(other, "province-detail"),
        page_cache.page_key(anonymous, "home"),
    }
    settings.LANGUAGE_CODE = "en"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_cache, "get_language", lambda: "en")
        keys.add(page_cache.page_key(anonymous, "province-detail"))

    assert len(keys) == 5


@pytest.fixture
def flow():
    """A Lampung participant's submitted proposal adapting a Central Java practice, with its
    coach."""
    practice = BestPracticeFactory(title="Kanal aduan", host_province=province("33"))
    coach = FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory())
    cohort = CohortFactory(institution=InstitutionFactory(province=province("18")))
    proposal = ChangeProposalFactory(
        participant=ParticipantFactory(cohort=cohort),
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
        coach=coach,
    )
    PracticeAdaptationFactory(proposal=proposal, practice=practice)
    return proposal


def stat(page: str, label: str) -> int:
    """The number shown beside ``label`` in home's holdings (what the page says, cached or
    not; the context would be read afresh)."""
    match = re.search(r'stat__number">(\d+)</span>\s*<span class="stat__label">' + label, page)
    return int(match.group(1))


def adopters(page: str) -> str:
    return page.split('id="adopters"', 1)[1].split("</div>", 1)[0]


def test_the_province_page_shows_the_coach_their_flow_and_nobody_else(client, flow):
    client.force_login(flow.coach.user)
    assert "Lampung" in adopters(client.get(JATENG).text)

    client.logout()
    anonymous = client.get(JATENG).text
    client.force_login(ParticipantFactory(user=UserFactory()).user)
    participant = client.get(JATENG).text

    for page in (anonymous, participant):
        assert "Lampung" not in adopters(page)


def test_a_status_change_drops_the_province_page_and_home(client, flow):
    client.force_login(UserFactory())
    assert "Lampung" not in adopters(client.get(JATENG).text)
    assert stat(client.get(HOME).text, READABLE) == 0

    proposal_transition(proposal=flow, user=flow.coach.user, to_status=ProposalStatus.APPROVED)

    assert "Lampung" in adopters(client.get(JATENG).text)
    assert stat(client.get(HOME).text, READABLE) == 1


def test_a_draft_drops_only_the_pages_that_may_show_it(client, flow, django_assert_num_queries):
    """A draft is read by its author (and their facilitators and staff) only: saving one drops
    their pages, and keeps those of everyone who reads the shared proposals only."""
    practice = flow.adaptations.get().practice
    page = practice.get_absolute_url()
    reader = ParticipantFactory(user=UserFactory()).user
    author = ParticipantFactory(user=UserFactory()).user
    for user in (reader, author, None):
        client.logout()
        if user is not None:
            client.force_login(user)
        assert "Rancangan Ayu" not in client.get(page).text
    shared = cache.get(page_cache.GENERATION_KEY)

    proposal_save(
        user=author,
        proposal=None,
        data=ProposalData(title="Rancangan Ayu", problem="Antrean panjang"),
        milestones=[],
        adaptations=[AdaptationData(practice_id=practice.pk, changed="Layanan keliling")],
        loaded_version=None,
    )

    assert cache.get(page_cache.GENERATION_KEY) == shared
    with django_assert_num_queries(1):  # the catalog token: the page as kept
        assert "Rancangan Ayu" not in client.get(page).text
    client.force_login(reader)
    assert "Rancangan Ayu" not in client.get(page).text
    client.force_login(author)
    assert "Rancangan Ayu" in client.get(page).text


def test_an_assignment_shows_the_coach_the_proposal_at_once(client, flow):
    practice = flow.adaptations.get().practice
    coach = FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory())
    client.force_login(coach.user)
    assert flow.title not in client.get(practice.get_absolute_url()).text

    proposals_facilitator_assign(
        proposal_ids=[flow.pk], facilitator=coach, user=UserFactory(is_superuser=True)
    )

    assert flow.title in client.get(practice.get_absolute_url()).text


def test_a_follow_up_shows_on_the_practices_page_at_once(client, flow):
    practice = flow.adaptations.get().practice
    ChangeProposal.objects.filter(pk=flow.pk).update(status=ProposalStatus.IMPLEMENTING)
    page_cache.pages_invalidate()
    client.force_login(ParticipantFactory(user=UserFactory()).user)
    running = "1 dilaksanakan, {} masih berjalan setelah 12 bulan"
    assert running.format(0) in client.get(practice.get_absolute_url()).text

    follow_up_record(
        proposal=ChangeProposal.objects.get(pk=flow.pk),
        user=UserFactory(is_staff=True, is_superuser=True),
        checkpoint=FollowUpCheckpoint.TWELVE_MONTHS,
        status=FollowUpStatus.RUNNING,
    )

    assert running.format(1) in client.get(practice.get_absolute_url()).text


def test_a_catalog_change_drops_home(client):
    before = stat(client.get(HOME).text, "praktik baik")

    BestPracticeFactory()

    assert stat(client.get(HOME).text, "praktik baik") == before + 1


def test_warm_home_and_province_pages_read_only_the_catalog_token(
    client, flow, django_assert_num_queries
):
    client.get(HOME)
    client.get(JATENG)

    with django_assert_num_queries(1):
        home = client.get(HOME).text
    with django_assert_num_queries(1):
        jateng = client.get(JATENG).text

    assert "Kanal aduan" in jateng
    assert "Masuk untuk membaca rancangan proyek perubahan" in home


def test_a_page_part_is_kept_under_the_page_key_and_rendered_afresh_without_one():
    template = Template('{% load page_cache %}{% page_part "main" %}{{ n }}{% endpage_part %}')
    key = uuid.uuid4().hex

    assert template.render(Context({"page_key": key, "n": 1})) == "1"
    assert template.render(Context({"page_key": key, "n": 2})) == "1"  # kept
    assert template.render(Context({"page_key": None, "n": 3})) == "3"
    with pytest.raises(TemplateSyntaxError, match="one quoted name"):
        Template("{% load page_cache %}{% page_part main %}{% endpage_part %}")


def test_a_visitors_own_part_is_kept_for_their_generation_and_signature_only():
    template = Template(
        '{% load page_cache %}{% page_part "panel" of=own %}{{ n }}{% endpage_part %}'
    )
    key = f"lokus:page:{uuid.uuid4().hex}:panel"

    def own(n, generation="g1", signature="roles-1"):
        found = cache.get(key)
        part = page_cache.OwnPart(key, generation, signature, found)
        return template.render(Context({"own": {"panel": part}, "n": n}))

    assert own(1) == "1"
    assert own(2) == "1"  # kept
    assert own(3, generation="g2") == "3"  # a write replaced the generation
    assert own(4, generation="g2", signature="roles-2") == "4"  # a role given or taken
    assert own(5, generation="g2", signature="roles-2") == "4"
    assert template.render(Context({"own": {}, "n": 6})) == "6"
    assert template.render(Context({"n": 7})) == "7"
    for wrong in ('"panel" own', '"panel" of=', '"panel" of=a b'):
        with pytest.raises(TemplateSyntaxError, match="for a visitor's own part"):
            Template(f"{{% load page_cache %}}{{% page_part {wrong} %}}{{% endpage_part %}}")
