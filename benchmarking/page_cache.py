"""The cached parts of pages: their key scheme and their invalidation.

A costly part of a page (a practice's page, a province's, the practices list, home) is
rendered once and kept in Django's cache (Redis with ``REDIS_URL``, else local memory) under
a key made of:

- the page and its path with the query string, and the language;
- the viewer's class (``proposal_rules.viewer_class``): anonymous, logged in (a participant
  or not) when they read only approved proposals, or the user themself when they may read
  unapproved ones, so that no role sees what another may;
- the data tokens apps register with ``watch`` (the catalog version of ``best_practices``);
- the generation, random tokens that ``pages_invalidate`` replaces after writes. There are
  two. The shared generation moves with every write that changes what readers of the shared
  proposals see (a status change to or from a shared status, a shared proposal's edit or
  follow-up, every admin write and import); the own generation with every other write to
  proposals too (a draft saved, a proposal submitted or assigned). The pages of the classes
  that read the shared proposals only (``SHARED_CLASSES``) are kept under the shared
  generation; the classes themselves, the pages of a class of one's own and a visitor's own
  parts under both, so that a participant's draft drops their own pages and those of their
  facilitators, not everyone's. A whole page (``KeptPage``) keeps its generation in its value
  instead of its key and is served only in that generation: it is then read in the same round
  trip as the generations (``kept_page``), with a logged-in visitor's session, kept user,
  class and own parts (``OwnPart``: home's role panel, kept for them alone).

A cached part holds no form with a CSRF token: those stay in the page around it. Parts expire
after ``TIMEOUT`` as well, for writes made outside the admin and the services (a shell, SQL).
"""

import contextlib
import functools
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from benchmarking import page_holes, proposal_rules

#: Seconds a part is kept at most.
TIMEOUT = 600
GENERATION_KEY = "lokus:pages:generation"
OWN_GENERATION_KEY = "lokus:pages:generation:own"
#: The classes that read the shared proposals only: their pages follow the shared generation.
SHARED_CLASSES = ("anonymous", *proposal_rules.SHARED_ONLY_CLASSES)
#: The part name of a whole page, kept with its holes.
WHOLE_PAGE = "whole-page"
_tokens: list[Callable[[], str | None]] = []
#: The class each user had when this process last found it, by user id: (their viewer key,
#: the generation, the class). A guess at the page to read with the generation, trusted only
#: for the same viewer key in the same generation.
_seen: dict[str, tuple[str, str, str]] = {}
#: Users whose class a process keeps; past it the guesses start again.
SEEN_KEPT = 10_000
#: The user each session was logged in as when this process last read it, by the session's
#: cache key: whose keys to read with the session (``config.sessions``), trusted only when the
#: session read with them names the same user.
_signed_in: dict[str, str] = {}
#: The login backend's kept user, read in the page cache's round trip (``read_kept_user_with``).
_kept_user: dict[str, Callable] = {}


def watch(token: Callable[[], str | None]) -> None:
    """Add ``token``, read on every cached request, to the keys: a new value drops the parts.
    A token of None (its data is not tracked) turns caching off for that request."""
    if token not in _tokens:
        _tokens.append(token)


def read_kept_user_with(*, key_of: Callable[[str], str | None], offered: Callable) -> None:
    """Read the logged-in user kept by the login backend in the round trip that reads the
    generation: ``key_of(user_id)`` names it in the cache (None: not kept), and
    ``offered(user_id, value)`` is the context in which reading the user takes that value
    instead of reading the cache again (``participants.auth_backend``)."""
    _kept_user.update(key_of=key_of, offered=offered)


def enabled() -> bool:
    """Whether parts are cached: only where every server process shares the cache (see
    ``LOKUS_PAGE_CACHE``), since a write drops the parts through the cache itself."""
    return getattr(settings, "LOKUS_PAGE_CACHE", False)


def pages_invalidate(*, shared: bool = True) -> None:
    """Drop the cached parts: now, and again when the current transaction commits, so that a
    request that read the data before the commit cannot keep its part under the new token.
    ``shared``: every part; else (a write that leaves the shared proposals as they were) only
    those of the classes of one's own and the visitors' own parts. With the cache off nothing
    is kept, so there is nothing to drop."""
    if not enabled():
        return
    replace = functools.partial(
        _generation_replace, GENERATION_KEY if shared else OWN_GENERATION_KEY
    )
    replace()
    transaction.on_commit(replace)


def _generation_replace(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, None)


def generation(key: str = GENERATION_KEY) -> str:
    """The current generation of ``key`` (a random token, so that a lost key never revives
    old parts)."""
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, None)
        value = cache.get(key)
    return value


def _viewer_key(user) -> str:
    return _viewer_key_of(str(user.pk), int(user.is_staff))


def _viewer_key_of(user_id: str, staff: int) -> str:
    return f"lokus:pages:viewer:{user_id}:{staff}"


def _viewer_of(user, generation: str, *kept: tuple[str, str] | None) -> str:
    """``user``'s class: the first of ``kept`` (the generation it was found in, the class)
    found in ``generation``, else asked now and kept with it."""
    for found in kept:
        if found is not None and found[0] == generation:
            viewer = found[1]
            break
    else:
        viewer = proposal_rules.viewer_class(user)
        cache.set(_viewer_key(user), (generation, viewer), TIMEOUT)
    if len(_seen) >= SEEN_KEPT:
        _seen.clear()
    _seen[str(user.pk)] = (_viewer_key(user), generation, viewer)
    # The page's counts read it too (``proposal_rules.reads_shared_only``): asked once.
    proposal_rules.remember_viewer_class(user, viewer)
    return viewer


def _seen_class(user) -> tuple[str, str] | None:
    """(generation, class) of ``user`` as this process last found them, for their viewer key."""
    seen = _seen.get(str(user.pk))
    return seen[1:] if seen is not None and seen[0] == _viewer_key(user) else None


def page_key(request, page: str) -> str | None:
    """The key of ``page``'s cached parts for this request, or None: not cached."""
    found = kept_page(request, page, read_whole=False)
    return found.key if found is not None else None


@dataclass(frozen=True)
class KeptPage:
    """The cache's side of one request for a page: ``key``, that of its parts (under the
    ``generation``: the shared one for ``SHARED_CLASSES``, else both), the ``viewer``'s class
    (kept with both generations as found, and asked again under new ones: a proposal write may
    move a user from one class to another, and it replaces a generation), and its whole page,
    kept under ``whole_key`` with the generation it was rendered in, so that it is read in the
    round trip that reads the generations (a logged-in visitor's when this process saw their
    class before); ``body`` is that page when it was kept in this generation."""

    key: str
    whole_key: str
    generation: str
    viewer: str
    body: str | None = None
    #: The generation of the visitor's own parts (both generations).
    own_generation: str = ""
    #: The logged-in visitor's own parts: their keys and what was found there, by name.
    own: dict[str, tuple[str, object]] = field(default_factory=dict)

    def keep(self, body: str) -> None:
        cache.set(self.whole_key, (self.generation, body), TIMEOUT)

    def own_parts(self, signature: str) -> dict[str, "OwnPart"]:
        """The visitor's own parts, read in this generation for ``signature``."""
        return {
            name: OwnPart(key, self.own_generation, signature, found)
            for name, (key, found) in self.own.items()
        }


@dataclass(frozen=True)
class OwnPart:
    """A part of a page kept for one logged-in visitor alone (home's role panel), read in the
    page's round trip: served only in the ``generation`` it was kept in and for the same
    ``signature`` (what else it depends on, such as the visitor's roles)."""

    key: str
    generation: str
    signature: str
    found: object = None

    def read(self) -> str | None:
        found = self.found
        if isinstance(found, tuple) and found[:2] == (self.generation, self.signature):
            return found[2]
        return None

    def keep(self, html: str) -> None:
        cache.set(self.key, (self.generation, self.signature, html), TIMEOUT)


def kept_page(
    request, page: str, *, read_whole: bool = True, own: tuple[str, ...] = ()
) -> KeptPage | None:
    """``page``'s keys for this request and, with ``read_whole``, its whole page if kept in
    the current generation, with the parts named ``own`` kept for a logged-in visitor alone;
    None: not cached."""
    if not enabled():
        return None
    tokens = [token() for token in _tokens]
    if None in tokens:
        return None
    # Who the visitor is, as far as the session tells before the user is read: their user
    # is then read in this round trip too, with their class, and their page when this process
    # saw their class before; it is theirs if that was in this generation. A session not read
    # yet is read in it as well, with the keys of the user this process last found in it.
    session = getattr(request, "session", None)
    ahead = _read_ahead_key(session)
    user_id = _signed_in.get(ahead) if ahead is not None else _session_user_id(request)
    read = _Read.of(request, page, tokens, user_id, read_whole, own, ahead)
    if ahead is not None:
        session.take(read.found.get(ahead))
        user_id = _session_user_id(request)
        _remember_signed_in(ahead, user_id)
        if user_id != read.user_id:
            read = _Read.of(request, page, tokens, user_id, read_whole, own, None)
    found = read.found
    shared = found.get(GENERATION_KEY) or generation()
    # Both generations: what a class of one's own sees, and which class a user is in, may
    # change with any write to proposals.
    current = f"{shared}.{found.get(OWN_GENERATION_KEY) or generation(OWN_GENERATION_KEY)}"
    with _offered(user_id, read.user_key, found):
        user = request.user
        anonymous = user is None or not user.is_authenticated
    if anonymous:
        viewer = "anonymous"
    else:
        viewer = _viewer_of(user, current, _seen_class(user), found.get(_viewer_key(user)))
    if viewer == read.guess:
        whole_key = read.guess_key
    else:
        whole_key = _whole_key(_key(request, page, viewer, *tokens))
    if not read_whole:
        kept = None
    elif whole_key in read.keys:
        kept = found.get(whole_key)
    else:
        kept = cache.get(whole_key)
    page_generation = shared if viewer in SHARED_CLASSES else current
    body = kept[1] if isinstance(kept, tuple) and kept[0] == page_generation else None
    parts_key = _key(request, page, viewer, *tokens, page_generation)
    own_found = {} if anonymous else {n: (k, found.get(k)) for n, k in read.own_keys.items()}
    return KeptPage(parts_key, whole_key, page_generation, viewer, body, current, own_found)


@dataclass(frozen=True)
class _Read:
    """One round trip of ``kept_page``: the generations with, for ``user_id``, their classes,
    their kept user (``user_key``) and their own parts (``own_keys``), with ``read_whole`` the
    page of the class guessed for them (``guess_key``), plus the session's data under
    ``ahead``: ``keys`` read, ``found``."""

    user_id: str | None
    user_key: str | None
    guess: str | None
    guess_key: str | None
    own_keys: dict[str, str]
    keys: tuple[str, ...]
    found: dict

    @classmethod
    def of(cls, request, page, tokens, user_id, read_whole, own, ahead) -> "_Read":
        keys = [GENERATION_KEY, OWN_GENERATION_KEY]
        user_key = None
        guess: str | None = "anonymous"
        own_keys = {}
        if user_id is not None:
            keys += [_viewer_key_of(user_id, 0), _viewer_key_of(user_id, 1)]
            user_key = _kept_user["key_of"](user_id) if _kept_user else None
            if user_key is not None:
                keys.append(user_key)
            seen = _seen.get(user_id)
            guess = seen[2] if seen is not None else None
            if own:
                own_key = _key(request, page, f"own:{user_id}", *tokens)
                own_keys = {name: f"lokus:page:{own_key}:{name}" for name in own}
                keys += own_keys.values()
        guess_key = _whole_key(_key(request, page, guess, *tokens)) if guess is not None else None
        if read_whole and guess_key is not None:
            keys.append(guess_key)
        if ahead is not None:
            keys.append(ahead)
        found = cache.get_many(keys)
        return cls(user_id, user_key, guess, guess_key, own_keys, tuple(keys), found)


def _read_ahead_key(session) -> str | None:
    """The cache key of ``session``'s data when it can be read with the page's keys
    (``config.sessions``)."""
    read_ahead_key = getattr(session, "read_ahead_key", None)
    return read_ahead_key() if read_ahead_key is not None else None


def _remember_signed_in(ahead: str, user_id: str | None) -> None:
    if user_id is None:
        _signed_in.pop(ahead, None)
        return
    if len(_signed_in) >= SEEN_KEPT:
        _signed_in.clear()
    _signed_in[ahead] = user_id


def _session_user_id(request) -> str | None:
    """The id of the user the request's session is logged in as (None: nobody), or of the
    request's user when it has no session (a request made in code)."""
    session = getattr(request, "session", None)
    if session is not None:
        user_id = session.get(SESSION_KEY)
        return None if user_id is None else str(user_id)
    user = request.user
    return str(user.pk) if user is not None and user.is_authenticated else None


def _offered(user_id: str | None, user_key: str | None, found: dict):
    """The context in which the login backend takes the kept user read in ``found``."""
    if user_id is None or user_key is None:
        return contextlib.nullcontext()
    return _kept_user["offered"](user_id, found.get(user_key))


def _key(request, page: str, viewer: str, *tokens: str) -> str:
    parts = [page, request.get_full_path(), get_language() or "", viewer, *tokens]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _whole_key(key: str) -> str:
    return f"lokus:page:{key}:{WHOLE_PAGE}"


def part_get(key: str, name: str) -> str | None:
    return cache.get(f"lokus:page:{key}:{name}")


def part_set(key: str, name: str, html: str) -> None:
    cache.set(f"lokus:page:{key}:{name}", html, TIMEOUT)


def lazy_context(load: Callable[[], dict], names: tuple[str, ...]) -> dict:
    """Context values read together by ``load`` on the first use of any: a page whose parts
    are all cached never reads them."""
    loaded = functools.cache(load)
    return {name: SimpleLazyObject(functools.partial(_item, loaded, name)) for name in names}


def _item(loaded: Callable[[], dict], name: str):
    return loaded()[name]


class CachedPartsMixin:
    """A view whose page is kept whole in the cache, and its costly parts too
    (``{% page_part "name" %}``), under the page key; None: nothing is kept.

    ``page_name`` names the page in the key; the template gets ``page_key``. What belongs to
    each visitor (their CSRF token, ``{% page_hole %}`` templates) is filled for every request
    (``benchmarking.page_holes``), with ``hole_context()``; a costly part of a hole is kept for
    each logged-in visitor alone when named in ``own_parts`` (``own_parts_for``). A visitor with
    messages waiting gets the page rendered (from its cached parts), so that the messages are
    shown once.
    """

    page_name: str
    #: Parts kept for each logged-in visitor alone, read with the page (``own_parts``).
    own_parts: tuple[str, ...] = ()
    parts_key: str | None = None
    kept: KeptPage | None = None

    def get(self, request, *args, **kwargs):
        keep = not _messages_waiting(request)
        kept = kept_page(request, self.page_name, read_whole=keep, own=self.own_parts)
        self.kept = kept
        self.parts_key = kept.key if kept is not None else None
        body = kept.body if kept is not None else None
        if body is None:
            response = super().get(request, *args, **kwargs)
            response.render()
            if response.status_code != HTTPStatus.OK:
                return response
            body = response.content.decode(response.charset)
            if kept is not None and keep:
                kept.keep(body)
        else:
            response = HttpResponse()
        response.content = page_holes.fill(body, request, self.hole_context)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_key=self.parts_key,
            page_holes=True,
            csrf_token=page_holes.csrf_placeholder(),
            **kwargs,
        )

    def hole_context(self) -> dict:
        """What the ``{% page_hole %}`` templates of this page read besides the request."""
        return {}

    def own_parts_for(self, signature: str) -> dict[str, OwnPart]:
        """The visitor's own parts (``{% page_part "name" of=parts %}``), served for the same
        ``signature`` only; none when the page is not cached or the visitor is anonymous."""
        return self.kept.own_parts(signature) if self.kept is not None else {}


def _messages_waiting(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0
