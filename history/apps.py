from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    """The bottom layer: the append-only record of every change (``RecordChange``), its
    writer, and the one announcement that tells the caches which records changed.

    It imports no app of the project; it names the records it refers to by label
    ("stations.Station"), so every app above may write history without a cycle.
    """

    name = "history"
    verbose_name = _("History")
