"""Load realistic demo data for every page; safe to run again (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from unions.demo import DEMO_PASSWORD, seed_users


class Command(BaseCommand):
    help = "Load demo accounts and data (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        users = seed_users()
        from stations.demo import seed_stations

        stations = seed_stations()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {stations} stations."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, scope in users:
            self.stdout.write(f"  {username:<18} {role:<8} {scope}")
