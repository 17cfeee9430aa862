"""``/statistics/``: the national statistics, public, as SVG charts with tables beside them,
and each chart as a CSV download (``/statistics/<chart>.csv``). Both are kept in the page
cache: a proposal's status change or an admin write drops them (``benchmarking.page_cache``).
The numbers come from the kept figures (``participants.statistics_figures``), computed again
after such a change rather than by the next visitor.
"""

import io

from django.http import Http404, HttpResponse
from django.utils.translation import gettext, ngettext
from django.views import View
from django.views.generic import TemplateView

from benchmarking import page_cache
from benchmarking.charts import Datum, bar_chart, column_chart
from benchmarking.formatting import grouped
from benchmarking.province_maps import flows_map, practices_map
from benchmarking.spreadsheets import CSV_CONTENT_TYPE, csv_write
from benchmarking.tile_map import Flow
from participants.statistics import CHARTS, NationalStatistics, chart_rows
from participants.statistics_figures import kept_statistics

#: How many flows the map draws and its table lists, the largest; the CSV holds them all.
MAP_FLOWS = 30


class StatisticsView(page_cache.CachedPartsMixin, TemplateView):
    """Everything is read and drawn only when the cached part is missing."""

    template_name = "participants/statistics.html"
    page_name = "statistics"

    def get_context_data(self, **kwargs):
        names = ("statistics", "charts", "map_flows")
        return super().get_context_data(
            **kwargs, **page_cache.lazy_context(self.page, names), map_flow_limit=MAP_FLOWS
        )

    def page(self) -> dict:
        statistics = kept_statistics()
        return {
            "statistics": statistics,
            "charts": statistics_charts(statistics),
            "map_flows": statistics.flows[:MAP_FLOWS],
        }


class StatisticsCsvView(View):
    """One chart's numbers as CSV, formula-safe (``benchmarking.spreadsheets``)."""

    def get(self, request, chart):
        if chart not in CHARTS:
            raise Http404
        key = page_cache.page_key(request, "statistics-csv")
        text = page_cache.part_get(key, chart) if key else None
        if text is None:
            output = io.StringIO()
            csv_write(chart_rows(chart, kept_statistics()), output)
            text = output.getvalue()
            if key:
                page_cache.part_set(key, chart, text)
        response = HttpResponse(text, content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="statistik-{chart}.csv"'
        return response


def _practices(count: int) -> str:
    return ngettext("%(count)s best practice", "%(count)s best practices", count) % {
        "count": grouped(count)
    }


def statistics_charts(statistics: NationalStatistics) -> dict:
    """The page's charts as inline SVG, by the name of their CSV."""
    return {
        "provinces": practices_map(statistics.provinces, chart_id="chart-provinces"),
        "sectors": bar_chart(
            [
                Datum(s.display_name, s.practice_count, f"{s}: {_practices(s.practice_count)}")
                for s in statistics.sectors
            ],
            chart_id="chart-sectors",
            title=gettext("Best practices per sector"),
            description=gettext(
                "The sectors (government affairs) of the best practices, the most first; a "
                "practice may belong to several sectors."
            ),
        ),
        "flows": flows_map(
            statistics.provinces,
            [
                Flow(flow.source.code, flow.target.code, flow.proposals)
                for flow in statistics.flows[:MAP_FLOWS]
            ],
            chart_id="chart-flows",
            title=gettext("The flow of ideas between provinces"),
        ),
        "years": column_chart(
            [
                Datum(
                    str(year),
                    count,
                    ngettext(
                        "%(year)d: %(count)s approved change proposal",
                        "%(year)d: %(count)s approved change proposals",
                        count,
                    )
                    % {"year": year, "count": grouped(count)},
                )
                for year, count in statistics.years
            ],
            chart_id="chart-years",
            title=gettext("Adoption over the years"),
            description=gettext("Approved change proposals per cohort year, the oldest first."),
        ),
    }
