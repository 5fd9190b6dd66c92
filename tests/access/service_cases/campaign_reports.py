"""Asking for a campaign's report: union staff (each for its own union's figures) and the aid
center (every union's); inspectors and administrators have no such page."""

from __future__ import annotations

from stations.services.campaign_reports import campaign_report_request
from tests.campaigns import running_campaign

from ..service_cases import ServiceCase

UNIONS_OR_AID = frozenset({"union_a", "union_b", "aid_center"})

CASES = [
    ServiceCase(
        campaign_report_request,
        UNIONS_OR_AID,
        lambda w, u, fmt=fmt: campaign_report_request(campaign=running_campaign(w), fmt=fmt, by=u),
        label=fmt,
    )
    for fmt in ("pdf", "xlsx")
]
