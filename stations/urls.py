"""Stations URLs, gathered from one module per area (each module owns its urlpatterns)."""

from __future__ import annotations

from .views import documents, excel, filings, paper, public, records, registry, review

app_name = "stations"

urlpatterns = [
    *public.urlpatterns,
    *filings.urlpatterns,
    *review.urlpatterns,
    *registry.urlpatterns,
    *records.urlpatterns,
    *paper.urlpatterns,
    *excel.urlpatterns,
    *documents.urlpatterns,
]
