"""Cards that apps above stations add to a station's staff page (its checks, orders and
appeals, from inspections).

The staff page may not import those apps (inspections -> stations, never back), so stations
offers this hook, as it offers public_titles for the public page: an app registers a panel
from its AppConfig.ready(); the view asks ``panels_for(station, user)``. A panel returns
None for a role that never sees its records, so the card is left out rather than empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Station


@dataclass(frozen=True)
class StaffPanel:
    template: str
    context: dict = field(default_factory=dict)


PanelSource = Callable[["Station", object], "StaffPanel | None"]
_sources: list[PanelSource] = []


def register_staff_panel(source: PanelSource) -> None:
    if source not in _sources:
        _sources.append(source)


def panels_for(station: Station, user) -> list[StaffPanel]:
    return [panel for source in _sources if (panel := source(station, user)) is not None]
