"""History sits below unions (issue 22) and its model cannot carry unions' scoped manager:
every read of it in the application goes through ``unions.scopes.visible``, as a scoped
manager's ``visible_to`` would (tests/access/test_every_model_is_scoped.py runs that scope
for every role)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("unions", "documents", "stations", "inspections", "awards", "public", "config")
# The administrator's read-only log (config/admin.py) reads every row, as the admin may.
READS_EVERY_ROW = {"config/admin.py"}
# A year's honours history belongs to no union (the city's), and the award year's staff page
# shows it to everyone its access rule admits (awards/views/staff.py: ``_history``).
CITY_RECORDS = {"awards/views/staff.py": "record=RecordChange.Record.AWARD"}


def test_every_read_of_the_history_in_the_application_is_scoped():
    unscoped = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = str(path.relative_to(ROOT))
            if "migrations" in path.parts or relative in READS_EVERY_ROW:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if CITY_RECORDS.get(relative, "\0") in line:
                    continue
                if re.search(r"RecordChange\.objects", line) and "visible(" not in line:
                    unscoped.append(f"{relative}:{number}: {line.strip()}")
    assert unscoped == []


def test_the_history_writer_is_the_only_place_rows_are_made():
    """(The model itself declares the class: ``class RecordChange(models.Model)``.)"""
    writers = {
        str(path.relative_to(ROOT))
        for app in (*APPS, "history")
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        and "RecordChange(" in path.read_text()
        and path.name != "models.py"
    }
    assert writers == {"history/writer.py"}
