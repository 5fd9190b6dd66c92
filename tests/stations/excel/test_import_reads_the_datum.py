"""The Excel template's 坐标系 column (issue 24): each row's coordinates are read in the datum
it names (empty: the COORDINATE_DATUM setting) and stored in WGS-84; an exported filing says
WGS-84 and reads back unchanged."""

from __future__ import annotations

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from stations.datum import Datum, from_wgs84
from stations.excel.writer import filing_workbook
from stations.models import StationStatus
from tests.factories import StationFactory
from unions.models import Union

from ..test_datum import metres
from .builders import station_row, xlsx

TRUE = (31.235000, 121.481000)
EXTRAS = ("longitude", "latitude", "datum")


def _row(n, datum_cell, position):
    return station_row(
        n, longitude=round(position[1], 6), latitude=round(position[0], 6), datum=datum_cell
    )


def test_each_row_is_read_in_the_datum_it_names(run_import):
    amap, baidu = from_wgs84(*TRUE, Datum.GCJ02), from_wgs84(*TRUE, Datum.BD09)
    rows = [
        _row(1, "GCJ-02", amap),
        _row(2, "百度地图", baidu),
        _row(3, "WGS-84", TRUE),
        _row(4, None, TRUE),
    ]
    result = run_import(xlsx(rows, extras=EXTRAS))
    assert result.ok, [str(p) for p in result.problems]
    for station in result.filing.stations.all():
        assert metres((station.latitude, station.longitude), TRUE) < 1.0, station.row_number


def test_an_empty_datum_cell_follows_the_setting(run_import, settings):
    settings.COORDINATE_DATUM = "gcj02"
    amap = from_wgs84(*TRUE, Datum.GCJ02)
    result = run_import(xlsx([_row(1, None, amap)], extras=EXTRAS))
    station = result.filing.stations.get()
    assert metres((station.latitude, station.longitude), TRUE) < 1.0


def test_an_unknown_datum_is_reported_in_its_column_and_nothing_is_imported(run_import):
    result = run_import(
        xlsx([_row(1, "火星坐标系X", TRUE), _row(2, "WGS-84", TRUE)], extras=EXTRAS)
    )
    assert not result.ok
    assert [(p.row is not None, p.column) for p in result.problems] == [(True, "坐标系")]
    assert "WGS-84、GCJ-02 或 BD-09" in result.problems[0].message


def test_an_exported_filing_says_wgs84_and_reads_back_the_same(world, run_import):
    station = StationFactory(
        filing=world.filing_a,
        union=world.union_a,
        latitude=Decimal("31.235000"),
        longitude=Decimal("121.481000"),
    )
    station.refresh_from_db()  # the values as stored, as the export reads them
    wb = filing_workbook(world.filing_a, [station])
    ws = wb.active
    header = [c.value for c in ws[5]]
    column = header.index("坐标系") + 1
    assert ws.cell(7, column).value == "WGS-84"
    # The column offers the three datums as a drop-down.
    validations = ws.data_validations.dataValidation
    assert any(v.formula1 == '"WGS-84,GCJ-02,BD-09"' for v in validations)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    # The registry refuses a second copy of a live station; a rejected one may be filed again.
    station.status = StationStatus.REJECTED
    station.save()
    # An industry union (the finance union) may file in any district.
    result = run_import(out, union=Union.objects.get(code="finance"))
    assert result.ok, [str(p) for p in result.problems]
    back = result.filing.stations.get()
    assert (str(back.latitude), str(back.longitude)) == ("31.235000", "121.481000")


def test_the_blank_template_offers_the_column_empty(client, world):
    client.force_login(world.user_a)
    response = client.get(reverse("stations:filing_template"))
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[5]]
    assert "坐标系（选填）" in header
