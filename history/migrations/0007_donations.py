# 爱心互献 (issue 23, item 4): the history rows of donation offers, station needs and
# their matches.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("history", "0006_training")]

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
                    ("datum_converted", "Coordinates converted to WGS-84"),
                    ("alert_hours", "Alert-mode hours recorded"),
                    ("ended", "Ended early"),
                    ("matched", "Matched"),
                    ("delivered", "Delivered"),
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
                    ("campaign", "Campaign"),
                    ("delivery", "Campaign delivery"),
                    ("alert", "Heat or cold alert"),
                    ("training", "Training session"),
                    ("donation", "Donation offer"),
                    ("need", "Station need"),
                    ("donation_match", "Donation matched to a need"),
                ],
                max_length=16,
                verbose_name="record",
            ),
        ),
    ]
