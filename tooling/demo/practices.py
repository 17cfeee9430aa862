"""The demo's best practices: each found by its slug, hosted by its visit's province, and
observed on that visit."""

from django.utils.text import slugify

from benchmarking.models import Visit
from best_practices.models import QUALITY_FIELDS, BestPractice, PracticeObservation, Sector
from tooling.demo.rows import DemoSummary, row_ensure, row_get_or_create


def practices_ensure(
    summary: DemoSummary, specs: dict[str, dict], *, visit: Visit, agencies: dict, notes: str
) -> dict[str, BestPractice]:
    """The practices ``specs`` describe (key -> practice), hosted by the visit's province and
    observed on ``visit``; a practice is found by its slug, so a re-run creates none."""
    practices = {}
    for key, spec in specs.items():
        fields = {
            name: value
            for name, value in spec.items()
            if name not in {"host_agency", "sectors", "qualities"}
        }
        qualities = {
            column: quality in spec["qualities"] for quality, column in QUALITY_FIELDS.items()
        }
        practice, created = row_get_or_create(
            summary,
            BestPractice,
            {"slug": slugify(spec["title"])},
            host_province=visit.host_province,
            host_agency=agencies[spec["host_agency"]],
            **fields,
            **qualities,
        )
        if created:
            practice.sectors.set(_sectors(spec["sectors"]))
        row_ensure(
            summary,
            PracticeObservation,
            {"practice": practice, "visit": visit},
            notes=notes,
        )
        practices[key] = practice
    return practices


def _sectors(codes: list[str]) -> list[Sector]:
    sectors = list(Sector.objects.filter(code__in=codes))
    if len(sectors) != len(codes):
        # The sectors come from a data migration: a missing one means the code list drifted.
        raise LookupError(f"Unknown sector codes among {codes}.")
    return sectors
