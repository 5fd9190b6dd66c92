"""A station's staff page, composed here, above every app whose records it shows (issue 22):
the stations app's own (stations.views.registry.staff_detail_context), then each card of
an app above it, read directly: inspections' checks, orders and appeals. No lower app
collects cards from higher ones."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import path

from inspections.station_panel import station_inspections_panel
from stations.models import Station
from stations.views.registry import staff_detail_context
from unions.access import access
from unions.roles import STAFF_READ

# Each card: (station, user) -> StaffPanel, or None for a role that never sees its records,
# so the card is left out rather than empty.
PANELS = (station_inspections_panel,)


@access(*STAFF_READ)
def staff_detail(request, pk):
    # The pledge comes with the station: its documents panel reads it for the pledge's and
    # the plaque's versions (stations.documents.snapshots), a query of its own otherwise.
    station = get_object_or_404(
        Station.objects.visible_to(request.user).select_related(
            "union", "host_unit", "filing", "pledge"
        ),
        pk=pk,
    )
    panels = [card for source in PANELS if (card := source(station, request.user)) is not None]
    context = {**staff_detail_context(request, station), "panels": panels}
    return render(request, "stations/staff_detail.html", context)


# In the stations: namespace (config/urls.py), under the name it was published with.
urlpatterns = [path("staff/stations/<int:pk>/", staff_detail, name="staff_detail")]
