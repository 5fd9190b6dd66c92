"""A year's honours history (awards' former AwardChange) folds into RecordChange, issue 22.

Each row is copied with its time, author and note as a RecordChange of record "award"
(record_id the award year, the title's name in ``changes``, the note as its reason, no
union: the honours are the city's), oldest first; awards/migrations/0003 then drops the old
table. The rows are written by SQL, because the model's ``at`` is set on insert and the
table is append-only. Backwards the copied rows stay: an append-only row is not deleted.
"""

import json

import django.db.models.deletion
from django.db import migrations, models

# ``jsonb`` is the constant cast PostgreSQL needs for the JSON text, nothing a user typed.
INSERT = (
    "INSERT INTO stations_recordchange (union_id, record, record_id, station_id, filing_id, "
    "action, changes, reason, by_id, at) "
    "VALUES (NULL, 'award', %s, NULL, NULL, %s, %s{jsonb}, %s, %s, %s)"
)


def fold_award_changes(apps, schema_editor):
    connection = schema_editor.connection
    jsonb = "::jsonb" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT award_year_id, award_name, action, by_id, at, note "
            "FROM awards_awardchange ORDER BY at, id"
        )
        rows = cursor.fetchall()
        for year_id, name, action, by_id, at, note in rows:
            changes = json.dumps({"award": name} if name else {}, ensure_ascii=False)
            cursor.execute(INSERT.format(jsonb=jsonb), [year_id, action, changes, note, by_id, at])


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0001_initial"),
        ("awards", "0002_shortlist"),
        ("unions", "0005_notices_to_the_aid_center"),
    ]

    operations = [
        migrations.AlterField(
            model_name="recordchange",
            name="action",
            field=models.CharField(
                choices=[
                    ("created", "Created"),
                    ("imported", "Imported from Excel"),
                    ("edited", "Edited"),
                    ("submitted", "Submitted"),
                    ("recorded", "Recorded"),
                    ("received", "Signed copy received"),
                    ("scan_replaced", "Scan replaced"),
                    ("scan_added", "Scan added"),
                    ("paper_received", "Paper copies received"),
                    ("plaque_delivered", "Plaque delivered"),
                    ("plaque_hung", "Plaque hung (挂牌)"),
                    ("voided", "Voided"),
                    ("answered", "Answered"),
                    ("closed", "Closed"),
                    ("escalated", "Escalated"),
                    ("overdue", "Found overdue"),
                    ("decided", "Decided"),
                    ("hidden", "Hidden by moderation"),
                    ("shown", "Shown again"),
                    ("position_ok", "Position accepted"),
                    ("selected", "Selection saved"),
                    ("confirmed", "Confirmed"),
                    ("unconfirmed", "Confirmation taken back"),
                    ("citation", "Citation edited"),
                    ("published", "Published"),
                    ("corrected", "Citation corrected after publication"),
                    ("withdrawn", "Withdrawn after publication"),
                ],
                max_length=16,
                verbose_name="action",
            ),
        ),
        migrations.AlterField(
            model_name="recordchange",
            name="record",
            field=models.CharField(
                choices=[
                    ("filing", "Filing form"),
                    ("station", "Station"),
                    ("acceptance", "Acceptance"),
                    ("agreement", "Co-building agreement"),
                    ("pledge", "Service pledge"),
                    ("insurance", "Liability insurance"),
                    ("inspection", "Inspection"),
                    ("rectification", "Rectification order"),
                    ("appeal", "Appeal"),
                    ("feedback", "Worker feedback"),
                    ("award", "Award year"),
                ],
                max_length=16,
                verbose_name="record",
            ),
        ),
        migrations.AlterField(
            model_name="recordchange",
            name="union",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="unions.union",
                verbose_name="union",
            ),
        ),
        migrations.RunPython(fold_award_changes, migrations.RunPython.noop),
    ]
