"""The CSV writes text a spreadsheet would run as a formula behind an apostrophe, exactly as
the Excel exports do (one function: stations.excel.writer.neutralise)."""

from __future__ import annotations

import csv
import io

import pytest

from stations import open_data


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_a_formula_in_a_station_name_is_written_as_text(client, public_station, text):
    public_station(name=text, address=text)

    body = client.get("/api/v1/stations.csv").getvalue().decode("utf-8-sig")

    row = next(csv.DictReader(io.StringIO(body)))
    assert row["name"] == "'" + text
    assert row["address"] == "'" + text


def test_the_csv_uses_the_excel_exports_function():
    from stations.excel.writer import neutralise

    assert open_data.neutralise is neutralise
