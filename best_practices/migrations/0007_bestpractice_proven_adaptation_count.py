"""The practice's count of proven adaptations (``BestPractice.proven_adaptation_count``, kept by
``participants.proof``), and the catalog triggers of ``0005_catalog_version`` watching it too,
since the "proven" facet counts it.

The column is added with plain SQL: on SQLite Django would rebuild the table for a NOT NULL
column, which drops its triggers (search and catalog). Only the practice table's update
trigger changes; ``WATCHED`` is the full list after this migration (the tests read it).
"""

import importlib

from django.db import migrations, models

catalog = importlib.import_module("best_practices.migrations.0005_catalog_version")

TABLE = "best_practices_bestpractice"
COLUMN = "proven_adaptation_count"

#: What the catalog triggers watch after this migration.
WATCHED = {**catalog.WATCHED, TABLE: (*catalog.WATCHED[TABLE], COLUMN)}

trigger_names = catalog.trigger_names


def _update_trigger(vendor: str, columns: tuple[str, ...]) -> list[str]:
    """Drop and create the practice table's trigger(s) that fire on an update of ``columns``."""
    prefix = catalog.TRIGGER_PREFIX
    if vendor == "postgresql":
        name = f"{prefix}_{TABLE}"
        return [
            f"DROP TRIGGER IF EXISTS {name} ON {TABLE}",
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OF {', '.join(columns)} OR DELETE"
            f" OR TRUNCATE ON {TABLE}"
            " FOR EACH STATEMENT EXECUTE FUNCTION best_practices_catalog_changed()",
        ]
    if vendor == "sqlite":
        name = f"{prefix}_{TABLE}_update"
        return [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} AFTER UPDATE OF {', '.join(columns)} ON {TABLE}"
            f" FOR EACH ROW {catalog.SQLITE_BODY}",
        ]
    return []


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD COLUMN {COLUMN} integer NOT NULL DEFAULT 0"
        f" CHECK ({COLUMN} >= 0)",
        params=None,
    )
    if vendor == "postgresql":
        # As Django creates it: the application always writes the value.
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {COLUMN} DROP DEFAULT")
    for statement in _update_trigger(vendor, WATCHED[TABLE]):
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in _update_trigger(vendor, catalog.WATCHED[TABLE]):
        schema_editor.execute(statement, params=None)
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN {COLUMN}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("best_practices", "0006_alter_bestpractice_description_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward)],
            state_operations=[
                migrations.AddField(
                    model_name="bestpractice",
                    name=COLUMN,
                    field=models.PositiveIntegerField(
                        default=0, editable=False, verbose_name="proven adaptations"
                    ),
                ),
            ],
        ),
    ]
