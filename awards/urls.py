"""Annual honours: the public pages (/awards/) and the aid center's selection pages."""

from __future__ import annotations

from .views import public, staff

app_name = "awards"

urlpatterns = [*public.urlpatterns, *staff.urlpatterns]
