"""The tap's limits on Redis are one Lua script (stations.devices.claim): the same rule as the
portable path the embedded pass tests, checked here against a real Redis."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django_redis import get_redis_connection

from stations.devices import _day_key, _hour_key, claim, used_today

pytestmark = pytest.mark.services


class _Asker:
    def __init__(self, device: str, address: str = "a" * 64) -> None:
        self.device_hash, self.address_hash = device, address


def test_a_device_claims_once_a_day_and_its_keys_expire():
    cache.clear()
    redis = get_redis_connection("default")
    phone = _Asker("d1" * 32)

    assert claim("visit", 7, phone, per_hour=5) is None
    assert claim("visit", 7, phone, per_hour=5) == "device"
    assert claim("visit", 8, phone, per_hour=5) is None  # another station
    assert used_today("visit", 7, phone)

    day_key = cache.client.make_key(_day_key("visit", 7, phone.device_hash))
    hour_key = cache.client.make_key(_hour_key("visit", phone.address_hash))
    assert 86000 < redis.ttl(day_key) <= 86400
    assert 3500 < redis.ttl(hour_key) <= 3600
    assert int(redis.get(hour_key)) == 2  # the refused tap took nothing from the address


def test_the_address_limit_refuses_and_gives_the_device_its_turn_back():
    cache.clear()
    first, second, third = (_Asker(f"{n}" * 64) for n in (1, 2, 3))

    assert claim("visit", 7, first, per_hour=2) is None
    assert claim("visit", 7, second, per_hour=2) is None
    assert claim("visit", 7, third, per_hour=2) == "address"
    # Refused by the address, the third phone has not used its day's tap.
    assert not used_today("visit", 7, third)
