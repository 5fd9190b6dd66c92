"""Named caches turned off, to measure what each one saves (issue 22, item 3).

The page bench runs some rows on a gunicorn whose environment names caches of history's
registry in ``BENCH_CACHES_OFF`` (``staff-home,directory``). bench/settings.py puts these
backends in front of Redis and of each process's local copies: a key that begins with one of
those caches' ``prefixes`` is never found and never kept, so every visit does the work the
copy would have spared, exactly as the code does it when a copy has expired. Every other key
(sessions' neighbours, version tokens, rate limits) behaves as in production.
"""

from __future__ import annotations

import os
from functools import cached_property

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache

from config.local_cache import PlainLocMemCache

OFF_ENV = "BENCH_CACHES_OFF"


def names_off() -> list[str]:
    return [name for name in os.environ.get(OFF_ENV, "").split(",") if name]


def prefixes_off() -> tuple[str, ...]:
    """The key prefixes of the caches named in BENCH_CACHES_OFF; an unknown name, or one
    that cannot be turned off, is an error rather than a row that measures nothing."""
    from history.changes import REGISTRY

    found: list[str] = []
    for name in names_off():
        if name not in REGISTRY:
            raise ValueError(f"{OFF_ENV}: no cache named {name!r} (manage.py caches lists them)")
        if not REGISTRY[name].prefixes:
            raise ValueError(f"{OFF_ENV}: {name!r} has no key prefixes and cannot be off")
        found.extend(REGISTRY[name].prefixes)
    return tuple(found)


class _Off:
    """Misses and drops the keys of the caches turned off; everything else as the backend
    (a timeout left out is the backend's default, as Django's own signatures say: None would
    keep a key forever)."""

    @cached_property
    def _off(self) -> tuple[str, ...]:
        return prefixes_off()

    def _is_off(self, key) -> bool:
        return bool(self._off) and str(key).startswith(self._off)

    def get(self, key, default=None, version=None):
        if self._is_off(key):
            return default
        return super().get(key, default, version=version)

    def get_many(self, keys, version=None):
        kept = [key for key in keys if not self._is_off(key)]
        return super().get_many(kept, version=version) if kept else {}

    def has_key(self, key, version=None):
        return not self._is_off(key) and super().has_key(key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        if self._is_off(key):
            return True
        return super().add(key, value, timeout, version=version, **kwargs)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        if self._is_off(key):
            return True
        return super().set(key, value, timeout, version=version, **kwargs)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        kept = {key: value for key, value in data.items() if not self._is_off(key)}
        return super().set_many(kept, timeout, version=version, **kwargs) if kept else []


class Redis(_Off, RedisCache):
    pass


class LocMem(_Off, LocMemCache):
    pass


class PlainLocMem(_Off, PlainLocMemCache):
    pass


# Each production backend and the one that can turn named caches off in front of it
# (bench/settings.py, tests/bench_guards/test_each_cache_can_be_measured_off.py).
BACKENDS = {
    "django_redis.cache.RedisCache": "bench.cache_off.Redis",
    "django.core.cache.backends.locmem.LocMemCache": "bench.cache_off.LocMem",
    "config.local_cache.PlainLocMemCache": "bench.cache_off.PlainLocMem",
}
