"""Keep the stored search vector inside the practice's row, not in the TOAST table.

On PostgreSQL only (other databases skip this migration). Ranking a search reads the vector
of every match; a long practice's vector, over a kilobyte, is moved by default out of the row
into the TOAST table and fetched from there one by one. Storage ``MAIN`` asks PostgreSQL to
move the other long columns out of the row first and to keep the vector in it while the row
fits the TOAST threshold (about 2 kB); a longer vector still goes to the TOAST table.

Existing rows keep their old layout until rewritten, so the vectors are recomputed once
(setting the vector fires the trigger of ``0003_search_vector_trigger``).
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE best_practices_bestpractice ALTER COLUMN search_vector SET STORAGE MAIN",
    "UPDATE best_practices_bestpractice SET search_vector = NULL",
]

BACKWARD = [
    "ALTER TABLE best_practices_bestpractice ALTER COLUMN search_vector SET STORAGE EXTENDED",
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
        ("best_practices", "0003_search_vector_trigger"),
    ]

    operations = [
        migrations.RunPython(_run_on_postgresql(FORWARD), _run_on_postgresql(BACKWARD)),
    ]
