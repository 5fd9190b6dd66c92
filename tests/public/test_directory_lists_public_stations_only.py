"""/stations/ lists operating stations (active or rectifying) and nothing else."""

from __future__ import annotations

import pytest

from stations.models import StationStatus


def _plaques(response) -> list[str]:
    return [e.station.plaque_number for e in response.context["entries"]]


def test_it_lists_active_and_rectifying_stations(client, public_station):
    active = public_station(status=StationStatus.ACTIVE)
    rectifying = public_station(status=StationStatus.RECTIFYING)

    response = client.get("/stations/")

    assert response.status_code == 200
    assert sorted(_plaques(response)) == sorted([active.plaque_number, rectifying.plaque_number])


@pytest.mark.parametrize(
    "status",
    [StationStatus.APPROVED, StationStatus.REVOKED, StationStatus.CLOSED, StationStatus.SUBMITTED],
)
def test_it_never_lists_a_station_that_is_not_operating(client, public_station, status):
    hidden = public_station(status=status, name="不该出现的站点")

    response = client.get("/stations/")

    assert hidden.plaque_number not in _plaques(response)
    assert "不该出现的站点" not in response.content.decode()


def test_the_list_works_without_the_map(client, public_station):
    station = public_station(name="人民广场爱心接力站")

    body = client.get("/stations/").content.decode()

    # Plain links in the HTML: nothing depends on scripts or tiles.
    assert f'href="/stations/{station.plaque_number}/"' in body
    assert "人民广场爱心接力站" in body


def test_it_is_paginated(client, public_station, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for _ in range(5):
        public_station()

    first = client.get("/stations/")
    last = client.get("/stations/?page=3")

    assert len(first.context["entries"]) == 2
    assert len(last.context["entries"]) == 1
    assert first.context["total"] == 5
    # The map shows the stations the list shows: every match would be megabytes of page at
    # national size.
    assert [p["plaque"] for p in first.context["map_points"]] == [
        e.station.plaque_number for e in first.context["entries"]
    ]


def test_the_map_is_told_no_tiles_in_tests(client, public_station):
    public_station()

    body = client.get("/stations/").content.decode()

    assert 'data-tile-url=""' in body
    assert "tile.openstreetmap.org" not in body
