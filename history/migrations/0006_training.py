# Training of station heads (issue 23, item 5): its history rows name the record "training".
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("history", "0005_alerts")]

    operations = [
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
                ],
                max_length=16,
                verbose_name="record",
            ),
        ),
    ]
