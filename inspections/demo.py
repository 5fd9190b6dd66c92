"""Demo checks for `seed_demo`: a few dozen over the operating stations, spread from the start
of the quarter before last until today, mostly good, a few with red-line failures (which open their orders through the
same door a phone uses). Idempotent: each demo check has a fixed idempotency key, so a
second run finds every check already recorded and changes nothing."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from stations.models import PUBLIC_STATUSES, Station
from unions.models import Role

from .checks.models import Checklist, InspectionKind
from .checks.services.inspection import inspection_record
from .permissions import quarter_of

DEMO_KEYS = uuid.UUID("6f1c1d5e-6a53-4b0e-9d55-3c1c0a4f1a11")
# Failings an inspector sees most often, and the red lines seen now and then.
COMMON_MISSES = (
    "wifi",
    "newspaper_rack",
    "first_aid",
    "open_toilet",
    "hotline_posted",
    "microwave",
)
RED_LINES = ("open_hours", "plaque_posted", "no_refusal")
CHECKS = 40
RED_LINE_CHECKS = 3
NOTES = ("", "", "站长在岗，服务热情", "饮水机滤芯需更换", "门口指引不够明显", "")


def _quarter_start(day: dt.date) -> dt.date:
    year, quarter = quarter_of(day)
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


def _visit_time(rng: random.Random, today: dt.date) -> dt.datetime:
    """A working-hours moment from the start of the quarter before last until now, never in
    the future: the two ended quarters the demo publishes, and the running one."""
    this_quarter = _quarter_start(today)
    last_quarter = _quarter_start(this_quarter - dt.timedelta(days=1))
    start = _quarter_start(last_quarter - dt.timedelta(days=1))
    day = start + dt.timedelta(days=rng.randrange(max((today - start).days, 1)))
    moment = dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))))
    return min(timezone.make_aware(moment), timezone.now() - dt.timedelta(hours=1))


def _logger(users: dict, station: Station, kind: str):
    if kind == InspectionKind.SELF_CHECK:
        staff = station.union.staff.filter(role=Role.UNION_STAFF).select_related("user").first()
        return staff.user if staff else None
    if station.district == "浦东新区" and "inspector_pudong" in users:
        return users["inspector_pudong"]
    return users.get("inspector")


def seed_inspections() -> int:
    """Record the demo checks not yet on file; return how many were added."""
    checklist = Checklist.objects.current()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=("inspector", "inspector_pudong"))
    }
    stations = list(
        Station.objects.filter(status__in=PUBLIC_STATUSES)
        .exclude(plaque_number="")
        .select_related("union")
        .order_by("plaque_seq")
    )
    if checklist is None or not stations or "inspector" not in users:
        return 0
    rng = random.Random(2026)
    today = timezone.localdate()
    codes = list(checklist.items.values_list("code", flat=True))
    planned = []
    for n in range(CHECKS):
        station = stations[(n * 7) % len(stations)]
        kind = rng.choice(
            (InspectionKind.FLYING, InspectionKind.FLYING, InspectionKind.UNDERCOVER,
             InspectionKind.SELF_CHECK)
        )  # fmt: skip
        misses = set(rng.sample(COMMON_MISSES, rng.choice((0, 0, 1, 1, 2, 3))))
        if n % (CHECKS // RED_LINE_CHECKS) == 5 and kind != InspectionKind.SELF_CHECK:
            misses.add(RED_LINES[n % len(RED_LINES)])
        planned.append((n, station, kind, misses, _visit_time(rng, today), rng.choice(NOTES)))
    added = 0
    # Oldest first, as they happened: a red line met later finds the station rectifying.
    for n, station, kind, misses, visited_at, note in sorted(planned, key=lambda p: p[4]):
        by = _logger(users, station, kind)
        if by is None:
            continue
        station.refresh_from_db()
        if station.status not in PUBLIC_STATUSES:
            continue
        _check, created = inspection_record(
            station=station,
            by=by,
            kind=kind,
            visited_at=visited_at,
            findings={code: (code not in misses, "") for code in codes},
            idempotency_key=uuid.uuid5(DEMO_KEYS, f"demo-check-{n}"),
            # Where the phone stood: at the door, or across the street.
            latitude=_near(station.latitude, rng),
            longitude=_near(station.longitude, rng),
            accuracy_m=rng.choice((8, 12, 20, 35)),
            note=note,
        )
        added += created
    return added


def _near(coordinate, rng: random.Random):
    if coordinate is None:
        return None
    return round(float(coordinate) + rng.uniform(-0.0006, 0.0006), 6)
