"""The rules one station row of 附件1 must meet, written once for both doors in.

The online form (``forms/filing.py``) and the Excel import (``excel/convert.py`` and
``services/filing_import.py``) parse what the clerk typed in their own way, then ask this
module. Nothing here reads a request or a cell: values are already Python values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.models import Union

from .models import PUBLIC_STATUSES, Audience, Service, Station, StationStatus

# A station area is about 3 m² (source document, 二); 10,000 m² is a typo, not a station.
MAX_AREA = Decimal("10000")
MAX_SERVICES_OTHER = 200
# 市绿化市容行业工会 files the sanitation workers' stations (source document, 二).
SANITATION_UNION = "greening"
_NAMES_PER_QUERY = 500  # under SQLite's parameter limit


@dataclass(frozen=True)
class RowProblem:
    """One broken rule, named by the Station field it concerns."""

    field: str
    message: str


def default_audience(union: Union) -> str:
    return Audience.SANITATION if union.code == SANITATION_UNION else Audience.ALL


def city_bounds() -> tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal]]:
    """(latitudes, longitudes) of the city's bounding box, from settings."""
    lat, lng = settings.CITY_LATITUDES, settings.CITY_LONGITUDES
    return (
        (Decimal(str(min(lat))), Decimal(str(max(lat)))),
        (Decimal(str(min(lng))), Decimal(str(max(lng)))),
    )


def area_problem(area: Decimal | None) -> str | None:
    if area is None:
        return None
    if not area.is_finite() or area <= 0:
        return _("The area must be more than 0 m².")
    if area >= MAX_AREA:
        return _("%(value)s m² is not a plausible station area (less than 10000 m²).") % {
            "value": area
        }
    return None


def unit_name_problem(union: Union, unit_name: str) -> str | None:
    """推荐单位名称 names the filing's own union: a clerk cannot file under another's name."""
    if unit_name and union.name not in unit_name:
        return _("The recommending unit must be your own union, “%(union)s”.") % {
            "union": union.name
        }
    return None


def district_problem(union: Union, district: str) -> str | None:
    """A district union (区总工会) files the stations of its own district only."""
    own = union.district if union.kind == Union.Kind.DISTRICT else ""
    if own and district and district != own:
        return _("%(union)s files stations in %(district)s only.") % {
            "union": union.name,
            "district": own,
        }
    return None


# 计划完成时间: the programme began in 2018; a plan further out than ten years is a typo.
FIRST_PLANNED_YEAR = 2018
PLANNED_YEARS_AHEAD = 10


def planned_completion_problem(day: dt.date | None, today: dt.date | None = None) -> str | None:
    """``today`` may be given by a caller checking many rows (the import), read once."""
    if day is None:
        return None
    latest = (today or timezone.localdate()) + dt.timedelta(days=365 * PLANNED_YEARS_AHEAD)
    if day < dt.date(FIRST_PLANNED_YEAR, 1, 1) or day > latest:
        return _("%(value)s is not a plausible completion date (%(first)s to %(last)s).") % {
            "value": day.isoformat(),
            "first": FIRST_PLANNED_YEAR,
            "last": latest.year,
        }
    return None


def station_row_problems(
    *,
    area_m2: Decimal | None,
    services: Iterable[str] | None,
    services_other: str,
    latitude: Decimal | None,
    longitude: Decimal | None,
    planned_completion=None,
    union: Union | None = None,
    district: str | None = None,
    today: dt.date | None = None,
) -> list[RowProblem]:
    """Every rule of one row that does not need the database; an empty list when it is good.

    Values that could not be read are passed as None and left to the caller's own message.
    """
    problems: list[RowProblem] = []
    message = planned_completion_problem(planned_completion, today)
    if message:
        problems.append(RowProblem("planned_completion", message))
    if union is not None and district:
        message = district_problem(union, district)
        if message:
            problems.append(RowProblem("district", message))
    message = area_problem(area_m2)
    if message:
        problems.append(RowProblem("area_m2", message))
    problems.extend(_services(services, services_other))
    problems.extend(_coordinates(latitude, longitude))
    return problems


def _services(services: Iterable[str] | None, other: str) -> list[RowProblem]:
    if services is None:
        return []
    services, other = set(services), (other or "").strip()
    if not services:
        return [RowProblem("services", _("No service item was recognised."))]
    if Service.OTHER in services and not other:
        return [RowProblem("services_other", _("Please describe the other services."))]
    if other and Service.OTHER not in services:
        return [
            RowProblem(
                "services_other",
                _("Describe other services only when “other services” is chosen."),
            )
        ]
    if len(other) > MAX_SERVICES_OTHER:
        return [
            RowProblem(
                "services_other", _("At most %(max)s characters.") % {"max": MAX_SERVICES_OTHER}
            )
        ]
    return []


def _coordinates(lat: Decimal | None, lng: Decimal | None) -> list[RowProblem]:
    if lat is None and lng is None:
        return []
    if lat is None or lng is None:
        missing = "latitude" if lat is None else "longitude"
        return [RowProblem(missing, _("Give both latitude and longitude, or neither."))]
    (south, north), (west, east) = city_bounds()
    if south <= lat <= north and west <= lng <= east:
        return []
    return [
        RowProblem(
            "latitude",
            _("These coordinates (%(lat)s, %(lng)s) are outside %(city)s.")
            % {"lat": lat, "lng": lng, "city": settings.CITY_NAME},
        )
    ]


# --- Duplicates ---------------------------------------------------------------------------


def duplicate_candidates(union: Union):
    """The stations a new row of ``union`` must not repeat (same name and address).

    The union's own stations, except rejected ones (which may be filed again), and public
    ones of any union. Never another union's drafts, submissions or approvals: a clerk must
    not learn from a refusal what another union has in preparation.
    """
    own = Q(union=union) & ~Q(status=StationStatus.REJECTED)
    return Station.objects.filter(own | Q(status__in=PUBLIC_STATUSES))


def registered_duplicates(
    *, union: Union, keys: Iterable[tuple[str, str]], exclude_pk: int | None = None
) -> set[tuple[str, str]]:
    """Which of the (name, address) pairs are already registered, as ``union`` may know."""
    keys = {(name.strip(), address.strip()) for name, address in keys if name and address}
    names = sorted({name for name, _address in keys})
    candidates = duplicate_candidates(union)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    found: set[tuple[str, str]] = set()
    for i in range(0, len(names), _NAMES_PER_QUERY):
        found.update(
            candidates.filter(name__in=names[i : i + _NAMES_PER_QUERY]).values_list(
                "name", "address"
            )
        )
    return found & keys


def duplicate_message() -> str:
    return _("A station with this name and address is already registered.")
