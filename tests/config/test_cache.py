"""The cache: Redis, shared by every app server, when REDIS_URL is set; local memory without.
Sessions live in the cache with the database behind them."""

import os
import uuid
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_KEY_PREFIX
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSession
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from config.sessions import SessionStore
from tests.config.test_settings import read_setting, start_django
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(
    not REDIS_URL, reason="needs a Redis server: set REDIS_URL (the PostgreSQL CI run does)"
)
CACHE = "settings.CACHES['default']"


def test_without_redis_the_cache_is_local_memory():
    assert read_setting(CACHE)["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_with_redis_url_the_cache_is_redis():
    url = "redis://127.0.0.1:6379/2"

    backend = read_setting(CACHE, REDIS_URL=url)

    assert backend["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert backend["LOCATION"] == url


def test_sessions_are_cached_with_the_database_behind():
    assert read_setting("settings.SESSION_ENGINE") == "config.sessions"
    assert issubclass(SessionStore, CachedDbSession)


@pytest.mark.usefixtures("cached_sessions")
def test_a_session_read_ahead_is_taken_without_reading_the_cache_again(client, monkeypatch):
    user = UserFactory()
    client.force_login(user)
    session = SessionStore(client.session.session_key)
    data = cache.get(session.read_ahead_key())
    monkeypatch.setattr(cache, "get", None)  # any read of the cache now fails

    session.take(data)

    assert session[SESSION_KEY] == str(user.pk)
    assert session.read_ahead_key() is None  # read: nothing more to read ahead


@pytest.mark.usefixtures("cached_sessions")
def test_a_session_missing_from_the_cache_is_read_from_the_database(client):
    user = UserFactory()
    client.force_login(user)
    session = SessionStore(client.session.session_key)
    cache.delete(session.read_ahead_key())

    session.take(None)

    assert session[SESSION_KEY] == str(user.pk)


def test_a_session_without_a_key_or_kept_elsewhere_is_not_read_ahead(settings):
    assert SessionStore().read_ahead_key() is None
    sessions = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.CACHES = {**settings.CACHES, "sessions": sessions}
    settings.SESSION_CACHE_ALIAS = "sessions"
    assert SessionStore("abcdefgh12345678").read_ahead_key() is None


@pytest.mark.usefixtures("cached_sessions")
def test_a_cached_session_is_read_without_a_query(client, django_assert_num_queries):
    user = UserFactory()
    client.force_login(user)
    session_key = client.session.session_key

    with django_assert_num_queries(0):
        session = CachedDbSession(session_key).load()

    assert session["_auth_user_id"] == str(user.pk)


@needs_redis
def test_in_ci_the_cache_is_redis_and_shared_with_other_processes():
    key = f"test-shared-{uuid.uuid4().hex}"
    cache.set(key, "seen by another process", timeout=60)
    try:
        result = start_django(
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
            f"django.setup(); from django.core.cache import cache; print(cache.get({key!r}))",
            REDIS_URL=REDIS_URL,
        )
    finally:
        cache.delete(key)

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "seen by another process"


@pytest.mark.usefixtures("cached_sessions")
def test_a_session_is_in_the_cache_and_in_the_database(client):
    client.force_login(UserFactory())
    session_key = client.session.session_key

    assert cache.get(SESSION_KEY_PREFIX + session_key) is not None
    assert Session.objects.filter(session_key=session_key).exists()


@pytest.mark.usefixtures("cached_sessions")
def test_a_lost_cache_logs_nobody_out(client):
    user = UserFactory()
    client.force_login(user)
    cache.delete(SESSION_KEY_PREFIX + client.session.session_key)

    response = client.get(reverse("participants:proposal-mine"))

    assert response.status_code == HTTPStatus.OK
    assert response.wsgi_request.user == user
