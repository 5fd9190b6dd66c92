"""The one announcement of change, and the registry of the named caches it reaches.

Every service that changes a record a cache shows says so here, once: ``announce(record,
ids=…, stations=…, unions=…)``. ``history.writer`` announces each history row it writes, so
a service that records history announces without a second call; the few writes that keep
no history (a worker's visit tap, a rating, a year's honours published) call ``announce``
themselves. There are no model signals and no ``forget()`` calls scattered in services:
a ``queryset.update()`` or ``bulk_create`` that a signal never saw is announced like any
other write (tests/integrity/test_every_write_is_announced.py fails on one that is not).

Each cache the project keeps is a ``NamedCache`` in ``REGISTRY``: its name, its key, its
lifetime, the records whose change drops it, and what it saves (``manage.py caches`` lists
them; the README's table is that list). A change reaches a cache twice: at once (so the
writer's own next read sees it) and again once the transaction commits, because a visitor
who read the old rows between the write and the commit may have kept them in the meantime.
Outside a transaction the first drop is the only one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from django.core.cache import cache
from django.db import transaction

from .models import RecordChange

# What a change may name: RecordChange.Record's kinds of history row, and the changes that
# write no row of it. Each is the record whose rows changed; the caches' ``dropped_by`` use
# these words.
RECORDS = frozenset(RecordChange.Record.values) | frozenset(
    {
        "status",  # a station's status move (StationTransition)
        "visit",  # a worker's tap on "I used this station"
        "rating",  # a worker's rating, before any moderation
        "award",  # a year's honours selected, published, corrected or withdrawn
        "assessment",  # a quarter's scores computed or published
        "plan",  # an inspection plan or its visits
        "checklist",  # a new version of the checklist saved
        "pairing",  # a peer-review pairing
        "union",  # a union's name or district
        "host_unit",  # a host unit's name
        "profile",  # a user's role, union or district
        "demo",  # the demo data loaded (every record at once)
    }
)


@dataclass(frozen=True)
class Change:
    """Which rows of one kind of record changed: their ids, and the stations and unions they
    belong to (empty when the writer did not know or the record has none)."""

    record: str
    ids: frozenset[int] = frozenset()
    stations: frozenset[int] = frozenset()
    unions: frozenset[int] = frozenset()


@dataclass(frozen=True)
class NamedCache:
    """One cache the project keeps: what it is, how long a copy lives, what drops it."""

    name: str
    key: str  # the key's shape, as the README and ``manage.py caches`` print it
    lifetime: str  # the setting or the seconds that bound a copy's life
    saves: str  # what a kept copy spares, as measured (docs/BENCHMARKS.md)
    dropped_by: frozenset[str] = frozenset()
    # Drops the copies the changes make stale; None for a cache its lifetime alone bounds.
    drop: Callable[[list[Change]], None] | None = field(default=None, compare=False)
    # The keys of the copies a change to this station reaches, for the test that writes
    # through every service and checks that each copy was dropped. An entry that is a tuple
    # is one copy whose address is made of several keys: it is dropped when any of them is.
    keys_for_station: Callable[[object], list[str | tuple[str, ...]]] | None = field(
        default=None, compare=False
    )
    # The cache keys its copies are kept under begin with one of these (before the cache
    # backend's own prefix and version). bench/cache_off.py turns a cache off by them, to
    # measure what it saves; empty for a cache that cannot be off (open data's version names
    # the built files: without it every request would start a build).
    prefixes: tuple[str, ...] = ()


REGISTRY: dict[str, NamedCache] = {}
# Called with every change as it is announced (the tests' record of what was announced).
listeners: list[Callable[[Change], None]] = []


def register(cache: NamedCache) -> NamedCache:
    unknown = cache.dropped_by - RECORDS
    if unknown:
        raise ValueError(f"{cache.name}: no such record {sorted(unknown)}")
    if cache.dropped_by and cache.drop is None:
        raise ValueError(f"{cache.name}: dropped by {sorted(cache.dropped_by)} but no drop")
    REGISTRY[cache.name] = cache
    return cache


def _ids(values: Iterable[int | None]) -> frozenset[int]:
    return frozenset(v for v in values if v is not None)


def announce(
    record: str,
    *,
    ids: Iterable[int | None] = (),
    stations: Iterable[int | None] = (),
    unions: Iterable[int | None] = (),
) -> Change:
    """Say that rows of ``record`` changed; the caches that show them are dropped."""
    if record not in RECORDS:
        raise ValueError(f"no such record: {record}")
    change = Change(record, _ids(ids), _ids(stations), _ids(unions))
    for listener in listeners:
        listener(change)
    deliver([change])
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(partial(deliver, [change]))
    return change


def deliver(changes: list[Change]) -> None:
    for named in REGISTRY.values():
        reached = [change for change in changes if change.record in named.dropped_by]
        if reached and named.drop is not None:
            named.drop(reached)


def stations_of(changes: Iterable[Change]) -> set[int]:
    return {station for change in changes for station in change.stations}


# --- Version tokens --------------------------------------------------------------------------
# A cache dropped all at once keeps its copies under a version token; dropping it is
# replacing the token. The staff homes, the station lists and the public pages use these.
def versions(*keys: str) -> list[str]:
    """The tokens of ``keys``, each made on first use. With the cache down, a token of this
    request alone: no copy is ever found, never a stale one."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key) or uuid.uuid4().hex
    return [found[key] for key in keys]


def replace_versions(*keys: str) -> None:
    cache.set_many({key: uuid.uuid4().hex for key in keys}, None)


def dropped_by_replacing(version: str) -> dict:
    """A NamedCache's ``drop`` and ``keys_for_station`` when all its copies are kept under one
    version token (``kept_under``) that every change it waits for replaces."""
    return {
        "drop": lambda changes: replace_versions(version),
        "keys_for_station": lambda station: [version],
    }


def kept_under(version: str, key: str, compute: Callable[[], object], seconds: int):
    """``compute()``, kept for ``seconds`` under ``key`` and the present token of ``version``:
    a replaced token is a new key, so no reader can put back a copy made before a change."""
    return cache.get_or_set(f"{key}{versions(version)[0]}", compute, seconds)
