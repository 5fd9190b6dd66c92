"""Demo records for `seed_demo` (idempotent): the recent quarters, so that /rankings/ has
content after `make run`, under the publication rule (issue 21): of the last two ended
quarters, those whose results are final (every check's appeal window closed or its appeal
decided) are published; an ended quarter not yet final, and the quarter under way, are
computed as drafts only — on 4 December 2026, 2026 Q2 and Q3 are published and 2026 Q4 is a
draft.

The demo stations are activated on the day the demo is seeded; for those quarters to have
results they are taken to have operated since the first of them began (``activated_at`` set
back, the lifecycle history left as it is). The ended quarters are topped up with a modest
deterministic set of checks and feedback: most stations get an independent check by the
supervision team, many a self-check by their union (which tends to rate itself higher: the
gap the aid center sees), and some none at all (本季度未抽查).
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
from unions.models import Role

from .assessment.models import AssessmentStatus, QuarterlyAssessment
from .assessment.selectors.settled import quarter_state
from .assessment.services.assessment import assessment_run
from .assessment.services.publication import assessment_publish
from .checks.findings import findings_refresh
from .checks.models import Checklist, Finding, Inspection, InspectionKind
from .checks.services.scoring import inspection_score
from .permissions import quarter_of
from .quarters import previous_quarter, quarter_bounds

INDEPENDENT = (InspectionKind.FLYING, InspectionKind.FLYING, InspectionKind.UNDERCOVER)


def demo_quarters() -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """The last two quarters that have ended, oldest first, and the quarter under way."""
    current = quarter_of(timezone.localdate())
    last = previous_quarter(*current)
    return [previous_quarter(*last), last], current


def _clerks() -> dict[int, object]:
    """Each union's first clerk: who logs its self-checks."""
    clerks: dict[int, object] = {}
    users = get_user_model().objects.filter(profile__role=Role.UNION_STAFF).order_by("pk")
    for user in users.select_related("profile"):
        clerks.setdefault(user.profile.union_id, user)
    return clerks


def _checks_and_feedback(quarters, stations, inspector) -> None:
    """Top up the ended quarters: a station with no check in a quarter gets an independent
    check or two (nine in ten of them), and a self-check by its union (half of them), each
    with its findings on the current checklist and the score those findings give; feedback
    only for a quarter that has none."""
    checklist = Checklist.objects.order_by("-version").first()
    items = list(checklist.items.order_by("position", "pk"))
    plain = [item for item in items if not item.red_line]
    clerks = _clerks()
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

        def add(station, kind, by, misses, rng, start=start, span=span):
            checks.append(
                Inspection(
                    station=station,
                    union_id=station.union_id,
                    district=station.district,
                    kind=kind,
                    checklist=checklist,
                    by=by,
                    visited_at=start + dt.timedelta(seconds=rng.uniform(0, span)),
                    score=inspection_score(
                        checklist, {item.code: item not in misses for item in items}
                    ).score,
                )
            )
            unmet.append(misses)

        for station in stations:
            rng = random.Random(f"demo-assessment-{year}-{quarter}-{station.pk}")
            if station.pk not in checked:
                if rng.random() < 0.9:
                    for _i in range(rng.randint(1, 2)):
                        missed = set(rng.sample(plain, rng.choice((0, 1, 1, 2, 3, 5))))
                        add(station, rng.choice(INDEPENDENT), inspector, missed, rng)
                clerk = clerks.get(station.union_id)
                if clerk is not None and rng.random() < 0.5:
                    missed = set(rng.sample(plain, rng.choice((0, 0, 0, 1))))
                    add(station, InspectionKind.SELF_CHECK, clerk, missed, rng)
            if not with_feedback:
                for _i in range(rng.choice((0, 2, 6, 8))):
                    feedback.append((station, rng.choice((3, 4, 4, 5, 5)), start, span, rng))
    made_checks = Inspection.objects.bulk_create(checks, batch_size=500)
    findings_refresh({check.station_id for check in made_checks})
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


def _has(year: int, quarter: int, *statuses: str) -> bool:
    versions = QuarterlyAssessment.objects.filter(year=year, quarter=quarter)
    return versions.filter(status__in=statuses).exists() if statuses else versions.exists()


def seed_assessments(quarters: list[tuple[int, int]] | None = None) -> None:
    """Publish ``quarters`` once their results are final: by default the last two ended
    quarters, with the quarter under way computed as a draft only; the annual honours' demo
    asks for the four quarters of its year (awards/demo.py)."""
    if quarters is None:
        ended, current = demo_quarters()
    else:
        ended, current = quarters, None
    published = AssessmentStatus.PUBLISHED
    if all(_has(y, q, published) for y, q in ended) and (current is None or _has(*current)):
        return
    User = get_user_model()
    aid = User.objects.get(username="aidcenter")
    inspector = User.objects.filter(username="inspector").first() or aid
    first_start, _end = quarter_bounds(*ended[0])
    operating = Station.objects.filter(status__in=PUBLIC_STATUSES)
    operating.filter(Q(activated_at__gte=first_start) | Q(activated_at__isnull=True)).update(
        activated_at=first_start + dt.timedelta(hours=9)
    )
    if not any(_has(y, q) for y, q in ended):
        _checks_and_feedback(ended, list(operating.order_by("pk")), inspector)
    for year, quarter in ended:
        if _has(year, quarter, published):
            continue
        if quarter_state(year, quarter).final:
            assessment = assessment_run(year=year, quarter=quarter, by=aid)
            # Reports are left out to keep seed_demo fast (WeasyPrint: seconds per union).
            assessment_publish(assessment=assessment, by=aid, reports=False)
        elif not _has(year, quarter):
            assessment_run(year=year, quarter=quarter, by=aid)  # a draft: not final yet
    # The quarter under way: a draft only, never published.
    if current is not None and not _has(*current):
        assessment_run(year=current[0], quarter=current[1], by=aid)
