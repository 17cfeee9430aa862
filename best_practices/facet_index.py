"""Facet counts from bitsets: what the practices list counts, held in memory per process.

Every option of every facet (a province, a sector, a visit, a year observed, a stage, digital
or not, a quality, a status) is a bitset over the practices: bit ``i`` is set when the
practice at position ``i`` has that option. A count is then the number of bits set in the
AND of a few bitsets (``int.bit_count``), about a microsecond for 20,000 practices, instead
of a join of the matches with the sectors, observations and visits in the database (about
25 ms for 20,000 matches). A search only has to name its matches (``bitset_of``).

The index is read from the database in six queries (about 60 ms for 20,000
practices) and kept until the catalog changes: ``CatalogVersion`` holds a token that
database triggers change with every write that changes a count (migration
``0005_catalog_version``). Each request reads the token (one tiny query) and rebuilds the
index only when it differs. The index is read between two reads of the token and kept only
when both agree (a commit in between changes the token), so it is never a mix of two states
of the catalog. A request's search runs after its token read: a practice committed in
between is left out of that one request's counts (``bitset_of`` skips unknown ids). Per process it holds one bitset per option: 400 visits and 20,000 practices
take about a megabyte.
"""

import gc
import threading
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from benchmarking.models import Province, Visit
from best_practices.models import (
    QUALITY_FIELDS,
    BestPractice,
    CatalogVersion,
    PracticeObservation,
    Sector,
)

#: ``(quality, column)`` of each public-service quality, in one fixed order.
_QUALITY_COLUMNS = list(QUALITY_FIELDS.items())

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
    #: ``(code, name)`` of every province, by name.
    provinces: list[tuple[str, str]]
    #: ``(code, name, English name)`` of every sector, in the sectors' order.
    sectors: list[tuple[str, str, str]]
    #: ``(id, title)`` of every visit, the latest first.
    visits: list[tuple[str, str]]
    #: Every year some practice was observed in, the latest first.
    years: list[str]

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
    meanwhile the collector would walk the whole heap several times over (about 30 ms of a
    100 ms request for 20,000 practices). Reference counting still frees them.
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
    practices = list(
        BestPractice.objects.using(using)
        .order_by()
        .values_list(
            "pk",
            "host_province_id",
            "stage",
            "status",
            "is_digital",
            *(field for _quality, field in _QUALITY_COLUMNS),
        )
    )
    size = len(practices)
    # One tuple per column, one item per practice: position i is the i-th row (any order;
    # unordered, PostgreSQL reads it from the covering index of migration 0003).
    ids, *columns = list(zip(*practices, strict=True)) or [()] * (5 + len(_QUALITY_COLUMNS))
    positions = dict(zip(ids, range(size), strict=True))
    provinces = list(
        Province.objects.using(using).order_by("name").values_list("pk", "code", "name")
    )
    sectors = list(
        Sector.objects.using(using)
        .order_by("order", "name")
        .values_list("pk", "code", "name", "name_en")
    )
    visits = list(
        Visit.objects.using(using)
        .order_by("-start_date", "-pk")
        .values_list("pk", "title", "start_date")
    )
    bits = {
        **_column_bits(columns, size, {pk: code for pk, code, _name in provinces}),
        **_sector_bits(using, positions, {pk: code for pk, code, *_names in sectors}),
        **_visit_and_year_bits(using, positions, visits),
    }
    return FacetIndex(
        token=token,
        positions=positions,
        everything=(1 << size) - 1,
        bits=bits,
        provinces=[(code, name) for _pk, code, name in provinces],
        sectors=[(code, name, name_en) for _pk, code, name, name_en in sectors],
        visits=[(str(pk), title) for pk, title, _start_date in visits],
        years=sorted((value for facet, value in bits if facet == "year"), reverse=True),
    )


def _column_bits(columns: list[tuple], size: int, province_codes: dict) -> dict:
    """The options of the facets on the practice's own columns."""
    provinces, stages, statuses, digital, *qualities = columns
    bits = {}
    for pk, found in _grouped(zip(provinces, range(size), strict=True)).items():
        bits["province", province_codes.get(pk, "")] = _bitset(found, size)
    for facet, column in (("stage", stages), ("status", statuses)):
        for value, found in _grouped(zip(column, range(size), strict=True)).items():
            bits[facet, value] = _bitset(found, size)
    bits["digital", "yes"] = _flags(digital)
    bits["digital", "no"] = ((1 << size) - 1) & ~bits["digital", "yes"]
    for (quality, _field), column in zip(_QUALITY_COLUMNS, qualities, strict=True):
        bits["quality", str(quality.value)] = _flags(column)
    return bits


def _sector_bits(using: str, positions: dict[int, int], sector_codes: dict) -> dict:
    tagging = BestPractice.sectors.through.objects.using(using).values_list(
        "sector_id", "bestpractice_id"
    )
    by_sector = _grouped((sector, positions.get(practice)) for sector, practice in tagging)
    return {
        ("sector", sector_codes.get(pk, "")): _bitset(found, len(positions))
        for pk, found in by_sector.items()
    }


def _visit_and_year_bits(using: str, positions: dict[int, int], visits: list[tuple]) -> dict:
    """The visit options, and the year options as the union of that year's visits: a
    practice observed twice in one year sets its bit once, so it counts once.
    """
    observed = (
        PracticeObservation.objects.using(using).order_by().values_list("visit_id", "practice_id")
    )
    by_visit = _grouped((visit, positions.get(practice)) for visit, practice in observed)
    bits = {}
    for pk, _title, start_date in visits:
        if pk in by_visit:
            visit_bits = bits["visit", str(pk)] = _bitset(by_visit[pk], len(positions))
            year = "year", str(start_date.year)
            bits[year] = bits.get(year, 0) | visit_bits
    return bits


def _grouped(pairs: Iterable[tuple]) -> dict:
    """``(key, position)`` pairs as ``{key: [position, ...]}`` (None positions left out)."""
    groups = defaultdict(list)
    for key, position in pairs:
        if position is not None:
            groups[key].append(position)
    return groups


def _flags(column: Iterable[bool]) -> int:
    """The bitset of a boolean column read in position order."""
    return int(bytearray(column).translate(_BINARY_DIGITS)[::-1] or b"0", 2)


#: One byte per position, 0 or 1, to the digits of a binary number.
_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _bitset(positions: Iterable[int | None], size: int) -> int:
    """The integer whose bit ``i`` is set for each ``i`` in ``positions`` (None is skipped).

    Many positions (a search's matches): one byte per position, then the bytes read as a
    binary number (lowest bit last), about three times faster in CPython than setting bits
    one by one. A short list (a visit's few practices): bits set one by one in a buffer an
    eighth of the size, about six times faster for a list under a thirty-second of ``size``.
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
