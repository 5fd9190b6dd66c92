"""An operating station's page shows its services and facilities as icons with words, who it
serves, links that open a map at it, and 12351 as a tap-to-call link."""

from __future__ import annotations

from stations.models import Audience, Facility, Service, StationStatus


def _body(client, station) -> str:
    response = client.get(f"/stations/{station.plaque_number}/")
    assert response.status_code == 200
    return response.content.decode()


def test_services_and_facilities_show_as_icons_with_words(client, public_station):
    station = public_station(
        services=[Service.WATER, Service.MEAL_HEATING],
        facilities=[Facility.MICROWAVE, Facility.WIFI],
    )

    body = _body(client, station)

    services = body[body.index('data-testid="services"') : body.index('data-testid="facilities"')]
    assert services.count("<svg") == 2
    assert "饮水供给" in services and "餐食加热" in services
    assert 'aria-hidden="true"' in services  # the words speak; the icons stay silent
    facilities = body[body.index('data-testid="facilities"') :]
    assert "微波炉" in facilities and "免费Wi-Fi" in facilities


def test_it_says_who_the_station_serves(client, public_station):
    station = public_station(audience=Audience.SANITATION)

    body = _body(client, station)

    audience = body[body.index('data-testid="audience"') :]
    assert "仅限环卫工人" in audience[: audience.index("</p>")]


def test_directions_open_a_map_app_and_a_web_map(client, public_station, settings):
    settings.MAP_DIRECTIONS_URL = "https://maps.example/?to={lat},{lng}&n={name}"
    station = public_station(name="人民广场站", latitude="31.230400", longitude="121.473700")

    body = _body(client, station)

    assert 'href="geo:31.230400,121.473700?q=31.230400,121.473700(' in body
    assert "https://maps.example/?to=31.230400,121.473700&amp;n=" in body


def test_no_directions_without_coordinates(client, public_station):
    station = public_station(latitude=None, longitude=None)

    assert 'data-testid="directions"' not in _body(client, station)


def test_the_hotline_is_a_tap_to_call_link_at_every_stage(client, public_station, settings):
    for status in (StationStatus.ACTIVE, StationStatus.APPROVED, StationStatus.REVOKED):
        station = public_station(status=status)
        assert f'href="tel:{settings.HOTLINE}"' in _body(client, station)


def test_a_station_not_operating_shows_no_directions(client, public_station):
    station = public_station(status=StationStatus.APPROVED)

    body = _body(client, station)

    assert 'data-testid="directions"' not in body
    assert "geo:" not in body


def test_other_stations_nearby_opens_the_directory_nearest_to_this_one(client, public_station):
    station = public_station(latitude="31.230400", longitude="121.473700")

    body = _body(client, station)

    assert 'href="/stations/?near=31.230400,121.473700" data-testid="nearby"' in body
