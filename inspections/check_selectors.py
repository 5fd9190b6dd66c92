"""Reads for the check pages (orders, plans and appeals have theirs in selectors.py): the quarter's open planned visits, the stations a user may
pick on the check form, and the list filters."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date

from stations.models import Station

from .models import Inspection, InspectionKind, InspectionStatus, PlanVisit, PositionReview
from .permissions import kinds_for, loggable_stations, quarter_of

# The kinds a planned visit is made with: the plan guarantees an independent check.
PLANNED_KINDS = (InspectionKind.FLYING, InspectionKind.UNDERCOVER)


def open_planned_visits(user, on: dt.date | None = None) -> QuerySet[PlanVisit]:
    """This inspector's visits of the quarter's plan not yet made. A check made far from
    the station makes it only once the aid center accepts its position (services/position.py)."""
    year, quarter = quarter_of(on or timezone.localdate())
    made = Inspection.objects.filter(
        plan_visit=OuterRef("pk"), status=InspectionStatus.RECORDED
    ).exclude(position_review=PositionReview.FAR)
    return (
        PlanVisit.objects.visible_to(user)
        .filter(plan__year=year, plan__quarter=quarter, inspector=user)
        .exclude(Exists(made))
        .select_related("station")
        .order_by("station__plaque_seq", "pk")
    )


def plan_visit_for(user, station: Station, kind: str, visited_at) -> PlanVisit | None:
    """The open planned visit a check of ``kind`` at ``station`` makes, if any."""
    if kind not in PLANNED_KINDS:
        return None
    return open_planned_visits(user, timezone.localdate(visited_at)).filter(station=station).first()


def form_stations(user, on: dt.date | None = None) -> list[dict]:
    """The stations the check form offers, each with the kinds the user may log there and
    whether today's plan names it; planned ones first."""
    on = on or timezone.localdate()
    kinds_at: dict[int, list[str]] = {}
    stations: dict[int, Station] = {}
    for kind in kinds_for(user):
        for station in loggable_stations(user, kind, on).only(
            "id", "name", "plaque_number", "plaque_seq", "district", "latitude", "longitude",
            "address",
        ):  # fmt: skip
            stations[station.pk] = station
            kinds_at.setdefault(station.pk, []).append(kind)
    planned = set(open_planned_visits(user, on).values_list("station_id", flat=True))
    rows = [
        {
            "id": s.pk,
            "name": s.name,
            "plaque_number": s.plaque_number,
            "district": s.district,
            "address": s.address,
            "latitude": str(s.latitude) if s.latitude is not None else "",
            "longitude": str(s.longitude) if s.longitude is not None else "",
            "kinds": kinds_at[s.pk],
            "planned": s.pk in planned,
        }
        for s in stations.values()
    ]
    rows.sort(key=lambda r: (not r["planned"], r["plaque_number"] or "~", r["name"]))
    return rows


def check_filter(qs: QuerySet[Inspection], params) -> QuerySet[Inspection]:
    """The check list's filters; ``qs`` is already scoped, filters only narrow it."""
    kind = params.get("kind", "").strip()
    if kind in InspectionKind.values:
        qs = qs.filter(kind=kind)
    district = params.get("district", "").strip()
    if district:
        qs = qs.filter(district=district)
    since, until = _date(params.get("since")), _date(params.get("until"))
    if since:
        qs = qs.filter(visited_at__date__gte=since)
    if until:
        qs = qs.filter(visited_at__date__lte=until)
    if params.get("red_line") == "1":
        qs = qs.filter(red_line=True)
    if params.get("far") == "1":
        qs = qs.filter(position_review=PositionReview.FAR)
    return qs


def _date(text: str | None) -> dt.date | None:
    try:
        return parse_date((text or "").strip())
    except ValueError:  # well formed but not a day (2026-02-30)
        return None
