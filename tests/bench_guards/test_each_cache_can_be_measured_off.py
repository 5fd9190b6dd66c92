"""Each named cache can be turned off by name, so the bench measures what it saves (issue 22,
item 3: keep only the caches that earn their place, each one measured).

history's registry gives each cache the prefixes of the keys its copies live under;
bench/cache_off.py misses and drops those keys for the caches named in BENCH_CACHES_OFF, and
bench/urlmap.py's WITHOUT_CACHES rows measure the pages drawn so. These tests visit the pages
the caches serve, on seed_demo's data and the run's real cache (Redis in the services pass):
with every cache on, each registered prefix is a key really kept, so turning it off turns off
something; with every cache off, no such key is kept, and every page still answers.
"""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches

from awards.models import AwardYear
from bench import cache_off
from bench.urlmap import WITHOUT_CACHES
from history.changes import REGISTRY
from inspections.assessment.models import QuarterlyAssessment
from inspections.orders.models.plan import InspectionPlan
from stations.models import Campaign, FilingForm, Station
from unions.models import Role

NAMED = sorted(name for name, named in REGISTRY.items() if named.prefixes)
# A key as the local-memory backend stores it: KEY_PREFIX, version, then the key.
MADE = re.compile(r"^[^:]*:\d+:")


def _user(role: str):
    return get_user_model().objects.filter(profile__role=role, is_active=True).first()


def _visit_every_cached_page(client) -> list[str]:
    """Visits the pages of every named cache, as anonymous and as staff; the paths answered."""
    station = Station.objects.public().exclude(plaque_number="").first()
    published = QuarterlyAssessment.objects.published().first()
    ranked = f"{published.year}/q{published.quarter}"
    anonymous = [
        "/",
        f"/stations/{station.plaque_number}/",
        "/stations/",
        f"/stations/?district={station.district}",
        f"/rankings/{ranked}/",
        f"/api/v1/rankings/{published.year}/q{published.quarter}.json",
        "/awards/",
        f"/campaigns/{Campaign.objects.order_by('pk').first().pk}/",
    ]
    staff = {
        Role.AID_CENTER: [
            "/staff/",
            "/staff/stations/",
            "/staff/inspections/checks/",
            "/staff/feedback/",
            "/staff/review/",
            f"/staff/inspections/plans/{InspectionPlan.objects.first().pk}/",
            f"/staff/filings/{FilingForm.objects.first().pk}/form.xlsx",
            f"/staff/awards/{AwardYear.objects.filter(awards__isnull=False).first().year}/",
            f"/staff/funding/{AwardYear.objects.filter(awards__isnull=False).first().year}/ledger.xlsx",
        ],
        Role.UNION_STAFF: ["/staff/"],
        Role.INSPECTOR: ["/staff/", "/staff/inspections/checks/new/"],
    }
    answered = []
    for path in anonymous:
        assert client.get(path).status_code == 200, path
        answered.append(path)
    for role, paths in staff.items():
        client.force_login(_user(role))
        for path in paths:
            assert client.get(path).status_code == 200, (role, path)
            answered.append(path)
        client.logout()
    return answered


def _kept_keys() -> list[str]:
    keys = []
    for alias in ("default", "pages-local"):
        backend = caches[alias]
        if hasattr(backend, "keys"):  # django-redis: the keys as the code made them
            keys += [str(key) for key in backend.keys("*")]
        else:  # local memory: the stored keys, KEY_PREFIX and version taken off
            keys += [MADE.sub("", key) for key in backend._cache]
    return keys


def _with(prefixes: tuple[str, ...], keys: list[str]) -> list[str]:
    return [key for key in keys if key.startswith(prefixes)]


def test_every_named_cache_but_open_data_can_be_turned_off():
    assert [name for name in REGISTRY if name not in NAMED] == ["open-data"]


def test_every_cache_that_can_be_off_has_a_bench_row_without_it():
    measured = {name for page in WITHOUT_CACHES for name in page.caches_off}
    assert sorted(set(NAMED) - measured) == []
    assert sorted(measured - set(NAMED)) == []


def test_each_prefix_is_a_key_the_pages_really_keep(demo, client):
    _visit_every_cached_page(client)
    keys = _kept_keys()

    never_kept = [name for name in NAMED if not _with(REGISTRY[name].prefixes, keys)]
    assert never_kept == [], f"no key kept under these caches' prefixes: {never_kept}"


@pytest.fixture
def every_cache_off(settings, monkeypatch):
    monkeypatch.setenv(cache_off.OFF_ENV, ",".join(NAMED))
    settings.CACHES = {
        alias: {**options, "BACKEND": cache_off.BACKENDS[options["BACKEND"]]}
        for alias, options in settings.CACHES.items()
    }
    for alias in settings.CACHES:
        caches[alias].clear()


def test_with_every_cache_off_no_copy_is_kept_and_every_page_answers(demo, client, every_cache_off):
    answered = _visit_every_cached_page(client)
    keys = _kept_keys()

    every_prefix = tuple(p for name in NAMED for p in REGISTRY[name].prefixes)
    assert len(answered) == 20
    assert _with(every_prefix, keys) == []
    # Only the named caches are off: the version tokens and the sessions' neighbours stay.
    assert any(key.startswith("staff_home:version:") for key in keys)


def test_a_name_that_is_not_a_cache_is_an_error(monkeypatch):
    monkeypatch.setenv(cache_off.OFF_ENV, "station-page,no-such-cache")
    with pytest.raises(ValueError, match="no-such-cache"):
        cache_off.prefixes_off()
    monkeypatch.setenv(cache_off.OFF_ENV, "open-data")
    with pytest.raises(ValueError, match="cannot be off"):
        cache_off.prefixes_off()


@pytest.mark.parametrize("write", ["set", "add", "set_many"])
def test_a_timeout_left_out_is_the_backends_default_not_forever(write):
    """What the bench's backends keep lives as long as production's would: a key written
    without a timeout takes the backend's default (None would keep it forever)."""
    backend = cache_off.LocMem("bench-off-timeout", {"TIMEOUT": 300})
    if write == "set_many":
        backend.set_many({"kept": 1})
    else:
        getattr(backend, write)("kept", 1)
    expires = backend._expire_info[backend.make_and_validate_key("kept")]
    assert expires is not None
    assert 0 < expires - time.time() <= 300
