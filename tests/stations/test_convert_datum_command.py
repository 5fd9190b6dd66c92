"""``manage.py convert_datum`` (issue 24): a union that says its clerks typed GCJ-02 or BD-09
has its stations converted to WGS-84, each with a history row; never twice by accident."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from history.models import RecordChange
from stations.datum import Datum, from_wgs84
from tests.factories import StationFactory

from .test_datum import metres

TRUE = (31.235000, 121.481000)


def _typed_from_amap(world, **fields):
    lat, lng = from_wgs84(*TRUE, Datum.GCJ02)
    return StationFactory(
        filing=world.filing_a,
        union=world.union_a,
        latitude=Decimal(f"{lat:.6f}"),
        longitude=Decimal(f"{lng:.6f}"),
        **fields,
    )


def _run(*args) -> str:
    out = io.StringIO()
    call_command("convert_datum", *args, stdout=out)
    return out.getvalue()


def test_a_unions_stations_are_converted_once_with_history(world):
    station = _typed_from_amap(world)
    other = StationFactory(
        union=world.union_b, latitude=Decimal("31.1"), longitude=Decimal("121.3")
    )
    code, user = world.union_a.code, world.users()["aid_center"].username

    touched = station.updated_at
    said = _run("--union", code, "--from", "gcj02", "--user", user)

    station.refresh_from_db()
    assert station.updated_at > touched  # the open data's modified_after sees the move
    assert metres((station.latitude, station.longitude), TRUE) < 1.0
    assert "1" in said and "WGS-84" in said
    row = RecordChange.objects.get(record_id=station.pk, action=RecordChange.Action.DATUM_CONVERTED)
    assert row.by == world.users()["aid_center"]
    assert row.changes["latitude"][1] == str(station.latitude)
    assert row.reason == "GCJ-02 → WGS-84"
    other.refresh_from_db()
    assert (other.latitude, other.longitude) == (Decimal("31.100000"), Decimal("121.300000"))

    # Again: nothing moves (a second conversion would shift it the wrong way).
    before = (station.latitude, station.longitude)
    _run("--union", code, "--from", "gcj02", "--user", user)
    station.refresh_from_db()
    assert (station.latitude, station.longitude) == before


def test_a_dry_run_changes_nothing(world):
    station = _typed_from_amap(world)
    before = (station.latitude, station.longitude)
    said = _run(
        "--union",
        world.union_a.code,
        "--from",
        "gcj02",
        "--dry-run",
        "--user",
        world.users()["aid_center"].username,
    )
    station.refresh_from_db()
    assert (station.latitude, station.longitude) == before
    assert not RecordChange.objects.filter(action=RecordChange.Action.DATUM_CONVERTED).exists()
    assert "1" in said


@pytest.mark.parametrize("role", ["union_a", "inspector"])
def test_only_the_aid_center_may_convert(world, role):
    _typed_from_amap(world)
    with pytest.raises(CommandError):
        _run(
            "--union", world.union_a.code, "--from", "bd09", "--user", world.users()[role].username
        )


def test_an_unknown_union_or_datum_is_refused(world):
    user = world.users()["aid_center"].username
    with pytest.raises(CommandError):
        _run("--union", "nope", "--from", "gcj02", "--user", user)
    with pytest.raises(CommandError):
        _run("--union", world.union_a.code, "--from", "wgs84", "--user", user)
