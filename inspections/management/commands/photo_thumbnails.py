"""Make the thumbnails of photos that have none: those uploaded before thumbnails existed,
or whose job was lost (the pages show a tile for them, never the original).

    python manage.py photo_thumbnails

Each is made once; a second run makes nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...checks.services.thumbnails import THUMBNAILED, thumbnails_make


class Command(BaseCommand):
    help = "Make the missing thumbnails of check, order and appeal photos."

    def handle(self, *args, **options) -> None:
        made = 0
        for kind, (model, _field) in THUMBNAILED.items():
            missing = model.objects.filter(thumbnail="", content_type__startswith="image/")
            ids = list(missing.values_list("pk", flat=True))
            for start in range(0, len(ids), 200):
                made += thumbnails_make(kind, ids[start : start + 200])
        self.stdout.write(f"{made} thumbnail(s) made")
