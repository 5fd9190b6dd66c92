"""Harness cases for the public directory and open data: everyone may read them."""

from __future__ import annotations

from tests.campaigns import running_campaign

from .case import Case

CASES: dict[str, Case] = {
    "stations:directory": Case(),
    "stations:open_data": Case(),
    "stations:open_data_catalog": Case(),
    "stations:open_data_json": Case(),
    "stations:open_data_geojson": Case(),
    "stations:open_data_csv": Case(),
    "stations:open_data_alerts": Case(),
    "campaigns": Case(),
    "campaign": Case(kwargs=lambda w: {"pk": running_campaign(w).pk}),
    # Union A's station (a draft: the form answers and warns; the service refuses).
    "stations:closure_create": Case(kwargs=lambda w: {"pk": w.station_a.pk}, owner="a"),
}
