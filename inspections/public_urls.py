"""Public pages of the inspections app: the quarterly rankings (DESIGN's public contract)."""

from __future__ import annotations

from django.urls import path

from .views import rankings as views

app_name = "rankings"

urlpatterns: list = [
    path("rankings/", views.rankings_latest, name="latest"),
    path("rankings/<int:year>/q<int:quarter>/", views.rankings_quarter, name="quarter"),
    path("api/v1/rankings/<int:year>/q<int:quarter>.json", views.rankings_api, name="api"),
]
