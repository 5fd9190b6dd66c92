"""The inspections app's caches, in history's registry: the assessments' (each keyed by an
assessment version, whose rows never change once computed: a correction is a new version, a
new key) and the checklist in use."""

from __future__ import annotations

from django.core.cache import cache

from history.changes import NamedCache, register, replace_versions, versions

from .checks.models import Checklist, ChecklistItem

register(
    NamedCache(
        name="rankings-summaries",
        prefixes=("rankings:summary:", "rankings:staff:"),
        key="rankings:summary:<assessment>:<filters> and rankings:staff:<assessment>",
        lifetime="SUMMARY_SECONDS (300 s; inspections/assessment/selectors/rankings.py); a running "
        "version's summary is never kept",
        saves="the count, page marks, district means and distribution, aggregates over every "
        "station's score: a drawn page 25.2 ms with them, 563 ms without",
    )
)


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


def _drop_checklist(changes) -> None:
    replace_versions(CHECKLIST_VERSION)


register(
    NamedCache(
        name="current-checklist",
        prefixes=(CHECKLIST_KEY,),
        key=f"{CHECKLIST_KEY}<version>",
        lifetime="CHECKLIST_SECONDS (a day); the version forever, until a new checklist",
        saves="reading the checklist in use and its items on every visit to the check form and "
        "every phone's day data",
        dropped_by=frozenset({"checklist", "demo"}),
        drop=_drop_checklist,
        keys_for_station=lambda station: [CHECKLIST_VERSION],
    )
)


def current_checklist() -> tuple[Checklist, list[ChecklistItem]] | None:
    """The checklist in use and its items, kept until a new version is saved."""
    key = f"{CHECKLIST_KEY}{versions(CHECKLIST_VERSION)[0]}"
    return cache.get_or_set(key, _read_current_checklist, CHECKLIST_SECONDS)


def _read_current_checklist() -> tuple[Checklist, list[ChecklistItem]] | None:
    checklist = Checklist.objects.current()
    return (checklist, list(checklist.items.all())) if checklist is not None else None
