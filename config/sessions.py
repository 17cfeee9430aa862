"""Sessions: Django's ``cached_db`` engine (the cache first, the database behind it), whose
cached data another read of the cache may bring along.

A page served from the page cache reads the generation, the visitor's class, their kept user
and their page in one round trip (``benchmarking.page_cache.kept_page``). Their session is
read in that round trip too: the page cache names it with ``read_ahead_key()`` and hands what
it found to ``take()``. The session then treats that value exactly as its own read of the
cache: a session missing from the cache (expired, or Redis flushed) is read from the database,
and a deleted one is empty.
"""

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.core.cache import DEFAULT_CACHE_ALIAS


class SessionStore(cached_db.SessionStore):
    _ahead: dict | None = None

    def read_ahead_key(self) -> str | None:
        """The key, in the default cache, of this session's data when it may be read by
        another read of that cache; None: it has no key, it was read already, or it is kept in
        another cache."""
        if (
            self.session_key is None
            or hasattr(self, "_session_cache")
            or settings.SESSION_CACHE_ALIAS != DEFAULT_CACHE_ALIAS
        ):
            return None
        return self.cache_key

    def take(self, data: dict | None) -> None:
        """Use ``data``, read from the default cache under ``read_ahead_key()``, as this
        session's on its first use, instead of reading the cache again; None (not in the cache)
        leaves the session to be read as usual."""
        if data is not None and not hasattr(self, "_session_cache"):
            self._ahead = data

    def load(self) -> dict:
        ahead, self._ahead = self._ahead, None
        return ahead if ahead is not None else super().load()
