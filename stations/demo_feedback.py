"""Demo workers' feedback and visits for `seed_demo`: ratings, a few comments and daily
visit counts over the operating stations, and one serious complaint with its ticket, so the
station pages, the home page's total and the staff's moderation and ticket pages have
content. Idempotent (demo rows carry the hash of a fixed demo address) and deterministic."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from .devices import digest
from .models import Feedback, FeedbackProblem, Station, StationVisitDay
from .services.feedback import feedback_leave

DEMO_ADDRESS = digest("address", "demo-seed")
COMMENTS = [
    "夏天来喝口凉水，工作人员很热情。",
    "微波炉可以热饭，很方便，谢谢！",
    "充电插座够用，等单的时候能歇会儿。",
    "晚上也开着，跑夜单的时候帮了大忙。",
    "标识清楚，一眼就能找到。",
    "厕所有时候要排队。",
]
# Skewed towards good: most stations serve well; a few complaints keep moderation honest.
RATINGS = [5, 5, 5, 4, 4, 4, 3, 2]
MINOR = [FeedbackProblem.NO_WATER, FeedbackProblem.NO_CHARGING, FeedbackProblem.DIRTY]
VISIT_DAYS = 14


@transaction.atomic
def seed_feedback() -> None:
    if Feedback.objects.filter(address_hash=DEMO_ADDRESS).exists():
        return
    rng = random.Random(12)
    stations = list(Station.objects.public().order_by("plaque_number"))
    if not stations:
        return
    rows = []
    for station in stations:
        for n in range(rng.choice([0, 2, 5, 6, 8, 10])):
            comment = rng.choice(COMMENTS) if rng.random() < 0.25 else ""
            rating = rng.choice(RATINGS)
            problems = [rng.choice(MINOR)] if rating <= 3 and rng.random() < 0.6 else []
            rows.append(
                Feedback(
                    station=station,
                    union_id=station.union_id,
                    rating=rating,
                    problems=problems,
                    comment=comment,
                    device_hash=digest("device", f"demo-{station.pk}-{n}"),
                    address_hash=DEMO_ADDRESS,
                )
            )
    made = Feedback.objects.bulk_create(rows, batch_size=500)
    # created_at is set on insert: spread the ratings over the past days of this quarter (a
    # station's whole record arriving at once would be a burst, held for moderation, and
    # the quarters before are the assessment demo's, inspections/demo_assessment.py).
    now = timezone.now()
    today = timezone.localdate(now)
    quarter_start = timezone.make_aware(dt.datetime(today.year, (today.month - 1) // 3 * 3 + 1, 1))
    earliest = max(quarter_start, now - dt.timedelta(days=VISIT_DAYS))
    latest = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    if latest > earliest:
        span = (latest - earliest).total_seconds()
        for row in made:
            row.created_at = earliest + dt.timedelta(seconds=rng.uniform(0, span))
        Feedback.objects.bulk_update(made, ["created_at"], batch_size=500)

    # One serious complaint, through the real service: it opens a ticket and notifies the union.
    feedback_leave(
        station=stations[len(stations) // 2],
        rating=1,
        problems=[FeedbackProblem.REFUSED],
        comment="中午想进去热饭，保安说不对外开放。",
        device_hash=digest("device", "demo-serious"),
        address_hash=DEMO_ADDRESS,
    )

    today = timezone.localdate()
    StationVisitDay.objects.bulk_create(
        [
            StationVisitDay(
                station=station, day=today - dt.timedelta(days=d), count=rng.randint(3, 60)
            )
            for station in stations
            for d in range(1, VISIT_DAYS + 1)
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
