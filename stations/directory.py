"""Reads for the public directory (/stations/): filters, open now and distance order.

Public stations only (``Station.objects.public()``). District, audience, service and text
narrow the query in the database. What one request reads is bounded by the page asked for,
never by the number of stations (issue 13: 185,000 public stations at national size):

- In the directory's order (district, plaque number) a page is a slice of the database's
  order, its ids read from the partial index ``station_directory_order``. The total of the
  whole list or of a district comes from counts by district, made from that index once a
  minute.
- With text, a service or an audience, a page is read with one row more (is there a next
  page?), and the total is not counted; text on PostgreSQL through a character-pair index.
- "Open now" depends on each station's weekly hours and temporary closures, read in Python
  (open_now.py). The matches are read in the directory's order, in growing chunks, only
  until the page is filled and one more is found. How many are open in all is not known
  without reading every match, and the page does not claim it.
- ``near=lat,lng`` reads the matches in a small box around the point (the partial index
  ``station_directory_position``), keeps those inside the circle, and widens the radius
  (twice or more) until the page is filled or NEAR_RADIUS_KM is reached. Every station
  nearer than the radius lies inside its box, so the nearest found are the nearest there are.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from unions.params import id_param

from .alert_hours import MODE_FROM, AlertDays, around, modes_on
from .geo import Point, bounding_box, km_from, parse_point
from .models import Audience, Service, Station, StationClosure
from .open_now import closure_on, open_now
from .pairs import ALIAS, pairs_hold, pairs_match
from .services.campaigns import reached_filter

# The parameters of DESIGN.md's public contract, in the order the form shows them.
FILTER_PARAMS = (
    "q",
    "district",
    "service",
    "audience",
    "open_now",
    "near",
    "alert_mode",
    "campaign",
)

# Downtown half a kilometre holds a page of stations at national density (the bench's
# 200,000 put ~1,700 within a kilometre of People's Square); elsewhere the radius grows with
# the density seen (_wider), so a suburb is reached in two or three reads.
NEAR_FIRST_RADIUS_KM = 0.5
# Lists read station by station (open now, near) stop at this page: the deeper the page,
# the more stations one request reads to reach it. Nobody looking for a place to rest pages
# past the thousandth nearest, and a crawler cannot make one request read the country.
DEEPEST_PAGE = 50
# "Open now" reads the matches in chunks that double from two pages' worth up to this.
LARGEST_CHUNK = 1000
# The directory's counts are a minute old at most, like the home page's: a minute's lag in
# "185,012 stations found" is invisible; counting 185,000 stations on every visit is not.
COUNT_SECONDS = 60


@dataclass
class DirectoryEntry:
    station: Station
    open_now: bool | None
    distance_km: float | None = None
    closure: StationClosure | None = None
    # The alert modes it keeps today: ["heat"] is 清凉模式, ["cold"] 暖心模式.
    alert_modes: tuple[str, ...] = ()


@dataclass
class DirectoryQuery:
    q: str = ""
    district: str = ""
    service: str = ""
    audience: str = ""
    open_now: bool = False
    near: Point | None = None
    # Only stations keeping extended hours under today's heat or cold alert.
    alert_mode: bool = False
    # Only stations a campaign's goods reached (its public page links here: its map).
    campaign: int | None = None

    @classmethod
    def from_params(cls, params) -> DirectoryQuery:
        """Read GET parameters; a value the programme does not know is ignored, not an error."""
        district = params.get("district", "").strip()
        service = params.get("service", "").strip()
        audience = params.get("audience", "").strip()
        return cls(
            q=params.get("q", "").strip()[:100],
            district=district if district in settings.DISTRICTS else "",
            service=service if service in Service.values else "",
            audience=audience if audience in Audience.values else "",
            open_now=params.get("open_now", "") in ("1", "on", "true", "yes"),
            near=parse_point(params.get("near", "").strip()),
            alert_mode=params.get("alert_mode", "") in ("1", "on", "true", "yes"),
            campaign=id_param(params.get("campaign", "")),
        )

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.q
            or self.district
            or self.service
            or self.audience
            or self.open_now
            or self.near
            or self.alert_mode
            or self.campaign
        )


@dataclass
class DirectoryPage:
    """One page of the directory, shaped like Django's ``Page`` for the pagination partial."""

    entries: list[DirectoryEntry]
    number: int
    per_page: int
    has_next_page: bool
    # None when knowing it would mean reading every match (open now and near, with more
    # pages to come).
    count: int | None

    @property
    def object_list(self) -> list[DirectoryEntry]:
        return self.entries

    @property
    def paginator(self) -> DirectoryPage:
        # templates/partials/pagination.html reads page.paginator.num_pages.
        return self

    @property
    def num_pages(self) -> int | None:
        if self.count is None:
            return None
        return max(1, math.ceil(self.count / self.per_page))

    def has_next(self) -> bool:
        return self.has_next_page

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.entries else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.entries)


@dataclass(slots=True)
class _Candidate:
    """What deciding a station's place in the list needs, before its whole row is read.
    Quacks like a station for open_now(); a closure covering today is found by the same
    query (``closed_today``), so open_now() is given none to look for."""

    pk: int
    plaque_number: str
    open_24h: bool = False
    opening_hours: list = field(default_factory=list)
    closed_today: bool = False
    alert_hours: dict = field(default_factory=dict)
    listing_doubtful: bool = False
    distance_km: float | None = None
    current_closures: tuple = ()

    def is_open(self, when: datetime, alerts: AlertDays) -> bool:
        return not self.closed_today and bool(open_now(self, when, alerts))


def matching_stations(query: DirectoryQuery, alerts: AlertDays, day: date) -> QuerySet[Station]:
    """Public stations that pass the filters the database can apply (all but open now)."""
    qs = Station.objects.public()
    if query.alert_mode:
        # Those whose lowest alert level is reached by today's alert of its kind: each
        # kind's partial index (station_heat_mode, station_cold_mode) holds only them.
        levels = alerts.on(day)
        if not levels:
            return qs.none()
        modes = Q()
        for kind, level in levels.items():
            modes |= Q(**{f"{MODE_FROM[kind]}__lte": level})
        qs = qs.filter(modes)
    if query.campaign:
        qs = qs.filter(reached_filter(query.campaign))
    if query.district:
        qs = qs.filter(district=query.district)
    if query.audience:
        qs = qs.filter(audience=query.audience)
    if query.service:
        qs = qs.filter(_offers(query.service))
    if query.q:
        qs = _text_search(qs, query.q)
    return qs


def _offers(service: str) -> Q:
    """services is a JSON list of codes. PostgreSQL tests jsonb containment, which its
    statistics estimate well (a text match on the cast column was taken to match almost
    nothing, and the planner sorted every public station instead of walking the directory's
    index). SQLite has no containment: the quoted code matched as text is the same test
    ("water" never matches "water_dispenser")."""
    if connection.vendor == "postgresql":
        return Q(services__contains=[service])
    return Q(services__icontains=f'"{service}"')


def _text_search(qs: QuerySet[Station], q: str) -> QuerySet[Station]:
    """Name, address, district or the exact plaque number; never the station head (a
    public page must not tell who runs which station)."""
    plaque = Q(plaque_number__in={q, q.upper(), q.lower()})
    contains = Q(name__icontains=q) | Q(address__icontains=q) | Q(district__icontains=q)
    if connection.vendor != "postgresql" or len(q) < 2:
        return qs.filter(contains | plaque)
    # PostgreSQL: the character pairs of those three fields (migration 0014) find the
    # candidates through an index (stations/pairs.py).
    pairs = pairs_hold('"stations_station"."public_bigrams"', q)
    text = pairs_match(q, contains)
    return qs.alias(**{ALIAS: pairs}).filter(text | plaque)


def directory_page(
    query: DirectoryQuery,
    page: str | int | None = 1,
    when: datetime | None = None,
    alerts: AlertDays | None = None,
) -> DirectoryPage:
    """The page ``page`` of the directory: nearest first when ``near`` is given, else in
    district and plaque-number order."""
    when = when or timezone.now()
    size = settings.DIRECTORY_PAGE_SIZE
    number = _page_number(page)
    # Today's and yesterday's heat and cold alerts, read once for every station's open-now
    # (the caller may have read them already).
    alerts = alerts if alerts is not None else around(when)
    if not (
        query.near
        or query.open_now
        or query.q
        or query.service
        or query.audience
        or query.alert_mode
        or query.campaign
    ):
        return _counted_page(query, number, size, when, alerts)
    number = min(number, DEEPEST_PAGE)
    if not (query.near or query.open_now):
        return _uncounted_page(query, number, size, when, alerts)
    needed = number * size + 1  # one more than the page: is there a next one?
    if query.near:
        found, complete = _nearest(query, needed, size, when, alerts)
    else:
        found, complete = _open_in_order(query, needed, size, when, alerts)
    count = len(found) if complete else None
    if count is not None:
        number = min(number, max(1, math.ceil(count / size)))
    shown = found[(number - 1) * size : number * size]
    entries = _entries(shown, when, alerts)
    has_next = len(found) > number * size and number < DEEPEST_PAGE
    return DirectoryPage(entries, number, size, has_next, count)


def _page_number(page) -> int:
    try:
        return max(1, int(page))
    except (TypeError, ValueError):
        return 1


# --- In the directory's order ---------------------------------------------------------------


def _ordered(query: DirectoryQuery, alerts: AlertDays, when) -> QuerySet[Station]:
    # Listings to be verified after the confirmed ones (stations/freshness.py), each part in
    # district and plaque-number order: the directory's two order indexes serve it.
    return matching_stations(query, alerts, _today(when)).order_by(
        "listing_doubtful", "district", "plaque_number"
    )


def _counted_page(query: DirectoryQuery, number: int, size: int, when, alerts) -> DirectoryPage:
    count = _count(query)
    last = max(1, math.ceil(count / size))
    number = min(number, last)
    # The ids first: a deep page skips index entries, not rows.
    ids = _ordered(query, alerts, when).values_list("pk", flat=True)[
        (number - 1) * size : number * size
    ]
    entries = _entries([_Candidate(pk, "") for pk in ids], when, alerts)
    return DirectoryPage(entries, number, size, number < last, count)


def _uncounted_page(query: DirectoryQuery, number: int, size: int, when, alerts) -> DirectoryPage:
    """A page and one more row to tell whether another page follows. Counting the matches
    of a text, a service or an audience reads every public station or every station a
    common term matches (漕溪, 中山: thousands at national size), more than the page costs;
    the total is known on the last page only."""
    start = (number - 1) * size
    ids = list(_ordered(query, alerts, when).values_list("pk", flat=True)[start : start + size + 1])
    has_next = len(ids) > size and number < DEEPEST_PAGE
    count = start + len(ids) if len(ids) <= size and (ids or number == 1) else None
    entries = _entries([_Candidate(pk, "") for pk in ids[:size]], when, alerts)
    return DirectoryPage(entries, number, size, has_next, count)


def _count(query: DirectoryQuery) -> int:
    by_district = cache.get_or_set(COUNTS_KEY, _counts_by_district, COUNT_SECONDS)
    if query.district:
        return by_district.get(query.district, 0)
    return sum(by_district.values())


COUNTS_KEY = "directory:counts-by-district"


def _counts_by_district() -> dict[str, int]:
    """Public stations by district, read from the directory's order index alone."""
    rows = Station.objects.public().order_by().values_list("district").annotate(n=Count("id"))
    return dict(rows)


def _open_in_order(
    query: DirectoryQuery, needed: int, size: int, when, alerts: AlertDays
) -> tuple[list[_Candidate], bool]:
    """The first ``needed`` stations open now, in the directory's order; and whether every
    match was read (then the list is all there is)."""
    rows = _with_closed_today(_ordered(query, alerts, when), when).values_list(*_HOURS_FIELDS)
    found: list[_Candidate] = []
    start, chunk = 0, 2 * size
    while True:
        batch = [_Candidate(*row) for row in rows[start : start + chunk]]
        for candidate in batch:
            if candidate.is_open(when, alerts):
                found.append(candidate)
                if len(found) == needed:
                    return found, False
        if len(batch) < chunk:
            return found, True
        start, chunk = start + chunk, min(2 * chunk, LARGEST_CHUNK)


# --- Nearest first --------------------------------------------------------------------------


def _nearest(
    query: DirectoryQuery, needed: int, size: int, when, alerts: AlertDays
) -> tuple[list[_Candidate], bool]:
    """The ``needed`` nearest matches (open now, when asked) within NEAR_RADIUS_KM, nearest
    first; and whether every match within NEAR_RADIUS_KM was read."""
    centre = query.near
    assert centre is not None
    fields = (*(_HOURS_FIELDS if query.open_now else ("pk", "plaque_number")), "listing_doubtful")
    matches = matching_stations(query, alerts, _today(when)).order_by()
    if query.open_now:
        matches = _with_closed_today(matches, when)
    km = km_from(centre)
    doubtful, plaque = fields.index("listing_doubtful"), fields.index("plaque_number")
    limit = settings.NEAR_RADIUS_KM
    radius = min(NEAR_FIRST_RADIUS_KM, limit)
    while True:
        min_lat, max_lat, min_lng, max_lng = bounding_box(centre, radius)
        inside = matches.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lng,
            longitude__lte=max_lng,
        ).values_list("latitude", "longitude", *fields)
        # Nearest first; listings to be verified after the confirmed ones found; then in the
        # order read. Only the rows placed are made candidates: at national size a box holds
        # some four hundred stations for a page of twenty (issue 26).
        placed = []
        for n, (lat, lng, *row) in enumerate(inside):
            distance = km(float(lat), float(lng))
            if distance <= radius:  # a box's corners lie outside its circle
                placed.append((row[doubtful], distance, row[plaque], n, row))
        placed.sort(key=lambda p: p[:4])
        candidates = (
            _Candidate(**dict(zip(fields, row, strict=True)), distance_km=distance)
            for _doubtful, distance, _plaque, _n, row in placed
        )
        found = (
            _first_open(candidates, needed, when, alerts)
            if query.open_now
            else list(itertools.islice(candidates, needed))
        )
        if len(found) >= needed or radius >= limit:
            return found, len(found) < needed
        radius = min(_wider(radius, len(found), needed), limit)


def _wider(radius: float, found: int, needed: int) -> float:
    """The next radius: where the density seen so far puts ``needed`` stations (the count
    grows with the area, the square of the radius) with a quarter to spare; at least twice
    the last, four times when none was found."""
    if not found:
        return 4 * radius
    return radius * max(2.0, 1.25 * math.sqrt(needed / found))


def _first_open(
    candidates: Iterable[_Candidate], needed: int, when, alerts: AlertDays
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for candidate in candidates:
        if candidate.is_open(when, alerts):
            found.append(candidate)
            if len(found) == needed:
                break
    return found


# --- Open now and the page's rows -----------------------------------------------------------


def _today(when: datetime) -> date:
    return timezone.localtime(when).date()


# What "open now" reads of each candidate, in _Candidate's order.
_HOURS_FIELDS = (
    "pk",
    "plaque_number",
    "open_24h",
    "opening_hours",
    "closed_today",
    "alert_hours",
)


def _with_closed_today(stations: QuerySet[Station], when: datetime) -> QuerySet[Station]:
    """Whether a temporary closure covers today, asked of each row by the index on the
    closures' station (no second query, and no list of ids sent back)."""
    covering = StationClosure.objects.covering(_today(when)).filter(station=OuterRef("pk"))
    return stations.annotate(closed_today=Exists(covering))


# What a row of the page shows (stations/templatetags/directory_tags.py), its dot on the map
# and its open-now read: the station's other thirty columns, three of them JSON, left unread.
ENTRY_FIELDS = (
    "plaque_number",
    "name",
    "district",
    "address",
    "status",
    "opening_hours_text",
    "services",
    "services_other",
    "latitude",
    "longitude",
    "open_24h",
    "opening_hours",
    "alert_hours",
)


def _entries(shown: list[_Candidate], when, alerts: AlertDays) -> list[DirectoryEntry]:
    """The page's whole rows and their closures (the badge names them), in the order
    decided."""
    ids = [c.pk for c in shown]
    if not ids:
        return []
    rows = {
        s.pk: s for s in Station.objects.public().filter(pk__in=ids).only(*ENTRY_FIELDS).order_by()
    }
    closures: dict[int, list[StationClosure]] = defaultdict(list)
    for closure in StationClosure.objects.covering(_today(when)).filter(station_id__in=ids):
        closures[closure.station_id].append(closure)
    entries = []
    for candidate in shown:
        station = rows.get(candidate.pk)
        if station is None:  # left the public list between the two reads
            continue
        station.current_closures = closures.get(station.pk, [])
        entries.append(
            DirectoryEntry(
                station=station,
                open_now=open_now(station, when, alerts),
                distance_km=candidate.distance_km,
                closure=closure_on(station, _today(when)),
                alert_modes=tuple(
                    k for k, _e in modes_on(station.alert_hours, _today(when), alerts)
                ),
            )
        )
    return entries
