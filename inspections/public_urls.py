"""Public pages of the inspections app: the quarterly rankings (DESIGN's public contract)."""

from __future__ import annotations

app_name = "rankings"

urlpatterns: list = []
