"""Named querysets of best practices: each list loads what it shows in one place.

Change proposals live upstairs (``participants``); they are reached here only through the
reverse relation ``adaptations``, filtered by the rule of ``benchmarking.proposal_rules``, so
that nothing counts or lists a proposal the user may not read.
"""

from django.db import connections, models
from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from benchmarking.proposal_rules import (
    readable_adaptations,
    reads_shared_only,
    unshared_adaptations,
    visible_adaptation_count,
    visible_q,
)
from best_practices import search
from best_practices.sort_orders import ORDERINGS, SortOrder

#: Above this many practices adapted in unshared proposals a viewer may read (a superuser, the
#: organizer of large institutions), ``ranked_by_adaptations`` counts in the database instead.
UNSHARED_MERGE_LIMIT = 200

#: Columns of a practice that only its own page shows: lists leave them in the database.
LONG_TEXTS = (
    "description",
    "key_to_success",
    "supporting_factors",
    "inhibiting_factors",
    "replication_prerequisites",
    "stakeholders",
    "outcomes",
    "search_vector",
)


class BestPracticeQuerySet(models.QuerySet):
    def with_host(self):
        return self.select_related("host_province", "host_agency")

    def without_long_texts(self):
        """Without the columns only a practice's own page shows, nor the search vector: a
        card's row is about a tenth of the whole."""
        return self.defer(*LONG_TEXTS)

    def search(self, query: str):
        """Practices matching ``query`` (cleaned by ``search.clean_query``), ranked by
        relevance in ``search_rank``; see ``best_practices.search`` for what each database does.
        """
        return search.search_ranked(self, query)

    def with_adaptation_count(self, user):
        """Annotate ``adaptation_count``: adaptations in proposals that ``user`` may read.

        For a user who reads the shared proposals only, that is the practice's kept
        ``approved_adaptation_count`` (``participants.proof``): no adaptation is joined.
        """
        if reads_shared_only(user):
            return self.annotate(adaptation_count=F("approved_adaptation_count"))
        # No DISTINCT: the list's filters never join a many-valued relation (they use pk__in
        # subqueries), so each adaptation meets its practice once, and a hash aggregate will do.
        return self.annotate(adaptation_count=visible_adaptation_count(user))

    def ids_by_adaptations(self, user) -> "AdaptationRanking":
        """The ids of these practices, most adapted first (counting adaptations in proposals
        ``user`` may read, as ``with_adaptation_count`` does), then by title: sliceable into
        pages like ``values_list("pk", flat=True)`` of that order, but much cheaper on a large
        catalogue (see ``AdaptationRanking``).
        """
        if user is None or not user.is_authenticated:
            # No proposal is visible, so every count is 0: the order is the title's.
            return self.order_by("title", "pk").values_list("pk", flat=True)
        if reads_shared_only(user):
            # The kept count, read in the order of its index (``practice_approved_idx``).
            return self.order_by("-approved_adaptation_count", "title", "pk").values_list(
                "pk", flat=True
            )
        extra = self._unshared_counts(user)
        if extra is not None and len(extra) <= UNSHARED_MERGE_LIMIT:
            return UnsharedOnKeptRanking(self, readable_adaptations(user), extra)
        return AdaptationRanking(self, readable_adaptations(user))

    def most_adapted(self, user, limit: int):
        """The home page's ``limit`` practices adapted by the most change proposals that
        ``user`` may read, each with ``adaptation_count`` and its hosts. Anonymous visitors
        may read no proposal, so they get none."""
        if not user.is_authenticated:
            return self.none()
        practices = self.without_long_texts().select_related("host_province", "host_agency")
        return practices.ranked_by_adaptations(user, limit, adapted_only=True)

    def ranked_by_adaptations(self, user, limit: int, *, adapted_only: bool = False) -> list:
        """The ``limit`` practices of this queryset adapted by the most change proposals that
        ``user`` may read, then by title and id, each with ``adaptation_count``; with
        ``adapted_only``, only those adapted at least once.

        Every reader of the shared proposals reads the kept count
        (``approved_adaptation_count``). Someone who also reads unshared proposals (their own,
        those assigned to them, those of the institutions they organize) reads those few on
        top: they are counted per practice first (``unshared_adaptations``), and the
        practices are ranked by the kept count plus theirs among the first ``limit`` by the
        kept count and those their unshared proposals adapt. No other practice can make the
        first ``limit``: those first by the kept count only gain, and still come before it.
        Counting every adaptation they may read instead grouped some 17,000 of them on the
        national data: 28 ms for a coach's home page, 11 ms for a province's practices.
        """
        extra = self._unshared_counts(user)
        if not extra:
            # Anonymous (every count 0), shared only, or no unshared adaptation here.
            counted = (
                self.with_adaptation_count(user)
                if extra is None
                else self.annotate(adaptation_count=F("approved_adaptation_count"))
            )
            if adapted_only:
                counted = counted.filter(adaptation_count__gt=0)
            return list(counted.order_by(*ADAPTATION_ORDERING)[:limit])
        if len(extra) > UNSHARED_MERGE_LIMIT:
            grouped = self._grouped_by_adaptations(user, adapted_only)
            return list(grouped.order_by(*ADAPTATION_ORDERING)[:limit])
        kept = self.filter(approved_adaptation_count__gt=0) if adapted_only else self
        return list(self.ranked_kept_plus(extra, leading=kept, depth=limit)[:limit])

    def ranked_kept_plus(self, extra: dict[int, int], *, leading, depth: int):
        """These practices ranked by the kept count plus ``extra`` (by id), each with
        ``adaptation_count``, most first, then by title and id; only the first ``depth`` of
        ``leading`` by the kept count and those in ``extra`` are ranked, which holds the
        first ``depth`` of the whole ranking (``ranked_by_adaptations``)."""
        leaders = leading.order_by(*KEPT_ORDERING).values_list("pk", flat=True)[:depth]
        return (
            self.filter(pk__in={*leaders, *extra})
            .annotate(adaptation_count=kept_plus(extra))
            .order_by(*ADAPTATION_ORDERING)
        )

    def _unshared_counts(self, user) -> dict[int, int] | None:
        """Per practice of this queryset (by id, those with any): its adaptations in unshared
        proposals ``user`` may read; ``None`` when they read only the shared ones (or none)."""
        if not user.is_authenticated or reads_shared_only(user):
            return None
        adaptations = unshared_adaptations(user)
        if adaptations is None:
            return {}
        if self.query.has_filters():
            adaptations = adaptations.filter(practice__in=self.values("pk"))
        return dict(
            adaptations.order_by()
            .values("practice_id")
            .annotate(counted=Count("pk"))
            .values_list("practice_id", "counted")
        )

    def _grouped_by_adaptations(self, user, adapted_only: bool):
        if not adapted_only:
            return self.with_adaptation_count(user)
        # Filtering before counting joins only the visible adaptations (an inner join), which
        # is cheaper than counting with a condition over every practice.
        visible = Q(adaptations__isnull=False) & visible_q(user, prefix="adaptations__proposal__")
        return self.filter(visible).annotate(adaptation_count=Count("adaptations"))

    def for_listing(self, user):
        """The practices list: host and the visible adaptation count of each, without the
        long texts a card does not show (nor the search vector). The sectors' names come
        after, for the whole page at once (``BestPractice.load_sector_names``).
        """
        return self.for_cards().with_adaptation_count(user)

    def for_cards(self):
        """What a card shows but the adaptation count (``for_listing`` without it: for rows
        whose count is known already, see ``AdaptationRanking.adaptation_counts``) and the
        sectors' names (``BestPractice.load_sector_names``).
        """
        return self.with_host().without_long_texts()

    def related_to(self, practice, sector_ids=None, limit: int = 6) -> list:
        """Up to ``limit`` other practices sharing a sector or the host agency of ``practice``,
        the newest first, each once, with their host province and without their long texts.

        ``sector_ids`` may be passed when the practice's sectors are already loaded.

        Read as one query per kind of kinship, each the newest ``limit`` of its kind, and
        merged here. In one query the two kinds were ORed across the practice's sectors and
        its own row, which no index serves: PostgreSQL walked the whole catalogue, newest
        first, until it had found ``limit`` kin: 29-33 ms for a practice whose sector and
        agency have few practices, on the national data (20,000 practices). Apart, each
        condition is one table's and its index serves it: rare kin are read directly
        (1.6-1.7 ms for both queries), common ones by the same short walk as before. The
        price is one query more where both kinds apply: 2.2-2.5 ms instead of 1.8-1.9 ms
        for the most adapted practice, whose sector has 800 practices.
        """
        if sector_ids is None:
            sector_ids = list(practice.sectors.values_list("pk", flat=True))
        kin = (
            self.exclude(pk=practice.pk)
            .select_related("host_province")
            .without_long_texts()
            .order_by("-created_at", "-pk")
        )
        kinds = []
        if sector_ids:
            # A subquery, not a join, so that a practice sharing two sectors appears once.
            sharing = self.model.sectors.through.objects.filter(sector_id__in=sector_ids)
            kinds.append(kin.filter(pk__in=sharing.values("bestpractice_id")))
        if practice.host_agency_id:
            kinds.append(kin.filter(host_agency_id=practice.host_agency_id))
        found = {item.pk: item for kind in kinds for item in kind[:limit]}
        newest = sorted(found.values(), key=lambda item: (item.created_at, item.pk), reverse=True)
        return newest[:limit]


#: The practices by the adaptations a viewer may read (``adaptation_count``): the practice
#: list's "most adapted" order, which home's and a province's rankings follow too.
ADAPTATION_ORDERING = ORDERINGS[SortOrder.MOST_ADAPTED].fields

#: The practices by their kept count of shared adaptations, the index's order; its ties are
#: broken as ``ADAPTATION_ORDERING``'s, which ``ranked_kept_plus`` relies on.
KEPT_ORDERING = ("-approved_adaptation_count", *ADAPTATION_ORDERING[1:])


def kept_plus(extra: dict[int, int]):
    """A practice's kept count of shared adaptations plus its count in ``extra`` (by id).

    One ``WHEN`` per count, each with the ids that have it: a few conditions, where one per
    practice (90 for the bench's coach) took 4.7 ms to build and compile."""
    by_count: dict[int, list[int]] = {}
    for pk, count in extra.items():
        by_count.setdefault(count, []).append(pk)
    theirs = Case(
        *(When(pk__in=ids, then=Value(count)) for count, ids in sorted(by_count.items())),
        default=Value(0),
        output_field=IntegerField(),
    )
    return F("approved_adaptation_count") + theirs


class AdaptationRanking:
    """The ids of some practices by the number of their adaptations (most first), then by
    title and id, read a slice (a page) at a time.

    Counting with ``with_adaptation_count`` joins every practice to its adaptations and their
    proposals and groups the whole catalogue, to sort it, which grows with the catalogue.
    Here the visible adaptations (``proposal_rules.readable_adaptations``) are counted first, per
    practice (only adapted practices have a row), in one statement that then reads only what
    the slice needs: the adapted practices counted at least as often as the last one of the
    slice (ties included, so that the title still breaks them), and the never adapted ones,
    by title, only when the adapted ones do not fill the slice. Django cannot join a grouped
    subquery, so both querysets are compiled by the ORM (the visibility rule and the filters
    stay theirs) and only the joins are written here. ``practices`` must be a plain queryset
    (no aggregate annotation).
    """

    def __init__(self, practices: models.QuerySet, adaptations: models.QuerySet):
        #: The practices to order (search and filters applied).
        self.practices = practices
        #: The adaptations that count (those of proposals the user may read).
        self.adaptations = adaptations
        #: The count of each practice of the last slice read, by id, so that the page's rows
        #: need not count them again (``with_adaptation_count`` joins and groups them all).
        self.adaptation_counts: dict[int, int] = {}

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("AdaptationRanking is read by slices, e.g. ranking[20:40].")
        start, stop = index.start or 0, index.stop
        if start < 0 or (stop is not None and stop < 0):
            raise ValueError("Negative indexing is not supported.")
        if stop is not None and stop <= start:
            return []
        return self._ids(offset=start, limit=None if stop is None else stop - start)

    def _ids(self, *, offset: int, limit: int | None) -> list[int]:
        practices = self.practices.order_by()
        self.adaptation_counts = {}
        if practices.query.is_empty():
            return []
        adaptations = self.adaptations
        if practices.query.where:
            # Only the chosen practices count, so that the counted rows can fill the slice.
            adaptations = adaptations.filter(practice__in=practices.values("pk"))
        counts = (
            adaptations.order_by()
            .values("practice_id")
            # COUNT(*): the (proposal, practice) unique index alone answers, without the rows.
            .annotate(adaptation_count=Count("*"))
            .values("practice_id", "adaptation_count")
        )
        connection = connections[self.practices.db]
        quote = connection.ops.quote_name
        pk, title = quote("pk"), quote("title")
        practice_id, count = quote("practice_id"), quote("adaptation_count")
        practices_sql, practices_params = practices.values("pk", "title").query.sql_with_params()
        counts_sql, counts_params = counts.query.sql_with_params()
        params = [*counts_params, *practices_params]
        # The rows the slice needs (None: all of them).
        needed = None if limit is None else offset + limit
        threshold = ""
        if needed is not None:
            # The count of the last row of the slice, when that many practices were adapted.
            threshold = (
                f" WHERE counted.{count} >= COALESCE((SELECT {count} FROM counted"
                f" ORDER BY {count} DESC LIMIT 1 OFFSET %s), 1)"
            )
            params.append(needed - 1)
        rest_limit = ""
        rest_params = [*practices_params]
        if needed is not None:
            rest_limit = f" AND (SELECT COUNT(*) FROM counted) < %s ORDER BY {title}, {pk} LIMIT %s"
            rest_params += [needed, needed]
        params += rest_params
        if connection.vendor == "postgresql":
            # Each counted practice looked up by its id (OFFSET 0 keeps the subquery apart, so
            # the planner cannot turn it into a hash of the whole catalogue for a page's rows).
            counted_practices = (
                f"counted CROSS JOIN LATERAL (SELECT * FROM ({practices_sql}) practice"
                f" WHERE practice.{pk} = counted.{practice_id} OFFSET 0) practice"
            )
        else:
            counted_practices = (
                f"({practices_sql}) practice JOIN counted ON counted.{practice_id} = practice.{pk}"
            )
        sql = (
            f"WITH counted AS ({counts_sql}),"
            f" ranked AS (SELECT practice.{pk}, practice.{title}, counted.{count}"
            f" FROM {counted_practices}{threshold})"
            f" SELECT ordered.{pk}, ordered.{count} FROM ("
            f"SELECT {pk}, {title}, {count} FROM ranked"
            f" UNION ALL SELECT * FROM (SELECT practice.{pk}, practice.{title}, 0 AS {count}"
            f" FROM ({practices_sql}) practice WHERE NOT EXISTS (SELECT 1 FROM counted"
            f" WHERE counted.{practice_id} = practice.{pk}){rest_limit}) rest"
            f") ordered ORDER BY ordered.{count} DESC, ordered.{title}, ordered.{pk}"
        )
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        if offset:
            if limit is None:
                # SQLite accepts OFFSET only after a LIMIT; -1 is its "no limit".
                sql += " LIMIT -1" if connection.vendor == "sqlite" else ""
            sql += " OFFSET %s"
            params.append(offset)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        self.adaptation_counts = dict(rows)
        return [pk for pk, _count in rows]


class UnsharedOnKeptRanking(AdaptationRanking):
    """ "Most adapted" for someone who reads unshared proposals besides the shared ones: the
    kept count of every practice plus ``extra``, their unshared adaptations per practice
    (``BestPracticeQuerySet._unshared_counts``). A slice is read among the first ones by the
    kept count, as many as the slice needs from the top, and the practices in ``extra``: no
    other practice can come before the slice's end (see ``ranked_by_adaptations``). Counting
    every adaptation they may read (``AdaptationRanking``) took 8.8 ms for a coach on the
    national data. Slices deeper than ``MERGE_DEPTH`` rows, or unbounded, are counted so.
    """

    #: The deepest slice end read among the first by the kept count (page 50 of 20).
    MERGE_DEPTH = 1000

    def __init__(self, practices, adaptations, extra: dict[int, int]):
        super().__init__(practices, adaptations)
        #: The viewer's unshared adaptations of these practices, by practice id.
        self.extra = extra

    def _ids(self, *, offset: int, limit: int | None) -> list[int]:
        if limit is None or offset + limit > self.MERGE_DEPTH:
            return super()._ids(offset=offset, limit=limit)
        practices = self.practices.order_by()
        ranked = practices.ranked_kept_plus(self.extra, leading=practices, depth=offset + limit)
        rows = list(ranked.values_list("pk", "adaptation_count")[offset : offset + limit])
        self.adaptation_counts = dict(rows)
        return [pk for pk, _count in rows]
