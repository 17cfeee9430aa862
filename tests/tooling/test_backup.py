"""``manage.py backup`` and ``restore``: every row comes back, and nothing is overwritten by
surprise. PostgreSQL goes through pg_dump/pg_restore, SQLite through its online backup API."""

import os
import sqlite3
import subprocess
import sys
from io import StringIO

import psycopg2
import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from best_practices.models import BestPractice
from tests.factories import BestPracticeFactory, ChangeProposalFactory, PracticeAdaptationFactory
from tooling.backup import table_counts

pytestmark = pytest.mark.django_db(transaction=True)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite copy is for the SQLite database"
)


@pytest.fixture
def knowledge_base():
    """Rows in many tables: practices, a proposal that adapts one, its people and visit."""
    practices = BestPracticeFactory.create_batch(3)
    PracticeAdaptationFactory(proposal=ChangeProposalFactory(), practice=practices[0])
    return practices


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@on_sqlite
def test_a_sqlite_backup_holds_every_row_of_every_table(knowledge_base, tmp_path):
    output = tmp_path / "lokus.sqlite3"

    printed = run("backup", f"--output={output}")

    expected = table_counts()
    copy = sqlite3.connect(output)
    copied = {
        name: copy.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in expected.rows
    }
    copy.close()
    assert copied == expected.rows
    assert expected.rows["best_practices_bestpractice"] == 3
    assert f"Cadangan ditulis ke {output}" in printed
    assert output.stat().st_mode & 0o777 == 0o600


def test_restore_brings_back_every_row_that_was_deleted(knowledge_base, tmp_path):
    output = tmp_path / "lokus.backup"
    run("backup", f"--output={output}")
    before = table_counts()
    BestPractice.objects.exclude(pk=knowledge_base[0].pk).delete()

    printed = run("restore", str(output), "--yes")

    assert table_counts() == before
    assert BestPractice.objects.count() == 3
    assert f"Dipulihkan dari {output}" in printed


def test_restore_refuses_to_replace_data_without_yes(knowledge_base, tmp_path):
    output = tmp_path / "lokus.backup"
    run("backup", f"--output={output}")
    BestPractice.objects.exclude(pk=knowledge_base[0].pk).delete()
    before = table_counts()

    with pytest.raises(CommandError) as refusal:
        run("restore", str(output))

    assert "Tidak ada yang dipulihkan" in str(refusal.value)
    assert "--yes" in str(refusal.value)
    assert table_counts() == before


def test_restore_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="Tidak ada berkas cadangan di"):
        run("restore", str(tmp_path / "nowhere.dump"), "--yes")


def test_restore_of_a_file_that_is_no_backup_changes_nothing(knowledge_base, tmp_path):
    bogus = tmp_path / "notes.dump"
    bogus.write_text("not a backup\n" * 100)
    before = table_counts()

    with pytest.raises(CommandError):
        run("restore", str(bogus), "--yes")

    assert table_counts() == before


def test_backups_go_to_the_backup_folder_and_keep_prunes_the_oldest(settings, tmp_path):
    settings.LOKUS_BACKUP_DIR = tmp_path
    for name in ["lokus-20260101-010000.old", "lokus-20260102-010000.old"]:
        (tmp_path / name).write_text("old")

    printed = run("backup", "--keep=2")

    kept = sorted(path.name for path in tmp_path.iterdir())
    assert len(kept) == 2
    assert kept[0] == "lokus-20260102-010000.old"
    assert kept[1].startswith("lokus-2")
    assert kept[1].endswith(".dump" if connection.vendor == "postgresql" else ".sqlite3")
    assert (tmp_path / kept[1]).stat().st_mode & 0o777 == 0o600
    assert "lokus-20260101-010000.old" in printed


def test_keep_must_be_positive():
    with pytest.raises(CommandError, match="--keep"):
        run("backup", "--keep=0")


@pytest.fixture
def fresh_postgresql_database():
    """An empty database beside the test database, dropped afterwards."""
    settings_dict = dict(connection.settings_dict)
    name = f"{settings_dict['NAME']}_restore"
    admin = psycopg2.connect(
        dbname="postgres",
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield {**settings_dict, "NAME": name}
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def postgresql_counts(database: dict) -> dict[str, int]:
    fresh = psycopg2.connect(
        dbname=database["NAME"],
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
    )
    with fresh.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        names = sorted(row[0] for row in cursor.fetchall())
        counts = {}
        for name in names:
            cursor.execute(f'SELECT COUNT(*) FROM "{name}"')
            counts[name] = cursor.fetchone()[0]
    fresh.close()
    return counts


@on_postgresql
def test_a_postgresql_dump_restores_into_a_fresh_database_with_every_row(
    knowledge_base, tmp_path, fresh_postgresql_database
):
    from tooling.backup import database_restore

    output = tmp_path / "lokus.dump"
    run("backup", f"--output={output}")

    database_restore(source=output, database=fresh_postgresql_database)

    expected = table_counts()
    assert postgresql_counts(fresh_postgresql_database) == expected.rows
    assert expected.rows["best_practices_bestpractice"] == 3
    assert expected.rows["participants_practiceadaptation"] == 1


def test_a_backup_of_a_database_without_tables_is_refused(tmp_path):
    """A nightly job that lost DATABASE_URL must fail loudly, not save an empty file."""
    missing = tmp_path / "missing.sqlite3"

    result = subprocess.run(
        [sys.executable, "manage.py", "backup", f"--output={tmp_path / 'out.sqlite3'}"],
        cwd=django_settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), "DATABASE_URL": f"sqlite:///{missing}"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "Tidak ada yang dicadangkan" in result.stderr
    assert "DATABASE_URL" in result.stderr
    assert not missing.exists()
    assert not (tmp_path / "out.sqlite3").exists()
