"""Reads: the registry's filters, shared by the list page and its Excel export."""

from __future__ import annotations

import hashlib
import math
from contextlib import contextmanager

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from unions.models import HostUnit

from .caches import SEARCH_MATCHES_KEY, SEARCH_MATCHES_SECONDS, lists_version
from .models import Station
from .pairs import ALIAS, pairs_hold, pairs_match

# GET parameter -> the field it must equal.
EXACT_FILTERS = {
    "status": "status",
    "district": "district",
    "union": "union__code",
    "audience": "audience",
    "carrier": "carrier_type",
}


# Every parameter that narrows the registry list (and so its export).
REGISTRY_PARAMS = (*EXACT_FILTERS, "q")


def registry_params(params) -> dict[str, str]:
    """The registry's filters out of a query string, a form or a stored snapshot: the known
    names only, trimmed, empty ones left out."""
    found = {}
    for name in REGISTRY_PARAMS:
        value = str(params.get(name) or "").strip()
        if value:
            found[name] = value
    return found


def registry_filter(qs: QuerySet[Station], params) -> QuerySet[Station]:
    """Filter a scoped queryset by the registry's GET parameters.

    The queryset must already be scoped (``Station.objects.visible_to(user)``): filters only
    narrow, never widen, what a user may see.
    """
    for param, field in EXACT_FILTERS.items():
        value = params.get(param, "").strip()
        if value:
            qs = qs.filter(**{field: value})
    q = params.get("q", "").strip()
    if q:
        qs = registry_search(qs, q)
    return qs


SEARCHED_FIELDS = ("name", "address", "plaque_number", "head_name")


# Host units matching a term beyond which the station query finds them itself.
MANY_UNITS = 1000


def registry_search(qs: QuerySet[Station], q: str) -> QuerySet[Station]:
    """Stations whose name, address, plaque number, head or host unit contains ``q``.

    On PostgreSQL the station's own text is found through the character-pair index of
    migration 0011 (a scan of 200,000 rows otherwise) and checked by the containment
    test; host units are few (one per ten stations) and are looked up first, so that the
    station query is two index lookups OR-ed rather than a join scanned row by row. Their
    ids go in as one array of values, which PostgreSQL tests a station against by hashing;
    when a common word names thousands (服务: 6,521), planning such an array cost more
    (10-30 ms) than the page, and the station query makes the array itself instead.
    """
    postgresql = connection.vendor == "postgresql"
    # A term without letters (Chinese, digits) is its own upper case: on PostgreSQL plain
    # containment is the same test without upper-casing every text it reads (the host
    # units' 20,000 names are read in half the time). SQLite keeps its own search.
    lookup = "contains" if postgresql and q.upper() == q == q.lower() else "icontains"
    contains = Q()
    for name in SEARCHED_FIELDS:
        contains |= Q(**{f"{name}__{lookup}": q})
    if not postgresql:
        return qs.filter(contains | Q(host_unit__name__icontains=q))
    # The host units' names by the pairs of migration 0016, checked as the stations' text is.
    units = (
        HostUnit.objects.alias(
            **{ALIAS: pairs_hold('relay_bigrams(lower("unions_hostunit"."name"))', q)}
        )
        .filter(pairs_match(q, Q(**{f"name__{lookup}": q})))
        .order_by()
        .values("pk")
    )
    unit_ids = list(units.values_list("pk", flat=True)[: MANY_UNITS + 1])
    if len(unit_ids) <= MANY_UNITS:
        # As bigint[], the key's own type: psycopg2 sends a list of ints as integer[], and
        # PostgreSQL hashes an array of constants only for the key's own equality, so a
        # station walked in registry order was tested against the 280 host units of 徐家汇
        # one by one (9 ms of a 13 ms walk, against 2.5 ms hashed).
        by_unit = RawSQL(
            '"stations_station"."host_unit_id" = ANY(%s::bigint[])',
            (unit_ids,),
            output_field=BooleanField(),
        )
    else:
        units_sql, units_params = units.query.sql_with_params()
        by_unit = RawSQL(  # noqa: S611 (the SQL is the queryset's own, its parameters apart)
            f'"stations_station"."host_unit_id" = ANY(ARRAY({units_sql}))',
            units_params,
            output_field=BooleanField(),
        )
    pairs = pairs_hold('"stations_station"."search_bigrams"', q)
    by_text = pairs_match(q, contains)
    return qs.alias(**{ALIAS: pairs}, by_unit=by_unit).filter(by_text | Q(by_unit=True))


# A station read through the pair index and sorted costs about three read by walking the
# registry's order (measured at national size: 2-5 µs against 1.3 µs; the order follows the
# table's own, the pair index's rows lie anywhere in it).
WALK_COST = 3

# The planner held to each way. Walking the order: the registry order's index read until the
# page is full, in one process (workers cost more to start, 25 ms, than the walk itself), not
# compiled (a plan with a scan held off looks dear enough to be, 140 ms), and no sort: the
# pair index's estimate of a long term's matches is the product of its pairs' frequencies,
# one row for 漕溪北路's 6,803, for which reading the table in plaque order through the
# plaque's own index and sorting afterwards looked as cheap as stopping at the page (350 ms
# against 3 ms). Reading the matches: through the pair index, then sorting them.
WALK_THE_ORDER = (
    "enable_bitmapscan",
    "enable_seqscan",
    "enable_sort",
    "enable_incremental_sort",
    "max_parallel_workers_per_gather",
    "jit",
)
READ_THE_MATCHES = ("enable_indexscan",)


@contextmanager
def planner_held(settings: tuple[str, ...]):
    """The planner ``settings`` off for the queries of the block, in a transaction of its
    own or the caller's (where they are reset after it: they would outlive the block)."""
    inside = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL {setting} = 0" for setting in settings))
        yield cursor
        if inside:
            cursor.execute("; ".join(f"RESET {setting}" for setting in settings))


def search_page_ids(ids: QuerySet, matches: int, end: int) -> list[int]:
    """The ids of a page of a registry search (``ids``: the sliced queryset of the list's
    ids in registry order), read the cheaper of two ways on PostgreSQL.

    The planner cannot tell how many stations a term matches (the pair index keeps no
    statistics it reads) and chose wrong both ways: the 450 matches of 店虹 by walking the
    registry's order through 24,000 stations (29 ms), the 6,991 of 衡山路 by reading each
    one and sorting (10 ms). The list's count (cached) tells: walking the order and
    testing each station until the page's last row reads about ``end × stations /
    matches`` rows, reading every match through the pair index and sorting reads
    ``matches`` rows, each dearer (``WALK_COST``); the planner is held to the cheaper.
    A first page then costs at most as much as walking some 5,500 of 200,000 stations
    (7 ms). The rows and their order are the same either way.
    """
    if connection.vendor != "postgresql" or not matches:
        return list(ids)
    return _read_page(ids, walk=matches > _walk_from(end))


def _read_page(ids: QuerySet, *, walk: bool) -> list[int]:
    with planner_held(WALK_THE_ORDER if walk else READ_THE_MATCHES):
        return list(ids)


def _walk_from(end: int) -> int:
    """The number of matches above which walking the order reads fewer rows: WALK_COST ×
    matches² > end × stations."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Station._meta.db_table]
        )
        stations = max(cursor.fetchone()[0], 1)
    return math.isqrt(int(end * stations / WALK_COST))


def search_ids_reader(matched: QuerySet):
    """``read_ids`` (unions.pages.key_page) for a search whose list shows no total (a
    training session's heads): its matches are counted only as far as the choice between
    the two ways needs, up to the number above which walking wins, and the count is kept
    for a minute, as the registry keeps its own (``station-lists``: a change to a station
    starts a new one), so the pages after the first are read without it. Unhelped, the
    planner read and sorted the 6,333 stations on 南京东路 for each page (22 ms at national
    size: issue 26)."""

    def read(ids: QuerySet, _count, end: int) -> list[int]:
        if connection.vendor != "postgresql":
            return list(ids)
        counted = matched.order_by().values("pk")
        sql, params = counted.query.sql_with_params()
        digest = hashlib.sha256(f"{end}:{sql}:{params!r}".encode()).hexdigest()[:32]
        key = f"{SEARCH_MATCHES_KEY}{lists_version()}:{digest}"
        walk_from = _walk_from(end)
        matches = cache.get_or_set(
            key, lambda: counted[: walk_from + 1].count(), SEARCH_MATCHES_SECONDS
        )
        return _read_page(ids, walk=matches > walk_from) if matches else list(ids)

    return read


# The review queue's orders: the officer works the longest-waiting stations first by default.
QUEUE_ORDERS = {
    "waiting": ("submitted_at", "filing_id", "row_number"),
    "recent": ("-submitted_at", "filing_id", "row_number"),
}


def station_named(user, pk: int | None) -> Station | None:
    """The one station a list is narrowed to (``?station=``), with what names it where the
    user sees it (name and plaque), if the user may see it; None for no filter."""
    if pk is None:
        return None
    return Station.objects.visible_to(user).filter(pk=pk).only("name", "plaque_number").first()


def review_queue(user, *, union: str = "", order: str = "waiting") -> QuerySet[Station]:
    """Submitted stations with ``submitted_at``: when each was last sent for review (a
    returned station that comes back waits from its resubmission, not from its first try)."""
    from django.db.models import Prefetch

    from .models import WAITING_SINCE, Acceptance, StationStatus

    # Newest acceptance first, fetched for the whole page in one query.
    acceptances = Prefetch(
        "acceptances", queryset=Acceptance.objects.order_by("-checked_on", "-id")
    )
    queue = (
        Station.objects.visible_to(user)
        .filter(status=StationStatus.SUBMITTED)
        # The index's own expression (station_review_queue): the waiting order a page at a
        # time.
        .annotate(submitted_at=WAITING_SINCE)
        # The union is drawn on each row (the filing's rows and the host units, built for
        # all 50 stations and never shown, were a tenth of the page at national size:
        # issue 26).
        .select_related("union")
        .prefetch_related(acceptances)
    )
    if union:
        queue = queue.filter(union__code=union)
    return queue.order_by(*QUEUE_ORDERS.get(order, QUEUE_ORDERS["waiting"]))


# The history a station's page shows at a time: a station changed every week for years (the
# bench's busiest has 300 entries) was drawn whole, 300 ms of its page (issue 26).
HISTORY_SHOWN = 30
# What an entry shows (stations_tags.station_history_items): when, who, and what moved or
# changed. The rest of each row, and the author's password, groups and login dates, are left
# unread: 62 entries and their authors read whole were half the history's cost.
HISTORY_FIELDS = (
    ("at", "by", "kind", "from_status", "to_status", "reason"),
    ("at", "by", "record", "action", "changes", "reason"),
)
HISTORY_BY = ("by__username", "by__first_name", "by__last_name")


def station_history(station: Station, user, before: str | None = None) -> tuple[list, str]:
    """Status moves and record changes of one station through their scopes: the newest
    HISTORY_SHOWN of them (those before the key ``before``), oldest first, and the key of
    the entries before these ("" when there are none)."""
    from history.models import RecordChange
    from unions.pages import decode, encode
    from unions.scopes import visible

    from .models import StationTransition

    sources = (StationTransition, RecordChange)
    key = _history_key(decode(before))
    found = []
    for source, model in enumerate(sources):
        rows = visible(model.objects.all(), user).filter(station=station)
        if key is not None:
            at, key_source, pk = key
            tie = Q(at=at, pk__lt=pk) if source == key_source else Q(at=at)
            rows = (
                rows.filter(Q(at__lt=at) | tie) if source <= key_source else rows.filter(at__lt=at)
            )
        newest = (
            rows.select_related("by")
            .only(*HISTORY_FIELDS[source], *HISTORY_BY)
            .order_by("-at", "-id")[: HISTORY_SHOWN + 1]
        )
        found += [((entry.at, source, entry.pk), entry) for entry in newest]
    found.sort(key=lambda pair: pair[0], reverse=True)
    shown = found[:HISTORY_SHOWN]
    earlier = encode(list(shown[-1][0]), 1) if len(found) > HISTORY_SHOWN else ""
    return [entry for _key, entry in reversed(shown)], earlier


def _history_key(cursor) -> tuple | None:
    from django.utils.dateparse import parse_datetime

    from unions.pages import MAX_INT, MIN_INT

    if cursor is None or len(cursor[0]) != 3:
        return None
    at, source, pk = cursor[0]
    try:
        at = parse_datetime(str(at))
    except ValueError:
        return None
    if at is None or source not in (0, 1) or not isinstance(pk, int):
        return None
    if not MIN_INT <= pk <= MAX_INT:
        return None
    return at, source, pk


def filing_history(filing, user) -> list:
    """Changes to the filing form itself (created, edited, submitted, scan, paper copies),
    oldest first, through its scope; its stations' own changes are on their pages."""
    from history.models import RecordChange
    from unions.scopes import visible

    return list(
        visible(RecordChange.objects.all(), user)
        .filter(filing=filing, record=RecordChange.Record.FILING)
        .select_related("by")
        .order_by("at", "id")
    )
