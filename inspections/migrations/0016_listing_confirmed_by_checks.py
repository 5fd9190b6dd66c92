"""Each station's listing confirmed on the later of its activation and the supervision
team's last recorded check (stations/freshness.py), for the stations there already were,
and its kept doubt set by the rule of that day."""

import datetime as dt

from django.conf import settings
from django.db import migrations
from django.db.models import Max, Q
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
    # stations/freshness.py's doubtful(), as it reads today.
    today = timezone.localdate()
    before = today - dt.timedelta(days=settings.LISTING_CONFIRM_DAYS + settings.LISTING_GRACE_DAYS)
    Station.objects.filter(
        Q(reported_closed_on__isnull=False)
        | Q(confirmed_on__isnull=True)
        | Q(confirmed_on__lt=before)
    ).update(listing_doubtful=True)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0015_open_appeals_by_age"),
        ("stations", "0027_directory_lists_doubtful_last"),
    ]

    operations = [migrations.RunPython(confirm, migrations.RunPython.noop)]
