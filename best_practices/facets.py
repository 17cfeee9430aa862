"""The facets of the practices list, each defined once (after Django admin's
``SimpleListFilter``): its URL parameter, label, filter field, options, condition, bitsets
and the columns its counts depend on. The filter set, the facet index and the selectors loop
over ``FACETS`` instead of naming facets.

A facet's condition is on the practice table itself (relations through ``pk__in``
subqueries, never joins), so that conditions combine freely and a count can leave one facet
out without duplicating rows. Several values of one facet widen (OR); facets narrow (AND).
"""

from collections import defaultdict

import django_filters
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from benchmarking.models import Province, Visit
from best_practices.filter_fields import FacetModelFilter, YearFilter
from best_practices.models import (
    QUALITY_FIELDS,
    BestPractice,
    PracticeObservation,
    PracticeStatus,
    Sector,
    ServiceQuality,
    Stage,
)


class Digital(models.TextChoices):
    YES = "yes", _("Digital")
    NO = "no", _("Not digital")


class Proven(models.TextChoices):
    YES = "yes", _("Carried out by participants")


class Facet:
    """One facet. ``build`` reads its options and bitsets through the facet index's reader
    (``best_practices.facet_index.CatalogReader``); ``options`` labels them per request.
    """

    name: str
    label: str
    #: Columns of the practice row the index reads for this facet.
    columns: tuple[str, ...] = ()
    #: ``(model, field names or None for every field)`` of the other tables its counts read.
    related: tuple[tuple[type[models.Model], tuple[str, ...] | None], ...] = ()
    #: Fixed choices: every option is shown, even with no results.
    fixed = False
    #: The most options offered (the rest are counted as omitted), or None for all.
    limit: int | None = None

    def filter(self) -> django_filters.Filter:
        """A new filter for the filter set (each filter set class holds its own)."""
        raise NotImplementedError

    def condition(self, values: list) -> Q:
        """The practices with any of ``values`` (as the filter field cleans them)."""
        raise NotImplementedError

    def build(self, reader) -> tuple[list[tuple], dict[str, int]]:
        """The options as the index keeps them, and the bitset of each option's value."""
        raise NotImplementedError

    def kept_after_catch_up(self, kept: list[tuple], bits: dict[str, int]) -> list[tuple]:
        """What the index keeps of the options after it caught up with changed practices:
        ``kept`` is ``build``'s from those practices alone, ``bits`` every practice's bitsets.
        The options read from their own tables (provinces, sectors, visits) are all there.
        """
        return kept

    def options(self, kept: list[tuple]) -> list[tuple[str, str]]:
        """``(value, label)`` of every option, in the sidebar's order, from what ``build`` kept."""
        return kept

    def value(self, selected) -> str:
        """The option value of a cleaned value of the filter field."""
        return str(selected)

    def label_of(self, selected) -> str:
        """The label of a cleaned value that the index has no option for."""
        return str(selected)

    def depends_on(self) -> list[tuple[type[models.Model], tuple[str, ...] | None]]:
        """The models and fields whose changes change this facet's counts."""
        return [(BestPractice, self.columns), *self.related]


class ProvinceFacet(Facet):
    name = "province"
    label = _("Host province")
    columns = ("host_province",)
    related = ((Province, ("code", "name")),)

    def filter(self):
        return FacetModelFilter(
            label=self.label, queryset=Province.objects.all(), to_field_name="code"
        )

    def condition(self, values):
        return Q(host_province__in=[province.pk for province in values])

    def build(self, reader):
        provinces = reader.read(Province.objects.order_by("name").values_list("pk", "code", "name"))
        codes = {pk: code for pk, code, _name in provinces}
        bits = reader.column_bits("host_province")
        options = [(code, name) for _pk, code, name in provinces]
        return options, {codes.get(pk, ""): found for pk, found in bits.items()}

    def value(self, selected):
        return selected.code


class SectorFacet(Facet):
    name = "sector"
    label = _("Sector")
    related = ((BestPractice.sectors.through, None), (Sector, None))

    def filter(self):
        return FacetModelFilter(
            label=self.label, queryset=Sector.objects.all(), to_field_name="code"
        )

    def condition(self, values):
        tagged = BestPractice.sectors.through.objects.filter(
            sector__in=[sector.pk for sector in values]
        )
        return Q(pk__in=tagged.values("bestpractice_id"))

    def build(self, reader):
        sectors = reader.read(
            Sector.objects.order_by("order", "name").values_list("pk", "code", "name", "name_en")
        )
        codes = {pk: code for pk, code, *_names in sectors}
        bits = reader.relation_bits(
            BestPractice.sectors.through.objects.all(), "sector_id", "bestpractice_id"
        )
        options = [(code, name, name_en) for _pk, code, name, name_en in sectors]
        return options, {codes.get(pk, ""): found for pk, found in bits.items()}

    def options(self, kept):
        # Sector.display_name's rule, in the active language, without building a Sector for
        # each of the 37 options of every page.
        name_in_language = Sector.name_in_language
        return [(code, name_in_language(name, name_en)) for code, name, name_en in kept]

    def value(self, selected):
        return selected.code

    def label_of(self, selected):
        return selected.display_name


def _visits(reader) -> list[tuple]:
    """Every visit, the latest first (read once for the visit and the year facets)."""
    return reader.read(
        Visit.objects.order_by("-start_date", "-pk").values_list("pk", "title", "start_date")
    )


def _visit_bits(reader) -> dict[int, int]:
    """The practices observed on each visit, by visit id (read once for both facets)."""
    return reader.relation_bits(PracticeObservation.objects.all(), "visit_id", "practice_id")


class VisitFacet(Facet):
    name = "visit"
    label = _("Visit")
    related = ((PracticeObservation, None), (Visit, ("title", "start_date")))
    #: A visit's own page links to all its practices; the sidebar offers the latest.
    limit = 30

    def filter(self):
        return FacetModelFilter(label=self.label, queryset=Visit.objects.all())

    def condition(self, values):
        observed = PracticeObservation.objects.filter(visit__in=[visit.pk for visit in values])
        return Q(pk__in=observed.values("practice_id"))

    def build(self, reader):
        by_visit = _visit_bits(reader)
        options = [(str(pk), title) for pk, title, _start_date in _visits(reader)]
        return options, {str(pk): bits for pk, bits in by_visit.items()}

    def value(self, selected):
        return str(selected.pk)


class YearFacet(Facet):
    """The year a practice was observed: the union of that year's visits, so a practice
    observed twice in one year counts once."""

    name = "year"
    label = _("Year observed")
    related = ((PracticeObservation, None), (Visit, ("start_date",)))

    def filter(self):
        return YearFilter(label=self.label)

    def condition(self, values):
        observed = PracticeObservation.objects.filter(visit__start_date__year__in=values)
        return Q(pk__in=observed.values("practice_id"))

    def build(self, reader):
        by_visit = _visit_bits(reader)
        bits = defaultdict(int)
        for pk, _title, start_date in _visits(reader):
            if pk in by_visit:
                bits[str(start_date.year)] |= by_visit[pk]
        return [(year, year) for year in sorted(bits, reverse=True)], dict(bits)

    def kept_after_catch_up(self, kept, bits):
        # The years come from the practices: every year some practice is still observed in.
        return [(year, year) for year in sorted(bits, reverse=True) if bits[year]]


class ChoiceFacet(Facet):
    """A facet of fixed choices stored in one column of the practice."""

    fixed = True
    choices: list[tuple[str, str]]

    def filter(self):
        return django_filters.MultipleChoiceFilter(label=self.label, choices=self.choices)

    def condition(self, values):
        return Q(**{f"{self.columns[0]}__in": values})

    def build(self, reader):
        return [], reader.column_bits(self.columns[0])

    def options(self, kept):
        return [(value, str(label)) for value, label in self.choices]

    def label_of(self, selected):
        return str(dict(self.choices).get(selected, selected))


class StageFacet(ChoiceFacet):
    name = "stage"
    label = _("Stage")
    columns = ("stage",)
    choices = Stage.choices


class DigitalFacet(ChoiceFacet):
    name = "digital"
    label = _("Digital")
    columns = ("is_digital",)
    choices = Digital.choices

    def condition(self, values):
        # Both options chosen: every practice, so no condition at all.
        if len(set(values)) != 1:
            return Q()
        return Q(is_digital=values[0] == Digital.YES)

    def build(self, reader):
        digital = reader.flags("is_digital")
        return [], {Digital.YES.value: digital, Digital.NO.value: reader.everything & ~digital}


class QualityFacet(ChoiceFacet):
    name = "quality"
    label = _("Public-service quality")
    columns = tuple(QUALITY_FIELDS.values())
    choices = ServiceQuality.choices

    def condition(self, values):
        condition = Q()
        for value in values:
            condition |= Q(**{QUALITY_FIELDS[ServiceQuality(value)]: True})
        return condition

    def build(self, reader):
        return [], {quality.value: reader.flags(field) for quality, field in QUALITY_FIELDS.items()}


class StatusFacet(ChoiceFacet):
    name = "status"
    label = _("Status")
    columns = ("status",)
    choices = PracticeStatus.choices


class ProvenFacet(ChoiceFacet):
    """Practices proven in practice: adapted by at least one change proposal that was carried
    out (``proven_adaptation_count``, kept by ``participants.proof``)."""

    name = "proven"
    label = _("Proven in practice")
    columns = ("proven_adaptation_count",)
    choices = Proven.choices

    def condition(self, values):
        return Q(proven_adaptation_count__gt=0)

    def build(self, reader):
        proven = 0
        for count, found in reader.column_bits("proven_adaptation_count").items():
            if count:
                proven |= found
        return [], {Proven.YES.value: proven}


#: The facets, in the order the sidebar shows them.
FACETS = (
    ProvinceFacet(),
    SectorFacet(),
    VisitFacet(),
    YearFacet(),
    StageFacet(),
    DigitalFacet(),
    QualityFacet(),
    StatusFacet(),
    ProvenFacet(),
)
