"""Indonesia as a tile grid: one square per province, placed roughly where it lies.

A tile grid needs no licensed map data and gives every province, Jakarta as much as Papua,
the same room for its number. Each province (by its Kemendagri code, as in the data
migration ``0002_provinces``) has a column and a row, and its ISO 3166-2:ID letters as the
label of its square. Sumatra runs down from Aceh in the north-west; Java, Bali and Nusa
Tenggara form the bottom row; Kalimantan, Sulawesi, Maluku and Papua follow to the east.

``tile_map_svg`` draws the grid with a number per province, shading by that number, and the
flows of ideas between provinces as arrows (``benchmarking.charts`` holds the bar charts).
"""

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from benchmarking.html_text import escape_text


@dataclass(frozen=True)
class Tile:
    column: int
    row: int
    letters: str


#: Kemendagri code -> the province's square.
TILES: dict[str, Tile] = {
    # Sumatra and its islands
    "11": Tile(0, 0, "AC"),
    "12": Tile(1, 1, "SU"),
    "21": Tile(3, 1, "KR"),
    "13": Tile(1, 2, "SB"),
    "14": Tile(2, 2, "RI"),
    "17": Tile(1, 3, "BE"),
    "15": Tile(2, 3, "JA"),
    "16": Tile(2, 4, "SS"),
    "19": Tile(3, 4, "BB"),
    "18": Tile(2, 5, "LA"),
    # Java, Bali and Nusa Tenggara
    "31": Tile(4, 5, "JK"),
    "36": Tile(3, 6, "BT"),
    "32": Tile(4, 6, "JB"),
    "33": Tile(5, 6, "JT"),
    "34": Tile(5, 7, "YO"),
    "35": Tile(6, 6, "JI"),
    "51": Tile(7, 6, "BA"),
    "52": Tile(8, 6, "NB"),
    "53": Tile(9, 6, "NT"),
    # Kalimantan
    "61": Tile(5, 2, "KB"),
    "62": Tile(6, 2, "KT"),
    "64": Tile(7, 2, "KI"),
    "65": Tile(7, 1, "KU"),
    "63": Tile(7, 3, "KS"),
    # Sulawesi
    "75": Tile(9, 1, "GO"),
    "71": Tile(10, 1, "SA"),
    "72": Tile(8, 2, "ST"),
    "76": Tile(8, 3, "SR"),
    "73": Tile(8, 4, "SN"),
    "74": Tile(9, 4, "SG"),
    # Maluku
    "82": Tile(11, 1, "MU"),
    "81": Tile(11, 3, "MA"),
    # Papua
    "96": Tile(12, 2, "PD"),
    "92": Tile(13, 2, "PB"),
    "91": Tile(14, 2, "PA"),
    "94": Tile(13, 3, "PT"),
    "95": Tile(14, 3, "PE"),
    "93": Tile(14, 4, "PS"),
}

#: The side of a square and the room around it, in SVG units.
SIDE = 44
CELL = 50
COLUMNS = 1 + max(tile.column for tile in TILES.values())
ROWS = 1 + max(tile.row for tile in TILES.values())
#: Shades of a number, lightest first; 0 is a shade of its own (no colour).
LEVELS = 4


@dataclass(frozen=True)
class Flow:
    """Ideas travelling from the province ``source`` (where the practice is hosted) to
    ``target`` (where participants adapted it), in ``count`` change proposals."""

    source: str
    target: str
    count: int


@dataclass(frozen=True)
class Place:
    """A province as the map shows it: code, name and the page it links to."""

    code: str
    name: str
    url: str


def level(value: int, maximum: int) -> int:
    """The shade of ``value`` among values up to ``maximum``: 0 for none, else 1 to LEVELS."""
    if value <= 0 or maximum <= 0:
        return 0
    return max(1, min(LEVELS, math.ceil(LEVELS * value / maximum)))


def legend(maximum: int) -> list[tuple[int, int, int]]:
    """``(level, lowest, highest)`` of each shade in use, for a legend beside the map."""
    if maximum <= 0:
        return []
    bounds = [math.floor(maximum * k / LEVELS) for k in range(LEVELS + 1)]
    shades = [(k, bounds[k - 1] + 1, bounds[k]) for k in range(1, LEVELS + 1)]
    return [shade for shade in shades if shade[1] <= shade[2]]


def centre(code: str) -> tuple[float, float]:
    tile = TILES[code]
    return tile.column * CELL + CELL / 2, tile.row * CELL + CELL / 2


def tile_map_svg(
    *,
    places: Iterable[Place],
    chart_id: str,
    title: str,
    description: str,
    values: Mapping[str, int] | None = None,
    describe: Callable[[Place, int], str] | None = None,
    flows: Sequence[Flow] = (),
    describe_flow: Callable[[Flow], str] | None = None,
    highlight: str | None = None,
) -> SafeString:
    """The tile map as an inline SVG: each province a linked square shaded by its number in
    ``values`` (titled by ``describe``), ``flows`` as arrows whose width follows their count
    (a province's flow to itself as a ring), and the ``highlight``ed province marked."""
    values = values or {}
    maximum = max(values.values(), default=0)
    # Every text part of a square is escaped by _tile.
    tiles = mark_safe(  # noqa: S308
        "".join(
            _tile(place, values.get(place.code), maximum, describe, highlight)
            for place in places
            if place.code in TILES
        )
    )
    arrows = _flows(flows, describe_flow or (lambda flow: ""), chart_id)
    return format_html(
        '<svg class="chart chart--map" id="{}" viewBox="0 0 {} {}" role="group" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}{}{}{}</svg>',
        chart_id,
        COLUMNS * CELL,
        ROWS * CELL,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        _arrow_marker(chart_id) if flows else "",
        tiles,
        arrows,
        _legend(maximum) if values else "",
    )


def _legend(maximum: int) -> SafeString:
    """The shades and the numbers each stands for, in the empty sea south-west of Java."""
    shades = [(0, "0")] + [
        (shade, f"{low}" if low == high else f"{low}–{high}")
        for shade, low, high in legend(maximum)
    ]
    top = (ROWS - 2) * CELL + 4
    return format_html(
        '<g class="legend" aria-hidden="true">{}</g>',
        format_html_join(
            "",
            '<rect class="tile--level-{}" x="6" y="{}" width="14" height="14" rx="2"></rect>'
            '<text class="legend__text" x="26" y="{}">{}</text>',
            (
                (shade, top + 18 * i, top + 18 * i + 11, text)
                for i, (shade, text) in enumerate(shades)
            ),
        ),
    )


def _tile(place, value, maximum, describe, highlight) -> str:
    """One province's square as SVG text. Its text parts are escaped here and its numbers
    are numbers: a map draws a hundred squares and arrows, and ``format_html`` (escaping
    every argument, numbers included) took about a millisecond of a province's page."""
    tile = TILES[place.code]
    x, y = tile.column * CELL + (CELL - SIDE) / 2, tile.row * CELL + (CELL - SIDE) / 2
    classes = f"tile tile--level-{level(value or 0, maximum)}"
    if place.code == highlight:
        classes += " tile--highlight"
    label = describe(place, value or 0) if describe else place.name
    number = (
        f'<text class="tile__value" x="{x + SIDE / 2}" y="{y + SIDE - 8}" '
        f'text-anchor="middle">{escape_text(value)}</text>'
        if value is not None
        else ""
    )
    letters_y = y + (17 if value is not None else SIDE / 2 + 4)
    url, code = escape_text(place.url), escape_text(place.code)
    label, letters = escape_text(label), escape_text(tile.letters)
    return (
        f'<a href="{url}" class="{classes}" data-province="{code}"><title>{label}</title>'
        f'<rect x="{x}" y="{y}" width="{SIDE}" height="{SIDE}" rx="4"></rect>'
        f'<text class="tile__letters" x="{x + SIDE / 2}" y="{letters_y}" '
        f'text-anchor="middle">{letters}</text>{number}</a>'
    )


def _arrow_marker(chart_id: str) -> SafeString:
    return format_html(
        '<defs><marker id="{}-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" '
        'markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
        '<path class="flow-arrow__head" d="M0,0 L10,5 L0,10 z"></path></marker></defs>',
        chart_id,
    )


def _flows(flows: Sequence[Flow], describe: Callable[[Flow], str], chart_id: str) -> SafeString:
    drawn = [flow for flow in flows if flow.source in TILES and flow.target in TILES]
    if not drawn:
        return mark_safe("")
    largest = max(flow.count for flow in drawn)
    # Every text part of an arrow is escaped by _flow.
    arrows = "".join(_flow(flow, largest, describe, chart_id) for flow in drawn)
    return mark_safe(f'<g class="flow-arrows">{arrows}</g>')  # noqa: S308


def _flow(flow: Flow, largest: int, describe, chart_id: str) -> str:
    """One arrow (a ring for a flow within a province) as SVG text; see ``_tile``."""
    width = round(1.5 + 4.5 * flow.count / largest, 1)
    title = escape_text(describe(flow))
    if flow.source == flow.target:
        x, y = centre(flow.source)
        return (
            f'<circle class="flow-arrow flow-arrow--within" cx="{x}" cy="{y}" '
            f'r="{SIDE / 2 + 1}" stroke-width="{width}"><title>{title}</title></circle>'
        )
    return (
        f'<path class="flow-arrow" d="{_curve(flow.source, flow.target)}" '
        f'stroke-width="{width}" marker-end="url(#{escape_text(chart_id)}-arrow)">'
        f"<title>{title}</title></path>"
    )


def _curve(source: str, target: str) -> str:
    """A path from one square's edge to the other's, bent to the right of its direction so
    that the flows both ways between two provinces do not overlap."""
    (x1, y1), (x2, y2) = centre(source), centre(target)
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    inset = SIDE / 2
    sx, sy = x1 + ux * inset, y1 + uy * inset
    ex, ey = x2 - ux * (inset + 2), y2 - uy * (inset + 2)
    bend = min(40.0, length / 5)
    cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
    return f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"
