"""Demo heat alert (issue 23, item 8 in part): an orange 高温 alert running today, declared by
the aid center, and 清凉模式 hours recorded by the clerks for some of their stations, through
the real services. Idempotent: nothing is added when an alert covers today already."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from .demo_campaigns import CLERKS
from .models import AlertKind, AlertLevel, Station, WeatherAlert
from .services.alerts import alert_declare, read_entry, station_alert_hours_set

# Per union, how many of its public stations keep longer hours in the heat.
COOLING_PER_UNION = 3


def seed_alerts() -> int:
    User = get_user_model()
    aid = User.objects.filter(username="aidcenter").first()
    today = timezone.localdate()
    if aid is None or WeatherAlert.objects.covering(today).exists():
        return 0
    alert_declare(
        by=aid, kind=AlertKind.HEAT, level=AlertLevel.ORANGE, starts_on=today,
        ends_on=today + dt.timedelta(days=3), note="市气象台发布高温橙色预警",
    )  # fmt: skip
    count = 0
    for code, username in CLERKS.items():
        clerk = User.objects.filter(username=username).first()
        if clerk is None:
            continue
        stations = Station.objects.public().filter(union__code=code).order_by("-plaque_number")
        for station in stations[:COOLING_PER_UNION]:
            station_alert_hours_set(
                by=clerk, station=station, kind=AlertKind.HEAT,
                entries=[read_entry(AlertLevel.YELLOW, "每天 7:00-22:00"),
                         read_entry(AlertLevel.RED, "24小时")],
            )  # fmt: skip
            count += 1
    return count
