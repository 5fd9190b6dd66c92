"""Every write of application code to a table some cache shows is announced (issue 22, item 2).

A plugin of the whole suite (tests/conftest.py): while each test runs, every INSERT, UPDATE
and DELETE that reaches the database is looked at, whatever made it (``save``,
``queryset.update()``, ``bulk_create``, raw SQL through a cursor). When the statement
writes a table listed in ``WATCHED`` and the code that made it is the application's (the
innermost frame of the project's own code outside a models module, which is where ``save``
overrides live), the test fails unless one of the records ``WATCHED`` names for that table
was announced (history.changes.announce) during the test. Writes made by the tests' own
set-up (tests/, factories) and by migrations are not the application's and are not held.

A write that needs no announcement because no cache shows what it changes is listed in
``UNSHOWN`` with the reason, by the file and function that make it.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Table -> the records whose announcement covers a write to it (history.changes.RECORDS).
WATCHED: dict[str, frozenset[str]] = {
    table: frozenset({*records, "demo"})
    for table, records in {
        "stations_station": {"station", "status", "filing"},
        "stations_stationclosure": {"station"},
        "stations_feedback": {"feedback", "rating"},
        "stations_stationvisitday": {"visit"},
        "stations_filingform": {"filing"},
        "stations_pledge": {"pledge"},
        "stations_insurancepolicy": {"insurance"},
        "stations_acceptance": {"acceptance"},
        "stations_agreement": {"agreement"},
        "unions_union": {"union"},
        "unions_hostunit": {"host_unit", "station", "filing"},
        "unions_profile": {"profile"},
        "inspections_inspection": {"inspection", "appeal"},
        "inspections_rectification": {"rectification", "appeal"},
        "inspections_appeal": {"appeal"},
        "inspections_inspectionplan": {"plan"},
        "inspections_planvisit": {"plan", "inspection"},
        "inspections_peerreviewpairing": {"pairing"},
        "awards_award": {"award"},
    }.items()
}

# (file relative to the project, function) -> why no cache needs to hear of the write.
UNSHOWN: dict[tuple[str, str], str] = {}

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@dataclass
class Watch:
    writes: dict[str, set[str]] = field(default_factory=dict)  # table -> where
    heard: set[str] = field(default_factory=set)

    def wrapper(self, execute, sql, params, many, context):
        found = _WRITE.match(sql)
        if found and found.group(1) in WATCHED:
            where = _application_frame()
            if where is not None:
                self.writes.setdefault(found.group(1), set()).add(where)
        return execute(sql, params, many, context)

    def unannounced(self) -> list[str]:
        return [
            f"{table}, written by {', '.join(sorted(where))}, with none of "
            f"{sorted(WATCHED[table] - {'demo'})} announced"
            for table, where in sorted(self.writes.items())
            if not (WATCHED[table] & self.heard)
        ]


def _application_frame() -> str | None:
    """The application's code that made the write, or None (the tests', a migration's, or
    a write listed in UNSHOWN)."""
    frame = sys._getframe(2)
    while frame is not None:
        path = Path(frame.f_code.co_filename)
        if path.is_relative_to(ROOT) and ".venv" not in path.parts:
            relative = path.relative_to(ROOT)
            top = relative.parts[0]
            in_models = relative.name == "models.py" or "models" in relative.parts[:-1]
            if top in ("tests", "bench") or "migrations" in relative.parts:
                return None
            if (str(relative), frame.f_code.co_name) in UNSHOWN:
                return None
            if not in_models:
                return f"{relative}:{frame.f_lineno} ({frame.f_code.co_name})"
        frame = frame.f_back
    return None


@pytest.fixture(autouse=True)
def _every_write_is_announced(request):
    """Fails the test when application code wrote a watched table and announced nothing
    that covers it (the module's docstring)."""
    from django.db import connections

    from history import changes

    watch = Watch()
    changes.listeners.append(lambda change: watch.heard.add(change.record))
    wrappers = [connections[alias].execute_wrapper(watch.wrapper) for alias in connections]
    for wrapper in wrappers:
        wrapper.__enter__()
    try:
        yield watch
    finally:
        for wrapper in reversed(wrappers):
            wrapper.__exit__(None, None, None)
        changes.listeners.clear()
    missing = watch.unannounced()
    report = os.environ.get("RELAY_UNANNOUNCED_REPORT")
    if report:  # a survey of the suite, not a run that passes judgement
        with open(report, "a") as out:
            out.writelines(f"{line}\n" for line in missing)
        return
    assert not missing, "application code wrote without announcing: " + "; ".join(missing)
