"""Stations URLs, gathered from one module per area (each module owns its urlpatterns).
The public pages in the stations: namespace (directory, station page, feedback, open
data, offline) are the public app's; config/urls.py joins them into the namespace."""

from __future__ import annotations

from .views import (
    alerts,
    campaign_reports,
    campaigns,
    closures,
    documents,
    donations,
    excel,
    exports,
    feedback,
    filings,
    freshness,
    paper,
    records,
    registry,
    review,
    training,
)

app_name = "stations"

urlpatterns = [
    *alerts.urlpatterns,
    *feedback.urlpatterns,
    *filings.urlpatterns,
    *review.urlpatterns,
    *registry.urlpatterns,
    *records.urlpatterns,
    *paper.urlpatterns,
    *excel.urlpatterns,
    *exports.urlpatterns,
    *documents.urlpatterns,
    *closures.urlpatterns,
    *freshness.urlpatterns,
    *campaigns.urlpatterns,
    *donations.urlpatterns,
    *campaign_reports.urlpatterns,
    *training.urlpatterns,
]
