"""``manage.py caches``: every cache the project keeps, from history's registry: its key, its
lifetime, the records whose announced change drops it, and what it saves."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from history.changes import REGISTRY


class Command(BaseCommand):
    help = "List the named caches: key, lifetime, what drops them, what they save."

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true", help="as the README's table")

    def handle(self, *args, markdown=False, **options):
        entries = sorted(REGISTRY.values(), key=lambda named: named.name)
        if markdown:
            self.stdout.write("| cache | key | lifetime | dropped by | saves |")
            self.stdout.write("|---|---|---|---|---|")
        for named in entries:
            dropped = ", ".join(sorted(named.dropped_by)) or "its lifetime alone"
            if markdown:
                cells = [named.name, f"`{named.key}`", named.lifetime, dropped, named.saves]
                self.stdout.write("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
            else:
                self.stdout.write(
                    f"{named.name}\n  key: {named.key}\n  lifetime: {named.lifetime}\n"
                    f"  dropped by: {dropped}\n  saves: {named.saves}\n"
                )
