"""The limits on Redis are one Lua script (stations.devices.claim): the same rule as the
portable path the embedded pass tests, checked here against a real Redis."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django_redis import get_redis_connection

from stations.devices import VISIT_ALLOWANCES, _day_key, claim, used_today

pytestmark = pytest.mark.services


class _Asker:
    def __init__(self, device: str, address: str = "a" * 64, network: str = "n" * 64) -> None:
        self.device_hash, self.address_hash, self.network_hash = device, address, network


def _key(allowance_source: str, window: str, station: int, asker) -> str:
    allowance = next(
        a for a in VISIT_ALLOWANCES if (a.source, a.window) == (allowance_source, window)
    )
    return cache.client.make_key(allowance.key("visit", station, asker))


def test_a_device_claims_once_a_day_and_its_keys_expire():
    cache.clear()
    redis = get_redis_connection("default")
    phone = _Asker("d1" * 32)

    assert claim("visit", 7, phone) is None
    assert claim("visit", 7, phone) == "device"
    assert claim("visit", 8, phone) is None  # another station
    assert used_today("visit", 7, phone)

    day_key = cache.client.make_key(_day_key("visit", 7, phone.device_hash))
    hour_key = _key("address", "hour", 7, phone)
    assert 86000 < redis.ttl(day_key) <= 86400
    assert 3500 < redis.ttl(hour_key) <= 3600
    assert 86000 < redis.ttl(_key("network", "station_day", 7, phone)) <= 86400
    assert int(redis.get(hour_key)) == 2  # the refused tap took nothing from the address
    assert int(redis.get(_key("station", "hour", 7, phone))) == 1


def test_the_address_limit_refuses_takes_nothing_and_leaves_the_device_its_turn(settings):
    settings.VISITS_PER_ADDRESS_PER_HOUR = 2
    cache.clear()
    redis = get_redis_connection("default")
    first, second, third = (_Asker(f"{n}" * 64) for n in (1, 2, 3))

    assert claim("visit", 7, first) is None
    assert claim("visit", 7, second) is None
    assert claim("visit", 7, third) == "address"
    # Refused by the address, the third phone has not used its day's tap, and nothing else
    # was taken: the network and the station still count two.
    assert not used_today("visit", 7, third)
    assert int(redis.get(_key("network", "hour", 7, third))) == 2
    assert int(redis.get(_key("station", "hour", 7, third))) == 2


def test_the_network_and_the_station_limits_refuse_on_redis(settings):
    settings.VISITS_PER_NETWORK_PER_STATION_PER_DAY = 2
    settings.VISITS_PER_STATION_PER_HOUR = 3
    cache.clear()
    # Three addresses of one network at one station: the third is refused by the network.
    phones = [_Asker(f"{n}" * 64, address=f"{n}" * 64) for n in range(3)]
    assert [claim("visit", 7, p) for p in phones] == [None, None, "network"]
    # Other networks fill the station's hour: one more, then the station refuses.
    others = [_Asker(f"{n}" * 64, address=f"{n}" * 64, network=f"{n}" * 64) for n in (5, 6)]
    assert [claim("visit", 7, p) for p in others] == [None, "station"]
