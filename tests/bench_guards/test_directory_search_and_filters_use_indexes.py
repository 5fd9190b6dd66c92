"""The directory's text search and service filter let PostgreSQL use an index rather than
read every public station (issue 13): text through the public character pairs (migration
stations 0014), services by jsonb containment, which the planner estimates well enough to
walk the directory's order index and stop at the page (a text match on the cast column was
estimated to match nearly nothing, and every public station was sorted: 600 ms)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from stations.alert_hours import NO_ALERTS, AlertDays
from stations.directory import DirectoryQuery, matching_stations
from stations.models import Service

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the indexes and plans are PostgreSQL's"
)


DAY = dt.date(2027, 7, 12)


def _sql(query: DirectoryQuery, alerts: AlertDays = NO_ALERTS) -> str:
    return str(matching_stations(query, alerts, DAY).query)


def test_text_is_matched_through_the_public_pairs(world):
    sql = _sql(DirectoryQuery(q="漕溪"))

    assert '"public_bigrams" @> relay_bigrams' in sql
    assert "search_bigrams" not in sql  # those hold the station head's name


def test_a_two_character_term_needs_no_scan_of_the_text(world):
    assert "LIKE" not in _sql(DirectoryQuery(q="漕溪"))
    assert "LIKE" in _sql(DirectoryQuery(q="徐家汇"))  # its pairs may lie apart


def test_the_service_filter_is_a_jsonb_containment(world):
    sql = _sql(DirectoryQuery(service=Service.MEAL_HEATING))

    assert '"services" @>' in sql
    assert "LIKE" not in sql


def test_the_pair_index_is_partial_to_public_stations(world):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'station_public_bigrams'")
        (definition,) = cursor.fetchone()

    assert "gin (public_bigrams)" in definition
    assert "active" in definition and "rectifying" in definition


def test_the_alert_mode_filter_has_a_partial_index_of_the_stations_in_the_mode(world):
    """Under a heat alert the directory's 清凉模式 filter (heat_mode_from <= the alert's level,
    which implies it is set) reads a partial index holding only the public stations that keep
    heat hours, in the directory's order: at national size one in 25 (docs/BENCHMARKS.md has
    the plan). On a test's few rows the planner may rightly prefer any index; the index's
    shape is what holds here."""
    sql = _sql(DirectoryQuery(alert_mode=True), AlertDays({DAY: {"heat": 3}}))
    assert '"heat_mode_from" <= 3' in sql
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'station_heat_mode'")
        (definition,) = cursor.fetchone()

    assert "(listing_doubtful, district, plaque_number, id)" in definition
    assert "heat_mode_from IS NOT NULL" in definition
    assert "active" in definition and "rectifying" in definition
