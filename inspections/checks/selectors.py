"""Reads for the check pages (orders, plans and appeals have theirs in selectors.py): the
quarter's open planned visits, the stations the check form offers (the plan, the recent
ones, a page of candidates found by name or by the phone's position), and the list
filters."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Context, Decimal

from django.db import connections
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from stations.geo import Point, bounding_box, haversine_km
from stations.models import HOLDS_PLAQUE, Station
from stations.selectors import registry_search
from unions.dates import day_range
from unions.params import id_param

from ..orders.models import PlanVisit
from ..permissions import kinds_for, loggable_scopes, quarter_of
from .findings import open_findings
from .models import Inspection, InspectionKind, InspectionStatus, PositionReview

# The kinds a planned visit is made with: the plan guarantees an independent check.
PLANNED_KINDS = (InspectionKind.FLYING, InspectionKind.UNDERCOVER)
# The check list's filter of open findings (findings.py), linked from the homes.
FINDINGS_QUERY = "finding=1"


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


# The chooser offers the stations that hold a plaque: operating ones (flying checks,
# undercover visits, self-checks, peer reviews) and approved ones (acceptance). Who may log
# what where stays loggable_stations' rule; a station outside these (revoked, say) is still
# reached through ?station= from its own page.
CHOOSER_STATUSES = HOLDS_PLAQUE
# A page of candidates: what a phone shows under the search box, never the scope.
CANDIDATES = 20
# The day's plan: the open planned visits the today page and the check form list (an
# inspector makes some twenty visits a day; a city inspector covering a district without
# its own was planned 3,600 for the quarter at national size). The rest of the quarter's
# plan comes up in "near me" and the search, marked as planned.
DAY_PLAN = 40
# The stations the user checked most recently, offered beside the plan (and kept offline).
RECENT = 20
# "Near me" reads a box around the phone, doubled until it holds a page of candidates
# (downtown, half a kilometre holds hundreds of stations at national size); past the last
# radius (the city is some 100 km across) the nearest found are given as they are.
NEAR_FIRST_KM, NEAR_LAST_KM = 0.5, 128.0
# The groups of candidates a search found, whose distance from the phone a row gives.
MEASURED = frozenset({"found", "near"})
CHOOSER_FIELDS = (
    "id", "name", "plaque_number", "plaque_seq", "district", "latitude", "longitude", "address",
)  # fmt: skip


def loggable_anywhere(user, on: dt.date) -> QuerySet[Station]:
    """The stations at which ``user`` may log a check of some kind on day ``on``: the union
    of loggable_stations over the user's kinds, as subqueries (never a list of ids: a city
    inspector's scope is the whole registry), one per kind of reach."""
    scopes = loggable_scopes(user, on)
    if not scopes:
        return Station.objects.none()
    match = Q()
    for stations, _kinds in scopes:
        match |= Q(pk__in=stations.values("pk"))
    return Station.objects.filter(match)


def _kinds_at(user, on: dt.date, ids: list[int]) -> dict[int, list[str]]:
    """The kinds ``user`` may log at each station of ``ids``, in kinds_for's order: one
    query per distinct scope, not one per kind."""
    found: dict[int, set[str]] = {pk: set() for pk in ids}
    if ids:
        for stations, kinds in loggable_scopes(user, on):
            for pk in stations.filter(pk__in=ids).values_list("pk", flat=True):
                found[pk].update(kinds)
    ordered = kinds_for(user)  # asked once, not once a station (it reads the user's role)
    return {pk: [k for k in ordered if k in there] for pk, there in found.items()}


def _rows(
    user,
    offered: list[tuple[Station, str]],
    on: dt.date,
    near: Point | None = None,
    *,
    planned: frozenset[int] = frozenset(),
):
    """The chooser's rows of ``offered`` (each station with its group), the first of each
    station kept; ``planned`` names stations known to be open planned visits, the others
    are looked up."""
    ids = list(dict.fromkeys(s.pk for s, _group in offered))
    kinds_at = _kinds_at(user, on, ids)
    unknown = [pk for pk in ids if pk not in planned]
    planned = planned | set(
        open_planned_visits(user, on)
        .filter(station_id__in=unknown)
        .order_by()  # a set: the plan's order would join every visit to its station
        .values_list("station_id", flat=True)
    )
    rows = []
    seen: set[int] = set()
    for s, group in offered:
        if not kinds_at.get(s.pk) or s.pk in seen:
            continue  # in no kind's scope today (a pairing of another quarter), or shown
        seen.add(s.pk)
        row = {
            "id": s.pk,
            "name": s.name,
            "plaque_number": s.plaque_number,
            "district": s.district,
            "address": s.address,
            "latitude": str(s.latitude) if s.latitude is not None else "",
            "longitude": str(s.longitude) if s.longitude is not None else "",
            "kinds": kinds_at[s.pk],
            "planned": s.pk in planned,
            "group": "planned" if s.pk in planned else group,
        }
        measured = group in MEASURED and near is not None
        if measured and s.latitude is not None and s.longitude is not None:
            row["distance_m"] = round(
                1000 * haversine_km(near, Point(float(s.latitude), float(s.longitude)))
            )
        rows.append(row)
    return rows


def day_plan(user, on: dt.date | None = None) -> list[Station]:
    """The day's plan: the stations of the first DAY_PLAN open planned visits of the
    quarter, with the fields the chooser shows."""
    visits = open_planned_visits(user, on).only(
        "station", *(f"station__{name}" for name in CHOOSER_FIELDS)
    )
    return [visit.station for visit in visits[:DAY_PLAN]]


def form_stations(
    user,
    on: dt.date | None = None,
    *,
    also: tuple[int, ...] = (),
    plan: list[Station] | None = None,
) -> list[dict]:
    """What the check form offers before any search: the day's plan (``plan``, read when
    not given), then the stations the user checked most recently, and ``also`` (the station
    a link names). Bounded by the plan's size, never by the scope (issue 26: the whole
    scope in one <select> was 56 MB at national size)."""
    on = on or timezone.localdate()
    offered, in_plan = _form_offered(user, on, also, plan)
    return _rows(user, offered, on, planned=in_plan)


def form_stations_and_found(
    user, *, also: tuple[int, ...] = (), q: str = "", near: Point | None = None
) -> tuple[list[dict], bool]:
    """form_stations, then a search's page of candidates (station_candidates) not already
    offered, their kinds and plan looked up together (the form searched without
    JavaScript); and whether the search found any station the user may check."""
    on = timezone.localdate()
    offered, in_plan = _form_offered(user, on, also, None)
    found = _candidates(user, q, near, on)
    rows = _rows(user, offered + found, on, near, planned=in_plan)
    found_ids = {s.pk for s, _group in found}
    return rows, any(row["id"] in found_ids for row in rows)


def _form_offered(
    user, on: dt.date, also: tuple[int, ...], plan: list[Station] | None
) -> tuple[list[tuple[Station, str]], frozenset[int]]:
    planned = day_plan(user, on) if plan is None else plan
    recent_ids: list[int] = []
    for pk in (
        Inspection.objects.filter(by=user)
        .order_by("-visited_at", "-id")
        .values_list("station_id", flat=True)[: RECENT * 3]
    ):
        if pk not in recent_ids:
            recent_ids.append(pk)
    recent_ids = recent_ids[:RECENT]
    in_plan = {s.pk for s in planned}
    wanted = [pk for pk in (*also, *recent_ids) if pk not in in_plan]
    others = {
        s.pk: s for s in loggable_anywhere(user, on).filter(pk__in=wanted).only(*CHOOSER_FIELDS)
    }
    offered = [(others[pk], "selected") for pk in also if pk in others]
    offered += [(s, "planned") for s in planned]
    offered += [(others[pk], "recent") for pk in recent_ids if pk in others]
    return offered, frozenset(in_plan)


def station_candidates(
    user, *, q: str = "", near: Point | None = None, on: dt.date | None = None
) -> list[dict]:
    """A page of stations the user may check: those whose name, address or plaque number
    holds ``q`` (through the registry's search and its character-pair index), or the
    nearest to ``near``; at most CANDIDATES, whatever the scope."""
    on = on or timezone.localdate()
    return _rows(user, _candidates(user, q, near, on), on, near)


def _candidates(user, q: str, near: Point | None, on: dt.date) -> list[tuple[Station, str]]:
    if not q and near is None:
        return []
    scope = loggable_anywhere(user, on).filter(status__in=CHOOSER_STATUSES).only(*CHOOSER_FIELDS)
    if q:
        # No order: the first matches found are a page; the inspector types more to narrow.
        found = list(registry_search(scope, q[:100]).order_by()[:CANDIDATES])
        found.sort(key=lambda s: (s.plaque_seq is None, s.plaque_seq or 0, s.pk))
        if near is not None:
            found.sort(key=lambda s: _km(near, s))
        return [(s, "found") for s in found]
    return [(s, "near") for s in nearest(scope, near, CANDIDATES)]


def _km(near: Point, s: Station) -> float:
    if s.latitude is None or s.longitude is None:
        return math.inf
    return haversine_km(near, Point(float(s.latitude), float(s.longitude)))


def nearest(scope: QuerySet[Station], near: Point, count: int) -> list[Station]:
    """The ``count`` stations of ``scope`` nearest to ``near``: in a box around the point,
    the first ``count`` by an equirectangular distance (then by id), the box doubled until
    its ``count``-th station lies within its radius; then those stations' rows."""
    stretch = math.cos(math.radians(near.lat))
    in_box = _in_box_by_plane if connections[scope.db].vendor == "postgresql" else _in_box
    ids: list[int] = []
    radius = NEAR_FIRST_KM
    while True:
        found = in_box(scope, near, stretch, bounding_box(near, radius), count)
        ids = [pk for pk, _lat, _lng in found]
        last = found[-1] if found else None
        if radius >= NEAR_LAST_KM or (
            len(found) == count
            and haversine_km(near, Point(float(last[1]), float(last[2]))) <= radius
        ):
            break
        # An empty box (the sea, a field) says little of where the stations are: jump
        # further rather than read a band of the index at every doubling.
        radius *= 2 if found else 8
    rows = scope.in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


Box = tuple[float, float, float, float]


def _inside(scope: QuerySet[Station], box: Box) -> QuerySet[Station]:
    lat_lo, lat_hi, lng_lo, lng_hi = box
    return scope.filter(
        latitude__gte=lat_lo, latitude__lte=lat_hi, longitude__gte=lng_lo, longitude__lte=lng_hi
    )


def _in_box(scope: QuerySet[Station], near: Point, stretch: float, box: Box, count: int):
    """The first ``count`` (id, latitude, longitude) of the box by the distance, then by id:
    every station of the box sorted, from the position index alone (migration stations
    0018). SQLite's way, and the order PostgreSQL's way (below) must give."""
    distance = ExpressionWrapper(
        (F("latitude") - near.lat) * (F("latitude") - near.lat)
        + (F("longitude") - near.lng) * (F("longitude") - near.lng) * stretch * stretch,
        output_field=FloatField(),
    )
    return list(
        _inside(scope, box)
        .annotate(distance=distance)
        .order_by("distance", "pk")
        .values_list("pk", "latitude", "longitude")[:count]
    )


# PostgreSQL's "near me" (migration stations 0025): a GiST index holds each plaque-holding
# station as a point of a plane whose longitudes are shrunk by the cosine of the city's
# latitude (31.2°), and gives the stations of a box nearest first by that plane's distance,
# reading a page of entries where sorting the box read most of the city's index from far
# out at sea (143 ms). The query names the index's own expression to be served by it.
PLANE_STRETCH = 0.855
PLANE_POINT = (
    f'point("stations_station"."longitude"::float8 * {PLANE_STRETCH}, '
    '"stations_station"."latitude"::float8)'
)
# A margin, in degrees, far above float8's rounding of coordinates and far below the six
# decimals a position is stored with.
PLANE_SLACK = 1e-9


def _in_box_by_plane(scope: QuerySet[Station], near: Point, stretch: float, box: Box, count: int):
    """_in_box's answer, read nearest first from the plane's index. The plane's stretch is
    not the one at ``near``, so twice ``count`` are read and sorted as _in_box sorts; they
    hold its ``count`` once the ``count``-th lies nearer than any station not read can be
    (those lie at least as far on the plane as the last one read), else more are read."""
    candidates = plane_nearest_first(scope, near, box)
    inside = _exactly_inside(box)
    # The plane's distance, in degrees of latitude, is at least the true one over this.
    shrink = min(1.0, stretch / PLANE_STRETCH)
    key = _equirectangular(near, stretch)
    wanted = 2 * count
    while True:
        found = list(candidates.values_list("pk", "latitude", "longitude", "gap")[:wanted])
        ranked = sorted((row for row in found if inside(row)), key=key)[:count]
        reach = shrink * max(found[-1][3] - PLANE_SLACK, 0.0) if found else 0.0
        if len(found) < wanted or (
            len(ranked) == count and float(key(ranked[-1])[0]) < reach * reach
        ):
            return [(pk, lat, lng) for pk, lat, lng, _gap in ranked]
        wanted *= 4


def plane_nearest_first(scope: QuerySet[Station], near: Point, box: Box) -> QuerySet[Station]:
    """The stations of ``scope`` in ``box`` (give or take PLANE_SLACK), nearest to ``near``
    on the plane first, each with its distance there (``gap``). The box is given as the
    plane's alone: with _inside's bounds too, the planner took the stations of a downtown
    box (440) from migration 0018's index and sorted them all."""
    lat_lo, lat_hi, lng_lo, lng_hi = box
    corners = (
        (lng_lo - PLANE_SLACK) * PLANE_STRETCH,
        lat_lo - PLANE_SLACK,
        (lng_hi + PLANE_SLACK) * PLANE_STRETCH,
        lat_hi + PLANE_SLACK,
    )
    on_plane = RawSQL(  # noqa: S611 (constant SQL, the numbers as parameters)
        f"{PLANE_POINT} <@ box(point(%s, %s), point(%s, %s))", corners, output_field=BooleanField()
    )
    gap = RawSQL(  # noqa: S611 (constant SQL, the numbers as parameters)
        f"{PLANE_POINT} <-> point(%s, %s)", (near.lng * PLANE_STRETCH, near.lat), FloatField()
    )
    return scope.filter(on_plane).annotate(gap=gap).order_by("gap")


def _exactly_inside(box: Box):
    """_inside's test of a row's (id, latitude, longitude), as PostgreSQL makes it: the
    numeric coordinates against the bounds sent as decimal literals."""
    lat_lo, lat_hi, lng_lo, lng_hi = (Decimal(repr(bound)) for bound in box)

    def inside(row) -> bool:
        lat, lng = row[1], row[2]
        return lat_lo <= lat <= lat_hi and lng_lo <= lng <= lng_hi

    return inside


def _equirectangular(near: Point, stretch: float):
    """_in_box's sort key, computed as PostgreSQL computes it: the coordinates are numeric
    and the parameters are sent as decimal literals, so the distance is exact decimal
    arithmetic (ties between stations at the same distance fall to the id)."""
    lat0, lng0, s = (Decimal(repr(v)) for v in (near.lat, near.lng, stretch))
    exact = Context(prec=200)

    def key(row) -> tuple[Decimal, int]:
        pk, lat, lng = row[0], row[1], row[2]
        dlat, dlng = exact.subtract(lat, lat0), exact.subtract(lng, lng0)
        across = exact.multiply(exact.multiply(exact.multiply(dlng, dlng), s), s)
        return exact.add(exact.multiply(dlat, dlat), across), pk

    return key


def check_filter(qs: QuerySet[Inspection], params) -> QuerySet[Inspection]:
    """The check list's filters; ``qs`` is already scoped, filters only narrow it."""
    kind = params.get("kind", "").strip()
    if kind in InspectionKind.values:
        qs = qs.filter(kind=kind)
    district = params.get("district", "").strip()
    if district:
        qs = qs.filter(district=district)
    # One station's checks (its staff page's "all N checks"), read from the index on
    # station and visit time; another's station, out of scope, simply shows none.
    station = id_param(params.get("station"))
    if station is not None:
        qs = qs.filter(station_id=station)
    # From and to as instants: read from the index on the visit's time (unions/dates.py).
    qs = qs.filter(**day_range("visited_at", params))
    if params.get("red_line") == "1":
        qs = qs.filter(red_line=True)
    if params.get("finding") == "1":
        qs = open_findings(qs).order_by(*Inspection._meta.ordering)
    if params.get("far") == "1":
        qs = qs.filter(position_review=PositionReview.FAR)
    return qs
