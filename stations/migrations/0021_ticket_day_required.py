# Apart from 0018: on PostgreSQL a table whose rows a migration changed cannot be altered
# in the same transaction (pending trigger events of the deferred foreign keys).

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0020_feedback_hold_and_daily_tickets"),
    ]

    operations = [
        migrations.AlterField(
            model_name="feedbackticket",
            name="day",
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name="day"),
        ),
        migrations.AlterField(
            model_name="feedback",
            name="status",
            field=models.CharField(
                choices=[
                    ("visible", "Visible"),
                    ("hidden", "Hidden by moderation"),
                    ("held", "Held for moderation"),
                ],
                default="visible",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AddIndex(
            model_name="feedbackticket",
            index=models.Index(fields=["station", "day"], name="ticket_station_day"),
        ),
        migrations.AddIndex(
            model_name="feedbackticket",
            index=models.Index(
                condition=models.Q(("reports__gt", models.F("reports_told"))),
                fields=["union", "id"],
                name="ticket_untold",
            ),
        ),
    ]
