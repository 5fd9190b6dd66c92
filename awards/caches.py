"""The awards' caches, in history's registry.

The selection page counts a year's titles by kind (and, once published, its standing) on
every visit, whatever page of them it shows: at national size a pass over 17,000 titles,
12 ms of a 50 ms page (issue 26). Titles change only through awards/services.py, which
announces each change ("award"); the counts are kept under a version that every such
announcement replaces.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache

from history.changes import NamedCache, dropped_by_replacing, kept_under, register

TITLE_COUNTS_VERSION = "awards:title-counts-version"
TITLE_COUNTS_KEY = "awards:title-counts:"
# A kept count outlives no change (the version is in its key); the day only bounds the space
# that replaced versions' counts hold until Redis evicts them.
TITLE_COUNTS_SECONDS = 24 * 60 * 60


register(
    NamedCache(
        name="award-title-counts",
        prefixes=(TITLE_COUNTS_KEY,),
        key=f"{TITLE_COUNTS_KEY}<year>:<with the standing>:<version>",
        lifetime="TITLE_COUNTS_SECONDS (a day); the version forever, until an award changes",
        saves="counting the year's titles by kind on every visit to the selection page: a "
        "pass over 17,000 titles, 12 ms, at national size",
        dropped_by=frozenset({"award", "demo"}),
        **dropped_by_replacing(TITLE_COUNTS_VERSION),
    )
)


def title_counts(year_id: int, standing: bool, count: Callable[[], dict]) -> dict:
    """The year's title counts as ``count`` gives them (with the published year's standing
    or without), kept until an award changes."""
    key = f"{TITLE_COUNTS_KEY}{year_id}:{int(standing)}:"
    return kept_under(TITLE_COUNTS_VERSION, key, count, TITLE_COUNTS_SECONDS)


# The funding ledger's workbooks (awards/funding_workbook.py), kept under the digest of every
# value their sheets show and the drawing's revision: a changed value is a new key, so no
# announcement has to reach a kept file; the lifetime only bounds the space they take.
FUNDING_WORKBOOK_KEY = "funding-xlsx:"
FUNDING_WORKBOOK_SECONDS = 60 * 60
# Bump when the drawing changes in a way the values do not show (fonts, widths, formats).
FUNDING_DRAWING_REVISION = 1

register(
    NamedCache(
        name="funding-workbook",
        prefixes=(FUNDING_WORKBOOK_KEY,),
        key=f"{FUNDING_WORKBOOK_KEY}<digest of every value shown and the drawing's revision>",
        lifetime="FUNDING_WORKBOOK_SECONDS (3,600 s); a changed value is a new key",
        saves="drawing and saving the funding ledger's workbook with openpyxl on every "
        "download: 27–42 ms of the city's 51 ms at national size",
    )
)


def kept_workbook(sheets: list, draw: Callable[[list], bytes]) -> bytes:
    """``draw(sheets)``, kept under the digest of ``sheets`` (every title, label, width and
    value of the workbook) and the drawing's revision."""
    shown = repr([FUNDING_DRAWING_REVISION, sheets]).encode()
    key = FUNDING_WORKBOOK_KEY + hashlib.sha256(shown).hexdigest()
    return cache.get_or_set(key, lambda: draw(sheets), FUNDING_WORKBOOK_SECONDS)
