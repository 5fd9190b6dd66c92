"""Views: excel. Each view declares its access rule; lookups go through visible_to()."""

from __future__ import annotations

urlpatterns: list = []
