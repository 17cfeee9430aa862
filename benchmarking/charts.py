"""Bar charts drawn on the server as inline SVG: no script, no remote asset, printable.

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``, and each bar has a
``<title>`` of its own; the page shows the same numbers in a table beside it. Colours come
from classes in ``static/css/charts.css`` (the CSP forbids ``style`` attributes). The map of
provinces is ``benchmarking.tile_map``.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from benchmarking.formatting import grouped

#: The drawing's width in SVG units; it scales to the page's width.
WIDTH = 640
#: Horizontal bars: room for the labels on the left, a bar's height and the gap between two.
LABEL_WIDTH = 220
BAR = 18
GAP = 6
#: Columns: the drawing's height, and room for the labels below and the numbers above.
COLUMN_HEIGHT = 240
AXIS_ROOM = 28
TOP_ROOM = 20


@dataclass(frozen=True)
class Datum:
    """A labelled number of a chart, ``title`` saying it in a sentence."""

    label: str
    value: int
    title: str


def _svg(kind: str, width: int, height: float, chart_id: str, title: str, description: str, body):
    return format_html(
        '<svg class="chart chart--{}" id="{}" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        kind,
        chart_id,
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def bar_chart(data: Sequence[Datum], *, chart_id: str, title: str, description: str) -> SafeString:
    """Horizontal bars, one row per datum in the order given, their lengths to scale."""
    largest = max((datum.value for datum in data), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 48
    rows = []
    for index, datum in enumerate(data):
        y = GAP + index * (BAR + GAP)
        length = round(room * datum.value / largest, 1)
        rows.append(
            (
                datum.title,
                LABEL_WIDTH - 8,
                y + BAR - 5,
                _shorten(datum.label),
                LABEL_WIDTH,
                y,
                length,
                BAR,
                LABEL_WIDTH + length + 6,
                y + BAR - 5,
                grouped(datum.value),
            )
        )
    body = format_html_join(
        "",
        '<g class="bar"><title>{}</title>'
        '<text class="bar__label" x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}"></rect>'
        '<text class="bar__value" x="{}" y="{}">{}</text></g>',
        rows,
    )
    height = GAP + len(data) * (BAR + GAP)
    return _svg("bars", WIDTH, height, chart_id, title, description, body)


def column_chart(
    data: Sequence[Datum], *, chart_id: str, title: str, description: str
) -> SafeString:
    """Vertical columns in the order given (years, oldest first), their heights to scale."""
    largest = max((datum.value for datum in data), default=0) or 1
    slot = WIDTH / max(len(data), 1)
    width = min(48.0, slot * 0.7)
    room = COLUMN_HEIGHT - AXIS_ROOM - TOP_ROOM
    columns = []
    for index, datum in enumerate(data):
        height = round(room * datum.value / largest, 1)
        middle = round(slot * index + slot / 2, 1)
        top = TOP_ROOM + room - height
        columns.append(
            (
                datum.title,
                round(middle - width / 2, 1),
                top,
                round(width, 1),
                height,
                middle,
                top - 5,
                grouped(datum.value),
                middle,
                COLUMN_HEIGHT - 8,
                datum.label,
            )
        )
    body = format_html_join(
        "",
        '<g class="bar"><title>{}</title>'
        '<rect x="{}" y="{}" width="{}" height="{}"></rect>'
        '<text class="bar__value" x="{}" y="{}" text-anchor="middle">{}</text>'
        '<text class="bar__label" x="{}" y="{}" text-anchor="middle">{}</text></g>',
        columns,
    )
    axis = format_html(
        '<line class="chart__axis" x1="0" y1="{}" x2="{}" y2="{}"></line>',
        TOP_ROOM + room,
        WIDTH,
        TOP_ROOM + room,
    )
    return _svg("columns", WIDTH, COLUMN_HEIGHT, chart_id, title, description, body + axis)


def _shorten(label: str, limit: int = 36) -> str:
    """A label that fits left of the bars; the bar's title and the table keep it whole."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
