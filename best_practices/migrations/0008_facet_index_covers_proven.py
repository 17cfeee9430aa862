"""The covering index of the facet columns (``best_practice_facets``, migration 0003) includes
``proven_adaptation_count`` too, so that the facet index (``best_practices.facet_index``)
reads every column it needs from the index alone again: since migration 0007 added the column,
each read of the index after a catalog change scanned the whole practice table (its long
texts and search vector, some 40 MB for 20,000 practices) instead of a small index.

PostgreSQL only, like migration 0003 (SQLite has no INCLUDE columns and a small catalog).
"""

from django.db import migrations

COLUMNS = """
    host_province_id, stage, status, is_digital, improves_speed, improves_ease,
    improves_cost, improves_transparency, improves_accountability
"""

FORWARD = [
    "DROP INDEX IF EXISTS best_practice_facets",
    f"CREATE INDEX best_practice_facets ON best_practices_bestpractice ({COLUMNS})"
    " INCLUDE (id, proven_adaptation_count)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS best_practice_facets",
    f"CREATE INDEX best_practice_facets ON best_practices_bestpractice ({COLUMNS}) INCLUDE (id)",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("best_practices", "0007_bestpractice_proven_adaptation_count"),
    ]

    operations = [
        migrations.RunPython(_run_on_postgresql(FORWARD), _run_on_postgresql(BACKWARD)),
    ]
