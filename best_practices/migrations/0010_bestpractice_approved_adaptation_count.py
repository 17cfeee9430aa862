"""The practice's count of adaptations in approved proposals
(``BestPractice.approved_adaptation_count``, kept by ``participants.proof``) and the index of
the "most adapted" order that reads it.

The column is added with plain SQL, as in ``0007``: on SQLite Django would rebuild the table
for a NOT NULL column, which drops its triggers (search and catalog). The catalog triggers do
not watch it: no facet counts it, so an approval leaves the facet index as it is.
"""

from django.db import migrations, models

TABLE = "best_practices_bestpractice"
COLUMN = "approved_adaptation_count"


def forward(apps, schema_editor):
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD COLUMN {COLUMN} integer NOT NULL DEFAULT 0"
        f" CHECK ({COLUMN} >= 0)",
        params=None,
    )
    if schema_editor.connection.vendor == "postgresql":
        # As Django creates it: the application always writes the value.
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {COLUMN} DROP DEFAULT")


def backward(apps, schema_editor):
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN {COLUMN}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("best_practices", "0009_practice_proven_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward)],
            state_operations=[
                migrations.AddField(
                    model_name="bestpractice",
                    name=COLUMN,
                    field=models.PositiveIntegerField(
                        default=0, editable=False, verbose_name="adaptations in approved proposals"
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="bestpractice",
            index=models.Index(
                fields=["-approved_adaptation_count", "title", "id"], name="practice_approved_idx"
            ),
        ),
    ]
