"""A station starts and ends rectification through its orders only: the station page offers
no bare button, and posting the move there is refused."""

from __future__ import annotations

from django.urls import reverse

from stations.models import StationStatus


def _post(client, station, action):
    return client.post(
        reverse("stations:station_action", args=[station.pk]),
        {"action": action, "reason": "门口无铭牌"},
    )


def test_the_station_page_offers_no_rectification_buttons(world):
    station = world.station_a
    station.status = StationStatus.ACTIVE
    station.save()
    names = {a.name for a in station.available_actions(world.aid)}
    assert "rectify_start" not in names
    assert "rectify_end" not in names
    assert "revoke" in names


def test_posting_rectification_to_the_station_page_changes_nothing(world, client):
    station = world.station_a
    station.status = StationStatus.RECTIFYING
    station.save()
    client.force_login(world.aid)
    _post(client, station, "rectify_end")
    station.refresh_from_db()
    assert station.status == StationStatus.RECTIFYING

    station.status = StationStatus.ACTIVE
    station.save()
    _post(client, station, "rectify_start")
    station.refresh_from_db()
    assert station.status == StationStatus.ACTIVE
