"""Stations URLs, gathered from one module per area (each module owns its urlpatterns)."""

from __future__ import annotations

from .views import (
    closures,
    directory,
    documents,
    excel,
    exports,
    feedback,
    filings,
    offline,
    open_data,
    paper,
    public,
    records,
    registry,
    review,
)

app_name = "stations"

urlpatterns = [
    *directory.urlpatterns,
    *open_data.urlpatterns,
    *feedback.urlpatterns,
    *public.urlpatterns,
    *offline.urlpatterns,
    *filings.urlpatterns,
    *review.urlpatterns,
    *registry.urlpatterns,
    *records.urlpatterns,
    *paper.urlpatterns,
    *excel.urlpatterns,
    *exports.urlpatterns,
    *documents.urlpatterns,
    *closures.urlpatterns,
]
