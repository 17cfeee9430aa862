"""Importing a spreadsheet of records: each row checked, previewed, and written all or nothing.

Each kind of record is an ``Importer`` in the app whose model it writes: cohorts here,
participants and facilitators in ``participants.imports``, practices in
``best_practices.imports``. ``import_run`` reads the rows in chunks, checks each row's cells and its
natural key, and says for each row whether it is new, an update, or unchanged (skipped), with
every error by row number and column. Nothing is written while any row has an error, nor in a
dry run: the whole import runs in one transaction.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from benchmarking.models import FIRST_YEAR, LAST_YEAR, Cohort, Institution, Program
from benchmarking.page_cache import pages_invalidate
from benchmarking.spreadsheets import Column, SpreadsheetError, records_read


class RowAction(models.TextChoices):
    NEW = "new", _("new")
    UPDATE = "update", _("update")
    SKIP = "skip", _("skip (unchanged)")
    ERROR = "error", _("error")


@dataclass(frozen=True)
class ImportColumn(Column):
    """A column with the form field that checks and converts its cell."""

    field: forms.Field | None = None


class RowInvalid(Exception):
    """A row's cells cannot be imported: ``errors`` holds (column header, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class RowError:
    """An error of one row (``row`` 1 is the header row), in one column when ``column``."""

    row: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return gettext("Row %(row)d, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return gettext("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class RowOutcome:
    """What the import does with one row: its number, its action and what it names."""

    row: int
    action: RowAction
    label: str


@dataclass
class ImportReport:
    """The outcome of an import or a dry run, row by row."""

    dry_run: bool
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: The natural keys met so far, so that a key twice in the file is an error.
    keys: set = field(default_factory=set, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def count(self, action: RowAction) -> int:
        return sum(1 for outcome in self.rows if outcome.action == action)

    @property
    def summary(self) -> str:
        """One line: how many rows are new, updated, unchanged and wrong, and what was done."""
        counts = {
            "new": self.count(RowAction.NEW),
            "update": self.count(RowAction.UPDATE),
            "skip": self.count(RowAction.SKIP),
            "error": len(self.errors),
        }
        line = (
            ngettext(
                "%(new)d new, %(update)d updated, %(skip)d unchanged, %(error)d error.",
                "%(new)d new, %(update)d updated, %(skip)d unchanged, %(error)d errors.",
                counts["error"],
            )
            % counts
        )
        if self.errors:
            outcome = gettext("Nothing was imported; correct the errors and import again.")
        elif self.dry_run:
            outcome = gettext("Dry run: nothing was written.")
        else:
            outcome = gettext("The import is saved.")
        return f"{line} {outcome}"

    def messages(self) -> list[str]:
        """The errors, then the summary: what the admin and the command say."""
        return [str(error) for error in self.errors] + [self.summary]


class Importer:
    """One kind of record to import. A subclass gives the columns and the natural key, and
    reads and writes a chunk of rows at a time, so that the queries do not grow per row."""

    columns: tuple[ImportColumn, ...] = ()
    chunk_size = 500

    def clean(self, values: dict) -> tuple[object, dict]:
        """The row's natural key and data, from its cells checked by the columns' fields.
        Raise ``RowInvalid`` for a row that breaks a rule of this kind."""
        raise NotImplementedError

    def label(self, key, data: dict) -> str:
        return str(key)

    def existing(self, keys: list) -> dict:
        """The stored records of ``keys``, by key."""
        raise NotImplementedError

    def refusal(self, record, data: dict) -> list[tuple[str, str]]:
        """Why this row may not create a record or update the stored ``record`` (``None``
        when new): (column header, message) pairs, none by default."""
        return []

    def changed(self, record, data: dict) -> bool:
        return any(getattr(record, name) != value for name, value in data.items())

    def write(self, *, new: list[tuple[object, dict]], updated: list[tuple[object, dict]]):
        """Create the ``new`` (key, data) rows and update the ``updated`` (record, data)."""
        raise NotImplementedError

    def template_rows(self) -> list[list[str]]:
        """The header row of the template to download."""
        return [[column.header for column in self.columns]]


def import_run(*, importer: Importer, file, filename: str, dry_run: bool) -> ImportReport:
    """Import the rows of ``file`` with ``importer``; nothing is written if any row has an
    error or when ``dry_run``."""
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        try:
            records = records_read(file, filename=filename, columns=importer.columns)
            for chunk in _chunks(records, importer.chunk_size):
                _import_chunk(importer, chunk, report)
        except SpreadsheetError as error:
            report.errors.append(RowError(row=1, column="", message=str(error)))
        if not report.written:
            transaction.set_rollback(True)
        else:
            # New profiles and cohort members: pages kept before (home's panels) are dropped.
            pages_invalidate()
    return report


def _chunks(records: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(records, size)):
        yield chunk


def _import_chunk(importer: Importer, chunk: list, report: ImportReport) -> None:
    seen = report.keys
    cleaned = []
    for number, values in chunk:
        try:
            key, data = _clean_row(importer, values)
        except RowInvalid as invalid:
            _fail(report, number, invalid.errors)
            continue
        if key in seen:
            message = gettext("%(key)s appears more than once in the file.") % {
                "key": importer.label(key, data)
            }
            _fail(report, number, [(importer.columns[0].header, message)])
            continue
        seen.add(key)
        cleaned.append((number, key, data))
    stored = importer.existing([key for _number, key, _data in cleaned])
    new, updated = [], []
    for number, key, data in cleaned:
        record = stored.get(key)
        if refused := importer.refusal(record, data):
            _fail(report, number, refused)
            continue
        if record is None:
            action = RowAction.NEW
            new.append((key, data))
        elif importer.changed(record, data):
            action = RowAction.UPDATE
            updated.append((record, data))
        else:
            action = RowAction.SKIP
        report.rows.append(RowOutcome(row=number, action=action, label=importer.label(key, data)))
    if report.ok and not report.dry_run and (new or updated):
        importer.write(new=new, updated=updated)


def _clean_row(importer: Importer, values: dict) -> tuple[object, dict]:
    errors, cleaned = [], {}
    for column in importer.columns:
        value = values.get(column.name, "")
        if column.field is None:
            cleaned[column.name] = value
            continue
        try:
            cleaned[column.name] = column.field.clean(value)
        except ValidationError as error:
            errors.extend((column.header, message) for message in error.messages)
    if errors:
        raise RowInvalid(errors)
    return importer.clean(cleaned)


def _fail(report: ImportReport, number: int, errors: Iterable[tuple[str, str]]) -> None:
    report.rows.append(RowOutcome(row=number, action=RowAction.ERROR, label=""))
    report.errors.extend(RowError(row=number, column=c, message=m) for c, m in errors)


#: The ways a program cell may name a program: its code, its label, its short name.
PROGRAM_WORDS = {
    **{program.value: program for program in Program},
    **{str(program.label).casefold(): program for program in Program},
    "diklatpim iv": Program.DIKLATPIM_IV,
    "pkp": Program.PKP,
    "pka": Program.PKA,
    "pkn": Program.PKN,
}
DATE_FORMATS = ["%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y"]

COHORT_NAME = ImportColumn(
    "name", ("Nama", "Name"), required=True, field=forms.CharField(max_length=100)
)
PROGRAM = ImportColumn("program", ("Program",), required=True, field=forms.CharField())
COHORT_YEAR = ImportColumn(
    "year",
    ("Tahun", "Year"),
    required=True,
    field=forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR),
)
START = ImportColumn(
    "start_date",
    ("Tanggal mulai", "Start date"),
    field=forms.DateField(required=False, input_formats=DATE_FORMATS),
)
END = ImportColumn(
    "end_date",
    ("Tanggal selesai", "End date"),
    field=forms.DateField(required=False, input_formats=DATE_FORMATS),
)


class CohortImporter(Importer):
    """The cohorts of one institution, known by program, name and year."""

    columns = (COHORT_NAME, PROGRAM, COHORT_YEAR, START, END)

    def __init__(self, *, institution: Institution):
        self.institution = institution

    def clean(self, values):
        program = PROGRAM_WORDS.get(" ".join(values["program"].split()).casefold())
        if program is None:
            message = gettext("The program is one of %(programs)s, not “%(value)s”.") % {
                "programs": ", ".join(str(p.label) for p in Program),
                "value": values["program"],
            }
            raise RowInvalid([(PROGRAM.header, message)])
        start, end = values["start_date"], values["end_date"]
        if start and end and end < start:
            raise RowInvalid(
                [(END.header, gettext("The end date cannot be before the start date."))]
            )
        data = {"name": values["name"], "program": program, "year": values["year"]}
        key = (program.value, values["name"].casefold(), values["year"])
        return key, data | {"start_date": start, "end_date": end}

    def label(self, key, data):
        return f"{data['program'].label} {data['name']} {data['year']}"

    def existing(self, keys):
        names = {name for _program, name, _year in keys}
        found = (
            Cohort.objects.filter(institution=self.institution)
            .annotate(name_key=Lower("name"))
            .filter(name_key__in=names)
        )
        return {(cohort.program, cohort.name_key, cohort.year): cohort for cohort in found}

    def write(self, *, new, updated):
        Cohort.objects.bulk_create(
            Cohort(institution=self.institution, **data) for _key, data in new
        )
        for record, data in updated:
            for name, value in data.items():
                setattr(record, name, value)
        Cohort.objects.bulk_update(
            [record for record, _data in updated], ["name", "start_date", "end_date"]
        )
