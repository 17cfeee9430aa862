"""``manage.py backup``: a full, consistent backup of the database, to restore with ``restore``.

PostgreSQL: ``pg_dump`` in its custom format. SQLite: a copy made with SQLite's online backup
API, safe while the server runs. ``--keep N`` then deletes all but the newest N backups.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext, ngettext

from tooling.backup import BackupError, backup_path, backups_prune, database_backup, table_counts


class Command(BaseCommand):
    help = (
        "Back up the whole database: pg_dump on PostgreSQL, a consistent copy on SQLite. "
        "Without --output the file goes to LOKUS_BACKUP_DIR as lokus-<date>-<time>.dump "
        "(or .sqlite3)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="File to write the backup to.")
        parser.add_argument(
            "--keep",
            type=int,
            help="Afterwards delete all but the newest KEEP backups in LOKUS_BACKUP_DIR.",
        )
        parser.add_argument("--database", default="default", help="Database alias to back up.")

    def handle(self, *args, output, keep, database, **options):
        if keep is not None and keep < 1:
            raise CommandError(gettext("--keep must be 1 or more."))
        counts = table_counts(alias=database)
        if not counts.rows:
            raise CommandError(
                gettext(
                    "Nothing backed up: the database %(name)s has no tables. "
                    "Is DATABASE_URL set in this environment?"
                )
                % {"name": connections[database].settings_dict["NAME"]}
            )
        try:
            path = database_backup(output=output or backup_path(alias=database), alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Backup written to %(path)s (%(size)d bytes).")
                % {"path": path, "size": path.stat().st_size}
            )
        )
        self.stdout.write(
            ngettext(
                "%(rows)d row in %(tables)d table.",
                "%(rows)d rows in %(tables)d tables.",
                counts.total,
            )
            % {"rows": counts.total, "tables": len(counts.rows)}
        )
        if keep is not None:
            for deleted in backups_prune(keep=keep):
                self.stdout.write(gettext("Deleted old backup %(path)s.") % {"path": deleted})
