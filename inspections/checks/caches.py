"""The check pages' cache, in history's registry: the checklist in use, with its items."""

from __future__ import annotations

from history.changes import NamedCache, dropped_by_replacing, kept_under, register

from .models import Checklist, ChecklistItem

# The checklist in use, with its items, as the check form and the phone's day data show it
# before anything is typed: two reads and some thirty rows made on every visit to the form,
# the inspector's most visited page (issue 26). A version is never edited once saved; a new
# one is saved through checks/services/checklist.py, which announces it ("checklist"), and
# the announcement replaces the version the copy is kept under. A check being recorded
# reads its checklist from the database, never from here.
CHECKLIST_VERSION = "inspections:checklist-version"
CHECKLIST_KEY = "inspections:checklist:"
# The version is in the key: the day only bounds what replaced versions hold until evicted.
CHECKLIST_SECONDS = 24 * 60 * 60


register(
    NamedCache(
        name="current-checklist",
        prefixes=(CHECKLIST_KEY,),
        key=f"{CHECKLIST_KEY}<version>",
        lifetime="CHECKLIST_SECONDS (a day); the version forever, until a new checklist",
        saves="reading the checklist in use and its 27 items on every visit to the check form "
        "and every phone's day data: two statements a visit, 0.4–4.1 ms of the form's 22–32 ms "
        "in process at national size",
        dropped_by=frozenset({"checklist", "demo"}),
        **dropped_by_replacing(CHECKLIST_VERSION),
    )
)


def current_checklist() -> tuple[Checklist, list[ChecklistItem]] | None:
    """The checklist in use and its items, kept until a new version is saved."""
    return kept_under(CHECKLIST_VERSION, CHECKLIST_KEY, _read_current_checklist, CHECKLIST_SECONDS)


def _read_current_checklist() -> tuple[Checklist, list[ChecklistItem]] | None:
    checklist = Checklist.objects.current()
    return (checklist, list(checklist.items.all())) if checklist is not None else None
