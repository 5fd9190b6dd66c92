"""'I used this station' stays anonymous, but no source moves a station's total by more than
a few a day, and all sources together by at most VISITS_PER_STATION_PER_HOUR an hour."""

from __future__ import annotations

from django.contrib.messages import get_messages

from stations.models import StationVisitDay

from .feedback_helpers import behind_proxy, phone


def _tap(client, station):
    return client.post(f"/stations/{station.plaque_number}/visit/")


def _count(station) -> int:
    row = StationVisitDay.objects.filter(station=station).first()
    return row.count if row else 0


def test_one_address_dropping_its_cookie_moves_a_station_by_five(public_station, settings):
    station = public_station()

    for _ in range(200):
        _tap(phone("10.6.6.6"), station)

    assert _count(station) == settings.VISITS_PER_ADDRESS_PER_STATION_PER_DAY == 5


def test_ten_addresses_of_one_slash_24_behind_the_proxy_move_it_by_twenty(public_station, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    station = public_station()

    for host in range(1, 11):
        for _ in range(20):
            _tap(behind_proxy(f"198.51.100.{host}"), station)

    assert _count(station) == settings.VISITS_PER_NETWORK_PER_STATION_PER_DAY == 20


def test_an_ipv6_slash_64_rotating_moves_it_by_twenty(public_station):
    station = public_station()

    for n in range(1, 101):
        _tap(phone(f"2001:db8:77:1:{n:x}::{n:x}"), station)

    assert _count(station) == 20


def test_all_sources_together_move_a_station_by_the_hourly_allowance(public_station, settings):
    settings.VISITS_PER_STATION_PER_HOUR = 10
    station, other = public_station(), public_station()

    answers = [_tap(phone(f"10.{n}.0.1"), station) for n in range(30)]

    assert _count(station) == 10
    told = [str(m) for m in get_messages(answers[-1].wsgi_request)]
    assert told == ["该站点本小时的到访次数已达上限，本次未计入。感谢您使用接力站！"]
    _tap(phone("10.200.0.1"), other)
    assert _count(other) == 1  # another station's hour is its own
