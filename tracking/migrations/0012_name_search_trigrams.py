"""On PostgreSQL, trigram indexes answer the desk's search by part of a dossier code,
applicant or organisation name (`UPPER(x) LIKE UPPER('%…%')`, Django's icontains)
without reading every row.
Other databases have no such index: nothing to do there."""

from django.db import migrations

INDEXES = {
    "tracking_app_code_trgm": "dossier_code",
    "tracking_app_name_trgm": "applicant_name",
    "tracking_app_organisation_trgm": "applicant_organisation",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON tracking_application "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("tracking", "0011_scale_indexes")]

    operations = [migrations.RunPython(create, drop)]
