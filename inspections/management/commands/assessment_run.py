"""Compute a quarter's assessment now: ``manage.py assessment_run 2025 1`` (a new draft
version; publishing stays the aid center's step on the staff page)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from ...assessment.services.assessment import AssessmentBusy, AssessmentError, assessment_run


class Command(BaseCommand):
    help = "Compute a new draft version of a quarter's assessment."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("quarter", type=int)

    def handle(self, *args, year: int, quarter: int, **options):
        started = time.monotonic()
        try:
            assessment = assessment_run(year=year, quarter=quarter)
        except (AssessmentBusy, AssessmentError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{assessment}: {assessment.get_status_display()}, "
            f"{assessment.station_scores.count()} stations, "
            f"{time.monotonic() - started:.1f} s"
        )
