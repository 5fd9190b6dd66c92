"""Staff pages of the inspections app, each area's patterns in its own urls.py."""

from __future__ import annotations

from .assessment import urls as assessment
from .checks import urls as checks
from .orders import urls as orders

app_name = "inspections"

urlpatterns = [*checks.urlpatterns, *orders.urlpatterns, *assessment.urlpatterns]
