"""Back up and restore the whole database: ``pg_dump``/``pg_restore`` on PostgreSQL, SQLite's
online backup API on SQLite (a consistent copy even while the server writes).

The connection comes from ``settings.DATABASES``; a PostgreSQL password travels in the
environment of the child process, never on its command line.
"""

import os
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

BACKUP_PREFIX = "lokus-"
EXTENSIONS = {"postgresql": "dump", "sqlite": "sqlite3"}


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


@dataclass(frozen=True)
class TableCounts:
    """The number of rows in each table of a database, to report and compare."""

    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    @property
    def has_data(self) -> bool:
        return self.total > 0


def vendor_of(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in EXTENSIONS:
        raise BackupError(
            _("Backups support PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def backup_path(*, alias: str = "default", moment: datetime | None = None) -> Path:
    """Where a backup taken now goes: ``LOKUS_BACKUP_DIR/lokus-<date>-<time>.<ext>``."""
    moment = timezone.localtime(moment or timezone.now())
    name = f"{BACKUP_PREFIX}{moment:%Y%m%d-%H%M%S}.{EXTENSIONS[vendor_of(alias)]}"
    return Path(settings.LOKUS_BACKUP_DIR) / name


def table_counts(*, alias: str = "default") -> TableCounts:
    """Rows in every table of the database ``alias`` (Django's and the apps' alike)."""
    connection = connections[alias]
    if (
        connection.vendor == "sqlite"
        and not connection.is_in_memory_db()
        and not Path(connection.settings_dict["NAME"]).is_file()
    ):
        return TableCounts(rows={})  # connecting would create an empty file
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        rows = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            rows[name] = cursor.fetchone()[0]
    return TableCounts(rows=rows)


def postgres_environment(database: dict) -> dict[str, str]:
    """libpq's variables for ``database`` (a ``DATABASES`` entry), added to this environment."""
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if database.get(key):
            env[variable] = str(database[key])
    return env


def run_tool(command: list[str], *, database: dict) -> None:
    try:
        result = subprocess.run(
            command,
            env=postgres_environment(database),
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise BackupError(
            _("%(tool)s is not installed (it comes with PostgreSQL).") % {"tool": command[0]}
        ) from None
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s failed: %(error)s") % {"tool": command[0], "error": result.stderr.strip()}
        )


def database_backup(*, output: Path, alias: str = "default") -> Path:
    """Write a full backup of database ``alias`` to ``output`` and return its path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if vendor_of(alias) == "postgresql":
        run_tool(
            ["pg_dump", "--format=custom", f"--file={output}"],
            database=connections[alias].settings_dict,
        )
    else:
        connection = connections[alias]
        connection.ensure_connection()
        target = sqlite3.connect(output)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    # A backup holds personal data (names, NIPs): readable by its owner only.
    output.chmod(0o600)
    return output


def database_restore(*, source: Path, alias: str = "default", database: dict | None = None):
    """Replace the content of database ``alias`` (or of ``database``, a ``DATABASES`` entry of
    PostgreSQL) with the backup ``source``, in one transaction."""
    if not source.is_file():
        raise BackupError(_("No backup file at %(path)s.") % {"path": source})
    if database is not None or vendor_of(alias) == "postgresql":
        target = database or connections[alias].settings_dict
        connections[alias].close()
        run_tool(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={target['NAME']}",
                str(source),
            ],
            database=target,
        )
        return
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        backup.execute("SELECT COUNT(*) FROM sqlite_master")
        connection = connections[alias]
        connection.ensure_connection()
        backup.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("%(path)s is not a SQLite backup: %(error)s") % {"path": source, "error": error}
        ) from None
    finally:
        backup.close()


def backups_prune(*, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups in ``LOKUS_BACKUP_DIR``; return the deleted."""
    folder = Path(settings.LOKUS_BACKUP_DIR)
    backups = sorted(
        (path for path in folder.glob(f"{BACKUP_PREFIX}*") if path.is_file()),
        key=lambda path: path.name,
        reverse=True,
    )
    deleted = backups[keep:]
    for path in deleted:
        path.unlink()
    return deleted
