"""The tile maps the pages show, with their words: practices per province (the province list
and the statistics), and the flow of ideas (the statistics and a province's page).

The arrows point the way ideas travel: from the province that hosts a practice to the
province of the participants who adapted it.
"""

from collections.abc import Iterable, Sequence

from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from benchmarking.formatting import grouped
from benchmarking.models import Province
from benchmarking.tile_map import Flow, Place, tile_map_svg


def places(provinces: Iterable[Province]) -> list[Place]:
    url = Province.url_maker()
    return [Place(province.code, province.name, url(province.code)) for province in provinces]


def _practices(place: Place, count: int) -> str:
    return ngettext(
        "%(province)s: %(count)s best practice", "%(province)s: %(count)s best practices", count
    ) % {"province": place.name, "count": grouped(count)}


def practices_map(provinces: Sequence[Province], *, chart_id: str = "practices-map") -> SafeString:
    """Each province's square with its number of best practices (``practice_count``)."""
    return tile_map_svg(
        places=places(provinces),
        chart_id=chart_id,
        title=gettext("Best practices per province"),
        description=gettext(
            "A map of Indonesia's provinces as squares, each with its number of best practices; "
            "the darker the square, the more practices. The table gives the same numbers."
        ),
        values={province.code: province.practice_count for province in provinces},
        describe=_practices,
    )


def flow_sentence(flow: Flow, names: dict[str, str]) -> str:
    """A flow in words, for an arrow's title."""
    if flow.source == flow.target:
        return ngettext(
            "Within %(source)s: %(count)s change proposal",
            "Within %(source)s: %(count)s change proposals",
            flow.count,
        ) % {"source": names[flow.source], "count": grouped(flow.count)}
    return ngettext(
        "%(source)s → %(target)s: %(count)s change proposal",
        "%(source)s → %(target)s: %(count)s change proposals",
        flow.count,
    ) % {"source": names[flow.source], "target": names[flow.target], "count": grouped(flow.count)}


def flows_map(
    provinces: Sequence[Province],
    flows: Sequence[Flow],
    *,
    chart_id: str,
    title: str,
    highlight: str | None = None,
) -> SafeString:
    """Every province's square, ``flows`` as arrows (the widest the largest), and the
    ``highlight``ed province marked."""
    names = {province.code: province.name for province in provinces}
    return tile_map_svg(
        places=places(provinces),
        chart_id=chart_id,
        title=title,
        description=gettext(
            "A map of Indonesia's provinces as squares. Each arrow runs from the province "
            "hosting a best practice to the province of the participants whose change "
            "proposals adapted it; the wider the arrow, the more proposals. A ring marks "
            "ideas adapted within their own province. The table gives the same numbers."
        ),
        flows=flows,
        describe_flow=lambda flow: flow_sentence(flow, names),
        highlight=highlight,
    )


def province_flows_map(province: Province, provinces, adopters, sources) -> SafeString:
    """A province's page: the province marked, arrows to the provinces whose participants
    adapted its practices (``adopters``) and from those whose practices its participants
    adapted (``sources``), each counted in ``proposal_count``."""
    flows = [Flow(province.code, other.code, other.proposal_count) for other in adopters]
    flows += [
        Flow(other.code, province.code, other.proposal_count)
        for other in sources
        if other.code != province.code  # within the province: already drawn once
    ]
    return flows_map(
        provinces,
        flows,
        chart_id="province-flows",
        title=gettext("Flow of ideas to and from %(province)s") % {"province": province.name},
        highlight=province.code,
    )
