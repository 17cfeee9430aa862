"""The text the originality check compares, and its trigram index on PostgreSQL.

- ``compared_text``: a stored generated column (both databases), the first 1,000 characters of
  title, problem and goals joined by spaces; the database keeps it up to date on every write.
- On PostgreSQL only (other databases skip it): a GiST ``gist_trgm_ops`` index on that column,
  which answers ``ORDER BY compared_text <-> %s LIMIT n`` (nearest by trigram similarity) from
  the trigram arrays stored in its leaves, without reading or re-parsing the table's text.
  See ``participants.selectors.similar_proposals`` for why GiST and not GIN.
"""

import django.db.models.functions.text
from django.db import migrations, models

FORWARD = [
    """
    CREATE INDEX IF NOT EXISTS participants_proposal_compared_text_trgm
        ON participants_changeproposal USING GIST (compared_text gist_trgm_ops(siglen=256))
    """,
]

BACKWARD = ["DROP INDEX IF EXISTS participants_proposal_compared_text_trgm"]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0002_proposal_status_change_trigram"),
    ]

    operations = [
        migrations.AddField(
            model_name="changeproposal",
            name="compared_text",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.functions.text.Left(
                    django.db.models.functions.text.Concat(
                        "title",
                        models.Value(" "),
                        "problem",
                        models.Value(" "),
                        "goals",
                        output_field=models.TextField(),
                    ),
                    1000,
                ),
                output_field=models.TextField(),
                verbose_name="compared text",
            ),
        ),
        migrations.RunPython(_run_on_postgresql(FORWARD), _run_on_postgresql(BACKWARD)),
    ]
