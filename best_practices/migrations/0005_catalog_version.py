"""The catalog version: a token that database triggers change with what the practices list
counts (see ``CatalogVersion`` and ``best_practices.facet_index``).

The token changes when a practice is added or removed or one of its facet columns (host
province, stage, digital, qualities, status) is updated; when a practice's sectors or
observations change; and when a province, sector or visit is added, removed or renamed (or a
visit's date moves). Each trigger writes a new random token into the single row, inserting
it if it is gone (a test database flushed between tests), in the transaction that made the
change, so a reader sees the new data and the new token together.

PostgreSQL: one statement-level trigger per table, so a bulk insert changes the token once.
SQLite: row-level triggers (the only kind it has), one per table and kind of change. SQLite
drops the triggers of a table that a later migration rebuilds; ``tests/config/
test_migrations.py`` fails if any trigger is missing after all migrations.
"""

from django.db import migrations, models

#: The tables whose changes change the counts, and the updated columns that matter
#: (None: every update).
WATCHED = {
    "best_practices_bestpractice": (
        "host_province_id",
        "stage",
        "is_digital",
        "improves_speed",
        "improves_ease",
        "improves_cost",
        "improves_transparency",
        "improves_accountability",
        "status",
    ),
    "best_practices_bestpractice_sectors": None,
    "best_practices_practiceobservation": None,
    "best_practices_sector": None,
    "benchmarking_province": ("code", "name"),
    "benchmarking_visit": ("title", "start_date"),
}

TRIGGER_PREFIX = "best_practices_catalog"

POSTGRESQL_FUNCTION = """
    CREATE OR REPLACE FUNCTION best_practices_catalog_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO best_practices_catalogversion (id, token)
            VALUES (1, gen_random_uuid()::text)
            ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
        RETURN NULL;
    END
    $$
"""

# SQLite applies the conflict clause of the statement that fired a trigger to the statements
# in its body (Django adds sectors with INSERT OR IGNORE), so the body cannot rely on one: an
# update that conflicts with nothing, and an insert only when the row is missing.
SQLITE_BODY = """BEGIN
    UPDATE best_practices_catalogversion SET token = lower(hex(randomblob(16))) WHERE id = 1;
    INSERT INTO best_practices_catalogversion (id, token)
        SELECT 1, lower(hex(randomblob(16)))
        WHERE NOT EXISTS (SELECT 1 FROM best_practices_catalogversion WHERE id = 1);
END"""


def trigger_names(vendor: str) -> list[str]:
    """The names of the triggers this migration creates on ``vendor`` (for the tests)."""
    if vendor == "postgresql":
        return [f"{TRIGGER_PREFIX}_{table}" for table in WATCHED]
    return [
        f"{TRIGGER_PREFIX}_{table}_{event}"
        for table in WATCHED
        for event in ("insert", "update", "delete")
    ]


def _postgresql_forward() -> list[str]:
    statements = [POSTGRESQL_FUNCTION]
    for table, columns in WATCHED.items():
        update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
        statements.append(
            f"CREATE TRIGGER {TRIGGER_PREFIX}_{table} "
            f"AFTER INSERT OR {update} OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION best_practices_catalog_changed()"
        )
    return statements


def _sqlite_forward() -> list[str]:
    statements = []
    for table, columns in WATCHED.items():
        update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
        for event, clause in (("insert", "INSERT"), ("update", update), ("delete", "DELETE")):
            statements.append(
                f"CREATE TRIGGER {TRIGGER_PREFIX}_{table}_{event} "
                f"AFTER {clause} ON {table} FOR EACH ROW {SQLITE_BODY}"
            )
    return statements


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = _postgresql_forward()
    elif vendor == "sqlite":
        statements = _sqlite_forward()
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement, params=None)
    apps.get_model("best_practices", "CatalogVersion").objects.update_or_create(
        pk=1, defaults={"token": "initial"}
    )


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name in trigger_names(vendor):
        if vendor == "postgresql":
            table = name.removeprefix(f"{TRIGGER_PREFIX}_")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}", params=None)
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS best_practices_catalog_changed()")


class Migration(migrations.Migration):
    dependencies = [
        ("benchmarking", "0003_institution_organizers"),
        ("best_practices", "0004_search_vector_inline"),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=36, verbose_name="token")),
            ],
            options={
                "verbose_name": "catalog version",
                "verbose_name_plural": "catalog versions",
            },
        ),
        migrations.RunPython(forward, backward),
    ]
