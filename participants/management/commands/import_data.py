"""``manage.py import_data KIND FILE``: the admin's spreadsheet import, from the command line.

``participants FILE --cohort ID``, ``facilitators FILE --institution ID``,
``cohorts FILE --institution ID`` or ``practices FILE``; ``--dry-run`` checks every row and writes nothing. It prints each error
with its row and column, then the summary, and exits non-zero when any row has an error.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from benchmarking.imports import CohortImporter, import_run
from benchmarking.models import Cohort, Institution
from best_practices.imports import PracticeImporter
from participants.imports import FacilitatorImporter, ParticipantImporter


class Command(BaseCommand):
    help = (
        "Import participants (--cohort ID), facilitators or cohorts (--institution ID) or "
        "practices from an XLSX or CSV file; all rows or none are written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind", choices=("participants", "facilitators", "cohorts", "practices")
        )
        parser.add_argument("file", type=Path, help="An .xlsx or .csv file.")
        parser.add_argument("--cohort", type=int, help="The cohort's id (participants).")
        parser.add_argument(
            "--institution", type=int, help="The institution's id (facilitators, cohorts)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and write nothing."
        )

    def handle(self, *args, kind, file, cohort, institution, dry_run, **options):
        importer = self.importer(kind, cohort=cohort, institution=institution)
        if not file.is_file():
            raise CommandError(gettext("There is no file %(path)s.") % {"path": file})
        with file.open("rb") as stream:
            report = import_run(importer=importer, file=stream, filename=file.name, dry_run=dry_run)
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(report.summary)
        self.stdout.write(report.summary)

    def importer(self, kind: str, *, cohort: int | None, institution: int | None):
        if kind == "practices":
            return PracticeImporter()
        if kind == "participants":
            found = Cohort.objects.filter(pk=cohort).first() if cohort else None
            if found is None:
                raise CommandError(gettext("Give an existing cohort with --cohort ID."))
            return ParticipantImporter(cohort=found)
        found = Institution.objects.filter(pk=institution).first() if institution else None
        if found is None:
            raise CommandError(gettext("Give an existing institution with --institution ID."))
        if kind == "cohorts":
            return CohortImporter(institution=found)
        return FacilitatorImporter(institution=found)
