from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Inspections")

    def ready(self) -> None:
        # The records of this app a history shows, by their fields' names (history.labels).
        from history import labels

        from .models import Appeal, Inspection, Rectification

        labels.register("inspection", Inspection)
        labels.register("rectification", Rectification)
        labels.register("appeal", Appeal)
        # The quarter's workbook is a document kind of this app (documents.kinds).
        from .reports import workbook

        workbook.register_kind()
        # 整改通知书, one per rectification order (notice.py).
        from .orders.notice import register_kind as register_notice

        register_notice()
        # The order list's CSV, written by a background job for its requester alone.
        from .orders.export import register_kind as register_order_export

        register_order_export()
        # Pillow refuses to decode what the photo check refuses (checks/services/photos.py).
        from .checks.services.photos import set_pixel_limit

        set_pixel_limit()
        # Its caches, named in history's registry (inspections/caches.py, checks/caches.py).
        from . import caches  # noqa: F401
        from .checks import caches as check_caches  # noqa: F401
