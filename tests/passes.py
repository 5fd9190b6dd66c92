"""What each pass of ``.ci/run`` runs, in one place (issue 22, item 5: a suite that answers
in minutes, with not one case fewer).

``make test`` alone runs every test (the services-only ones skip without
``RELAY_SERVICES``). ``.ci/run`` runs the suite twice and names its pass in
``RELAY_CI_PASS``; each test runs in the pass whose run mode can change its outcome, and
in both where both can:

- ``embedded`` (SQLite, eager Celery, local-memory cache) runs every test except the
  browser's: those drive Chromium against the live server, and run in the services pass,
  on PostgreSQL with Redis and a real worker, as production serves the pages.
- ``services`` runs every test except the ones listed in ``RUN_MODE_BLIND`` below: tests
  that bring their own database file or none, so that neither PostgreSQL, Redis nor a
  worker can change what they see. They ran in the embedded pass.

``check_each_test_runs_in_a_pass`` fails the collection if a test would run in neither.
"""

from __future__ import annotations

import os

import pytest

EMBEDDED, SERVICES = "embedded", "services"
PASS = os.environ.get("RELAY_CI_PASS", "")

# Modules whose outcome no run mode can change, with the reason: run once, in the embedded
# pass of .ci/run.
RUN_MODE_BLIND = {
    "tests/ops/test_a_dangling_reference_in_a_static_file_stops_the_release.py": (
        "collectstatic and deploy/release on a clean copy, with a SQLite file of its own"
    ),
    "tests/foundation/test_seed_demo_refuses_production.py": (
        "production settings in a child process with a SQLite file of its own, and the "
        "settings' own flag"
    ),
    "tests/e2e/test_browser_tests_wait_for_states.py": "reads the browser tests' source",
}


def uses_the_browser(item: pytest.Item) -> bool:
    return "browser" in getattr(item, "fixturenames", ())


def is_run_mode_blind(item: pytest.Item) -> bool:
    return item.nodeid.split("::", 1)[0] in RUN_MODE_BLIND


def left_to_the_other_pass(item: pytest.Item) -> bool:
    if PASS == EMBEDDED:
        return uses_the_browser(item)
    if PASS == SERVICES:
        return is_run_mode_blind(item)
    return False


def check_each_test_runs_in_a_pass(items: list[pytest.Item]) -> None:
    lost = [i.nodeid for i in items if uses_the_browser(i) and is_run_mode_blind(i)]
    if lost:
        raise pytest.UsageError(
            "tests/passes.py: these would run in neither pass of .ci/run: " + ", ".join(lost)
        )


def select(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect (never skip: a deselected test is not counted as run) what the other pass
    runs."""
    if PASS not in ("", EMBEDDED, SERVICES):
        raise pytest.UsageError(f"RELAY_CI_PASS={PASS!r}: expected {EMBEDDED} or {SERVICES}")
    check_each_test_runs_in_a_pass(items)
    other = [item for item in items if left_to_the_other_pass(item)]
    if other:
        config.hook.pytest_deselected(items=other)
        items[:] = [item for item in items if not left_to_the_other_pass(item)]
    config.stash[LEFT] = len(other)


LEFT = pytest.StashKey[int]()


def summary_line(config: pytest.Config) -> str:
    """How many this pass left to the other; under pytest-xdist the collecting is done by
    the worker processes, so the main one names what it left instead of counting it."""
    if not PASS:
        return ""
    where, what = (
        ("services", "the browser tests") if PASS == EMBEDDED else ("embedded", "RUN_MODE_BLIND")
    )
    left = config.stash.get(LEFT, None)
    told = f"{left} tests" if left is not None else what
    return f"; {told} left to the {where} pass (tests/passes.py)"


# --- Scheduling: the long units first ------------------------------------------------------
# pytest-xdist hands out work as processes come free, in the collection's order, which puts
# the transactional tests, the browser's among them, last: about four minutes of browser
# tests then ran alone in one process while the other waited. These go out first instead;
# each is long, and each leaves its process's database as it found it (reload_after).
FIRST = (
    "browser",
    "tests/bench_guards/test_every_bench_script_runs.py",
    "tests/ops/test_the_deployment_as_the_readme_writes_it.py",
)


def scope_of(nodeid: str) -> str:
    if nodeid.startswith("tests/e2e/"):
        return "browser"
    module = nodeid.split("::", 1)[0]
    return module if module in FIRST else nodeid


def transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & {"transactional_db", "live_server", "django_db_reset_sequences"})


def reload_after(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """A transactional test empties its database when it ends (Django's flush). Django's
    runner orders such tests last for that reason; here they may come first (FIRST), so the
    rows the migrations made are put back before a test that expects them."""
    # The last test of a process: nothing follows, and its database is already gone.
    if nextitem is None or not transactional(item) or transactional(nextitem):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for alias in connections:
            connection = connections[alias]
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
