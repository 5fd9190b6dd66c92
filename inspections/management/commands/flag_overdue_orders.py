"""Run the daily overdue check by hand (the same work as the Celery beat entry).

    python manage.py flag_overdue_orders

Flags each open order past its deadline once and tells its union; a second run the same
day flags nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...orders.services.rectification import rectifications_flag_overdue


class Command(BaseCommand):
    help = "Flag rectification orders past their deadline and notify their unions (once)."

    def handle(self, *args, **options) -> None:
        flagged = rectifications_flag_overdue()
        self.stdout.write(f"{flagged} overdue order(s) flagged")
