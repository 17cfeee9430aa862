"""The catalog's log of changed practices, so that a server process brings its facet index up to
date by reading the practices that changed instead of the whole catalog
(``best_practices.facet_index``).

PostgreSQL only: each row written to a practice, its sectors or its observations (in the
columns the catalog triggers of ``0005``/``0007`` watch) adds a row naming the practice, with
the id of the transaction that wrote it; a change to the provinces, sectors or visits that
name the options, or a TRUNCATE, adds a row without a practice, which means "read everything
again". A reader keeps the snapshot (``pg_current_snapshot()``) its index reflects: the
changes to apply are the rows whose transaction that snapshot did not see. Rows are kept a
day (``RETENTION``): the catalog trigger of every changing statement deletes older ones, and
an index older than half of that is read whole. SQLite, the single-writer development
default, has no transaction ids to compare and keeps reading the whole index.
"""

import importlib

from django.db import migrations

catalog = importlib.import_module("best_practices.migrations.0005_catalog_version")
proven = importlib.import_module("best_practices.migrations.0007_bestpractice_proven_adaptation_count")

LOG = "best_practices_catalogchange"
RETENTION = "1 day"

#: The practice tables and the column naming the practice (a row-level trigger each).
PRACTICE_TABLES = {
    "best_practices_bestpractice": "id",
    "best_practices_bestpractice_sectors": "bestpractice_id",
    "best_practices_practiceobservation": "practice_id",
}
#: The tables naming options: any change there means every practice (statement-level).
OPTION_TABLES = [table for table in proven.WATCHED if table not in PRACTICE_TABLES]

CHANGE_PREFIX = "catalog_log"
RESET_PREFIX = "catalog_reset"

LOG_TABLE = f"""
    CREATE TABLE {LOG} (
        id bigserial PRIMARY KEY,
        practice_id bigint,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        created timestamptz NOT NULL DEFAULT now()
    )
"""

PRACTICE_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION best_practices_practice_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        old_id bigint;
        new_id bigint;
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            old_id := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;
            INSERT INTO {LOG} (practice_id) VALUES (old_id);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            new_id := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
            IF new_id IS DISTINCT FROM old_id THEN
                INSERT INTO {LOG} (practice_id) VALUES (new_id);
            END IF;
        END IF;
        RETURN NULL;
    END
    $$
"""

RESET_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION best_practices_catalog_reset() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {LOG} (practice_id) VALUES (NULL);
        RETURN NULL;
    END
    $$
"""

#: ``0005``'s function, which also forgets the changes older than ``RETENTION``.
CATALOG_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION best_practices_catalog_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO best_practices_catalogversion (id, token)
            VALUES (1, gen_random_uuid()::text)
            ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
        DELETE FROM {LOG} WHERE created < now() - interval '{RETENTION}';
        RETURN NULL;
    END
    $$
"""


def trigger_names(vendor: str) -> list[str]:
    """The names of the triggers this migration creates on ``vendor`` (for the tests)."""
    if vendor != "postgresql":
        return []
    return [f"{CHANGE_PREFIX}_{table}" for table in PRACTICE_TABLES] + [
        f"{RESET_PREFIX}_{table}" for table in proven.WATCHED
    ]


def _triggers() -> list[str]:
    statements = []
    for table, column in PRACTICE_TABLES.items():
        columns = proven.WATCHED[table]
        update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
        statements += [
            f"CREATE TRIGGER {CHANGE_PREFIX}_{table} AFTER INSERT OR {update} OR DELETE"
            f" ON {table} FOR EACH ROW EXECUTE FUNCTION best_practices_practice_changed('{column}')",
            f"CREATE TRIGGER {RESET_PREFIX}_{table} AFTER TRUNCATE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION best_practices_catalog_reset()",
        ]
    for table in OPTION_TABLES:
        columns = proven.WATCHED[table]
        update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
        statements.append(
            f"CREATE TRIGGER {RESET_PREFIX}_{table} AFTER INSERT OR {update} OR DELETE OR TRUNCATE"
            f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION best_practices_catalog_reset()"
        )
    return statements


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in [
        LOG_TABLE,
        f"CREATE INDEX {LOG}_xid ON {LOG} (xid)",
        f"CREATE INDEX {LOG}_created ON {LOG} (created)",
        PRACTICE_FUNCTION,
        RESET_FUNCTION,
        *_triggers(),
        CATALOG_FUNCTION,
    ]:
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in trigger_names("postgresql"):
        table = name.removeprefix(f"{CHANGE_PREFIX}_").removeprefix(f"{RESET_PREFIX}_")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}", params=None)
    for statement in [
        catalog.POSTGRESQL_FUNCTION,
        "DROP FUNCTION IF EXISTS best_practices_practice_changed()",
        "DROP FUNCTION IF EXISTS best_practices_catalog_reset()",
        f"DROP TABLE IF EXISTS {LOG}",
    ]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("best_practices", "0010_bestpractice_approved_adaptation_count"),
    ]

    operations = [migrations.RunPython(forward, backward)]
