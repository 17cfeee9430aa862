"""Bar and column charts drawn as SVG on the server (``benchmarking.charts``)."""

import re

from django.utils import translation

from benchmarking.charts import Datum, bar_chart, column_chart

DATA = [
    Datum("Pelayanan administrasi kependudukan dan pencatatan sipil", 10, "Adminduk: 10"),
    Datum("Kesehatan", 5, "Kesehatan: 5"),
    Datum("Pertanian", 0, "Pertanian: 0"),
]


def widths(svg, attribute="width"):
    return [float(w) for w in re.findall(rf'<rect [^>]*{attribute}="([\d.]+)"', svg)]


def test_bars_are_to_scale_titled_and_labelled():
    svg = bar_chart(DATA, chart_id="s", title="Per urusan", description="Jumlah praktik baik")

    assert svg.startswith('<svg class="chart chart--bars" id="s"') and 'role="img"' in svg
    assert (
        '<title id="s-title">Per urusan</title><desc id="s-desc">Jumlah praktik baik</desc>' in svg
    )
    longest, half, none = widths(svg)
    assert half == longest / 2 and none == 0
    assert "<title>Adminduk: 10</title>" in svg
    # A long label is shortened beside the bar; its title and the table keep it whole.
    assert ">Pelayanan administrasi kependudukan…</text>" in svg
    assert ">Kesehatan</text>" in svg and ">10</text>" in svg
    assert "style=" not in svg


def test_columns_are_to_scale_in_the_order_given():
    years = [Datum("2018", 4, "2018: 4"), Datum("2019", 0, "2019: 0"), Datum("2020", 2, "2020: 2")]

    svg = column_chart(years, chart_id="y", title="Per tahun", description="Rancangan disetujui")

    assert svg.startswith('<svg class="chart chart--columns" id="y"')
    assert widths(svg, "height")[:3] == [200.0 - 8, 0.0, 96.0]
    assert svg.index(">2018</text>") < svg.index(">2019</text>") < svg.index(">2020</text>")
    assert "<title>2019: 0</title>" in svg


def test_an_empty_chart_draws_nothing_and_labels_are_escaped():
    assert "<g" not in bar_chart([], chart_id="e", title="Kosong", description="-")

    svg = bar_chart([Datum("<b>", 1, "a & b")], chart_id="x", title="<i>", description="-")

    assert "<b>" not in svg and "&lt;b&gt;" in svg and "a &amp; b" in svg and "&lt;i&gt;" in svg


def test_the_value_beside_a_bar_or_over_a_column_is_grouped_as_the_language_writes_it():
    data = [Datum("Kesehatan", 12345, "Kesehatan: 12.345"), Datum("2024", 999, "2024: 999")]

    with translation.override("id"):
        bars = bar_chart(data, chart_id="s", title="Per urusan", description="Jumlah")
        columns = column_chart(data, chart_id="y", title="Per tahun", description="Jumlah")
    with translation.override("en"):
        english = bar_chart(data, chart_id="s", title="Per urusan", description="Jumlah")

    assert re.findall(r'<text class="bar__value"[^>]*>([^<]*)</text>', bars) == ["12.345", "999"]
    assert re.findall(r'<text class="bar__value"[^>]*>([^<]*)</text>', columns) == ["12.345", "999"]
    assert re.findall(r'<text class="bar__value"[^>]*>([^<]*)</text>', english) == ["12,345", "999"]
    # The label under a column is a year, not a count.
    assert ">2024</text>" in columns
