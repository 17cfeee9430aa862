"""Facet counts from bitsets held in memory per process (docs/search.md): one bitset per
option of every facet over the practices, so a count is the popcount of an AND, not a join.

The index is rebuilt only when ``CatalogVersion``'s token, which database triggers change with
every write that changes a count, differs; it is kept only when the token read before and after
building it agree, so it never mixes two states of the catalog.
"""

import gc
import threading
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connections
from django.db.models import QuerySet

from best_practices.facets import FACETS
from best_practices.models import BestPractice, CatalogVersion

#: How often a build may find the catalog changed under it before it is used uncached.
BUILD_ATTEMPTS = 3


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

    @property
    def years(self) -> list[str]:
        """Every year some practice was observed in, the latest first."""
        return [year for year, _label in self.options["year"]]

    def bitset_of(self, ids: Iterable[int]) -> int:
        """The bitset of the practices ``ids`` (ids unknown to the index are left out)."""
        position_of = self.positions.get
        return _bitset((position_of(pk) for pk in ids), len(self.positions))

    def option(self, facet: str, value: str) -> int:
        return self.bits.get((facet, value), 0)

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
        for _attempt in range(BUILD_ATTEMPTS):
            with _collector_paused():
                index = _build(using, token)
            after = _token(using)
            if after == token:
                if token is not None:
                    _cache[using] = index
                return index
            token = after
    return index  # the catalog kept changing: right for this request, not kept


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
    return CatalogVersion.objects.using(using).values_list("token", flat=True).first()


def _build(using: str, token: str | None) -> FacetIndex:
    """Read the index from the database (see ``current_index`` for when)."""
    reader = CatalogReader(using, [column for facet in FACETS for column in facet.columns])
    options, bits = {}, {}
    for facet in FACETS:
        options[facet.name], facet_bits = facet.build(reader)
        bits.update(((facet.name, value), found) for value, found in facet_bits.items())
    return FacetIndex(
        token=token,
        positions=reader.positions,
        everything=reader.everything,
        bits=bits,
        options=options,
    )


class CatalogReader:
    """What the facets build their bitsets from: the practices' columns, one query for all
    facets, and the other reads, each made once however many facets ask for it.

    On PostgreSQL the database hands over each column as one array (and each relation grouped
    by its key), so that Python never walks the practices row by row: reading the index again
    after every catalog change is what the first visitor after an organizer's edit waits for.
    """

    def __init__(self, using: str, columns: list[str]):
        self.using = using
        self.postgresql = connections[using].vendor == "postgresql"
        columns = list(dict.fromkeys(columns))
        # One sequence per column, one item per practice: position i is the i-th practice
        # (any order; PostgreSQL reads it from the covering index of migrations 0003/0008).
        ids, *values = _read_columns(using, columns, arrays=self.postgresql)
        self.size = len(ids)
        self.positions = dict(zip(ids, range(self.size), strict=True))
        self.everything = (1 << self.size) - 1
        self._columns = dict(zip(columns, values, strict=True))
        self._reads: dict[str, list] = {}
        self._relations: dict[tuple, dict] = {}

    def read(self, queryset: QuerySet) -> list:
        """The rows of ``queryset``, read once per build (the visit and year facets share)."""
        key = str(queryset.query)
        if key not in self._reads:
            self._reads[key] = list(queryset.using(self.using))
        return self._reads[key]

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
            return self.read(grouped)
        return list(_grouped(self.read(queryset.order_by().values_list(key, practice))).items())


def _read_columns(using: str, columns: list[str], *, arrays: bool) -> list:
    """The ids of the practices and each of their ``columns``, one sequence each, in the same
    order (``arrays``: as one row of arrays, PostgreSQL's ``array_agg``).
    """
    practices = BestPractice.objects.using(using).order_by()
    if arrays:
        # The aggregates of one SELECT take the rows in the same order, row by row, so the
        # arrays line up; unsorted, PostgreSQL scans the covering index once.
        names = [f"column_{number}" for number in range(len(columns) + 1)]
        aggregates = [ArrayAgg(field) for field in ("pk", *columns)]
        row = practices.aggregate(**dict(zip(names, aggregates, strict=True)))
        return [row[name] or [] for name in names]
    rows = list(practices.values_list("pk", *columns))
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
