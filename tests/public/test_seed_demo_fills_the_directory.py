"""seed_demo gives the directory, map and open data 100+ operating stations in all 16
districts, inside Shanghai, with varied hours, and stays idempotent."""

from __future__ import annotations

from django.conf import settings

from stations.models import Station, StationTransition

# Shanghai's extent, generously: 30.67–31.88 N, 120.85–122.2 E.
SHANGHAI = (30.6, 31.9, 120.8, 122.2)


def test_it_spreads_100_operating_stations_over_every_district(demo):
    public = Station.objects.public()

    assert public.count() >= 100
    assert set(public.values_list("district", flat=True)) == set(settings.DISTRICTS)
    for lat, lng in public.values_list("latitude", "longitude"):
        assert SHANGHAI[0] < lat < SHANGHAI[1] and SHANGHAI[2] < lng < SHANGHAI[3]


def test_its_hours_include_round_the_clock_and_overnight_stations(demo):
    public = list(Station.objects.public())

    assert any(s.open_24h for s in public)
    overnight = [s for s in public for slot in s.opening_hours if slot["end"] <= slot["start"]]
    assert overnight
    assert len({s.opening_hours_text for s in public}) >= 5


def test_every_demo_station_went_through_the_lifecycle(demo):

    for station in Station.objects.public():
        moves = list(
            StationTransition.objects.filter(station=station).values_list("to_status", flat=True)
        )
        assert moves[:3] == ["submitted", "approved", "active"], station.name
        assert station.pledge.on_file
        assert station.agreements.exists()
