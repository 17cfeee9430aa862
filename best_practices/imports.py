"""Importing best practices from a spreadsheet (a visit report's list of practices).

A practice is known by its title and host agency (in its province), so importing the same list
again updates or skips it. The host agency is named and created in its province when new;
sectors are named by their Indonesian or English name, or code, separated by semicolons.
"""

from django import forms
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from benchmarking.imports import ImportColumn, Importer, RowInvalid
from benchmarking.models import FIRST_YEAR, LAST_YEAR, HostAgency, Province
from best_practices.models import BestPractice, Sector

TITLE = ImportColumn(
    "title", ("Judul", "Title"), required=True, field=forms.CharField(max_length=250)
)
SUMMARY = ImportColumn(
    "summary", ("Ringkasan", "Summary"), required=True, field=forms.CharField(max_length=1000)
)
AGENCY = ImportColumn(
    "host_agency", ("Lokus", "Host agency"), required=True, field=forms.CharField(max_length=200)
)
PROVINCE = ImportColumn(
    "province", ("Kode provinsi", "Province code"), required=True, field=forms.CharField()
)
SECTORS = ImportColumn(
    "sectors", ("Urusan", "Urusan pemerintahan", "Sectors"), field=forms.CharField(required=False)
)
TEXTS = (
    ImportColumn(
        "description", ("Deskripsi", "Description"), field=forms.CharField(required=False)
    ),
    ImportColumn(
        "key_to_success",
        ("Kunci keberhasilan", "Key to success"),
        field=forms.CharField(required=False),
    ),
)
YEAR = ImportColumn(
    "year_started",
    ("Tahun mulai", "Year started"),
    field=forms.IntegerField(required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR),
)
SOURCE = ImportColumn(
    "source_url",
    ("Tautan sumber", "Source link"),
    field=forms.URLField(required=False, max_length=500, assume_scheme="https"),
)

#: The fields of a practice that a row sets directly.
PRACTICE_FIELDS = ("title", "summary", "description", "key_to_success", "year_started")


class PracticeImporter(Importer):
    """Best practices with their host agency, province and sectors."""

    columns = (TITLE, SUMMARY, AGENCY, PROVINCE, SECTORS, *TEXTS, YEAR, SOURCE)
    chunk_size = 200

    def __init__(self):
        self.provinces = {province.code: province for province in Province.objects.all()}
        self.sectors = {}
        for sector in Sector.objects.all():
            for name in (sector.name, sector.name_en, sector.code):
                if name:
                    self.sectors[name.casefold()] = sector

    def clean(self, values):
        province = self.provinces.get(values["province"].zfill(2))
        if province is None:
            message = gettext("There is no province with the code “%(code)s”.")
            raise RowInvalid([(PROVINCE.header, message % {"code": values["province"]})])
        names = [name.strip() for name in values["sectors"].split(";") if name.strip()]
        unknown = [name for name in names if name.casefold() not in self.sectors]
        if unknown:
            message = ngettext(
                "Unknown sector: %(names)s.", "Unknown sectors: %(names)s.", len(unknown)
            ) % {"names": ", ".join(unknown)}
            raise RowInvalid([(SECTORS.header, message)])
        data = {name: values[name] for name in PRACTICE_FIELDS}
        data["year_started"] = values["year_started"]
        data["source_url"] = values["source_url"]
        data["province"] = province
        data["agency_name"] = values["host_agency"]
        data["sectors"] = {self.sectors[name.casefold()] for name in names}
        key = (values["title"].casefold(), province.code, values["host_agency"].casefold())
        return key, data

    def label(self, key, data):
        return f"{data['title']} ({data['agency_name']})"

    def existing(self, keys):
        titles = {title for title, _code, _agency in keys}
        found = (
            BestPractice.objects.annotate(title_key=Lower("title"))
            .filter(title_key__in=titles, host_agency__isnull=False)
            .select_related("host_agency__province")
            .prefetch_related("sectors")
        )
        return {
            (p.title.casefold(), p.host_agency.province.code, p.host_agency.name.casefold()): p
            for p in found
        }

    def changed(self, record, data):
        fields = (*PRACTICE_FIELDS, "source_url")
        return any(getattr(record, name) != data[name] for name in fields) or set(
            record.sectors.all()
        ) != set(data["sectors"])

    def write(self, *, new, updated):
        for _key, data in new:
            practice = BestPractice(
                slug=self._unique_slug(data["title"]),
                host_province=data["province"],
                host_agency=self._agency(data),
            )
            self._save(practice, data)
        for record, data in updated:
            self._save(record, data)

    def _save(self, practice: BestPractice, data: dict) -> None:
        for name in (*PRACTICE_FIELDS, "source_url"):
            setattr(practice, name, data[name])
        practice.save()
        practice.sectors.set(data["sectors"])

    def _agency(self, data: dict) -> HostAgency:
        agency = HostAgency.objects.filter(
            province=data["province"], name__iexact=data["agency_name"]
        ).first()
        return agency or HostAgency.objects.create(
            province=data["province"], name=data["agency_name"]
        )

    def _unique_slug(self, title: str) -> str:
        base = slugify(title)[:250] or "praktik"
        slug, number = base, 1
        while BestPractice.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug
