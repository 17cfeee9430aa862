"""Best practices (praktik baik) observed on visits, classified by government affairs (sectors)."""

from collections.abc import Iterable
from functools import cached_property

from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from benchmarking.choice_labels import ChoiceLabels
from benchmarking.models import LONG_TEXT_LENGTH, YEAR_VALIDATORS, HostAgency, Province, Visit
from benchmarking.reversed_urls import url_with
from best_practices.querysets import BestPracticeQuerySet


class SectorKind(models.TextChoices):
    BASIC_MANDATORY = "basic", _("Mandatory affair, basic services")
    NON_BASIC_MANDATORY = "non_basic", _("Mandatory affair, non-basic services")
    OPTIONAL = "optional", _("Optional affair")
    SUPPORTING = "supporting", _("Supporting function")


class Sector(ChoiceLabels):
    """An urusan pemerintahan of UU 23/2014, or a supporting function of government."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Indonesian)"), max_length=150, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=SectorKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["order", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The sector's name in the active language (Indonesian is the legal name)."""
        return self.name_in_language(self.name, self.name_en)

    @staticmethod
    def name_in_language(name: str, name_en: str) -> str:
        """``name`` or, when English is active and there is one, ``name_en``."""
        if name_en and (get_language() or "id").startswith("en"):
            return name_en
        return name


class Stage(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    TRIAL = "trial", _("Trial")
    APPLIED = "applied", _("Applied")


class PracticeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DISCONTINUED = "discontinued", _("Discontinued")


class ServiceQuality(models.TextChoices):
    """The qualities of public service a practice improves (cepat, mudah, murah, ...)."""

    FAST = "fast", _("Fast")
    EASY = "easy", _("Easy")
    CHEAP = "cheap", _("Cheap")
    TRANSPARENT = "transparent", _("Transparent")
    ACCOUNTABLE = "accountable", _("Accountable")


#: Each quality is a boolean column, so that filtering and counting stay index-friendly.
QUALITY_FIELDS = {
    ServiceQuality.FAST: "improves_speed",
    ServiceQuality.EASY: "improves_ease",
    ServiceQuality.CHEAP: "improves_cost",
    ServiceQuality.TRANSPARENT: "improves_transparency",
    ServiceQuality.ACCOUNTABLE: "improves_accountability",
}


class BestPractice(ChoiceLabels):
    """A best practice or innovation of a host province, shared knowledge across visits."""

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=270, unique=True)
    summary = models.TextField(_("summary"), max_length=1000)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT_LENGTH)
    host_province = models.ForeignKey(
        Province,
        verbose_name=_("host province"),
        on_delete=models.PROTECT,
        related_name="best_practices",
    )
    host_agency = models.ForeignKey(
        HostAgency,
        verbose_name=_("host agency"),
        on_delete=models.PROTECT,
        related_name="best_practices",
        null=True,
        blank=True,
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="best_practices", blank=True
    )
    visits = models.ManyToManyField(
        Visit,
        verbose_name=_("observed on visits"),
        through="PracticeObservation",
        related_name="best_practices",
        blank=True,
    )
    year_started = models.PositiveSmallIntegerField(
        _("year started"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.APPLIED
    )
    is_digital = models.BooleanField(_("digital"), default=False)
    improves_speed = models.BooleanField(_("faster service"), default=False)
    improves_ease = models.BooleanField(_("easier service"), default=False)
    improves_cost = models.BooleanField(_("cheaper service"), default=False)
    improves_transparency = models.BooleanField(_("more transparent service"), default=False)
    improves_accountability = models.BooleanField(_("more accountable service"), default=False)
    key_to_success = models.TextField(_("key to success"), blank=True, max_length=LONG_TEXT_LENGTH)
    supporting_factors = models.TextField(
        _("supporting factors"), blank=True, max_length=LONG_TEXT_LENGTH
    )
    inhibiting_factors = models.TextField(
        _("inhibiting factors"), blank=True, max_length=LONG_TEXT_LENGTH
    )
    replication_prerequisites = models.TextField(
        _("replication prerequisites"), blank=True, max_length=LONG_TEXT_LENGTH
    )
    stakeholders = models.TextField(_("stakeholders"), blank=True, max_length=LONG_TEXT_LENGTH)
    outcomes = models.TextField(_("outcomes"), blank=True, max_length=LONG_TEXT_LENGTH)
    source_url = models.URLField(_("source link"), blank=True, max_length=500)
    status = models.CharField(
        _("status"), max_length=12, choices=PracticeStatus.choices, default=PracticeStatus.ACTIVE
    )
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    #: How many change proposals adapting this practice were carried out (see
    #: ``participants.proof``, which keeps it): the "proven" facet and sort order read it.
    proven_adaptation_count = models.PositiveIntegerField(
        _("proven adaptations"), default=0, editable=False
    )
    #: How many change proposals adapting this practice were approved (approved or any later
    #: status: the shared ones), kept by ``participants.proof`` as well: the count every viewer
    #: who reads only the shared proposals sees, in "most adapted" and on province pages.
    approved_adaptation_count = models.PositiveIntegerField(
        _("adaptations in approved proposals"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BestPracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["-created_at"], name="practice_created_idx"),
            # The "most proven" order: its first page without sorting the catalogue.
            models.Index(
                fields=["-proven_adaptation_count", "title", "id"], name="practice_proven_idx"
            ),
            # "Most adapted" for those who read only the shared proposals, likewise.
            models.Index(
                fields=["-approved_adaptation_count", "title", "id"], name="practice_approved_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # Reversed once and reused (twenty cards a page): benchmarking.reversed_urls.
        return url_with("best_practices:practice-detail", "slug", self.slug)

    @cached_property
    def sector_names(self) -> str:
        """Its sectors' names in the active language, joined by "; " (a card's line). Set for
        a whole list by ``load_sector_names``; read from the sectors otherwise."""
        return "; ".join(sector.display_name for sector in self.sectors.all())

    @classmethod
    def load_sector_names(cls, practices: Iterable["BestPractice"]) -> None:
        """Give each of ``practices`` its ``sector_names`` from one narrow query of the names.

        A ``prefetch_related("sectors")`` makes the same one query but builds a ``Sector``
        for every pair: a third of the cost of reading a page of cards.
        """
        by_pk = {practice.pk: practice for practice in practices}
        if not by_pk:
            return
        names: dict[int, list[str]] = {pk: [] for pk in by_pk}
        pairs = (
            cls.sectors.through.objects.filter(bestpractice_id__in=list(by_pk))
            .order_by(*(f"sector__{field}" for field in Sector._meta.ordering))
            .values_list("bestpractice_id", "sector__name", "sector__name_en")
        )
        for pk, name, name_en in pairs:
            names[pk].append(Sector.name_in_language(name, name_en))
        for pk, practice in by_pk.items():
            practice.sector_names = "; ".join(names[pk])

    @property
    def qualities(self) -> list[ServiceQuality]:
        """The public-service qualities this practice improves, in their canonical order."""
        return [quality for quality, field in QUALITY_FIELDS.items() if getattr(self, field)]


class PracticeObservation(models.Model):
    """A practice observed on a visit; a visit cannot be deleted while practices cite it."""

    practice = models.ForeignKey(
        BestPractice,
        verbose_name=_("best practice"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.PROTECT, related_name="observations"
    )
    notes = models.TextField(_("notes"), blank=True, max_length=LONG_TEXT_LENGTH)

    class Meta:
        verbose_name = _("observation on a visit")
        verbose_name_plural = _("observations on visits")
        ordering = ["-visit__start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "visit"],
                name="practice_observation_unique",
                violation_error_message=_("This practice is already recorded for this visit."),
            ),
        ]

    def __str__(self):
        return f"{self.practice} @ {self.visit}"


class CatalogVersion(models.Model):
    """One row whose token changes, in the same transaction, whenever anything the practices
    list counts changes: a practice's facet columns, its sectors or observations, or the
    provinces, sectors and visits that name the options. Database triggers write it
    (migration ``0005_catalog_version``), so bulk writes, raw SQL and the admin all count;
    ``best_practices.facet_index`` reads it to know whether its counts are still current.
    """

    token = models.CharField(_("token"), max_length=36)

    class Meta:
        verbose_name = _("catalog version")
        verbose_name_plural = _("catalog versions")

    def __str__(self):
        return self.token

    @classmethod
    def current_token(cls, using: str = "default") -> str | None:
        """The token now (the first row's; None without one), in one statement of its own.

        Every cached page and every practices list reads it first. Through the ORM the same
        read cost 435 µs against 191 µs for the round trip itself (bench data), a tenth of a
        page served from the cache.
        """
        quote = connections[using].ops.quote_name
        table, pk = quote(cls._meta.db_table), quote(cls._meta.pk.column)
        with connections[using].cursor() as cursor:
            cursor.execute(f"SELECT token FROM {table} ORDER BY {pk} LIMIT 1")
            row = cursor.fetchone()
        return row[0] if row else None
