"""The stored full-text search vector of best practices, kept up to date by PostgreSQL.

On PostgreSQL only (other databases skip this migration; see ``best_practices.search``):

- a GIN index on ``best_practices_bestpractice.search_vector``;
- a trigger that computes the weighted vector (``indonesian`` configuration) whenever a
  practice is inserted or one of its searched columns is updated: title A; summary and key to
  success B; description, host agency name and host province name C;
- triggers on ``benchmarking_hostagency`` and ``benchmarking_province`` that refresh the
  practices of an agency or province whose name changes;
- the vectors of the rows already there;
- a covering index of the columns the practices list counts its facets on (province, stage,
  status, digital, the five qualities), so that those counts read the index, not the table.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE INDEX IF NOT EXISTS best_practice_search_vector_gin
        ON best_practices_bestpractice USING GIN (search_vector)
    """,
    """
    CREATE OR REPLACE FUNCTION best_practices_practice_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        agency_name text;
        province_name text;
    BEGIN
        SELECT name INTO agency_name FROM benchmarking_hostagency WHERE id = NEW.host_agency_id;
        SELECT name INTO province_name FROM benchmarking_province WHERE id = NEW.host_province_id;
        NEW.search_vector :=
            setweight(to_tsvector('indonesian', coalesce(NEW.title, '')), 'A')
            || setweight(
                to_tsvector('indonesian', concat_ws(' ', NEW.summary, NEW.key_to_success)), 'B'
            )
            || setweight(
                to_tsvector(
                    'indonesian', concat_ws(' ', NEW.description, agency_name, province_name)
                ),
                'C'
            );
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER best_practices_practice_search_vector
        BEFORE INSERT OR UPDATE OF
            title, summary, description, key_to_success, host_agency_id, host_province_id,
            search_vector
        ON best_practices_bestpractice
        FOR EACH ROW EXECUTE FUNCTION best_practices_practice_search_vector()
    """,
    # Setting the vector to NULL fires the trigger above, which computes it again.
    """
    CREATE OR REPLACE FUNCTION best_practices_refresh_agency_practices() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE best_practices_bestpractice SET search_vector = NULL
            WHERE host_agency_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER best_practices_host_agency_renamed
        AFTER UPDATE OF name ON benchmarking_hostagency
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
        EXECUTE FUNCTION best_practices_refresh_agency_practices()
    """,
    """
    CREATE OR REPLACE FUNCTION best_practices_refresh_province_practices() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE best_practices_bestpractice SET search_vector = NULL
            WHERE host_province_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER best_practices_province_renamed
        AFTER UPDATE OF name ON benchmarking_province
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
        EXECUTE FUNCTION best_practices_refresh_province_practices()
    """,
    "UPDATE best_practices_bestpractice SET search_vector = NULL",
    """
    CREATE INDEX IF NOT EXISTS best_practice_facets
        ON best_practices_bestpractice (
            host_province_id, stage, status, is_digital, improves_speed, improves_ease,
            improves_cost, improves_transparency, improves_accountability
        ) INCLUDE (id)
    """,
]

BACKWARD = [
    "DROP INDEX IF EXISTS best_practice_facets",
    "DROP TRIGGER IF EXISTS best_practices_province_renamed ON benchmarking_province",
    "DROP FUNCTION IF EXISTS best_practices_refresh_province_practices()",
    "DROP TRIGGER IF EXISTS best_practices_host_agency_renamed ON benchmarking_hostagency",
    "DROP FUNCTION IF EXISTS best_practices_refresh_agency_practices()",
    "DROP TRIGGER IF EXISTS best_practices_practice_search_vector ON best_practices_bestpractice",
    "DROP FUNCTION IF EXISTS best_practices_practice_search_vector()",
    "DROP INDEX IF EXISTS best_practice_search_vector_gin",
    "UPDATE best_practices_bestpractice SET search_vector = NULL",
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
        ("benchmarking", "0002_provinces"),
        ("best_practices", "0002_sectors"),
    ]

    operations = [
        migrations.RunPython(_run_on_postgresql(FORWARD), _run_on_postgresql(BACKWARD)),
    ]
