"""The facet definitions: every column a facet's counts read is watched by the catalog
triggers, so the facet index never shows counts of an older catalog.
"""

import importlib

from django.utils import translation

from benchmarking.models import HostAgency
from best_practices.facets import FACETS, Facet, SectorFacet
from best_practices.filters import PracticeFilterSet

WATCHED = importlib.import_module(
    "best_practices.migrations.0007_bestpractice_proven_adaptation_count"
).WATCHED


def unwatched(facets) -> list[str]:
    """``table.column`` (or the table alone) of what ``facets`` read that no trigger watches."""
    missing = []
    for facet in facets:
        for model, fields in facet.depends_on():
            table = model._meta.db_table
            if table not in WATCHED:
                missing.append(table)
                continue
            if fields is None:
                if WATCHED[table] is not None:
                    missing.append(f"{table}.*")
                continue
            for field in fields:
                column = model._meta.get_field(field).column
                if WATCHED[table] is not None and column not in WATCHED[table]:
                    missing.append(f"{table}.{column}")
    return missing


def test_every_column_a_facet_counts_is_watched_by_the_catalog_triggers():
    assert unwatched(FACETS) == []


def test_a_facet_on_an_unwatched_column_is_reported():
    class StartedFacet(Facet):
        name = "started"
        columns = ("year_started",)

    class OfficialFacet(Facet):
        name = "official"
        related = ((HostAgency, ("name",)),)

    assert unwatched([StartedFacet(), OfficialFacet()]) == [
        "best_practices_bestpractice.year_started",
        "benchmarking_hostagency",
    ]


def test_the_sidebar_and_the_filter_set_keep_the_facet_order():
    names = [facet.name for facet in FACETS]

    assert names == [
        "province",
        "sector",
        "visit",
        "year",
        "stage",
        "digital",
        "quality",
        "status",
        "proven",
    ]
    assert list(PracticeFilterSet.base_filters) == ["q", *names, "sort"]


def test_sector_options_are_named_in_the_active_language():
    kept = [("kominfo", "Komunikasi dan informatika", "ICT"), ("adat", "Urusan adat", "")]

    with translation.override("id"):
        indonesian = SectorFacet().options(kept)
    with translation.override("en"):
        english = SectorFacet().options(kept)

    assert indonesian == [("kominfo", "Komunikasi dan informatika"), ("adat", "Urusan adat")]
    # A sector without an English name keeps its Indonesian one.
    assert english == [("kominfo", "ICT"), ("adat", "Urusan adat")]
