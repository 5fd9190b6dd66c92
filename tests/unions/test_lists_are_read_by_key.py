"""Staff lists are read by key, not by offset (issue 26, unions/pages.py): Next starts after
the last row shown, Previous ends before the first, and following the links visits every
row once, in order, whatever ties or empty values the sort meets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stations.models import Station, StationStatus
from tests.factories import StationFactory
from unions.models import Notice
from unions.pages import encode, key_page

pytestmark = pytest.mark.django_db
get = RequestFactory().get


def _walk(queryset, order, per_page) -> list:
    """Every row, following Next from the first page."""
    seen, params = [], {}
    while True:
        page = key_page(get("/", params), queryset, order=order, per_page=per_page)
        seen += list(page)
        if not page.has_next:
            return seen
        params = {"after": page.next_key}


def _stations(world, seqs):
    made = []
    for seq in seqs:
        station = StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE)
        station.plaque_seq = seq
        station.plaque_number = f"SH{seq:05d}" if seq else ""
        station.save()
        made.append(station)
    return made


def test_following_next_visits_every_station_once_in_plaque_order_empty_ones_last(world):
    made = _stations(world, [3, 1, 2, None, 5, None])
    rows = _walk(Station.objects.exclude(pk=world.station_a.pk), ("plaque_seq", "id"), 2)
    no_plaque = sorted(s.pk for s in made if s.plaque_seq is None)
    assert [(s.plaque_seq, s.pk) for s in rows] == [
        (1, made[1].pk),
        (2, made[2].pk),
        (3, made[0].pk),
        (5, made[4].pk),
        (None, no_plaque[0]),
        (None, no_plaque[1]),
    ]


def test_newest_first_with_equal_times_loses_and_repeats_nothing(world):
    at = timezone.now()
    notices = [
        Notice.objects.create(union=world.union_a, topic="t", subject=str(n)) for n in range(7)
    ]
    Notice.objects.update(created_at=at)
    Notice.objects.filter(pk=notices[0].pk).update(created_at=at + dt.timedelta(microseconds=1))
    rows = _walk(Notice.objects.all(), ("-created_at", "-id"), 3)
    assert [n.pk for n in rows] == [notices[0].pk] + sorted(
        (n.pk for n in notices[1:]), reverse=True
    )


def test_previous_gives_the_page_before_and_its_positions(world):
    made = _stations(world, range(1, 8))
    queryset = Station.objects.filter(pk__in=[s.pk for s in made])
    order = ("plaque_seq", "id")
    first = key_page(get("/"), queryset, order=order, per_page=3)
    second = key_page(get("/", {"after": first.next_key}), queryset, order=order, per_page=3)
    third = key_page(get("/", {"after": second.next_key}), queryset, order=order, per_page=3)
    assert [s.plaque_seq for s in third] == [7]
    assert (third.start_index(), third.end_index()) == (7, 7)
    back = key_page(get("/", {"before": third.previous_key}), queryset, order=order, per_page=3)
    assert [s.plaque_seq for s in back] == [4, 5, 6]
    assert (back.start_index(), back.end_index(), back.has_next, back.has_previous) == (
        4,
        6,
        True,
        True,
    )
    # Fewer than a page before it: that is the first page, whole.
    start = key_page(get("/", {"before": second.previous_key}), queryset, order=order, per_page=3)
    assert [s.plaque_seq for s in start] == [1, 2, 3] and not start.has_previous


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not base64!",
        encode(["x", "y", "z"], 4),
        encode([], 2),
        "eyJrIjogMX0",
        "eyJrIjpbMV0sIm4iOjFlOTk5fQ",  # {"k":[1],"n":1e999}: an infinite row number
        encode([1, 10**30], 3),  # an id no column holds (SQLite cannot even bind it)
        encode([1, 1], 10**15),  # a row number no list reaches
    ],
    ids=[
        "empty",
        "garbage",
        "wrong types",
        "wrong length",
        "not a list",
        "infinite start",
        "huge id",
        "huge start",
    ],
)
def test_a_key_that_does_not_read_gives_the_first_page(world, token):
    made = _stations(world, range(1, 5))
    queryset = Station.objects.filter(pk__in=[s.pk for s in made])
    page = key_page(get("/", {"after": token}), queryset, order=("plaque_seq", "id"), per_page=2)
    assert [s.plaque_seq for s in page] == [1, 2] and not page.has_previous


def test_an_order_must_end_with_the_primary_key(world):
    with pytest.raises(ValueError):
        key_page(get("/"), Station.objects.all(), order=("plaque_seq",), per_page=2)


def test_a_field_that_cannot_be_null_is_read_from_the_key_with_no_is_null(world):
    # Issue 26: "id > 7 OR id IS NULL" had PostgreSQL filter every unranked station of the
    # rankings from the first one (78,440 rows for page 300) instead of starting at the key.
    made = _stations(world, [None, None, None, None])
    queryset = Station.objects.filter(pk__in=[s.pk for s in made])
    first = key_page(get("/"), queryset, order=("plaque_seq", "id"), per_page=2)
    with CaptureQueriesContext(connection) as queries:
        second = key_page(
            get("/", {"after": first.next_key}), queryset, order=("plaque_seq", "id"), per_page=2
        )
    assert [s.pk for s in [*first, *second]] == sorted(s.pk for s in made)
    keys = queries[0]["sql"]
    assert '"plaque_seq" IS NULL' in keys and '"id" IS NULL' not in keys


def test_a_history_key_with_an_id_no_column_holds_gives_the_newest_entries(world):
    from stations.selectors import station_history

    newest, _earlier = station_history(world.station_a, world.aid)
    at = timezone.now().isoformat()
    entries, _ = station_history(world.station_a, world.aid, encode([at, 0, 10**30], 1))
    assert entries == newest
