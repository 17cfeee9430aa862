"""The rows of the statistics page's four tables, written as text here rather than by loops of
the template engine (as the practice cards are, ``best_practices.templatetags.practice_cards``).

Every chart of ``/statistics/`` has its numbers beside it in a table: 38 provinces, 37
sectors, up to ``MAP_FLOWS`` flows and the cohort years, about 150 rows. Drawn by the template
engine they took 2.2 ms of the page's 8.9 ms uncached (docs/performance.md). The markup is the
one the template's loops wrote, white space aside:

- a province: ``<tr>`` (``class="is-quiet"`` without practices), its name linked to its page
  in a ``<th scope="row">``, its number of practices in a ``<td class="num">``;
- a sector: its name in the active language, its number of practices;
- a flow: the source and target provinces, each linked to its page, and the number of
  change proposals;
- a year: the year (``is-quiet`` without proposals) and its number of approved proposals.

Counts are grouped as the reader's language writes them ("1.000", ``benchmarking.formatting``),
a year is written as it is, and every text is escaped.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from benchmarking.formatting import grouped
from benchmarking.html_text import escape_text
from benchmarking.models import Province

register = template.Library()

#: What separates two rows, as the template's loops left them.
ROW_BREAK = "\n          "


def _rows(rows: list[str]) -> SafeString:
    return mark_safe(ROW_BREAK.join(rows))  # noqa: S308 - each row escapes its values


def _quiet(number) -> str:
    return "" if number else ' class="is-quiet"'


def _number(number) -> str:
    return escape_text(grouped(number))


def _province_link(province, url) -> str:
    esc = escape_text
    return f'<a href="{esc(url(province.code))}">{esc(province.name)}</a>'


@register.simple_tag
def province_rows(provinces) -> SafeString:
    """``{% province_rows statistics.provinces_ranked %}``: each with ``practice_count``."""
    url = Province.url_maker()
    return _rows(
        [
            f'<tr{_quiet(province.practice_count)}><th scope="row">{_province_link(province, url)}'
            f'</th><td class="num">{_number(province.practice_count)}</td></tr>'
            for province in provinces
        ]
    )


@register.simple_tag
def sector_rows(sectors) -> SafeString:
    """``{% sector_rows statistics.sectors %}``: each with ``practice_count``."""
    return _rows(
        [
            f'<tr><th scope="row">{escape_text(sector.display_name)}</th>'
            f'<td class="num">{_number(sector.practice_count)}</td></tr>'
            for sector in sectors
        ]
    )


@register.simple_tag
def flow_rows(flows) -> SafeString:
    """``{% flow_rows map_flows %}``: each with ``source``, ``target`` and ``proposals``."""
    url = Province.url_maker()
    return _rows(
        [
            f"<tr><td>{_province_link(flow.source, url)}</td><td>{_province_link(flow.target, url)}</td>"
            f'<td class="num">{_number(flow.proposals)}</td></tr>'
            for flow in flows
        ]
    )


@register.simple_tag
def year_rows(years) -> SafeString:
    """``{% year_rows statistics.years %}``: ``(year, count)`` pairs."""
    return _rows(
        [
            f'<tr{_quiet(count)}><th scope="row">{escape_text(year)}</th>'
            f'<td class="num">{_number(count)}</td></tr>'
            for year, count in years
        ]
    )
