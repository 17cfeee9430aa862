"""``manage.py restore FILE``: replace the whole database with a backup made by ``backup``.

Everything in the database is replaced, so a database that holds data is only overwritten
after a typed "yes", or with ``--yes`` when no one is at the keyboard.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, ngettext

from tooling.backup import BackupError, database_restore, table_counts


class Command(BaseCommand):
    help = (
        "Restore the whole database from FILE, a backup made by `manage.py backup`. "
        "Everything in the database is replaced; a database with data needs --yes "
        "(or a typed 'yes')."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Replace a database that holds data without asking.",
        )
        parser.add_argument("--database", default="default", help="Database alias to restore.")

    def handle(self, *args, file, yes, database, **options):
        if not file.is_file():
            raise CommandError(gettext("No backup file at %(path)s.") % {"path": file})
        before = table_counts(alias=database)
        if before.has_data and not yes and not self.confirmed(before.total):
            raise CommandError(
                ngettext(
                    "Nothing restored: the database holds %(rows)d row that the backup would "
                    "replace. Run again with --yes to replace it.",
                    "Nothing restored: the database holds %(rows)d rows that the backup would "
                    "replace. Run again with --yes to replace them.",
                    before.total,
                )
                % {"rows": before.total}
            )
        try:
            database_restore(source=file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        after = table_counts(alias=database)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Restored %(path)s: the database now holds %(rows)d row in %(tables)d "
                    "tables (it held %(before)d).",
                    "Restored %(path)s: the database now holds %(rows)d rows in %(tables)d "
                    "tables (it held %(before)d).",
                    after.total,
                )
                % {
                    "path": file,
                    "rows": after.total,
                    "tables": len(after.rows),
                    "before": before.total,
                }
            )
        )

    def confirmed(self, rows: int) -> bool:
        """Ask at an interactive terminal; anywhere else the answer is no."""
        if not sys.stdin.isatty():
            return False
        answer = input(
            ngettext(
                "The database holds %(rows)d row; it will be replaced. Type 'yes': ",
                "The database holds %(rows)d rows; all will be replaced. Type 'yes': ",
                rows,
            )
            % {"rows": rows}
        )
        return answer.strip().lower() == "yes"
