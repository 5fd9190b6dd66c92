"""Titles a station's public page shows (年度优秀户外职工爱心接力站 …), from apps above.

Honours belong to the awards app, which sits above stations (awards -> inspections ->
stations): the station page may not import it, nor load its template tags, without the
lower layer depending on the higher. So stations offers this hook, as documents offers
``register`` for kinds: awards registers a source from its AppConfig.ready(), the public
view asks ``titles_for(station)``, and without awards installed the page simply shows none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Station


@dataclass(frozen=True)
class PublicTitle:
    text: str
    # Where the title is explained (the year's honours page); may be empty.
    url: str = ""


TitleSource = Callable[["Station"], list[PublicTitle]]
_sources: list[TitleSource] = []


def register_title_source(source: TitleSource) -> None:
    if source not in _sources:
        _sources.append(source)


def titles_for(station: Station) -> list[PublicTitle]:
    return [title for source in _sources for title in source(station)]
