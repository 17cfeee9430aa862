"""The change-proposal rules as seen from the apps below ``participants``: a port.

Proposals live in ``participants``, above this app and ``best_practices``, yet pages of both
show them: a province's flow of ideas, a cohort's count, a practice's "adapted by" list. Those
apps may not import ``participants``. They call the functions here instead, which delegate to
the rules ``participants`` registers at start-up (``ParticipantsConfig.ready``), and reach the
proposals through reverse-relation lookups (``adaptations__proposal__``) filtered with the
returned ``Q``. The rules themselves are written once, in ``participants.permissions``.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, IntegerField, Q, QuerySet, Value

_providers: dict[str, Callable] = {}


def register(
    *,
    visible_q: Callable[..., Q],
    readable_adaptations: Callable[..., QuerySet],
    viewer_class: Callable[..., str],
    visible_count: Callable[..., int],
    outcome_annotations: Callable[[], dict] | None = None,
    shared_flows: Callable[[], list[tuple[int, int, int]]] | None = None,
    unshared_adaptations: Callable[..., QuerySet | None] | None = None,
    unshared_flow_pairs: Callable[..., list[tuple[int, int, int]]] | None = None,
):
    """Install the rules of the app that owns the proposals; called once from its ``ready()``."""
    _providers.update(
        visible_q=visible_q,
        readable_adaptations=readable_adaptations,
        viewer_class=viewer_class,
        visible_count=visible_count,
    )
    if outcome_annotations is not None:
        _providers.update(outcome_annotations=outcome_annotations)
    if shared_flows is not None:
        _providers.update(shared_flows=shared_flows)
    if unshared_adaptations is not None:
        _providers.update(unshared_adaptations=unshared_adaptations)
    if unshared_flow_pairs is not None:
        _providers.update(unshared_flow_pairs=unshared_flow_pairs)


def _provider(name: str) -> Callable:
    try:
        return _providers[name]
    except KeyError:
        raise ImproperlyConfigured(
            "No proposal rules are registered: is 'participants' in INSTALLED_APPS?"
        ) from None


def visible_q(user, prefix: str = "") -> Q:
    """The proposals ``user`` may read, from the lookup path ``prefix`` (e.g.
    ``"adaptations__proposal__"``); an empty ``Q`` when they may read every proposal."""
    return _provider("visible_q")(user, prefix=prefix)


def readable_adaptations(user) -> QuerySet:
    """The practice adaptations whose proposal ``user`` may read, as a queryset built to be
    counted over the whole catalogue (the practice list's "most adapted" order)."""
    return _provider("readable_adaptations")(user)


def unshared_adaptations(user) -> QuerySet | None:
    """The practice adaptations in unshared proposals that ``user`` may read (their own,
    assigned or organized ones), as a queryset; ``None`` when they read only the shared
    proposals, whose adaptations each practice counts (``approved_adaptation_count``)."""
    return _provider("unshared_adaptations")(user)


def unshared_flow_pairs(user, limit: int) -> list[tuple[int, int, int]]:
    """``(proposal id, home province id, host province id)`` of each adaptation in the
    unshared proposals ``user`` may read, at most ``limit`` + 1 of them; none when they read
    only the shared proposals."""
    return _provider("unshared_flow_pairs")(user, limit)


def visible_proposal_count(user) -> int:
    """How many proposals ``user`` may read, in all (home's holdings)."""
    return _provider("visible_count")(user)


def viewer_class(user) -> str:
    """The name shared by the users who see the same proposals and proposal actions as
    ``user``; one of their own when they may read unapproved proposals (``page_cache``)."""
    return _provider("viewer_class")(user)


#: The viewer classes (``viewer_class``) whose members read the shared proposals only.
SHARED_ONLY_CLASSES = ("participant", "logged-in")


def reads_shared_only(user) -> bool:
    """Whether ``user`` reads exactly the shared proposals (approved, and every status after
    it): a logged-in user who is not staff and has no unshared proposal of their own or
    assigned to them. Counts of what they read can then come from counts kept for all such
    users (``BestPractice.approved_adaptation_count``, the kept flows of ideas) instead of
    applying the visibility rule to every adaptation. Asked once per request and user object
    (one query), so that a page's several counts do not ask again."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    answer = getattr(user, "_lokus_reads_shared_only", None)
    if answer is None:
        answer = remember_viewer_class(user, viewer_class(user))
    return answer


def known_shared_only(user) -> bool:
    """Whether this request already found that ``user`` reads the shared proposals only
    (``reads_shared_only``, or the page cache's class), without asking: the proposal rule
    may then be the status alone (``participants.permissions.visible_q``)."""
    return getattr(user, "_lokus_reads_shared_only", None) is True


def remember_viewer_class(user, viewer: str) -> bool:
    """Note on ``user`` (for this request) whether ``viewer``, their class, reads the shared
    proposals only; the page cache, which reads the class for its keys, tells it here."""
    answer = user.is_authenticated and not user.is_superuser and viewer in SHARED_ONLY_CLASSES
    user._lokus_reads_shared_only = answer
    return answer


def shared_flows() -> list[tuple[int, int, int]]:
    """``(source province id, target province id, proposals)`` of every flow of ideas counted
    in shared proposals: from the practices' host province to the participants' home
    province, each proposal once per pair (the national statistics' kept figures)."""
    return _provider("shared_flows")()


def visible_adaptation_count(user):
    """Per practice: how many of its adaptations belong to proposals ``user`` may read."""
    if user is None or not user.is_authenticated:
        return Value(0, output_field=IntegerField())
    # Where every proposal is readable the rule is empty: count with no FILTER at all.
    return Count("adaptations", filter=visible_q(user, prefix="adaptations__proposal__") or None)


def outcome_annotations() -> dict:
    """Annotations for a practice's adaptations saying what became of each: ``carried_out``
    (the proposal was carried out) and ``running_after_year`` (still running, or replicated,
    at the 12-month follow-up)."""
    return _provider("outcome_annotations")()
