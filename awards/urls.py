"""Annual honours: the public pages (/awards/) and the aid center's selection pages."""

from __future__ import annotations

app_name = "awards"

urlpatterns: list = []
