"""A web process's own cache of immutable values, kept as they are rather than pickled.

Django's LocMemCache pickles every value it keeps and unpickles it on every read, so that a
caller cannot change a kept list under another. The ``pages-local`` cache keeps only
immutable values (a drawn page's text, its parts as bytes, a version token), read on every
visit to a plaque's page: unpickling a 20 KB page and its token on every hit was a sixth of
that page's cost under load (issue 26). Expiry, culling and the lock are LocMemCache's; the
keys are not checked for memcached, as they never leave the process.
"""

from __future__ import annotations

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class PlainLocMemCache(LocMemCache):
    """settings.CACHES["pages-local"]; only for values that are never changed in place."""

    def validate_key(self, key):
        """No warning about keys memcached would refuse: these never leave the process, and
        checking each character of a 70-character key was a third of a read."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            new_value = self._cache[key] + delta
            self._cache[key] = new_value
            self._cache.move_to_end(key, last=False)
        return new_value
