"""The check list and feedback moderation count their rows once, not on every page (issue
13): counting 2,000,000 checks and 1,000,000 ratings cost more than the rest of each page.
The count is kept until a check is added, or feedback is left or moderated; a deep page
reads ids before joining; a user's count is of their own scope; the queries do not grow
with the rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections.models import Checklist, Inspection
from stations.models import Feedback, StationStatus
from tests.factories import FilingFormFactory, StationFactory

CHECKS = reverse("inspections:check_list")
MODERATION = reverse("stations:feedback_moderation")


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _counts(queries, table) -> int:
    return sum("COUNT(" in q and table in q for q in queries)


def _station(union):
    return StationFactory(filing=FilingFormFactory(union=union), status=StationStatus.ACTIVE)


def _checks(station, by, n: int, **fields) -> None:
    checklist = Checklist.objects.current()
    start = timezone.now() - dt.timedelta(days=1)
    for i in range(n):
        Inspection.objects.create(
            station=station,
            union_id=station.union_id,
            district=station.district,
            kind="flying",
            checklist=checklist,
            by=by,
            visited_at=start + dt.timedelta(minutes=i),
            score=Decimal("95.00"),
            **fields,
        )


def _feedback(station, n: int, **fields) -> None:
    for _ in range(n):
        Feedback.objects.create(station=station, union_id=station.union_id, rating=4, **fields)


def _total(client, url) -> int:
    return client.get(url).context["page"].paginator.count


def _next(client, url) -> str:
    """The list's Next link: the key of the page's last row (unions/pages.py)."""
    page = client.get(url).context["page"]
    return f"{url}{'&' if '?' in url else '?'}after={page.next_key}"


# --- The check list --------------------------------------------------------------------------
def test_paging_through_the_check_list_counts_it_once(client, world):
    _checks(world.station_a, world.inspector, 35)
    client.force_login(world.aid)

    first = _queries(client, CHECKS)
    second = _queries(client, _next(client, CHECKS))

    assert _counts(first, "inspections_inspection") == 1
    assert _counts(second, "inspections_inspection") == 0
    assert client.get(_next(client, CHECKS)).context["page"].paginator.count == 35


def test_a_new_check_is_added_to_the_kept_count(client, world):
    _checks(world.station_a, world.inspector, 2)
    client.force_login(world.aid)
    assert _total(client, CHECKS) == 2
    assert _total(client, CHECKS + "?red_line=1") == 0

    _checks(world.station_a, world.inspector, 1, red_line=True)

    # Only the checks added since are counted: a range of ids, not the whole table.
    counts = [q for q in _queries(client, CHECKS) if "COUNT(" in q]
    assert len(counts) == 1 and '"inspections_inspection"."id" >' in counts[0]
    assert _total(client, CHECKS) == 3
    assert _total(client, CHECKS + "?red_line=1") == 1
    assert _total(client, CHECKS + "?red_line=1&kind=self_check") == 0


def test_a_kept_count_is_counted_afresh_after_a_while(client, world, monkeypatch):
    from stations.views import common

    _checks(world.station_a, world.inspector, 2)
    client.force_login(world.aid)
    assert _total(client, CHECKS) == 2
    now = common.time.time()
    monkeypatch.setattr(common.time, "time", lambda: now + common.RECOUNT_SECONDS + 1)

    counts = [q for q in _queries(client, CHECKS) if "COUNT(" in q]

    assert len(counts) == 1 and '"inspections_inspection"."id" >' not in counts[0]


def test_a_deep_check_page_is_read_by_key_and_fetches_its_rows_by_id(client, world):
    _checks(world.station_a, world.inspector, 65)
    client.force_login(world.aid)
    third = _next(client, _next(client, CHECKS))

    queries = _queries(client, third)

    keyed = [q for q in queries if '"inspections_inspection"."visited_at" <=' in q]
    # No offset: the page starts at the last row's key; stations and inspectors are joined
    # for the page's rows only.
    assert not [q for q in queries if "OFFSET" in q]
    assert keyed and all("stations_station" not in q for q in keyed)
    page = client.get(third).context["page"]
    assert len(page.object_list) == 5
    assert [c.visited_at for c in page.object_list] == sorted(
        (c.visited_at for c in page.object_list), reverse=True
    )


def test_a_cached_check_count_is_never_another_scopes(client, world):
    _checks(world.station_a, world.inspector, 3)
    _checks(_station(world.union_b), world.inspector, 2)
    expected = {
        world.aid: 5,
        world.user_a: 3,
        world.user_b: 2,
        world.inspector: 5,
        world.inspector_own: 3,
        world.inspector_other: 0,
    }
    for _round in range(2):  # the second round reads the counts the first one kept
        for user, total in expected.items():
            client.force_login(user)
            page = client.get(CHECKS).context["page"]
            assert page.paginator.count == total
            assert len(page.object_list) == total


def test_the_check_list_does_not_query_per_check(client, world):
    client.force_login(world.aid)
    _checks(world.station_a, world.inspector, 3)
    few = len(_queries(client, CHECKS))
    for _ in range(5):
        _checks(_station(world.union_b), world.inspector_own, 6)
    assert len(_queries(client, CHECKS)) == few


# --- Feedback moderation ---------------------------------------------------------------------
def test_paging_through_the_moderation_list_counts_it_once(client, world):
    _feedback(world.station_a, 55)
    client.force_login(world.aid)

    first = _queries(client, MODERATION)
    second = _queries(client, _next(client, MODERATION))

    assert _counts(first, "stations_feedback") == 1
    assert _counts(second, "stations_feedback") == 0
    assert len(client.get(_next(client, MODERATION)).context["page"].object_list) == 5


def test_moderating_or_new_feedback_counts_the_moderation_list_again(client, world):
    _feedback(world.station_a, 2)
    _feedback(world.station_a, 1, serious=True)
    client.force_login(world.aid)
    assert _total(client, MODERATION) == 3
    assert _total(client, MODERATION + "?status=hidden") == 0
    assert _total(client, MODERATION + "?status=visible&serious=1") == 1

    serious = Feedback.objects.get(serious=True)
    client.post(reverse("stations:feedback_moderate", args=[serious.pk]), {"note": "姓名"})

    assert _total(client, MODERATION + "?status=hidden") == 1
    assert _total(client, MODERATION + "?status=visible&serious=1") == 0
    client.post(reverse("stations:feedback_moderate", args=[serious.pk]), {"note": ""})
    assert _total(client, MODERATION + "?status=hidden") == 0

    _feedback(world.station_a, 1)
    assert _total(client, MODERATION) == 4
    assert _total(client, MODERATION + "?status=visible") == 4


def test_the_moderation_list_does_not_query_per_feedback(client, world):
    client.force_login(world.aid)
    _feedback(world.station_a, 3)
    few = len(_queries(client, MODERATION))
    for _ in range(5):
        _feedback(_station(world.union_b), 9, comment="站点很好")
    assert len(_queries(client, MODERATION)) == few


# --- The indexes (PostgreSQL) ----------------------------------------------------------------
def _plan(queryset) -> str:
    # The tables of a test are too small for an index to be worth it; forbidding the scan of
    # the table shows whether an index answers the query at all (its columns, its condition).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    return queryset.explain()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_rare_rows_and_the_last_moderation_are_found_through_their_indexes(db):
    ids = ("pk",)
    assert "feedback_status_time" in _plan(Feedback.objects.filter(status="hidden").values(*ids))
    assert "feedback_serious_time" in _plan(Feedback.objects.filter(serious=True).values(*ids))
    assert "inspection_red_line_visited" in _plan(
        Inspection.objects.filter(red_line=True).values(*ids)
    )
    # The lists' own order, newest first then by id, a page read from its key in the index.
    now = timezone.now()
    assert "Index Only Scan Backward using inspection_visited_id" in _plan(
        Inspection.objects.filter(visited_at__lte=now).values(*ids)[:31]
    )
    assert "Index Only Scan Backward using feedback_time_id" in _plan(
        Feedback.objects.filter(created_at__lte=now).values(*ids)[:51]
    )
    moderated = Feedback.objects.filter(moderated_at__isnull=False).order_by("-moderated_at")
    assert "feedback_moderated" in _plan(moderated.values("moderated_at")[:1])
