"""Filing forms (附件1), their stations and the Excel import: the union's own work."""

from __future__ import annotations

from stations.models import StationStatus
from stations.services import filing
from stations.services.filing_import import filing_import
from tests.factories import StationFactory

from ..service_cases import ServiceCase
from ._build import UNION_A, draft


def _unsaved_station(world):
    return StationFactory.build(filing=world.filing_a, union=world.union_a)


def _edited(world, status=StationStatus.DRAFT):
    made = draft(world, status)
    made.address = "南京东路999号"
    return made


def _workbook(world):
    from tests.stations.excel.builders import station_row, xlsx

    return xlsx([station_row(1)])


CASES = [
    ServiceCase(
        filing.filing_create,
        UNION_A,
        lambda w, u: filing.filing_create(union=w.union_a, by=u, unit_name=w.union_a.name),
    ),
    ServiceCase(
        filing.filing_edit,
        UNION_A,
        lambda w, u: filing.filing_edit(filing=w.filing_a, by=u, head_name="王建华"),
    ),
    ServiceCase(
        filing.station_add,
        UNION_A,
        lambda w, u: filing.station_add(filing=w.filing_a, station=_unsaved_station(w), by=u),
    ),
    ServiceCase(
        filing.station_edit,
        UNION_A,
        lambda w, u: filing.station_edit(station=_edited(w), by=u),
    ),
    ServiceCase(
        filing.station_edit_and_resubmit,
        UNION_A,
        lambda w, u: filing.station_edit_and_resubmit(
            station=_edited(w, StationStatus.RETURNED), by=u
        ),
    ),
    ServiceCase(
        filing.filing_submit,
        UNION_A,
        lambda w, u: filing.filing_submit(filing=w.filing_a, by=u),
    ),
    ServiceCase(
        filing_import,
        UNION_A,
        lambda w, u: filing_import(file=_workbook(w), union=w.union_a, by=u),
    ),
]
