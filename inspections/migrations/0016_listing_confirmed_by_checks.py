"""Each station's listing confirmed on the later of its activation and the supervision
team's last recorded check (stations/freshness.py), for the stations there already were."""

from django.db import migrations
from django.db.models import Max
from django.utils import timezone

# INDEPENDENT_KINDS and InspectionStatus.RECORDED as they are today.
INDEPENDENT = ("flying", "undercover")
RECORDED = "recorded"


def confirm(apps, schema_editor):
    Station = apps.get_model("stations", "Station")
    Inspection = apps.get_model("inspections", "Inspection")
    last_check = dict(
        Inspection.objects.filter(kind__in=INDEPENDENT, status=RECORDED)
        .values("station_id")
        .annotate(last=Max("visited_at"))
        .values_list("station_id", "last")
    )
    batch = []
    for station in Station.objects.filter(activated_at__isnull=False).only("pk", "activated_at"):
        moments = [station.activated_at, last_check.get(station.pk)]
        station.confirmed_on = timezone.localtime(max(m for m in moments if m)).date()
        batch.append(station)
        if len(batch) == 2000:
            Station.objects.bulk_update(batch, ["confirmed_on"])
            batch = []
    Station.objects.bulk_update(batch, ["confirmed_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0015_open_appeals_by_age"),
        ("stations", "0026_listing_confirmation"),
    ]

    operations = [migrations.RunPython(confirm, migrations.RunPython.noop)]
