"""Demo records for `seed_demo` (idempotent): two published quarters, so that /rankings/
has content after `make run`.

The demo stations are activated on the day the demo is seeded; for the previous quarter to
have results they are taken to have operated since that quarter began (``activated_at`` set
back, the lifecycle history left as it is). When nobody else seeded checks (no Inspection
rows at all), a modest deterministic set of checks and feedback is made here; otherwise the
checks helper's demo checks are what the quarters are computed from.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from stations.models import Station
from stations.models.feedback import Feedback
from stations.models.station import PUBLIC_STATUSES

from .models import AssessmentStatus, Checklist, Inspection, InspectionKind, QuarterlyAssessment
from .quarters import previous_quarter, quarter_bounds
from .services.assessment import assessment_run
from .services.publication import assessment_publish

KINDS = (InspectionKind.FLYING, InspectionKind.UNDERCOVER, InspectionKind.SELF_CHECK)


def demo_quarters() -> list[tuple[int, int]]:
    today = timezone.localdate()
    current = (today.year, (today.month - 1) // 3 + 1)
    return [previous_quarter(*current), current]


def _checks_and_feedback(quarters, stations, by) -> None:
    checklist = Checklist.objects.order_by("-version").first()
    if checklist is None:
        checklist = Checklist.objects.create(version=1, note="demo")
    checks, feedback = [], []
    for year, quarter in quarters:
        start, end = quarter_bounds(year, quarter)
        # Only days already past: a check is never dated in the future.
        span = (min(end, timezone.now()) - start).total_seconds()
        for station in stations:
            rng = random.Random(f"demo-assessment-{year}-{quarter}-{station.pk}")
            if rng.random() < 0.15:
                continue  # not every station is checked every quarter
            base = rng.uniform(62, 97)
            for _i in range(rng.randint(1, 3)):
                checks.append(
                    Inspection(
                        station=station,
                        union_id=station.union_id,
                        district=station.district,
                        kind=rng.choice(KINDS),
                        checklist=checklist,
                        by=by,
                        visited_at=start + dt.timedelta(seconds=rng.uniform(0, span)),
                        score=Decimal(f"{min(100, base + rng.uniform(-6, 6)):.2f}"),
                    )
                )
            for _i in range(rng.choice((0, 2, 6, 8))):
                feedback.append((station, rng.choice((3, 4, 4, 5, 5)), start, span, rng))
    Inspection.objects.bulk_create(checks, batch_size=500)
    made = Feedback.objects.bulk_create(
        [Feedback(station=s, union_id=s.union_id, rating=r) for s, r, *_ in feedback],
        batch_size=500,
    )
    # created_at is set on insert: move each row into its quarter.
    for row, (_s, _r, start, span, rng) in zip(made, feedback, strict=True):
        row.created_at = start + dt.timedelta(seconds=rng.uniform(0, span))
    Feedback.objects.bulk_update(made, ["created_at"], batch_size=500)


def seed_assessments() -> None:
    quarters = demo_quarters()
    if all(
        QuarterlyAssessment.objects.filter(
            year=y, quarter=q, status=AssessmentStatus.PUBLISHED
        ).exists()
        for y, q in quarters
    ):
        return
    User = get_user_model()
    aid = User.objects.get(username="aidcenter")
    inspector = User.objects.filter(username="inspector").first() or aid
    first_start, _end = quarter_bounds(*quarters[0])
    operating = Station.objects.filter(status__in=PUBLIC_STATUSES)
    operating.filter(Q(activated_at__gte=first_start) | Q(activated_at__isnull=True)).update(
        activated_at=first_start + dt.timedelta(hours=9)
    )
    if not Inspection.objects.exists():
        _checks_and_feedback(quarters, list(operating.order_by("pk")), inspector)
    for year, quarter in quarters:
        if QuarterlyAssessment.objects.filter(
            year=year, quarter=quarter, status=AssessmentStatus.PUBLISHED
        ).exists():
            continue
        assessment = assessment_run(year=year, quarter=quarter, by=aid)
        # Reports are left out to keep seed_demo fast (WeasyPrint: seconds per union).
        assessment_publish(assessment=assessment, by=aid, reports=False)
