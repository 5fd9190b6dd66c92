"""seed_demo gives the operating stations ratings, comments, visits and one ticket; again,
it adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from stations.models import Feedback, FeedbackTicket, Station, StationVisitDay
from tests import demo_rows


@pytest.mark.django_db
def test_it_seeds_feedback_visits_and_one_ticket_once(client):
    demo_rows.seeded()  # the command's rows (tests/demo_rows.py); the command runs below
    counts = (
        Feedback.objects.count(),
        StationVisitDay.objects.count(),
        FeedbackTicket.objects.count(),
    )

    assert counts[0] > 300 and counts[1] > 1000 and counts[2] == 1
    rated = [
        s
        for s in Station.objects.public()
        if 'data-mean="' in client.get(f"/stations/{s.plaque_number}/").content.decode()
    ]
    assert len(rated) > 30

    call_command("seed_demo", stdout=io.StringIO())
    assert (
        Feedback.objects.count(),
        StationVisitDay.objects.count(),
        FeedbackTicket.objects.count(),
    ) == counts
