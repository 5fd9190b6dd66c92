# Training of station heads (issue 23, item 5): sessions and each head's attendance.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0029_weather_alerts"),
        ("unions", "0005_notices_to_the_aid_center"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TrainingSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("topic", models.CharField(max_length=100, verbose_name="topic")),
                ("held_on", models.DateField(verbose_name="date")),
                ("starts_at", models.TimeField(verbose_name="starts at")),
                ("ends_at", models.TimeField(verbose_name="ends at")),
                (
                    "mode",
                    models.CharField(
                        choices=[("in_person", "In person"), ("online", "Online")],
                        max_length=10,
                        verbose_name="held",
                    ),
                ),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                ("online_link", models.URLField(blank=True, verbose_name="online meeting link")),
                ("capacity", models.PositiveIntegerField(verbose_name="places")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "union",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="unions.union",
                        verbose_name="organised by",
                    ),
                ),
            ],
            options={
                "verbose_name": "training session",
                "ordering": ["-held_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="TrainingAttendance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("head_name", models.CharField(max_length=50, verbose_name="station head")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded")),
                (
                    "by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "station",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="trainings",
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
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="attendance",
                        to="stations.trainingsession",
                        verbose_name="training session",
                    ),
                ),
            ],
            options={
                "verbose_name": "training attendance",
            },
        ),
        migrations.AddIndex(
            model_name="trainingsession",
            index=models.Index(fields=["held_on", "id"], name="training_session_order"),
        ),
        migrations.AddIndex(
            model_name="trainingattendance",
            index=models.Index(fields=["station", "head_name"], name="training_by_head"),
        ),
        migrations.AddIndex(
            model_name="trainingattendance",
            index=models.Index(fields=["session", "union"], name="training_by_union"),
        ),
        migrations.AddConstraint(
            model_name="trainingattendance",
            constraint=models.UniqueConstraint(
                fields=("session", "station"), name="training_attended_once"
            ),
        ),
    ]
