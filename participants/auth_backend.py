"""Logging in and reading the logged-in user: Django's ``ModelBackend``, with the user's
participant and facilitator profiles read in the same query as the user.

Every page reads them (the navigation's role links, the page cache's viewer class, home's role
panel); read apart, they cost two more queries on every request of a logged-in user.

**The kept user.** With ``LOKUS_USER_CACHE`` (on where every server process shares the cache,
``REDIS_URL``) the user read with their profiles is kept in the cache for ``TIMEOUT`` seconds
under ``lokus:user:<id>``: a logged-in visitor's page then reads no user row from the database,
which was a third of the time of a page kept whole. Whatever decides what the user may do is
still checked on every request from the kept row: the account is active, and the session's
hash of the password (``django.contrib.auth.get_user``) still matches.

The kept user is dropped whenever the user or one of their profiles is saved or deleted
(``forget``: the admin, the services, a password change, a login), and the imports that write
in bulk drop theirs. A drop leaves a mark for ``MARK_SECONDS`` instead of nothing, written now
and again when the transaction commits: while it is there the user is read from the database
and not kept, so a request that read the row before the commit cannot keep the old row after
it. A write outside them (SQL, a shell's ``update()``) shows within ``TIMEOUT`` seconds.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

#: Seconds a user is kept at most.
TIMEOUT = 60
#: Seconds a dropped user is read from the database and not kept.
MARK_SECONDS = 5
_DROPPED = "dropped"
KEY_PREFIX = "lokus:user"
#: A kept user read by another reader for this request (``offered``): its key and value.
_offered: ContextVar[tuple[str, Any] | None] = ContextVar("lokus_offered_user", default=None)


def enabled() -> bool:
    """Whether users are kept: only where every server process shares the cache, since a
    write on one must drop the user on all (``LOKUS_USER_CACHE``)."""
    return getattr(settings, "LOKUS_USER_CACHE", False)


def user_key(user_id) -> str:
    return f"{KEY_PREFIX}:{user_id}"


class ProfilesBackend(ModelBackend):
    def get_user(self, user_id):
        user = _kept_user(user_id) if enabled() else _read_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def _read_user(user_id):
    users = get_user_model()._default_manager.select_related("participant", "facilitator")
    return users.filter(pk=user_id).first()


def _kept_user(user_id):
    key = user_key(user_id)
    offer = _offered.get()
    kept = offer[1] if offer is not None and offer[0] == key else cache.get(key)
    if kept is not None and kept != _DROPPED:
        return kept
    user = _read_user(user_id)
    if user is not None and kept is None:
        # add, not set: a drop's mark written meanwhile wins.
        cache.add(key, user, TIMEOUT)
    return user


def kept_key(user_id) -> str | None:
    """The cache key of the kept user ``user_id``, for a reader that reads it in a round trip
    of its own (``offered``); None when users are not kept."""
    return user_key(user_id) if enabled() else None


@contextmanager
def offered(user_id, kept):
    """Within: ``kept``, the value of ``kept_key(user_id)`` just read from the cache by another
    reader (the page cache, together with its own keys), is what reading the user ``user_id``
    finds in the cache instead of reading it again. Everything else is checked as ever: the
    drop marks, the account being active, and the session's hash of the password."""
    token = _offered.set((user_key(user_id), kept))
    try:
        yield
    finally:
        _offered.reset(token)


def forget(user_ids: Iterable) -> None:
    """Drop the kept users ``user_ids`` (None ignored): now, and again when the current
    transaction commits."""
    if not enabled():
        return
    keys = [user_key(pk) for pk in set(user_ids) if pk is not None]
    if not keys:
        return
    _mark(keys)
    transaction.on_commit(lambda: _mark(keys))


def _mark(keys: list[str]) -> None:
    cache.set_many(dict.fromkeys(keys, _DROPPED), MARK_SECONDS)


def user_changed(sender, instance, update_fields=None, **kwargs) -> None:
    """A user saved or deleted (``post_save``, ``post_delete``); not a login's new
    ``last_login`` alone, which nothing decides by, so a user logging in stays kept."""
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return
    forget([instance.pk])


def profile_changed(sender, instance, **kwargs) -> None:
    """A participant or facilitator profile saved or deleted: their user's kept profiles."""
    forget([instance.user_id])


def profile_moving(sender, instance, **kwargs) -> None:
    """A profile about to be saved (``pre_save``): the user it leaves, if it is given to another
    (an account linked again), has their kept profiles dropped too."""
    if not enabled() or instance.pk is None:
        return
    before = type(instance)._default_manager.filter(pk=instance.pk).values_list("user_id")
    left = before.first()
    if left is not None and left[0] != instance.user_id:
        forget([left[0]])
