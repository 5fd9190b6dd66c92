"""Generated documents move to the documents app, which knows no stations model.

Each row is copied with its id (so download addresses and stored file names stay as they
were: files are not moved) into documents_generateddocument; the station, filing and
agreement foreign keys become what the record key already says, and a station's document
gets the station's district, which district inspectors are scoped by. Then the old table
goes. Backwards, the rows move back and the foreign keys are rebuilt from the record key.
"""

from django.core.management.color import no_style
from django.db import migrations

FIELDS = [
    "id",
    "kind",
    "union_id",
    "record_key",
    "title",
    "version",
    "payload",
    "state",
    "file",
    "size",
    "error",
    "attempts",
    "task_id",
    "worker",
    "requested_by_id",
    "created_at",
    "updated_at",
    "started_at",
    "finished_at",
]


def _copy(rows, model, connection, using, extra):
    batch = [model(**{f: getattr(row, f) for f in FIELDS}, **extra(row)) for row in rows]
    model.objects.using(using).bulk_create(batch, batch_size=500)
    # Rows keep their ids: the table's sequence (PostgreSQL) must start after them.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def forwards(apps, schema_editor):
    old = apps.get_model("stations", "GeneratedDocument")
    new = apps.get_model("documents", "GeneratedDocument")
    using = schema_editor.connection.alias
    rows = old.objects.using(using).select_related("station").order_by("id")

    def district(row):
        return {"district": row.station.district if row.station_id else ""}

    _copy(rows.iterator(chunk_size=500), new, schema_editor.connection, using, district)


def backwards(apps, schema_editor):
    old = apps.get_model("stations", "GeneratedDocument")
    new = apps.get_model("documents", "GeneratedDocument")
    using = schema_editor.connection.alias
    links = {"station": "station_id", "filing": "filing_id", "agreement": "agreement_id"}

    def foreign_keys(row):
        name, _sep, pk = row.record_key.partition(":")
        field = links.get(name)
        # A filing's zip hangs off its filing, like its filing form.
        return {field: int(pk)} if field and pk.isdigit() else {}

    rows = new.objects.using(using).order_by("id")
    _copy(rows.iterator(chunk_size=500), old, schema_editor.connection, using, foreign_keys)
    # Moved, not copied: documents' table stays (its migration is not undone), empty.
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0004_recordchange_and_more"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="GeneratedDocument"),
    ]
