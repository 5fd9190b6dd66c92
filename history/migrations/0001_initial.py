"""RecordChange moves from stations to the history app, in Django's state only.

The table, its rows and its append-only trigger stay as they are (the model keeps the table's
name, stations_recordchange, and so the trigger's id): nothing is copied, nothing rewritten.
Only the append-only trigger is renamed: pgtrigger names it by the model's app, so the
stations one is dropped and the history one installed, in the same transaction.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models


OLD = "pgtrigger_recordchange_append_only_70767"
TABLE = "stations_recordchange"


def _drop_stations_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {OLD} ON {TABLE}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {OLD}()")


def _restore_stations_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {OLD}() RETURNS TRIGGER AS $$ BEGIN "
            "RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', "
            f"TG_TABLE_NAME; END; $$ LANGUAGE plpgsql",
            None,  # no parameters: the % of RAISE is the function's own
        )
        schema_editor.execute(
            f"CREATE TRIGGER {OLD} BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE PROCEDURE {OLD}()"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("stations", "0023_station_sent_for_review_at"),
        ("unions", "0005_notices_to_the_aid_center"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="RecordChange",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "record",
                            models.CharField(
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
                                ],
                                max_length=16,
                                verbose_name="record",
                            ),
                        ),
                        ("record_id", models.PositiveBigIntegerField(verbose_name="record id")),
                        (
                            "action",
                            models.CharField(
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
                                ],
                                max_length=16,
                                verbose_name="action",
                            ),
                        ),
                        (
                            "changes",
                            models.JSONField(blank=True, default=dict, verbose_name="changes"),
                        ),
                        ("reason", models.TextField(blank=True, verbose_name="reason")),
                        (
                            "at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="at"
                            ),
                        ),
                        (
                            "by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="by",
                            ),
                        ),
                        (
                            "filing",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="changes",
                                to="stations.filingform",
                                verbose_name="filing form",
                            ),
                        ),
                        (
                            "station",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="changes",
                                to="stations.station",
                                verbose_name="station",
                            ),
                        ),
                        (
                            "union",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="unions.union",
                                verbose_name="union",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "record change",
                        "verbose_name_plural": "record changes",
                        "db_table": "stations_recordchange",
                        "ordering": ["at", "id"],
                    },
                ),
            ],
        ),
        migrations.RunPython(_drop_stations_trigger, _restore_stations_trigger),
        pgtrigger.migrations.AddTrigger(
            model_name="recordchange",
            trigger=pgtrigger.compiler.Trigger(
                name="recordchange_append_only",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;",
                    hash="f6d531aa4f4d0a96d5438ae98f000d41cf16f0ef",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_recordchange_append_only_8f490",
                    table="stations_recordchange",
                    when="BEFORE",
                ),
            ),
        ),
    ]
