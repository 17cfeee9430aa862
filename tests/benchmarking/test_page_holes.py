"""Pages kept whole in the cache (``benchmarking.page_holes``): two visitors of one class get
the same kept page, each with their own CSRF token, header, navigation and role panel; messages
waiting are shown once; and a kept page is the page rendered afresh."""

import re
from http import HTTPStatus

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.urls import reverse

from benchmarking import page_holes
from participants.models import FacilitatorRole
from tests.factories import BestPracticeFactory, FacilitatorFactory, ParticipantFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

HOME = reverse("home")
PRACTICES = reverse("best_practices:practice-list")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def participant_client(first_name: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(ParticipantFactory(user=UserFactory(first_name=first_name)).user)
    return client


def token(page: str) -> str:
    """The token of the page's first form (the language switch, in the kept page)."""
    return TOKEN.findall(page)[0]


def test_two_participants_get_the_kept_page_each_with_their_own_header_and_token(
    django_assert_num_queries,
):
    BestPracticeFactory(title="Kanal aduan warga")
    ayu, budi = participant_client("Ayu"), participant_client("Budi")
    ayu_page = ayu.get(PRACTICES).text

    # Budi's page is Ayu's kept page: no practice is read, only the catalog token, his
    # session, Budi with his profiles, and whether he has a proposal of his own (his class).
    with django_assert_num_queries(4):
        budi_page = budi.get(PRACTICES).text

    assert "Kanal aduan warga" in budi_page
    assert 'class="account-name">Budi' in budi_page
    assert "Ayu" not in budi_page
    assert "Rancangan saya" in budi_page  # a participant's navigation link
    # Ayu's token is refused on Budi's session, Budi's own is accepted.
    logout = reverse("logout")
    assert budi.post(logout, {"csrfmiddlewaretoken": token(ayu_page)}).status_code == 403
    # Both of Budi's forms, the kept page's language switch and the hole's log-out form,
    # carry a token his session accepts.
    first, second = TOKEN.findall(budi_page)
    assert budi.post(reverse("set_language"), {"csrfmiddlewaretoken": first}).status_code == 302
    assert budi.post(logout, {"csrfmiddlewaretoken": second}).status_code == 302


def test_a_coach_and_an_anonymous_visitor_do_not_get_a_participants_navigation():
    ParticipantFactory(user=UserFactory(first_name="Ayu"))
    participant_client("Ayu").get(HOME)
    coach = Client()
    coach.force_login(FacilitatorFactory(role=FacilitatorRole.COACH, user=UserFactory()).user)

    for page in (coach.get(HOME).text, Client().get(HOME).text):
        assert "Rancangan saya" not in page
        assert "Ayu" not in page


def test_a_kept_page_is_the_page_rendered_afresh(client, settings):
    BestPracticeFactory(title="Kanal aduan warga")
    client.force_login(ParticipantFactory(user=UserFactory(first_name="Ayu")).user)
    client.get(HOME)
    kept = client.get(HOME).text
    settings.LOKUS_PAGE_CACHE = False
    afresh = client.get(HOME).text

    assert TOKEN.sub("", kept) == TOKEN.sub("", afresh)
    # Neither the placeholder nor a hole's mark (which begins with it) is left.
    assert page_holes.csrf_placeholder() not in kept
    assert "lokushole" not in kept
    assert "Langkah Anda berikutnya" in kept  # the role panel, filled for the participant


def test_a_message_waiting_is_shown_once_on_a_kept_page():
    client = Client()
    client.force_login(UserFactory())
    Client().get(HOME)  # home is kept for anonymous visitors

    landed = client.post(reverse("logout"), follow=True)
    again = client.get(HOME)

    assert landed.redirect_chain[-1][0] == HOME
    assert "Anda telah keluar." in landed.text
    assert "Anda telah keluar." not in again.text
    assert again.status_code == HTTPStatus.OK


def test_a_hole_is_included_as_usual_outside_a_kept_page():
    template = Template('{% load page_cache %}[{% page_hole "includes/_nav_roles.html" %}]')

    assert template.render(Context({"page_holes": True})) == (
        "[" + page_holes.marker("includes/_nav_roles.html") + "]"
    )
    assert "lokushole" not in template.render(Context({"user": None}))
    with pytest.raises(TemplateSyntaxError, match="one quoted template name"):
        Template("{% load page_cache %}{% page_hole includes/_x.html %}")


def test_the_marks_depend_on_the_secret_key(settings):
    before = (page_holes.csrf_placeholder(), page_holes.marker("includes/_account.html"))
    settings.SECRET_KEY = "another-secret-key-" * 3

    assert page_holes.csrf_placeholder() != before[0]
    assert page_holes.marker("includes/_account.html") != before[1]


def test_a_hole_reads_the_request_its_user_its_token_and_the_views_context_only(rf):
    """Holes are rendered without the context processors (``hole_context``): a hole template
    that needed one of their variables would show nothing on a kept page."""
    request = rf.get(HOME)
    request.user = UserFactory()

    context = page_holes.hole_context(request, lambda: "token", {"role_panel": "panel"})

    assert set(context) == {"role_panel", "request", "user", "csrf_token"}
    assert (context["request"], context["user"]) == (request, request.user)
    assert str(context["csrf_token"]) == "token"
