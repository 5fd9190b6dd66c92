"""Who is asking, without knowing who: the limits on anonymous feedback and visit taps.

A phone is told a random id in a signed, long-lived cookie; the client address comes from
axes, which reads it behind our own proxies (TRUSTED_PROXY_COUNT) as the rest of the project
does. Neither is ever stored: only an HMAC keyed with SECRET_KEY, so the hashes in the
database cannot be turned back into addresses by trying all four billion of them.

The cookie is the phone's to drop, and an address is cheap to change (a mobile network
hands out another, an IPv6 subscriber has 2**64 of them), so a signal is limited by all
three: the device once per station and day, the address and its network (the IPv4 /24 or
IPv6 /64 around it, ``LIMIT_NETWORK_PREFIX_*``) by the hour over all stations and by the day
at one station, and a tap also by the station's own hour (``VISIT_ALLOWANCES``). Whatever
one source does, it moves one station by a handful.

The counters live in the cache (Redis in production), one key per window: a limit costs one
cache round trip and takes no database lock, so one person's flood does not slow anyone
else's request. A cache that cannot answer (Redis down) gives no allowance: ``claim``
answers "unavailable" and the caller keeps the signal out of the counts (a tap is not
counted, feedback is held for moderation) rather than letting it through uncounted.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
from dataclasses import dataclass

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


def network_of(address: str | None) -> str:
    """The network an address belongs to for the limits: its IPv4 /24 or IPv6 /64 (the
    prefix lengths are settings); an IPv4 address written as IPv6 is the IPv4 one."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return "unknown"
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    bits = (
        settings.LIMIT_NETWORK_PREFIX_IPV4
        if ip.version == 4
        else settings.LIMIT_NETWORK_PREFIX_IPV6
    )
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))


class Asker:
    """The device, address and network behind one request, as hashes."""

    def __init__(self, request: HttpRequest) -> None:
        self._new_id: str | None = None
        device = request.get_signed_cookie(settings.DEVICE_COOKIE_NAME, default=None, salt=_SALT)
        if not device:
            device = self._new_id = secrets.token_urlsafe(18)
        address = get_client_ip_address(request) or ""
        self.device_hash = digest("device", device)
        self.address_hash = digest("address", address)
        self.network_hash = digest("network", network_of(address))
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


@dataclass(frozen=True)
class Allowance:
    """One counter of a signal: whose (``address``, ``network`` or the ``station`` itself),
    over which window (``hour`` over all stations, or ``station_day`` at one station), and
    the setting that says how many."""

    source: str
    window: str
    setting: str

    @property
    def limit(self) -> int:
        return getattr(settings, self.setting)

    def key(self, what: str, station_id: int, asker) -> str:
        now = timezone.now()
        if self.window == "hour":
            stamp, where = f"{now:%Y%m%d%H}", station_id if self.source == "station" else "-"
        else:
            stamp, where = f"{timezone.localdate():%Y%m%d}", station_id
        who = "-" if self.source == "station" else getattr(asker, f"{self.source}_hash")
        return f"limit:{what}:{self.source}:{self.window}:{where}:{who}:{stamp}"

    @property
    def seconds(self) -> int:
        return _HOUR_SECONDS if self.window == "hour" else _DAY_SECONDS


FEEDBACK_ALLOWANCES = (
    Allowance("address", "hour", "FEEDBACK_PER_ADDRESS_PER_HOUR"),
    Allowance("address", "station_day", "FEEDBACK_PER_ADDRESS_PER_STATION_PER_DAY"),
    Allowance("network", "hour", "FEEDBACK_PER_NETWORK_PER_HOUR"),
    Allowance("network", "station_day", "FEEDBACK_PER_NETWORK_PER_STATION_PER_DAY"),
)
VISIT_ALLOWANCES = (
    Allowance("address", "hour", "VISITS_PER_ADDRESS_PER_HOUR"),
    Allowance("address", "station_day", "VISITS_PER_ADDRESS_PER_STATION_PER_DAY"),
    Allowance("network", "hour", "VISITS_PER_NETWORK_PER_HOUR"),
    Allowance("network", "station_day", "VISITS_PER_NETWORK_PER_STATION_PER_DAY"),
    Allowance("station", "hour", "VISITS_PER_STATION_PER_HOUR"),
)
ALLOWANCES = {"feedback": FEEDBACK_ALLOWANCES, "visit": VISIT_ALLOWANCES}

# What ``claim`` answers when a signal may not count.
DEVICE, UNAVAILABLE = "device", "unavailable"


def _day_key(what: str, station_id: int, device_hash: str) -> str:
    return f"limit:{what}:day:{station_id}:{device_hash}:{timezone.localdate():%Y%m%d}"


def used_today(what: str, station_id: int, asker: Asker) -> bool:
    """Whether this device already did ``what`` at this station today (no side effect)."""
    return cache.get(_day_key(what, station_id, asker.device_hash)) is not None


def forget_today(what: str, station_id: int, asker: Asker) -> None:
    """Give the device its day back: what it claimed was refused further on."""
    cache.delete(_day_key(what, station_id, asker.device_hash))


# The same rule as ``claim``'s portable path, in one round trip to Redis: the visit tap is
# the busiest write of the portal and each round trip cost as much as the rest of the tap.
# KEYS: the device's day key, then one key per allowance; ARGV: the day key's timeout, then
# each allowance's limit and timeout. Nothing is taken unless everything allows it: '0' is
# the device's refusal, 'n' the n-th allowance's, '' yes.
_CLAIM_LUA = """
if redis.call('EXISTS', KEYS[1]) == 1 then return '0' end
for i = 2, #KEYS do
  local taken = tonumber(redis.call('GET', KEYS[i]) or '0')
  if taken >= tonumber(ARGV[2 * i - 2]) then return tostring(i - 1) end
end
redis.call('SET', KEYS[1], 1, 'EX', ARGV[1])
for i = 2, #KEYS do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[2 * i - 1]) end
end
return ''
"""
_DAY_SECONDS, _HOUR_SECONDS = 86400, 3600
# The portable path is atomic only within one process: the local-memory cache it serves (the
# embedded mode) is itself one process's.
_LOCAL = threading.Lock()


def _redis_claim():
    """The claim script on the cache's Redis, or None when the cache is not Redis."""
    client = getattr(cache, "client", None)
    if client is None or not hasattr(client, "get_client"):
        return None
    if not hasattr(client, "_relay_claim"):
        client._relay_claim = client.get_client(write=True).register_script(_CLAIM_LUA)
    return client


def claim(what: str, station_id: int, asker: Asker) -> str | None:
    """Take one of the device's day and one of each of ``what``'s allowances; None when all
    allow it, else which refused: "device", an allowance's source ("address", "network",
    "station"), or "unavailable" when the cache cannot count. A refusal takes nothing.
    Atomic: one Lua script on Redis, or under a lock on the local-memory cache."""
    allowances = ALLOWANCES[what]
    day_key = _day_key(what, station_id, asker.device_hash)
    keys = [a.key(what, station_id, asker) for a in allowances]
    redis = _redis_claim()
    if redis is not None:
        args: list[int] = [_DAY_SECONDS]
        for allowance in allowances:
            args += [allowance.limit, allowance.seconds]
        try:
            found = redis._relay_claim(
                keys=[redis.make_key(day_key), *(redis.make_key(k) for k in keys)], args=args
            )
        except RedisError:
            return UNAVAILABLE
        found = found.decode() if isinstance(found, bytes) else str(found)
        return _refusal(found, allowances)
    with _LOCAL:
        if cache.get(day_key) is not None:
            return DEVICE
        for allowance, key in zip(allowances, keys, strict=True):
            if (cache.get(key) or 0) >= allowance.limit:
                return allowance.source
        cache.set(day_key, 1, timeout=_DAY_SECONDS)
        for allowance, key in zip(allowances, keys, strict=True):
            if not cache.add(key, 1, timeout=allowance.seconds):
                try:
                    cache.incr(key)
                except ValueError:  # expired since the check: a new window
                    cache.set(key, 1, timeout=allowance.seconds)
    return None


def _refusal(found: str, allowances: tuple[Allowance, ...]) -> str | None:
    if not found:
        return None
    if found == "0":
        return DEVICE
    return allowances[int(found) - 1].source
