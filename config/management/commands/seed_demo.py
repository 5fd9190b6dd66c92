"""Load realistic demo data for every page; safe to run again (idempotent)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from unions.demo import DEMO_PASSWORD, seed_users


class Command(BaseCommand):
    help = "Load demo accounts and data (idempotent)."

    def handle(self, *args, **options):
        # The demo logins share a password published in the README: on a real site they
        # would be an open door, starting with the superuser "admin".
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "seed_demo refuses to run under production settings: it creates the "
                "superuser 'admin' and other accounts with the published demo password. "
                "Create real accounts with createsuperuser and the admin instead."
            )
        self._seed()

    @transaction.atomic
    def _seed(self):
        users = seed_users()
        from stations.demo import seed_stations

        stations = seed_stations()
        # Each app seeds its own records after the stations, in layer order; each function
        # is idempotent and says what it made.
        from stations.demo_feedback import seed_feedback

        seed_feedback()
        from stations.demo_campaigns import seed_campaigns

        seed_campaigns()
        from stations.demo_donations import seed_donations

        seed_donations()
        from stations.demo_training import seed_training

        seed_training()
        from stations.demo_alerts import seed_alerts

        seed_alerts()
        from inspections.demo import seed_inspections

        seed_inspections()
        from inspections.demo_orders import seed_orders

        seed_orders()
        from inspections.demo_assessment import seed_assessments

        seed_assessments()
        from awards.demo import seed_awards

        seed_awards()
        # Every record may have changed: every cache of them is dropped (history.changes).
        from history.changes import announce

        announce("demo")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {stations} stations."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, scope in users:
            self.stdout.write(f"  {username:<18} {role:<8} {scope}")
