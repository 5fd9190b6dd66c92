"""The public pages' caches that no announced change needs to drop, in history's registry.

The station page, the directory and the open data are stations' (stations/caches.py): a
change announced to a station drops them. The copies below are keyed by what they show,
or live too briefly to matter, and the registry says which.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from history.changes import NamedCache, register
from stations import public_cache

register(
    NamedCache(
        name="public-home-counts",
        prefixes=("public_home:counts",),
        key="public_home:counts",
        lifetime="PUBLIC_COUNTS_SECONDS (60 s; public/views/home.py)",
        saves="counting every public station and the sixteen largest districts per visit: "
        "2.7 ms kept, 46.8 ms counted (71× the anonymous trivial view)",
    )
)
register(
    NamedCache(
        name="rankings-pages",
        prefixes=("public-page:rankings:", "public-page:rankings-json:"),
        key="public-page:rankings:<published version>:<query>:<language> and "
        "public-page:rankings-json:<published version>:<address>",
        lifetime="PUBLIC_PAGE_CACHE_SECONDS (60 s)",
        saves="drawing the ranked stations: the page 2.6 ms kept, 25.2 ms drawn (38×); the "
        "JSON's page 50 3.0 ms kept, 152 ms drawn. A published version's rows never change "
        "(a correction is a new version, a new key)",
    )
)


def alert_key(day) -> str:
    """Today's alert banner of the home page (public/views/home.py)."""
    return f"public_home:alert:{day:%Y-%m-%d}"


def _drop_alert_banner(changes) -> None:
    cache.delete(alert_key(timezone.localdate()))


register(
    NamedCache(
        name="public-home-alert",
        prefixes=("public_home:alert:",),
        key="public_home:alert:<date>",
        lifetime="PUBLIC_COUNTS_SECONDS (60 s; public/views/home.py)",
        saves="reading today's alerts and counting the stations in 清凉模式 or 暖心模式 on "
        "every visit to the home page",
        dropped_by=frozenset({"alert", "station", "status", "demo"}),
        drop=_drop_alert_banner,
        keys_for_station=lambda station: [alert_key(timezone.localdate())],
    )
)
HONOURS_VERSION = "public-page:honours-version"


def _drop_honours(changes) -> None:
    public_cache.replace(HONOURS_VERSION)


register(
    NamedCache(
        name="honours-pages",
        prefixes=("public-page:honours:",),
        key="public-page:honours:<version>:<year>:<filters>:<language>",
        lifetime="PUBLIC_PAGE_CACHE_SECONDS (60 s); the version forever, until replaced",
        saves="the year's titles drawn per visit: 2.6 ms kept (read with no query), 103 ms "
        "drawn (157×)",
        dropped_by=frozenset({"award", "demo"}),
        drop=_drop_honours,
        keys_for_station=lambda station: [HONOURS_VERSION],
    )
)
