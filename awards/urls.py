"""Annual honours: the aid center's selection pages. The public honours pages (/awards/) are
the public app's; config/urls.py joins them into the awards: namespace."""

from __future__ import annotations

from .views import staff

app_name = "awards"

urlpatterns = staff.urlpatterns
