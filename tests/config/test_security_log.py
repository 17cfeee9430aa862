"""Security events: one JSON object per line on standard output, and never a secret in them."""

import io
import json
import logging
from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse

from best_practices.models import BestPractice
from config import security_log
from tests.config.test_settings import PRODUCTION_ENV, start_django
from tests.factories import BestPracticeFactory, UserFactory

pytestmark = pytest.mark.django_db

TYPED_PASSWORD = "Rahasia-Sekali-9137"


@pytest.fixture
def security_events():
    """The events written while the test runs, read back from their JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(security_log.JsonLinesFormatter())
    logger = logging.getLogger(security_log.LOGGER_NAME)
    logger.addHandler(handler)

    def read() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    read.text = stream.getvalue
    yield read
    logger.removeHandler(handler)


def test_events_go_to_standard_output_as_json_lines():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
        "import django; django.setup(); from config.security_log import event; "
        "event('lockout', username='peserta', ip='10.0.0.7'); event('login_failed', username='x')"
    )

    result = start_django(code, **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["event"], line["level"]) for line in lines] == [
        ("lockout", "INFO"),
        ("login_failed", "INFO"),
    ]
    assert lines[0]["username"] == "peserta"
    assert lines[0]["ip"] == "10.0.0.7"
    assert lines[0]["time"].endswith("+00:00")


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_a_failed_login_records_the_username_and_address_but_never_the_password(
    client, security_events, url_name
):
    UserFactory(username="peserta")

    response = client.post(reverse(url_name), {"username": "peserta", "password": TYPED_PASSWORD})

    assert response.status_code == HTTPStatus.OK
    [failed] = security_events()
    assert failed["event"] == "login_failed"
    assert failed["level"] == "WARNING"
    assert failed["username"] == "peserta"
    assert failed["ip"] == "127.0.0.1"
    assert failed["path"] == reverse(url_name)
    assert TYPED_PASSWORD not in security_events.text()
    assert "password" not in failed


def test_a_successful_login_records_no_failure(client, security_events):
    UserFactory(username="peserta")

    client.post(reverse("login"), {"username": "peserta", "password": "pass-1234"})

    assert security_events() == []


def test_a_lockout_records_the_username_and_address(security_events):
    request = RequestFactory().post(reverse("login"), REMOTE_ADDR="10.1.2.3")

    security_log.log_locked_out(None, request=request, username="peserta")

    [lockout] = security_events()
    assert lockout["event"] == "lockout"
    assert lockout["level"] == "WARNING"
    assert lockout["username"] == "peserta"
    assert lockout["ip"] == "10.1.2.3"


@pytest.mark.skipif(not apps.is_installed("axes"), reason="django-axes is not installed")
def test_an_axes_lockout_is_recorded(security_events):
    from axes.signals import user_locked_out

    request = RequestFactory().post(reverse("login"), REMOTE_ADDR="10.1.2.3")
    user_locked_out.send("axes", request=request, username="peserta", ip_address="10.1.2.3")

    assert [(e["event"], e["username"], e["ip"]) for e in security_events()] == [
        ("lockout", "peserta", "10.1.2.3")
    ]


def test_a_refused_permission_records_the_user_and_path_and_no_session(client, security_events):
    user = UserFactory()
    client.force_login(user)

    response = client.get(reverse("participants:proposal-create"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    [refused] = security_events()
    assert refused["event"] == "permission_denied"
    assert refused["user_id"] == user.pk
    assert refused["path"] == reverse("participants:proposal-create")
    assert refused["method"] == "GET"
    assert client.cookies["sessionid"].value not in security_events.text()


def test_a_refused_admin_page_is_recorded(client, security_events):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    url = reverse("admin:best_practices_bestpractice_changelist")

    response = client.get(url)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert [(event["event"], event["user_id"], event["path"]) for event in security_events()] == [
        ("permission_denied", user.pk, url)
    ]


def test_an_admin_deletion_records_who_deleted_what(client, security_events):
    admin = UserFactory(is_staff=True, is_superuser=True)
    practice = BestPracticeFactory()
    client.force_login(admin)

    response = client.post(
        reverse("admin:best_practices_bestpractice_delete", args=[practice.pk]), {"post": "yes"}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert not BestPractice.objects.filter(pk=practice.pk).exists()
    [change] = security_events()
    assert change["event"] == "admin_change"
    assert change["user_id"] == admin.pk
    assert change["model"] == "best_practices.bestpractice"
    assert change["object_id"] == str(practice.pk)
    assert change["action"] == "deletion"
    assert client.cookies["sessionid"].value not in security_events.text()


def test_every_admin_history_entry_is_recorded_with_its_action(security_events):
    admin = UserFactory(is_staff=True, is_superuser=True)
    practice = BestPracticeFactory()
    queryset = BestPractice.objects.filter(pk=practice.pk)

    LogEntry.objects.log_actions(admin.pk, queryset, 1, single_object=True)
    LogEntry.objects.log_actions(admin.pk, queryset, 2, single_object=True)

    assert [(event["action"], event["object_id"]) for event in security_events()] == [
        ("addition", str(practice.pk)),
        ("change", str(practice.pk)),
    ]


def test_fields_that_name_a_secret_are_never_written(security_events):
    security_log.event(
        "login_failed",
        username="peserta",
        password="hunter2-secret",
        csrfmiddlewaretoken="csrf-value",
        sessionid="session-value",
        reset_token="token-value",
    )

    [event] = security_events()
    assert set(event) == {"time", "level", "event", "username"}
    for secret in ["hunter2-secret", "csrf-value", "session-value", "token-value"]:
        assert secret not in security_events.text()


def test_a_long_value_is_cut_short(security_events):
    security_log.event("login_failed", username="x" * 10_000)

    [event] = security_events()
    assert event["username"] == "x" * security_log.MAX_VALUE_LENGTH


def test_django_security_records_are_written_with_their_message():
    record = logging.LogRecord(
        "django.security.csrf", logging.WARNING, __file__, 1, "Forbidden (%s): %s", None, None
    )
    record.args = ("CSRF token missing.", "/accounts/login/")

    entry = json.loads(security_log.JsonLinesFormatter().format(record))

    assert entry["event"] == "django.security.csrf"
    assert entry["level"] == "WARNING"
    assert entry["message"] == "Forbidden (CSRF token missing.): /accounts/login/"


@pytest.mark.parametrize("count", [1, 3])
def test_a_bulk_deletion_in_the_admin_records_each_deleted_row_once(client, security_events, count):
    admin = UserFactory(is_staff=True, is_superuser=True)
    practices = BestPracticeFactory.create_batch(count)
    client.force_login(admin)

    response = client.post(
        reverse("admin:best_practices_bestpractice_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [practice.pk for practice in practices],
            "post": "yes",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert not BestPractice.objects.exists()
    events = security_events()
    assert sorted((event["object_id"], event["action"], event["user_id"]) for event in events) == (
        sorted((str(practice.pk), "deletion", admin.pk) for practice in practices)
    )
    assert {event["model"] for event in events} == {"best_practices.bestpractice"}


def test_a_bulk_deletion_that_is_only_confirmed_records_nothing(client, security_events):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    practices = BestPracticeFactory.create_batch(2)

    response = client.post(
        reverse("admin:best_practices_bestpractice_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in practices]},
    )

    assert response.status_code == HTTPStatus.OK
    assert BestPractice.objects.count() == 2
    assert security_events() == []
