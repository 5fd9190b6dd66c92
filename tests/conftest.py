from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import transaction

from tests.announcements import _every_write_is_announced  # noqa: F401 (autouse)
from unions.models import Role, Union

from . import demo_rows, passes
from .factories import FilingFormFactory, HostUnitFactory, StationFactory, make_user

SERVICES = bool(os.environ.get("RELAY_SERVICES"))


def pytest_configure(config):
    _restore_serialized_rows_over_recreated_content_types()


def _restore_serialized_rows_over_recreated_content_types() -> None:
    """A transactional test with ``serialized_rollback`` starts by loading the rows the
    migrations made, content types and permissions included, with their ids. If anything
    made content types after the previous test's flush (``post_migrate`` after a flush
    without serialized rollback, or a server thread or worker asking for a content type that
    its cache had lost), the load stopped on their unique names: seen once in a whole
    services pass, where every transactional test after one point failed at set-up. The
    load now first drops the permissions and content types it is about to put back."""
    from django.db.backends.base.creation import BaseDatabaseCreation

    load = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize_db_from_string(self, data):
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        alias = self.connection.alias
        Permission.objects.using(alias).all().delete()
        ContentType.objects.using(alias).all().delete()
        ContentType.objects.clear_cache()
        return load(self, data)

    BaseDatabaseCreation.deserialize_db_from_string = deserialize_db_from_string


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """How pytest-xdist hands out the tests (``make test``, TEST_WORKERS=auto): one by one,
    in pytest-django's order (transactional tests last), except that the browser tests go to
    one process together, one Chromium at a time, and the longest units go out first
    (tests/passes.py: FIRST). xdist's own ``xdist_group`` mark would group, but with pytest 9
    its group suffix no longer reaches the node ids."""
    from xdist.scheduler import LoadScopeScheduling

    class LongestFirst(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return passes.scope_of(nodeid)

        def _assign_work_unit(self, node) -> None:
            for scope in passes.FIRST:
                if scope in self.workqueue:
                    self.workqueue.move_to_end(scope, last=False)
                    break
            super()._assign_work_unit(node)

    config.option.loadscopereorder = False
    return LongestFirst(config, log)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    passes.reload_after(item, nextitem)


def pytest_collection_modifyitems(config, items):
    """Services-only tests skip in the embedded pass and run in the second CI pass; each
    pass of .ci/run leaves to the other what only the other's run mode can change
    (tests/passes.py)."""
    passes.select(config, items)
    if SERVICES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL, Redis and a worker (RELAY_SERVICES=1)")
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    mode = "services (PostgreSQL, Redis, Celery worker)" if SERVICES else "embedded (SQLite)"
    ran = len(terminalreporter.stats.get("passed", [])) + len(
        terminalreporter.stats.get("failed", [])
    )
    skipped = len(terminalreporter.stats.get("skipped", []))
    left = passes.summary_line(config)
    terminalreporter.write_line(f"relay: mode={mode}: {ran} ran, {skipped} skipped{left}")


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for each in caches.all(initialized_only=False):
        each.clear()
    yield


@dataclass
class World:
    """Two unions with their staff and data, a city-wide inspector, a district inspector of
    union A's district and one of another district, the aid center and an admin."""

    union_a: Union
    union_b: Union
    user_a: object
    user_b: object
    inspector: object
    inspector_own: object
    inspector_other: object
    aid: object
    admin: object
    host_a: object
    filing_a: object
    station_a: object

    def users(self) -> dict[str, object | None]:
        return {
            "anonymous": None,
            "union_a": self.user_a,
            "union_b": self.user_b,
            "inspector": self.inspector,
            "inspector_own": self.inspector_own,
            "inspector_other": self.inspector_other,
            "aid_center": self.aid,
            "admin": self.admin,
        }


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    union_a = Union.objects.get(code="huangpu")
    union_b = Union.objects.get(code="xuhui")
    host_a = HostUnitFactory(union=union_a)
    filing_a = FilingFormFactory(union=union_a)
    station_a = StationFactory(filing=filing_a, host_unit=host_a)
    return World(
        union_a=union_a,
        union_b=union_b,
        user_a=make_user("clerk_a", Role.UNION_STAFF, union=union_a),
        user_b=make_user("clerk_b", Role.UNION_STAFF, union=union_b),
        inspector=make_user("inspector", Role.INSPECTOR),
        # District inspectors: one of union A's district (黄浦区), one of another (浦东新区).
        inspector_own=make_user("inspector_own", Role.INSPECTOR, district=union_a.district),
        inspector_other=make_user("inspector_other", Role.INSPECTOR, district="浦东新区"),
        aid=make_user("aidcenter", Role.AID_CENTER),
        admin=make_user("root", Role.ADMIN),
        host_a=host_a,
        filing_a=filing_a,
        station_a=station_a,
    )


@contextmanager
def held_for_the_module(django_db_blocker, build: Callable[[], object]) -> Iterator[object]:
    """Rows many tests of a module read, built once (issue 22: the suite answers in minutes).

    ``build`` runs inside a transaction held open while the module's tests run; each test
    then runs in a savepoint of its own (pytest-django's ``db``), rolled back after it, as
    Django's ``TestCase.setUpTestData`` does, and the transaction is rolled back at the
    module's end, so no other module sees the rows. Only for tests that use ``db``, never
    ``transactional_db``, which would commit through the held transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


@pytest.fixture(scope="session", autouse=True)
def _demo_shared_by_the_run(tmp_path_factory):
    """The processes of one run share one kept demo (tests/demo_rows.py): the run's own
    temporary folder, which pytest-xdist's processes each have a folder inside."""
    base = tmp_path_factory.getbasetemp()
    demo_rows.shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="module")
def _demo_for_the_module(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    folder = tmp_path_factory.mktemp("demo")
    roots = override_settings(MEDIA_ROOT=folder / "media", OPEN_DATA_ROOT=folder / "open-data")
    kept = tmp_path_factory.getbasetemp() / "demo-kept"
    with roots, held_for_the_module(django_db_blocker, lambda: demo_rows.seeded(kept)):
        yield


@pytest.fixture
def demo(_demo_for_the_module, db) -> None:
    """seed_demo's rows, put in once for the whole module that reads them, from the copy
    the run keeps (tests/demo_rows.py)."""


@pytest.fixture
def plaque_prefix():
    return settings.PLAQUE_PREFIX


@pytest.fixture
def tasks_in_process(monkeypatch):
    """Run Celery tasks in this process in both passes: a test that reads the mail outbox
    needs the mail task to run here, not in a worker process with its own outbox."""
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.fixture
def late_evening_utc(monkeypatch):
    """The clock at 23:30 UTC on 4 December 2026, 07:30 on 5 December in Shanghai
    (tests/clock.py): django.utils.timezone.now(), so auto_now fields and localdate() too."""
    from django.utils import timezone

    from .clock import LATE_UTC

    monkeypatch.setattr(timezone, "now", lambda: LATE_UTC)
    return LATE_UTC
