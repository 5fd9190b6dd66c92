"""The caches of station data, each named in history's registry with what drops it.

A service that changes a record announces it once (history.changes.announce); the registry
calls ``drop`` on every cache below whose ``dropped_by`` names that record. Nothing else
drops these copies: no model signal, no ``forget()`` in a service.
"""

from __future__ import annotations

from history.changes import (
    Change,
    NamedCache,
    register,
    replace_versions,
    stations_of,
    versions,
)

from . import public_cache
from .excel.writer import WORKBOOK_KEY_PREFIX
from .models import ENDED_STATUSES, PUBLIC_STATUSES, Station

# Changes that reach every station's copy at once: a name shown on many pages.
EVERYWHERE = frozenset({"union", "host_unit", "demo"})


def _wide(changes: list[Change]) -> bool:
    return any(change.record in EVERYWHERE for change in changes)


# A heat or cold alert declared, ended or read from the feed: every page's open-now may move
# (a station in 清凉模式 or 暖心模式), and the page shows the alert hours that apply.
ALERT = "alert"


def _plaques(changes: list[Change]) -> list[str]:
    ids = stations_of(changes)
    if not ids:
        return []
    return list(
        Station.objects.filter(pk__in=ids)
        .exclude(plaque_number="")
        .values_list("plaque_number", flat=True)
    )


def _drop_pages(changes: list[Change]) -> None:
    if _wide(changes) or any(change.record == ALERT for change in changes):
        public_cache.forget_every_page()
        return
    for plaque in _plaques(changes):
        public_cache.forget(plaque)


def _page_keys(station) -> list[str]:
    return public_cache.page_keys(station.plaque_number)


STATION_PAGE = register(
    NamedCache(
        name="station-page",
        prefixes=("public-page:station:",),
        key="public-page:station:<generation>:<plaque>[/feedback]:<language> (and each "
        "process's copy)",
        lifetime="PUBLIC_PAGE_CACHE_SECONDS (60 s); each process's copy "
        "PUBLIC_PAGE_LOCAL_SECONDS (2 s), which is how late another process shows a change",
        saves="the QR landing page's six reads and its drawing: 1.1 ms kept, 18.8 ms drawn "
        "(28× the anonymous trivial view; target 2×); and its rating form's read and drawing "
        "(5.0 ms drawn, 10.6×; target 10×)",
        dropped_by=frozenset(
            {
                "station",
                "status",
                "feedback",
                "rating",
                "visit",
                "inspection",
                "appeal",
                "award",
                # A campaign's goods reaching the station: its 本站参与… notice.
                "delivery",
                ALERT,
                *EVERYWHERE,
            }
        ),
        drop=_drop_pages,
        keys_for_station=_page_keys,
    )
)


def _drop_directory(changes: list[Change]) -> None:
    public_cache.forget_directory()


DIRECTORY = register(
    NamedCache(
        name="directory",
        prefixes=("public-page:directory:",),
        key="public-page:directory:<version>:<filters and page>:<language>",
        lifetime="PUBLIC_PAGE_CACHE_SECONDS (60 s); the version forever, until replaced",
        saves="the directory's search, distance and open-now reads for every anonymous "
        "visitor: 1.1 ms kept, 15.5–18.1 ms drawn (24–27×; target 10×)",
        # A delivery: the stations a campaign reached (its ?campaign= filter).
        dropped_by=frozenset({"station", "status", ALERT, "delivery", *EVERYWHERE}),
        drop=_drop_directory,
        keys_for_station=lambda station: [public_cache.DIRECTORY_VERSION],
    )
)


def _drop_campaign_pages(changes: list[Change]) -> None:
    public_cache.forget_campaign_pages()


CAMPAIGN_PAGES = register(
    NamedCache(
        name="campaign-pages",
        prefixes=("public-page:campaign:",),
        key="public-page:campaign:<version>:<campaign, district and page>:<language>",
        lifetime="PUBLIC_PAGE_CACHE_SECONDS (60 s); the version forever, until replaced",
        saves="a campaign's public page: its stations reached, read in the directory's "
        "order, and its donors thanked, for every anonymous visitor",
        # What the page lists: the campaign, the stations its goods reached (deliveries),
        # the donors thanked (offers and their matches), and which stations are public.
        dropped_by=frozenset(
            {"campaign", "delivery", "donation", "donation_match", "station", "status", *EVERYWHERE}
        ),  # fmt: skip
        drop=_drop_campaign_pages,
        keys_for_station=lambda station: [public_cache.CAMPAIGN_VERSION],
    )
)


def _listed(changes: list[Change]) -> bool:
    """Whether a change may touch the open data: a station that is public, or has been
    (ended: it left the files with this change). A draft's edits never reach them."""
    if _wide(changes):
        return True
    ids = stations_of(changes)
    return bool(ids) and (
        Station.objects.filter(pk__in=ids, status__in=(*PUBLIC_STATUSES, *ENDED_STATUSES)).exists()
    )


def _drop_open_data(changes: list[Change]) -> None:
    from .open_data import forget_version

    if _listed(changes):
        forget_version()


OPEN_DATA = register(
    NamedCache(
        name="open-data",
        key="open-data:version (names the built files stations-<version>.*)",
        lifetime="OPEN_DATA_CACHE_SECONDS, which also bounds a rename nobody announced",
        saves="building 200,000 rows of JSON, CSV and GeoJSON per request (the job takes "
        "16.5 s); a request sends its version's file (10.3 ms, cold 28 ms)",
        dropped_by=frozenset({"station", "status", *EVERYWHERE}),
        drop=_drop_open_data,
        keys_for_station=lambda station: ["open-data:version"],
    )
)


# --- The staff lists' counts ---------------------------------------------------------------
LISTS_VERSION = "stations:lists-version"
# How many stations a search matches, counted as far as choosing how to read its page needs
# (selectors.search_ids_reader), kept like the registry's count.
SEARCH_MATCHES_KEY = "search:matches:"
SEARCH_MATCHES_SECONDS = 60


# How long a list's count is kept under the version (the registry's, the listings to
# confirm, the staff homes' station cards).
LIST_COUNT_SECONDS = 60


def list_count_key(user, *parts) -> str:
    """Where a list's count for ``user`` (their scope) is kept under the stations' list
    version: a change to any station starts a new count at once."""
    return ":".join(["registry:count", str(user.pk), lists_version(), *map(str, parts)])


def lists_version() -> str:
    """A token that a change to any station replaces: the registry's count and the plan
    summaries are keyed by it (it replaced the newest ``updated_at``, which a bulk
    ``update()`` that left that field alone did not move)."""
    return versions(LISTS_VERSION)[0]


def _drop_lists(changes: list[Change]) -> None:
    replace_versions(LISTS_VERSION)


LISTS = register(
    NamedCache(
        name="station-lists",
        prefixes=("registry:count:", "plan:summary:", SEARCH_MATCHES_KEY),
        key="stations:lists-version, in registry:count:<user>:<version>:<filters>, "
        "plan:summary:<plan>:<user>:<scope>:<version> and "
        f"{SEARCH_MATCHES_KEY}<version>:<digest of the search's query>",
        lifetime="60 s (registry count, a search's matches), SUMMARY_SECONDS (plan summary); "
        "the version forever",
        saves="the registry's count (漕溪: 22.9 ms kept, 39.1 ms counted, 10.8×), the "
        "plan's summary (36.2 ms kept, 121 ms afresh), a training session's search's "
        "matches (counted up to where walking the order wins: 11 ms at national size) and "
        "the staff homes' station cards' counts (registry:count:<user>:<version>:home:…; "
        "a city inspector's 180,000 active stations, 11 ms)",
        dropped_by=frozenset({"filing", "station", "status", *EVERYWHERE}),
        drop=_drop_lists,
        keys_for_station=lambda station: [LISTS_VERSION],
    )
)


# --- Bounded by their lifetime alone --------------------------------------------------------
register(
    NamedCache(
        name="filing-workbook",
        prefixes=(WORKBOOK_KEY_PREFIX,),
        key=f"{WORKBOOK_KEY_PREFIX}<digest of every cell, the layout and the drawing's revision> "
        "(the blank template's: of the layout and the revision)",
        lifetime="FILING_WORKBOOK_CACHE_SECONDS (3,600 s); a changed cell is a new key",
        saves="drawing and saving a filing's 附件1 workbook with openpyxl on every download "
        "(some 60 ms for 29 stations), and the blank template's (30–60 ms)",
    )
)
# The review queue's unfilled acceptance fields as crispy draws them: the same for every
# officer on a day in a language, kept by each web process (stations/views/review.py).
ACCEPTANCE_FORM_KEY = "review:acceptance-form:"
ACCEPTANCE_FORM_SECONDS = 24 * 60 * 60
register(
    NamedCache(
        name="review-acceptance-form",
        prefixes=(ACCEPTANCE_FORM_KEY,),
        key=f"{ACCEPTANCE_FORM_KEY}<language>:<day>, in each web process's pages-local cache",
        lifetime="a day (the day is in the key)",
        saves="drawing the review queue's unfilled acceptance fields with crispy on every "
        "visit: a fifth of the page at national size (issue 26)",
    )
)
register(
    NamedCache(
        name="directory-counts",
        prefixes=("directory:counts-by-district",),
        key="directory:counts-by-district",
        lifetime="COUNT_SECONDS (stations/directory.py)",
        saves="a count of every public station by district when the directory's first page "
        "is drawn: 15.5 ms with it, 56.2 ms without",
    )
)
register(
    NamedCache(
        name="visits-total",
        prefixes=("visits:total",),
        key="visits:total",
        lifetime="VISIT_TOTAL_CACHE_SECONDS (60 s)",
        saves="summing every visit row on the home page, the busiest page: 1.2–1.7 s over a "
        "quarter's 18 million day rows at national size",
    )
)
register(
    NamedCache(
        name="list-counts",
        prefixes=("list:count:",),
        key="list:count:<model>:<query digest>",
        lifetime="RECOUNT_SECONDS (stations/views/common.py): then counted afresh",
        saves="recounting a check or feedback list that only grows (new rows are counted "
        "by id range; a moderation, which moves rows out, is part of the key): check list "
        "31.2 ms kept, 118 ms counted; feedback 33.7 ms, 84.8 ms",
    )
)
