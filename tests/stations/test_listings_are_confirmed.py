"""Freshness (issue 24, item 4): a station's details carry the day they were last confirmed
(its acceptance, a supervision check, or its union); unconfirmed for LISTING_CONFIRM_DAYS it
is listed to its union, which confirms in bulk; past the grace period, or reported closed
during posted hours by two phones within a month, its public page says 信息待核实."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from history.models import RecordChange
from stations.freshness import doubtful_before, due_before, is_doubtful
from stations.models import Station, StationStatus
from stations.services.feedback import feedback_leave
from stations.services.freshness import listing_checked
from tests.factories import OperatingStationFactory


def _today():
    return timezone.localdate()


def _station(world, union=None, confirmed_days_ago=None, **fields):
    union = union or world.union_a
    confirmed = (
        _today() - dt.timedelta(days=confirmed_days_ago) if confirmed_days_ago is not None else None
    )
    return OperatingStationFactory(
        union=union, district=union.district or "黄浦区", confirmed_on=confirmed, **fields
    )


def test_the_boundaries_are_the_settings(settings):
    settings.LISTING_CONFIRM_DAYS, settings.LISTING_GRACE_DAYS = 182, 30
    today = dt.date(2026, 12, 6)
    assert due_before(today) == today - dt.timedelta(days=182)
    assert doubtful_before(today) == today - dt.timedelta(days=212)
    station = Station(confirmed_on=doubtful_before(today))
    assert not is_doubtful(station, today)
    station.confirmed_on -= dt.timedelta(days=1)
    assert is_doubtful(station, today)


def test_the_union_sees_only_its_own_due_stations_and_confirms_them(client, world, settings):
    settings.LISTING_CONFIRM_DAYS = 182
    due = _station(world, confirmed_days_ago=200)
    fresh = _station(world, confirmed_days_ago=10)
    others = _station(world, union=world.union_b, confirmed_days_ago=300)
    client.force_login(world.user_a)

    page = client.get(reverse("stations:listings_due")).content.decode()
    assert due.name in page and fresh.name not in page and others.name not in page

    response = client.post(reverse("stations:listings_confirm"), {"station": [due.pk]})
    assert response.status_code == 302
    due.refresh_from_db()
    assert due.confirmed_on == _today()
    row = RecordChange.objects.get(record_id=due.pk, action=RecordChange.Action.CONFIRMED)
    assert row.by == world.user_a
    assert due.name not in client.get(reverse("stations:listings_due")).content.decode()


def test_another_unions_station_cannot_be_confirmed(client, world):
    theirs = _station(world, union=world.union_b, confirmed_days_ago=300)
    client.force_login(world.user_a)
    response = client.post(reverse("stations:listings_confirm"), {"station": [theirs.pk]})
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.confirmed_on != _today()


def test_the_aid_center_reads_every_union_but_does_not_confirm(client, world):
    a, b = _station(world, confirmed_days_ago=300), _station(world, union=world.union_b)
    client.force_login(world.users()["aid_center"])
    page = client.get(reverse("stations:listings_due")).content.decode()
    assert a.name in page and b.name in page
    assert 'name="station"' not in page
    assert client.post(reverse("stations:listings_confirm"), {"station": [a.pk]}).status_code == 403


def test_the_public_page_says_so_past_the_grace_period(client, world, settings):
    settings.LISTING_CONFIRM_DAYS, settings.LISTING_GRACE_DAYS = 182, 30
    fresh = _station(world, confirmed_days_ago=100)
    old = _station(world, confirmed_days_ago=213)
    fresh_page = client.get(f"/stations/{fresh.plaque_number}/").content.decode()
    old_page = client.get(f"/stations/{old.plaque_number}/").content.decode()
    assert "信息待核实" not in fresh_page and fresh.confirmed_on.isoformat() in fresh_page
    assert "信息待核实" in old_page


def test_the_open_data_carries_the_day_and_the_doubt(client, world):
    old = _station(world, confirmed_days_ago=400)
    rows = json.loads(client.get("/api/v1/stations.json").getvalue())["stations"]
    [row] = [r for r in rows if r["plaque_number"] == old.plaque_number]
    assert row["confirmed_on"] == old.confirmed_on.isoformat()
    assert row["details_unverified"] is True


def test_a_supervision_check_confirms_it(world):
    station = _station(world, confirmed_days_ago=300)
    listing_checked(station_id=station.pk, day=_today() - dt.timedelta(days=2))
    station.refresh_from_db()
    assert station.confirmed_on == _today() - dt.timedelta(days=2)
    # An older check never moves a later confirmation back.
    listing_checked(station_id=station.pk, day=_today() - dt.timedelta(days=20))
    station.refresh_from_db()
    assert station.confirmed_on == _today() - dt.timedelta(days=2)


def _closed_report(station, phone: str):
    return feedback_leave(
        station=station,
        rating=1,
        problems=["closed_in_hours"],
        comment="门锁着",
        device_hash=phone,
        address_hash="addr",
    )


@pytest.mark.parametrize("phones", [("p1", "p1"), ("p1",)])
def test_one_phone_cannot_flag_a_station(world, phones):
    station = _station(world, confirmed_days_ago=1)
    for phone in phones:
        _closed_report(station, phone)
    station.refresh_from_db()
    assert station.reported_closed_on is None


def test_two_phones_reporting_a_locked_door_flag_it_until_the_union_confirms(client, world):
    station = _station(world, confirmed_days_ago=1)
    _closed_report(station, "phone-1")
    _closed_report(station, "phone-2")
    station.refresh_from_db()
    assert station.reported_closed_on == _today()
    assert "信息待核实" in client.get(f"/stations/{station.plaque_number}/").content.decode()

    client.force_login(world.user_a)
    assert station.name in client.get(reverse("stations:listings_due")).content.decode()
    client.post(reverse("stations:listings_confirm"), {"station": [station.pk]})
    station.refresh_from_db()
    assert station.reported_closed_on is None


def test_a_station_not_operating_is_not_confirmed(client, world):
    station = _station(world, confirmed_days_ago=300, status=StationStatus.REVOKED)
    client.force_login(world.user_a)
    response = client.post(reverse("stations:listings_confirm"), {"station": [station.pk]})
    assert response.status_code == 400


def test_the_migration_confirms_existing_stations_on_their_last_check(world):
    import importlib

    from django.apps import apps

    from tests.inspections.factories_orders import inspection

    migration = importlib.import_module("inspections.migrations.0016_listing_confirmed_by_checks")
    opened = timezone.now() - dt.timedelta(days=500)
    checked = _station(world, activated_at=opened)
    unchecked = _station(world, activated_at=opened)
    made = inspection(checked, world.users()["inspector"], days=40)

    migration.confirm(apps, None)

    checked.refresh_from_db()
    unchecked.refresh_from_db()
    assert checked.confirmed_on == timezone.localtime(made.visited_at).date()
    assert unchecked.confirmed_on == timezone.localtime(opened).date()


def test_the_nightly_pass_marks_grown_old_listings_and_clears_confirmed_ones(world, settings):
    from stations.services.freshness import listings_doubt_refresh

    settings.LISTING_CONFIRM_DAYS, settings.LISTING_GRACE_DAYS = 182, 30
    old = _station(world, confirmed_days_ago=213)
    fresh = _station(world, confirmed_days_ago=10, listing_doubtful=True)
    assert listings_doubt_refresh() == 2
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.listing_doubtful and not fresh.listing_doubtful
    assert listings_doubt_refresh() == 0


def test_the_directory_lists_doubtful_listings_after_confirmed_ones(client, world):
    from stations.services.freshness import listings_doubt_refresh

    doubtful = _station(world, confirmed_days_ago=400, name="甲待核实站")
    sure = _station(world, confirmed_days_ago=5, name="乙已核实站")
    listings_doubt_refresh()
    page = client.get("/stations/").content.decode()
    assert page.index(sure.name) < page.index(doubtful.name)
    near = client.get(f"/stations/?near={doubtful.latitude},{doubtful.longitude}").content.decode()
    assert near.index(sure.name) < near.index(doubtful.name)
    district = client.get(f"/stations/?district={doubtful.district}").content.decode()
    assert district.index(sure.name) < district.index(doubtful.name)


def test_a_union_confirmation_puts_it_back_in_its_place_at_once(client, world):
    from stations.services.freshness import listings_doubt_refresh

    station = _station(world, confirmed_days_ago=400)
    listings_doubt_refresh()
    client.force_login(world.user_a)
    client.post(reverse("stations:listings_confirm"), {"station": [station.pk]})
    station.refresh_from_db()
    assert not station.listing_doubtful


def test_a_confirmation_answers_the_reports_before_it(world):
    station = _station(world, confirmed_days_ago=1)
    _closed_report(station, "phone-1")
    from stations.services.freshness import listing_confirm

    listing_confirm(stations=[station], by=world.user_a)
    Station.objects.filter(pk=station.pk).update(confirmed_on=_today())
    # The next report is one, not the second: the first was answered by the confirmation.
    from stations.models import Feedback

    Feedback.objects.filter(station=station).update(
        created_at=timezone.now() - dt.timedelta(days=2)
    )
    _closed_report(station, "phone-2")
    station.refresh_from_db()
    assert station.reported_closed_on is None


def test_a_late_check_does_not_answer_a_newer_report(world):
    station = _station(world, confirmed_days_ago=30)
    Station.objects.filter(pk=station.pk).update(reported_closed_on=_today())
    listing_checked(station_id=station.pk, day=_today() - dt.timedelta(days=5))
    station.refresh_from_db()
    assert station.reported_closed_on == _today()
    assert station.confirmed_on == _today() - dt.timedelta(days=5)
