"""Who is asking, without knowing who: the limits on anonymous feedback and visit taps.

A phone is told a random id in a signed, long-lived cookie; the client address comes from
axes, which reads it behind our own proxies (TRUSTED_PROXY_COUNT) as the rest of the project
does. Neither is ever stored: only an HMAC keyed with SECRET_KEY, so the hashes in the
database cannot be turned back into addresses by trying all four billion of them.

The counters live in the cache (Redis in production), one key per device, station and day
and one per address and hour: a limit costs one cache round trip and takes no database lock,
so one person's flood does not slow anyone else's request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from redis.exceptions import RedisError

_SALT = "stations.devices"


def digest(kind: str, value: str) -> str:
    """The salted hash kept instead of ``value`` (64 hex characters)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


class Asker:
    """The device and address behind one request, as hashes."""

    def __init__(self, request: HttpRequest) -> None:
        self._new_id: str | None = None
        device = request.get_signed_cookie(settings.DEVICE_COOKIE_NAME, default=None, salt=_SALT)
        if not device:
            device = self._new_id = secrets.token_urlsafe(18)
        self.device_hash = digest("device", device)
        self.address_hash = digest("address", get_client_ip_address(request) or "")
        self._secure = request.is_secure()

    def remember(self, response: HttpResponse) -> HttpResponse:
        """Give a new phone its id, so that its next tap counts against the same limit."""
        if self._new_id:
            response.set_signed_cookie(
                settings.DEVICE_COOKIE_NAME,
                self._new_id,
                salt=_SALT,
                max_age=settings.DEVICE_COOKIE_DAYS * 86400,
                httponly=True,
                samesite="Lax",
                secure=self._secure,
            )
        return response


def _day_key(what: str, station_id: int, device_hash: str) -> str:
    return f"limit:{what}:day:{station_id}:{device_hash}:{timezone.localdate():%Y%m%d}"


def _hour_key(what: str, address_hash: str) -> str:
    return f"limit:{what}:hour:{address_hash}:{timezone.now():%Y%m%d%H}"


def used_today(what: str, station_id: int, asker: Asker) -> bool:
    """Whether this device already did ``what`` at this station today (no side effect)."""
    return cache.get(_day_key(what, station_id, asker.device_hash)) is not None


# The same rule as ``claim``'s portable path, in one round trip to Redis: the visit tap is
# the busiest write of the portal and each round trip cost as much as the rest of the tap.
# KEYS: the day key, the hour key; ARGV: the hourly allowance, the two timeouts.
_CLAIM_LUA = """
if not redis.call('SET', KEYS[1], 1, 'NX', 'EX', ARGV[2]) then return 'device' end
local taken = redis.call('INCR', KEYS[2])
if taken == 1 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
if taken > tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return 'address'
end
return ''
"""
_DAY_SECONDS, _HOUR_SECONDS = 86400, 3600


def _redis_claim():
    """The claim script on the cache's Redis, or None when the cache is not Redis."""
    client = getattr(cache, "client", None)
    if client is None or not hasattr(client, "get_client"):
        return None
    if not hasattr(client, "_relay_claim"):
        client._relay_claim = client.get_client(write=True).register_script(_CLAIM_LUA)
    return client


def claim(what: str, station_id: int, asker: Asker, *, per_hour: int) -> str | None:
    """Take one of the device's and the address's allowances; None when both allow it,
    else which limit refused ("device" or "address"). Atomic: one Lua script on Redis, or
    ADD and INCR on another cache. A cache that cannot answer refuses, as a failed ADD does."""
    day_key = _day_key(what, station_id, asker.device_hash)
    hour_key = _hour_key(what, asker.address_hash)
    redis = _redis_claim()
    if redis is not None:
        try:
            keys = [redis.make_key(day_key), redis.make_key(hour_key)]
            refused = redis._relay_claim(keys=keys, args=[per_hour, _DAY_SECONDS, _HOUR_SECONDS])
        except RedisError:
            return "device"
        return refused.decode() or None
    if not cache.add(day_key, 1, timeout=_DAY_SECONDS):
        return "device"
    cache.add(hour_key, 0, timeout=_HOUR_SECONDS)
    try:
        taken = cache.incr(hour_key)
    except ValueError:  # expired between add and incr
        cache.set(hour_key, 1, timeout=_HOUR_SECONDS)
        taken = 1
    if taken > per_hour:
        # The device did not get its turn: give it back, so it may try again next hour.
        cache.delete(day_key)
        return "address"
    return None
