"""'I used this station': a tap counts once per phone, station and day, anonymously, and the
totals show on the station's page and the home page."""

from __future__ import annotations

from django.core.cache import cache

from stations.models import StationVisitDay
from stations.services.visits import TOTAL_KEY

from .feedback_helpers import phone


def _tap(client, station):
    return client.post(f"/stations/{station.plaque_number}/visit/")


def test_a_phone_counts_once_a_day_and_another_phone_counts_too(public_station):
    station = public_station()
    worker = phone()

    assert _tap(worker, station).status_code == 302
    _tap(worker, station)
    _tap(phone("10.2.2.2"), station)

    row = StationVisitDay.objects.get(station=station)
    assert row.count == 2
    assert {f.name for f in StationVisitDay._meta.fields} == {"id", "station", "day", "count"}


def test_the_station_page_and_the_home_page_show_the_totals(client, public_station):
    station, other = public_station(), public_station()
    for n in range(3):
        _tap(phone(f"10.3.3.{n}"), station)
    _tap(phone("10.4.4.4"), other)

    page = client.get(f"/stations/{station.plaque_number}/").content.decode()
    assert 'data-visits="3"' in page and 'data-testid="visit-button"' in page
    cache.delete(TOTAL_KEY)
    assert 'data-visits="4"' in client.get("/").content.decode()


def test_the_home_page_total_is_cached_briefly(
    client, public_station, django_assert_max_num_queries
):
    station = public_station()
    _tap(phone(), station)
    client.get("/")
    _tap(phone("10.5.5.5"), station)

    # Read from the cache: the new tap shows once the entry expires, a minute at most.
    assert 'data-visits="1"' in client.get("/").content.decode()


def test_the_address_limit_holds_for_taps(public_station, settings):
    settings.VISITS_PER_ADDRESS_PER_HOUR = 2
    station = public_station()

    for _ in range(4):
        _tap(phone("10.6.6.6"), station)

    assert StationVisitDay.objects.get(station=station).count == 2


def test_a_recalled_station_counts_no_visit(public_station):
    station = public_station(status="revoked")

    assert _tap(phone(), station).status_code == 302
    assert not StationVisitDay.objects.exists()


def test_a_tap_is_post_only(public_station):
    station = public_station()

    assert phone().get(f"/stations/{station.plaque_number}/visit/").status_code == 405
