"""Documents URLs (the views module owns its urlpatterns)."""

from __future__ import annotations

from .views import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
