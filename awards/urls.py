"""Annual honours: the aid center's selection pages, and the funding ledger (经费支持). The
public honours pages (/awards/) are the public app's; config/urls.py joins them into the
awards: namespace."""

from __future__ import annotations

from .views import funding, staff

app_name = "awards"

urlpatterns = staff.urlpatterns + funding.urlpatterns
