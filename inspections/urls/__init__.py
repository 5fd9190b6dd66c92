"""Staff pages of the inspections app, one module per area so that each stays small."""

from __future__ import annotations

from . import assessment, checks, orders

app_name = "inspections"

urlpatterns = [*checks.urlpatterns, *orders.urlpatterns, *assessment.urlpatterns]
