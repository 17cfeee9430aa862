"""The ground floor: provinces, training institutions, cohorts, visits and their parts.

This app imports neither ``best_practices`` nor ``participants``; they reach it through
foreign keys, and it reaches them only through reverse relations.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from benchmarking.choice_labels import ChoiceLabels
from benchmarking.querysets import ProvinceQuerySet, VisitQuerySet
from benchmarking.reversed_urls import url_maker, url_with

#: The years a cohort, a visit or a practice may carry: independence to the end of the century.
FIRST_YEAR, LAST_YEAR = 1945, 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
#: The longest text a long text field takes (about four pages); forms refuse more.
LONG_TEXT_LENGTH = 10_000


def validate_plausible_date(value) -> None:
    """A date of a cohort or visit lies in the years Lokus records."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Enter a date between the years 1945 and 2100."),
            code="implausible_date",
            params={"value": value},
        )


class Province(models.Model):
    """One of Indonesia's 38 provinces, keyed by its Kemendagri code."""

    code = models.CharField(
        _("Kemendagri code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", _("The code is two digits."), code="invalid_code")],
    )
    name = models.CharField(_("name"), max_length=100, unique=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # A province's page links every province two or three times (its map and its flows
        # of ideas): about a hundred URLs, reversed once each (benchmarking.reversed_urls).
        return url_with("benchmarking:province-detail", "code", self.code)

    @staticmethod
    def url_maker() -> Callable[[str], str]:
        """The URL of a province's page from its code, for many provinces (a map, a table)."""
        return url_maker("benchmarking:province-detail", "code")


class Institution(models.Model):
    """A training organizer (lembaga penyelenggara), e.g. BPSDM Provinsi Lampung."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="institutions",
    )
    # The staff who keep this institution's data in the admin (see ``benchmarking.admin``).
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizers"),
        related_name="organized_institutions",
        blank=True,
    )

    class Meta:
        verbose_name = _("training institution")
        verbose_name_plural = _("training institutions")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Program(models.TextChoices):
    DIKLATPIM_IV = "diklatpim_iv", _("Diklatpim Tingkat IV")
    PKP = "pkp", _("Pelatihan Kepemimpinan Pengawas")
    PKA = "pka", _("Pelatihan Kepemimpinan Administrator")
    PKN = "pkn", _("Pelatihan Kepemimpinan Nasional")


class Cohort(ChoiceLabels):
    """An angkatan: one run of a leadership-training program at an institution."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    program = models.CharField(
        _("program"), max_length=20, choices=Program.choices, default=Program.DIKLATPIM_IV
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("For example “Angkatan I”."))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    start_date = models.DateField(
        _("start date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, validators=[validate_plausible_date]
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-year", "institution__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "program", "name", "year"],
                name="cohort_unique_per_institution_program_year",
                violation_error_message=_(
                    "This institution already has a cohort with this program, name and year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="cohort_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.get_program_display()} {self.name} {self.year} – {self.institution}"


class HostAgency(models.Model):
    """A lokus: the host organization visited, e.g. an OPD of the host province."""

    name = models.CharField(_("name"), max_length=200)
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="host_agencies",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("host agency")
        verbose_name_plural = _("host agencies")
        ordering = ["province__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                name="host_agency_unique_per_province",
                violation_error_message=_(
                    "This province already has a host agency with this name."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.province})"


class Visit(models.Model):
    """A benchmarking visit (studi lapangan) of a cohort to a host province."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="visits"
    )
    host_province = models.ForeignKey(
        Province,
        verbose_name=_("host province"),
        on_delete=models.PROTECT,
        related_name="hosted_visits",
    )
    host_agencies = models.ManyToManyField(
        HostAgency,
        verbose_name=_("host agencies visited"),
        through="VisitHostAgency",
        related_name="visits",
        blank=True,
    )
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True, max_length=LONG_TEXT_LENGTH)
    start_date = models.DateField(_("start date"), validators=[validate_plausible_date])
    end_date = models.DateField(_("end date"), validators=[validate_plausible_date])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-start_date", "-pk"]
        # The newest visits (home, the visit list's first page) read in this order from an
        # index instead of sorting every visit.
        indexes = [models.Index(fields=["-start_date", "-id"], name="visit_newest_first")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="visit_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return url_with("benchmarking:visit-detail", "pk", self.pk)


class VisitHostAgency(models.Model):
    """A host agency visited on a visit; the agency cannot be deleted while visited."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="locus_links"
    )
    host_agency = models.ForeignKey(
        HostAgency,
        verbose_name=_("host agency"),
        on_delete=models.PROTECT,
        related_name="visit_links",
    )

    class Meta:
        verbose_name = _("host agency visited")
        verbose_name_plural = _("host agencies visited")
        ordering = ["host_agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "host_agency"],
                name="visit_host_agency_unique",
                violation_error_message=_("This host agency is already listed for this visit."),
            ),
        ]

    def __str__(self):
        return str(self.host_agency)


class OfficialSide(models.TextChoices):
    HOST = "host", _("Host side")
    VISITING = "visiting", _("Visiting side")


class VisitOfficial(ChoiceLabels):
    """An official (pejabat / narasumber) who spoke at a visit, from either side."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="officials"
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=250)
    side = models.CharField(_("side"), max_length=10, choices=OfficialSide.choices)
    remarks = models.TextField(_("remarks"), blank=True, max_length=LONG_TEXT_LENGTH)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("visit official")
        verbose_name_plural = _("visit officials")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.name}, {self.position}"


class VisitGroup(models.Model):
    """A kelompok: participants sent to one locus, who write a group report."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.PROTECT, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=100)
    host_agency = models.ForeignKey(
        HostAgency,
        verbose_name=_("locus"),
        on_delete=models.PROTECT,
        related_name="visit_groups",
        null=True,
        blank=True,
    )
    report = models.TextField(
        _("group report"),
        blank=True,
        max_length=LONG_TEXT_LENGTH,
        help_text=_("Lessons learned."),
    )

    class Meta:
        verbose_name = _("visit group")
        verbose_name_plural = _("visit groups")
        ordering = ["visit", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "name"],
                name="visit_group_unique_name",
                violation_error_message=_("This visit already has a group with this name."),
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.visit}"
