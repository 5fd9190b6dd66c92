"""The time a station was last sent for review, stored on the station (the review queue's
order), filled from the history for the stations sent before the column existed."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Station = apps.get_model("stations", "Station")
    StationTransition = apps.get_model("stations", "StationTransition")
    last_sent = (
        StationTransition.objects.filter(station=OuterRef("pk"), to_status="submitted")
        .order_by("-at", "-id")
        .values("at")[:1]
    )
    Station.objects.filter(
        pk__in=StationTransition.objects.filter(to_status="submitted").values("station_id")
    ).update(sent_for_review_at=Subquery(last_sent))


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0022_history_position_accepted"),
    ]

    operations = [
        migrations.AddField(
            model_name="station",
            name="sent_for_review_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="sent for review"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
