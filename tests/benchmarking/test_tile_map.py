"""The tile map of the provinces: one square each, in place, shaded by its number, with the
flows of ideas as arrows (``benchmarking.tile_map``)."""

import re

import pytest

from benchmarking.models import Province
from benchmarking.tile_map import TILES, Flow, Place, legend, level, tile_map_svg

PLACES = [
    Place("33", "Jawa Tengah", "/provinces/33/"),
    Place("18", "Lampung", "/provinces/18/"),
    Place("11", "Aceh", "/provinces/11/"),
]


@pytest.mark.django_db
def test_every_province_has_one_square_of_its_own():
    codes = set(Province.objects.values_list("code", flat=True))

    assert set(TILES) == codes
    assert len(codes) == 38
    positions = [(tile.column, tile.row) for tile in TILES.values()]
    assert len(set(positions)) == len(positions)
    assert len({tile.letters for tile in TILES.values()}) == 38


def test_squares_lie_roughly_where_the_provinces_do():
    # Aceh is the north-west corner; Sumatra lies west of Java, Java west of Bali and Papua;
    # Yogyakarta south of Central Java; Papua Selatan south of Papua Pegunungan.
    assert (TILES["11"].column, TILES["11"].row) == (0, 0)
    assert TILES["12"].column < TILES["32"].column < TILES["51"].column < TILES["91"].column
    assert TILES["34"].row > TILES["33"].row
    assert TILES["93"].row > TILES["95"].row


@pytest.mark.parametrize(
    ("value", "expected"), [(0, 0), (1, 1), (25, 1), (26, 2), (50, 2), (75, 3), (76, 4), (100, 4)]
)
def test_shades_split_the_range_in_four(value, expected):
    assert level(value, 100) == expected


def test_the_legend_says_which_numbers_each_shade_stands_for():
    assert legend(8) == [(1, 1, 2), (2, 3, 4), (3, 5, 6), (4, 7, 8)]
    # Fewer numbers than shades: a shade that stands for none is left out.
    assert legend(2) == [(2, 1, 1), (4, 2, 2)]
    assert legend(0) == []


def test_a_square_links_its_province_and_says_its_number():
    svg = tile_map_svg(
        places=PLACES,
        chart_id="m",
        title="Praktik baik per provinsi",
        description="Peta",
        values={"33": 12, "18": 3},
        describe=lambda place, n: f"{place.name}: {n}",
    )

    assert svg.startswith('<svg class="chart chart--map" id="m"')
    assert 'aria-labelledby="m-title m-desc"' in svg
    assert '<title id="m-title">Praktik baik per provinsi</title>' in svg
    jateng = re.search(
        r'<a href="/provinces/33/" class="([^"]+)" data-province="33">(.*?)</a>', svg
    )
    assert jateng.group(1) == "tile tile--level-4"
    assert "<title>Jawa Tengah: 12</title>" in jateng.group(2)
    assert ">JT</text>" in jateng.group(2) and ">12</text>" in jateng.group(2)
    assert 'class="tile tile--level-1" data-province="18"' in svg
    assert 'class="tile tile--level-0" data-province="11"' in svg
    assert "style=" not in svg  # the CSP forbids style attributes


def test_flows_are_arrows_and_a_flow_within_a_province_a_ring():
    svg = tile_map_svg(
        places=PLACES,
        chart_id="f",
        title="Alur",
        description="Alur gagasan",
        flows=[Flow("33", "18", 4), Flow("18", "33", 1), Flow("33", "33", 2)],
        describe_flow=lambda flow: f"{flow.source}→{flow.target}: {flow.count}",
        highlight="33",
    )

    assert '<marker id="f-arrow"' in svg
    arrows = re.findall(r'<path class="flow-arrow" d="([^"]+)" stroke-width="([\d.]+)"', svg)
    assert len(arrows) == 2
    # The largest flow is the widest; the two directions bend apart.
    assert float(arrows[0][1]) > float(arrows[1][1])
    assert arrows[0][0] != arrows[1][0]
    assert "<title>33→18: 4</title>" in svg
    assert (
        '<circle class="flow-arrow flow-arrow--within"' in svg and "<title>33→33: 2</title>" in svg
    )
    assert 'class="tile tile--level-0 tile--highlight" data-province="33"' in svg


def test_names_are_escaped():
    svg = tile_map_svg(
        places=[Place("33", "<script>", "/provinces/33/")],
        chart_id="e",
        title="A & B",
        description="<b>",
    )

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "A &amp; B" in svg and "&lt;b&gt;" in svg
