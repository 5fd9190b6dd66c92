"""Demo records for `seed_demo` (idempotent): the last two ended quarters, published, so that
/rankings/ has content after `make run`.

The demo stations are activated on the day the demo is seeded; for those quarters to have
results they are taken to have operated since the first of them began (``activated_at`` set
back, the lifecycle history left as it is). When nobody else seeded checks (no Inspection
rows at all), a modest deterministic set of checks and feedback is made here; otherwise the
demo checks of inspections/demo.py are what the quarters are computed from.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from stations.models import Station
from stations.models.feedback import Feedback
from stations.models.station import PUBLIC_STATUSES

from .models import (
    AssessmentStatus,
    Checklist,
    Finding,
    Inspection,
    InspectionKind,
    QuarterlyAssessment,
)
from .quarters import previous_quarter, quarter_bounds
from .services.assessment import assessment_run
from .services.publication import assessment_publish
from .services.scoring import inspection_score

KINDS = (InspectionKind.FLYING, InspectionKind.UNDERCOVER, InspectionKind.SELF_CHECK)


def demo_quarters() -> list[tuple[int, int]]:
    """The last two quarters that have ended: a quarter still running is never published."""
    today = timezone.localdate()
    current = (today.year, (today.month - 1) // 3 + 1)
    last = previous_quarter(*current)
    return [previous_quarter(*last), last]


def _checks_and_feedback(quarters, stations, by) -> None:
    """Top up the ended quarters so that every operating station was checked in most of them
    (the plan's promise), each check with its findings on the current checklist and the
    score those findings give; feedback only for a quarter that has none."""
    checklist = Checklist.objects.order_by("-version").first()
    items = list(checklist.items.order_by("position", "pk"))
    plain = [item for item in items if not item.red_line]
    checks, unmet, feedback = [], [], []
    for year, quarter in quarters:
        start, end = quarter_bounds(year, quarter)
        checked = set(
            Inspection.objects.filter(visited_at__gte=start, visited_at__lt=end).values_list(
                "station_id", flat=True
            )
        )
        with_feedback = Feedback.objects.filter(created_at__gte=start, created_at__lt=end).exists()
        # Only days already past: a check is never dated in the future.
        span = (min(end, timezone.now()) - start).total_seconds()
        for station in stations:
            rng = random.Random(f"demo-assessment-{year}-{quarter}-{station.pk}")
            if station.pk not in checked and rng.random() >= 0.1:
                for _i in range(rng.randint(1, 2)):
                    missed = set(rng.sample(plain, rng.choice((0, 1, 1, 2, 3, 5))))
                    checks.append(
                        Inspection(
                            station=station,
                            union_id=station.union_id,
                            district=station.district,
                            kind=rng.choice(KINDS),
                            checklist=checklist,
                            by=by,
                            visited_at=start + dt.timedelta(seconds=rng.uniform(0, span)),
                            score=inspection_score(
                                checklist, {item.code: item not in missed for item in items}
                            ).score,
                        )
                    )
                    unmet.append(missed)
            if not with_feedback:
                for _i in range(rng.choice((0, 2, 6, 8))):
                    feedback.append((station, rng.choice((3, 4, 4, 5, 5)), start, span, rng))
    made_checks = Inspection.objects.bulk_create(checks, batch_size=500)
    Finding.objects.bulk_create(
        [
            Finding(inspection=check, item=item, met=item not in missed)
            for check, missed in zip(made_checks, unmet, strict=True)
            for item in items
        ],
        batch_size=1000,
    )
    made = Feedback.objects.bulk_create(
        [Feedback(station=s, union_id=s.union_id, rating=r) for s, r, *_ in feedback],
        batch_size=500,
    )
    # created_at is set on insert: move each row into its quarter.
    for row, (_s, _r, start, span, rng) in zip(made, feedback, strict=True):
        row.created_at = start + dt.timedelta(seconds=rng.uniform(0, span))
    Feedback.objects.bulk_update(made, ["created_at"], batch_size=500)


def seed_assessments(quarters: list[tuple[int, int]] | None = None) -> None:
    """Publish ``quarters`` (by default the last two ended ones); the annual honours' demo
    asks for the four quarters of its year (awards/demo.py)."""
    quarters = quarters or demo_quarters()
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
    _checks_and_feedback(quarters, list(operating.order_by("pk")), inspector)
    for year, quarter in quarters:
        if QuarterlyAssessment.objects.filter(
            year=year, quarter=quarter, status=AssessmentStatus.PUBLISHED
        ).exists():
            continue
        assessment = assessment_run(year=year, quarter=quarter, by=aid)
        # Reports are left out to keep seed_demo fast (WeasyPrint: seconds per union).
        assessment_publish(assessment=assessment, by=aid, reports=False)
