"""AwardChange's rows now live in history.RecordChange (history/migrations/0002): the table
goes, and with it its append-only trigger; the trigger's function is dropped too."""

from django.db import migrations

FUNCTION = "pgtrigger_awardchange_append_only_5189b"


def _drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}() CASCADE")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0002_shortlist"),
        ("history", "0002_award_changes_folded_in"),
    ]

    operations = [
        migrations.DeleteModel(name="AwardChange"),
        migrations.RunPython(_drop_function, migrations.RunPython.noop),
    ]
