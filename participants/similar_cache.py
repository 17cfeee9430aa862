"""The originality check's findings, kept: which proposals are most similar to one, and how much.

Finding them reads the whole trigram index (proposals share one vocabulary, so the index
cannot skip much): ~50 ms on the national data set, growing with it, for every opening of a
review page. What is found depends only on the texts of all proposals, so it is kept in the
cache as ``(pk, score)`` pairs under a key of the proposal, the digest of its compared text and
the corpus token; the rows themselves, with what the viewer may open, are read on every
request as before (``selectors.similar_proposals``).

The corpus token is replaced whenever a proposal is created, deleted or saved with its title,
problem or goals (the ORM's signals: every write of the site and the admin), now and again
when the transaction commits, so that a request that read the texts before the commit cannot
keep its findings under the new token. Writes that bypass the ORM (SQL, a shell's bulk
``update``) are caught up after ``TIMEOUT``.

Only on a cache that every server process shares (``LOKUS_SIMILAR_CACHE``, on with Redis): a
local-memory cache would keep one process's findings past another's write.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

#: Seconds findings are kept at most.
TIMEOUT = 600
TOKEN_KEY = "lokus:similar:corpus"
#: The fields whose change changes a proposal's compared text.
COMPARED_FIELDS = frozenset({"title", "problem", "goals"})


def enabled() -> bool:
    """Whether findings are kept (see the module's docstring)."""
    return getattr(settings, "LOKUS_SIMILAR_CACHE", False)


def corpus_token() -> str:
    """The current corpus token (random, so that a lost key never revives old findings)."""
    value = cache.get(TOKEN_KEY)
    if value is None:
        cache.add(TOKEN_KEY, uuid.uuid4().hex, None)
        value = cache.get(TOKEN_KEY)
    return value


def findings_key(*, proposal_pk: int, participant_pk: int, text: str, options: str) -> str:
    """The key of the findings for a proposal whose compared text is ``text``."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"lokus:similar:{corpus_token()}:{proposal_pk}:{participant_pk}:{options}:{digest}"


def findings_get(key: str) -> list[tuple[int, float]] | None:
    """The kept ``(pk, score)`` pairs, best first, or None: not kept (or not keeping)."""
    return cache.get(key) if enabled() else None


def findings_set(key: str, findings: list[tuple[int, float]]) -> None:
    if enabled():
        cache.set(key, findings, TIMEOUT)


def corpus_changed() -> None:
    """Drop all findings: now, and again when the current transaction commits."""
    if not enabled():
        return
    _token_replace()
    transaction.on_commit(_token_replace)


def _token_replace() -> None:
    cache.set(TOKEN_KEY, uuid.uuid4().hex, None)


def proposal_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    """Receiver of ``post_save`` of proposals: a new text changes what is similar to what."""
    if created or update_fields is None or COMPARED_FIELDS & set(update_fields):
        corpus_changed()


def proposal_deleted(sender, instance, **kwargs) -> None:
    """Receiver of ``post_delete`` of proposals."""
    corpus_changed()
