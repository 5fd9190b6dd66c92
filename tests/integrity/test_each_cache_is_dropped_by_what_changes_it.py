"""A write through each service drops every cache that shows what it wrote (issue 22, item 2).

Generic over history's registry: before the write, each registered cache whose entry says it
is dropped by the announced record gets a marker under every key of its copies for the
station (``keys_for_station``); after the write, no marker is left. A cache added to the
registry with a ``dropped_by`` is tested by every scenario below that announces one of its
records, with no test of its own to write. The scenarios are real services on the real
cache (Redis in the services pass), nothing stubbed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import timezone

from history import changes
from history.models import RecordChange
from tests.factories import OperatingStationFactory

pytestmark = pytest.mark.django_db

MARK = "marker: a copy made before the change"


def _closure(world, station):
    from stations.services.closures import closure_post

    today = timezone.localdate()
    closure_post(
        station=station,
        by=world.user_a,
        starts_on=today,
        ends_on=today + dt.timedelta(days=2),
        reason="装修",
    )


def _status(world, station):
    from stations.services.lifecycle import station_rectify_start

    station_rectify_start(station=station, by=world.aid, reason="飞行检查未达标")


def _rating(world, station):
    from stations.services.feedback import feedback_leave

    feedback_leave(
        station=station,
        rating=2,
        problems=[],
        comment="",
        device_hash="d" * 64,
        address_hash="a" * 64,
    )


def _visit(world, station):
    from stations.services.visits import visit_record

    visit_record(station=station)


def _check(world, station):
    from inspections.checks.services.inspection import inspection_record
    from tests.inspections.factories_checks import record_kwargs

    inspection_record(**record_kwargs(station, world.inspector))


def _renamed_in_admin(world, record, admin_path: str) -> None:
    """An administrator renames ``record`` in the admin's change form, all else as it was."""
    admin = Client()
    admin.force_login(world.admin)
    data = {k: v for k, v in model_to_dict(record).items() if v is not None and v is not False}
    data["name"] = record.name + "（更名）"
    response = admin.post(f"/admin/unions/{admin_path}/{record.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _union_renamed(world, station):
    _renamed_in_admin(world, station.union, "union")


def _rated(world):
    station = _operating(world)
    _rating(world, station)
    return station


def _feedback_hidden(world, station):
    from stations.models import Feedback
    from stations.services.feedback import feedback_hide

    feedback_hide(feedback=Feedback.objects.get(station=station), by=world.aid, note="辱骂")


def _pledged(world):
    from stations.models import Pledge

    station = _operating(world)
    Pledge.objects.create(
        station=station,
        union=station.union,
        pledging_unit="单位",
        service_hours="9-17",
        head_name="张三",
        due_by=timezone.localdate(),
    )
    return station


def _pledge_received(world, station):
    from stations.services.records import pledge_update

    pledge_update(pledge=station.pledge, by=world.aid, received_on=timezone.localdate())


def _host_unit_renamed(world, station):
    _renamed_in_admin(world, station.host_unit, "hostunit")


def _rectified(world):
    from inspections.orders.services.rectification import rectification_open

    station = _operating(world)
    rectification_open(station=station, by=world.aid, items=["water"])
    return station


def _order_closed(world, station):
    from inspections.models import Rectification
    from inspections.orders.services.rectification import rectification_close
    from tests.inspections.factories_orders import inspection

    order = Rectification.objects.get(station=station)
    check = inspection(station, world.inspector, score="95", days=0)
    rectification_close(order=order, by=world.aid, reinspection=check, note="复查合格")


def _operating(world):
    return OperatingStationFactory(
        filing=world.filing_a, union=world.union_a, host_unit=world.host_a
    )


def _selected_year(world):
    """A year's selection saved and confirmed, not yet published; its best station."""
    from awards.models import Award
    from awards.services import award_confirm, award_selection_save
    from tests.awards.conftest import operating_station, scores

    stations = [operating_station() for _ in range(25)]
    for i, station in enumerate(stations):
        scores(station, [95 - i] * 4)
    award_selection_save(year=YEAR, station_ids=[s.pk for s in stations[:2]], by=world.aid)
    for award in Award.objects.filter(confirmed=False):
        award_confirm(award=award, confirmed=True, by=world.aid)
    return stations[0]


def _published(world, station):
    from awards.services import award_year_publish

    award_year_publish(year=YEAR, by=world.aid, certificates=False)


def _new_checklist(world, station):
    from inspections.checks.services.checklist import checklist_new_version
    from inspections.models import Checklist

    items = [
        {name: getattr(item, name) for name in ("code", "group", "label", "weight", "red_line")}
        for item in Checklist.objects.current().items.all()
    ]
    checklist_new_version(by=world.aid, items=items, note="措辞")


YEAR = 2025

# What each scenario announces, the station it changes, and the write (a real service).
SCENARIOS: dict[str, tuple[str, Callable, Callable]] = {
    "a closure posted": ("station", _operating, _closure),
    "a station put under rectification": ("status", _operating, _status),
    "a worker's rating": ("rating", _operating, _rating),
    "a visit tap": ("visit", _operating, _visit),
    "a check logged": ("inspection", _operating, _check),
    "a union renamed by an administrator": ("union", _operating, _union_renamed),
    "a year's honours published": ("award", _selected_year, _published),
    "a rating hidden by moderation": ("feedback", _rated, _feedback_hidden),
    "a pledge received": ("pledge", _pledged, _pledge_received),
    "a host unit renamed by an administrator": ("host_unit", _operating, _host_unit_renamed),
    "an order closed after a re-inspection": ("status", _rectified, _order_closed),
    "a new checklist version": ("checklist", _operating, _new_checklist),
}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=list(SCENARIOS))
def test_the_write_drops_every_cache_that_shows_it(world, scenario):
    record, prepare, write = SCENARIOS[scenario]
    station = prepare(world)
    reached = [
        named
        for named in changes.REGISTRY.values()
        if record in named.dropped_by and named.keys_for_station is not None
    ]
    assert reached, f"no cache is dropped by {record!r}: the scenario tests nothing"
    for named in reached:
        cache.set_many(dict.fromkeys(_keys(named.keys_for_station(station)), MARK), None)
    heard = []
    changes.listeners.append(heard.append)

    write(world, station)

    assert record in {change.record for change in heard}
    # Read as the next visitor reads them: a cache that moved to a new generation of keys
    # (every page at once) is read under the new keys, where no copy is left.
    left = {
        named.name: [
            address
            for address in named.keys_for_station(station)
            if all(cache.get(key) == MARK for key in _keys([address]))
        ]
        for named in reached
    }
    assert {name: keys for name, keys in left.items() if keys} == {}


def _keys(addresses) -> list[str]:
    """The keys of a cache's copies; an address of several keys (a tuple) is dropped when
    any of them changes (history.changes.NamedCache)."""
    return [key for a in addresses for key in (a if isinstance(a, tuple) else (a,))]


def test_every_cache_a_change_drops_can_be_checked_by_the_test_above():
    for named in changes.REGISTRY.values():
        if named.dropped_by:
            assert named.drop is not None and named.keys_for_station is not None, named.name


def test_every_record_a_cache_names_is_announced_by_some_scenario_or_a_service():
    """Each record a cache waits for is announced somewhere in the application's code."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = "\n".join(
        path.read_text()
        for app in ("unions", "documents", "stations", "inspections", "awards", "config")
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts
    )
    announced = set(re.findall(r'announces? ?[(=] ?"(\w+)"', code)) | {"demo"}
    written = set(RecordChange.Record.values)  # announced by history.writer
    waited = {record for named in changes.REGISTRY.values() for record in named.dropped_by}
    assert waited - announced - written == set()


def test_the_registry_lists_the_caches_with_key_lifetime_and_what_they_save():
    names = set(changes.REGISTRY)
    assert {"station-page", "directory", "open-data", "staff-home", "station-lists"} <= names
    for named in changes.REGISTRY.values():
        assert named.key and named.lifetime and named.saves, named.name
