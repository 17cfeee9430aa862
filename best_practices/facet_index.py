"""Facet counts from bitsets held in memory per process (docs/search.md): one bitset per
option of every facet over the practices, so a count is the popcount of an AND, not a join.

The index is brought up to date only when ``CatalogVersion``'s token, which database triggers
change with every write that changes a count, differs; it is kept only when the token read
before and after agree, so it never mixes two states of the catalog. On PostgreSQL an index
catches up: it reads again only the practices that the catalog's log (migration
``0011_catalog_changes``) names as changed since the snapshot it reflects, and moves their
bits; it is read whole when it has none (SQLite, or read inside a transaction), when the
options themselves changed (a province, sector or visit), when more than a quarter of the
practices changed, or when it is older than the log keeps.
"""

import datetime
import gc
import threading
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connections
from django.db.models import QuerySet

from best_practices.facets import FACETS
from best_practices.models import BestPractice, CatalogVersion

#: How often a build may find the catalog changed under it before it is used uncached.
BUILD_ATTEMPTS = 3
#: A catch-up reads at most this share of the practices; more changed, the index is read whole.
CATCH_UP_SHARE = 0.25
#: An index older than this is read whole: the log keeps a day of changes (migration 0011).
CATCH_UP_AGE = datetime.timedelta(hours=12)


@dataclass(frozen=True)
class FacetIndex:
    """The bitsets of every facet option, and what names and orders the options."""

    token: str | None
    #: The position of each practice's bit, by practice id.
    positions: dict[int, int]
    #: Every practice's bit set.
    everything: int
    #: ``(facet, value) -> bitset``, only for options that some practice has.
    bits: dict[tuple[str, str], int]
    #: What each facet's ``build`` kept of its options, by facet name (see ``Facet.options``).
    options: dict[str, list[tuple]]
    #: Positions handed out: a deleted practice's stays unused until the index is read whole.
    size: int = 0
    #: The PostgreSQL snapshot (``pg_current_snapshot()``) whose catalog the index holds, and
    #: when it was taken; None: the index cannot catch up and is read whole when stale.
    snapshot: str | None = None
    taken: datetime.datetime | None = None
    #: How many catch-ups since the index was read whole.
    catch_ups: int = 0
    #: The rows of the tables naming the options, as read whole (``CatalogReader.read``).
    option_reads: dict[str, list] = field(default_factory=dict)

    @property
    def years(self) -> list[str]:
        """Every year some practice was observed in, the latest first."""
        return [year for year, _label in self.options["year"]]

    def bitset_of(self, ids: Iterable[int]) -> int:
        """The bitset of the practices ``ids`` (ids unknown to the index are left out)."""
        position_of = self.positions.get
        return _bitset((position_of(pk) for pk in ids), self.size)

    def option(self, facet: str, value: str) -> int:
        return self.bits.get((facet, value), 0)

    @cached_property
    def whole_counts(self) -> dict[tuple[str, str], int]:
        """``(facet, value) -> `` how many practices of the whole catalog have that option:
        the counts of a facet when nothing is searched and no other facet is chosen (the
        list's first page), counted once for each index instead of on every request."""
        everything = self.everything
        return {key: (everything & found).bit_count() for key, found in self.bits.items()}

    @property
    def practice_count(self) -> int:
        """How many practices the catalog holds."""
        return self.everything.bit_count()

    def options_in_use(self, facet: str) -> int:
        """How many options of ``facet`` some practice has: for ``"province"``, the provinces
        that host a practice."""
        return sum(
            1 for (name, _value), count in self.whole_counts.items() if name == facet and count
        )

    def any_of(self, facet: str, values: Iterable[str]) -> int:
        """The practices with any of ``values`` of ``facet`` (the options of a facet widen)."""
        union = 0
        for value in values:
            union |= self.option(facet, value)
        return union


_cache: dict[str, FacetIndex] = {}
_lock = threading.Lock()


def current_index(using: str = "default") -> FacetIndex:
    """The index of the catalog as the database has it now (one query when unchanged)."""
    token = _token(using)
    index = _cache.get(using)
    if index is not None and token is not None and index.token == token:
        return index
    with _lock:
        index = _cache.get(using)  # another thread may have built it meanwhile
        if index is not None and token is not None and index.token == token:
            return index
        kept = index
        for _attempt in range(BUILD_ATTEMPTS):
            with _collector_paused():
                index = _caught_up(kept, using, token) if kept is not None else None
                if index is None:
                    index = _build(using, token)
            after = _token(using)
            if after == token:
                if token is not None:
                    _cache[using] = index
                return index
            token = after
    return index  # the catalog kept changing: right for this request, not kept


def read_whole(using: str = "default") -> FacetIndex:
    """The index read whole from the database, as after a change of the options (not kept)."""
    with _collector_paused():
        return _build(using, _token(using))


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while the index is read.

    Reading it allocates a few hundred thousand tuples and ints, none in a reference cycle;
    meanwhile the collector would walk the whole heap several times over. Reference counting
    still frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _token(using: str) -> str | None:
    return CatalogVersion.current_token(using)


def _snapshot(using: str) -> tuple[str | None, datetime.datetime | None]:
    """The snapshot the next reads of ``using`` will see, and its time; None outside
    PostgreSQL and inside a transaction (whose own uncommitted writes a snapshot does not
    tell apart, and which may still roll back).
    """
    connection = connections[using]
    if (
        connection.vendor != "postgresql"
        or connection.in_atomic_block
        or not connection.get_autocommit()
    ):
        return None, None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_snapshot()::text, statement_timestamp()")
        return cursor.fetchone()


def _changed_since(using: str, snapshot: str) -> tuple[bool, list[int]]:
    """Whether everything changed since ``snapshot``, and else the ids of the practices that
    did: the log's rows written by transactions the snapshot did not see.
    """
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(bool_or(practice_id IS NULL), false),"
            " array_agg(DISTINCT practice_id) FILTER (WHERE practice_id IS NOT NULL)"
            " FROM best_practices_catalogchange"
            " WHERE xid >= pg_snapshot_xmin(%s::pg_snapshot)"
            " AND NOT pg_visible_in_snapshot(xid, %s::pg_snapshot)",
            [snapshot, snapshot],
        )
        everything, changed = cursor.fetchone()
    return everything, changed or []


def _columns() -> list[str]:
    return [column for facet in FACETS for column in facet.columns]


def _facet_bits(reader: "CatalogReader") -> tuple[dict, dict]:
    """Every facet's kept options and bitsets, as ``build`` gives them from ``reader``."""
    options, bits = {}, {}
    for facet in FACETS:
        options[facet.name], facet_bits = facet.build(reader)
        bits.update(((facet.name, value), found) for value, found in facet_bits.items())
    return options, bits


def _build(using: str, token: str | None) -> FacetIndex:
    """Read the index from the database (see ``current_index`` for when)."""
    snapshot, taken = _snapshot(using)
    reader = CatalogReader(using, _columns())
    options, bits = _facet_bits(reader)
    return FacetIndex(
        token=token,
        positions=reader.positions,
        everything=reader.everything,
        bits=bits,
        options=options,
        size=reader.size,
        snapshot=snapshot,
        taken=taken,
        option_reads=reader.option_reads,
    )


def _caught_up(index: FacetIndex, using: str, token: str | None) -> FacetIndex | None:
    """``index`` with the practices changed since its snapshot read again, or None when it
    must be read whole (see the module's docstring).
    """
    if index.snapshot is None:
        return None
    snapshot, taken = _snapshot(using)
    if snapshot is None or taken - index.taken > CATCH_UP_AGE:
        return None
    everything, changed = _changed_since(using, index.snapshot)
    if everything or len(changed) > CATCH_UP_SHARE * len(index.positions):
        return None
    reader = CatalogReader(using, _columns(), practices=changed, option_reads=index.option_reads)
    options, bits = _facet_bits(reader)
    positions, size, to_index = _moved_positions(index, reader)
    # The changed practices' old bits cleared everywhere, then their new bits set.
    keep = ~index.bitset_of(changed)
    merged = {}
    for key, found in index.bits.items():
        found &= keep
        if found:
            merged[key] = found
    for key, found in bits.items():
        if found:
            merged[key] = merged.get(key, 0) | to_index(found)
    return FacetIndex(
        token=token,
        positions=positions,
        everything=(index.everything & keep) | to_index(reader.everything),
        bits=merged,
        options={
            facet.name: facet.kept_after_catch_up(
                options[facet.name],
                {value: found for (name, value), found in merged.items() if name == facet.name},
            )
            for facet in FACETS
        },
        size=size,
        snapshot=snapshot,
        taken=taken,
        catch_ups=index.catch_ups + 1,
        option_reads=index.option_reads,
    )


def _moved_positions(index: FacetIndex, reader: "CatalogReader"):
    """The positions after a catch-up (a practice keeps its position, a new one takes the next,
    a deleted one's is dropped), their count, and the function that moves a bitset of the
    reader's positions to the index's.
    """
    positions = dict(index.positions)
    size = index.size
    to_position = [0] * reader.size
    for pk, local in reader.positions.items():
        position = positions.get(pk)
        if position is None:
            position = positions[pk] = size
            size += 1
        to_position[local] = position
    for pk in set(reader.practices) - reader.positions.keys():
        positions.pop(pk, None)

    def to_index(found: int) -> int:
        return _bitset([to_position[local] for local in _positions_of(found)], size)

    return positions, size, to_index


class CatalogReader:
    """What the facets build their bitsets from: the practices' columns, one query for all
    facets, and the other reads, each made once however many facets ask for it.

    On PostgreSQL the database hands over each column as one array (and each relation grouped
    by its key), so that Python never walks the practices row by row: reading the index again
    after every catalog change is what the first visitor after an organizer's edit waits for.
    """

    def __init__(
        self,
        using: str,
        columns: list[str],
        practices: list[int] | None = None,
        option_reads: dict[str, list] | None = None,
    ):
        self.using = using
        self.postgresql = connections[using].vendor == "postgresql"
        #: Only these practices (a catch-up), or None for all.
        self.practices = practices
        columns = list(dict.fromkeys(columns))
        # One sequence per column, one item per practice: position i is the i-th practice
        # (any order; PostgreSQL reads it from the covering index of migrations 0003/0008).
        ids, *values = _read_columns(using, columns, arrays=self.postgresql, practices=practices)
        self.size = len(ids)
        self.positions = dict(zip(ids, range(self.size), strict=True))
        self.everything = (1 << self.size) - 1
        self._columns = dict(zip(columns, values, strict=True))
        self.option_reads: dict[str, list] = dict(option_reads or {})
        self._relations: dict[tuple, dict] = {}

    def read(self, queryset: QuerySet) -> list:
        """The rows of ``queryset``, a table naming options (provinces, sectors, visits), read
        once per build (the visit and year facets share) and kept with the index: a catch-up
        reuses them, since a change to those tables makes the index be read whole.
        """
        key = str(queryset.query)
        if key not in self.option_reads:
            self.option_reads[key] = list(queryset.using(self.using))
        return self.option_reads[key]

    def column_bits(self, column: str) -> dict:
        """The practices with each value of one of their columns, by value."""
        values = self._columns[column]
        codes = {value: code for code, value in enumerate(dict.fromkeys(values))}
        if len(codes) > len(_DIGITS_OF_CODE):
            positions = zip(values, range(self.size), strict=True)
            return {
                value: _bitset(found, self.size) for value, found in _grouped(positions).items()
            }
        # Each practice's value as one byte (its code), then per value one translation of
        # those bytes to binary digits: C loops over the practices, none in Python.
        coded = bytes(map(codes.__getitem__, values))
        return {
            value: _digits_bitset(coded.translate(_DIGITS_OF_CODE[code]))
            for value, code in codes.items()
        }

    def flags(self, column: str) -> int:
        """The practices whose boolean ``column`` is true."""
        return _flags(self._columns[column])

    def relation_bits(self, queryset: QuerySet, key: str, practice: str) -> dict:
        """The practices of each ``key`` of the rows of ``queryset`` (``practice`` names their
        practice), by key, read and built once per build (the visit and year facets share).
        """
        if self.practices is not None:
            queryset = queryset.filter(**{f"{practice}__in": self.practices})
        cache_key = (str(queryset.query), key, practice)
        if cache_key not in self._relations:
            position_of = self.positions.get
            bits = {}
            for value, practices in self._grouped_read(queryset, key, practice):
                # A practice added since the practices were read has no position: left out.
                found = [
                    position for position in map(position_of, practices) if position is not None
                ]
                bits[value] = _bitset(found, self.size)
            self._relations[cache_key] = bits
        return self._relations[cache_key]

    def _grouped_read(self, queryset: QuerySet, key: str, practice: str) -> list[tuple]:
        """``(key, [practice id, ...])`` of the rows of ``queryset``, grouped by the database
        on PostgreSQL.
        """
        if self.postgresql:
            grouped = (
                queryset.order_by()
                .values(key)
                .annotate(practices=ArrayAgg(practice))
                .values_list(key, "practices")
            )
            return list(grouped.using(self.using))
        pairs = queryset.order_by().values_list(key, practice).using(self.using)
        return list(_grouped(pairs).items())


def _read_columns(
    using: str, columns: list[str], *, arrays: bool, practices: list[int] | None = None
) -> list:
    """The ids of the practices (all, or those of ``practices``) and each of their ``columns``,
    one sequence each, in the same order (``arrays``: as one row of arrays, PostgreSQL's
    ``array_agg``).
    """
    queryset = BestPractice.objects.using(using).order_by()
    if practices is not None:
        queryset = queryset.filter(pk__in=practices)
    if arrays:
        # The aggregates of one SELECT take the rows in the same order, row by row, so the
        # arrays line up; unsorted, PostgreSQL scans the covering index once.
        names = [f"column_{number}" for number in range(len(columns) + 1)]
        aggregates = [ArrayAgg(field) for field in ("pk", *columns)]
        row = queryset.aggregate(**dict(zip(names, aggregates, strict=True)))
        return [row[name] or [] for name in names]
    rows = list(queryset.values_list("pk", *columns))
    return list(zip(*rows, strict=True)) or [()] * (1 + len(columns))


def _grouped(pairs: Iterable[tuple]) -> dict:
    """``(key, position)`` pairs as ``{key: [position, ...]}`` (None positions left out)."""
    groups = defaultdict(list)
    for key, position in pairs:
        if position is not None:
            groups[key].append(position)
    return groups


def _flags(column: Iterable[bool]) -> int:
    """The bitset of a boolean column read in position order."""
    return _digits_bitset(bytearray(column).translate(_BINARY_DIGITS))


def _digits_bitset(digits: bytes) -> int:
    """The bitset whose bit ``i`` is set where ``digits[i]`` is the digit 1 (the lowest
    bit first, so read backwards as a binary number).
    """
    return int(digits[::-1] or b"0", 2)


#: One byte per position, 0 or 1, to the digits of a binary number.
_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")

#: For each code of ``CatalogReader.column_bits``, the translation of coded bytes to digits:
#: 1 for that code, 0 for every other.
_DIGITS_OF_CODE = [
    bytes(0x31 if byte == code else 0x30 for byte in range(256)) for code in range(256)
]


def _positions_of(bitset: int) -> list[int]:
    """The positions of the bits set in ``bitset``, lowest first."""
    digits = bin(bitset)[:1:-1]
    found, position = [], digits.find("1")
    while position >= 0:
        found.append(position)
        position = digits.find("1", position + 1)
    return found


def _bitset(positions: Iterable[int | None], size: int) -> int:
    """The integer whose bit ``i`` is set for each ``i`` in ``positions`` (None is skipped).

    Many positions (a search's matches): one byte per position, then the bytes read as a
    binary number (lowest bit last), faster in CPython than setting bits one by one. A short
    list (a visit's few practices, under a thirty-second of ``size``): bits set one by one in
    a buffer an eighth of the size, faster still.
    """
    if isinstance(positions, list) and len(positions) * 32 < size:
        packed = bytearray((size + 7) // 8)
        for position in positions:
            packed[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(packed, "little")
    flags = bytearray(size)
    for position in positions:
        if position is not None:
            flags[position] = 1
    return int(flags.translate(_BINARY_DIGITS)[::-1] or b"0", 2)
