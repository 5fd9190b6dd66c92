"""RecordChange now lives in the history app (history/migrations/0001_initial.py): removed
from stations' state only; its table, rows and trigger stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0023_station_sent_for_review_at"),
        ("history", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="RecordChange")],
        ),
    ]
