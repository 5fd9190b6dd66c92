"""Issue 21, item 4: the beat computes a quarter's draft the night its results become final
(its last check's appeal window closed, its appeals decided) and tells the aid center —
once; a quarter the supervision team did not check is left alone."""

import datetime as dt
from unittest import mock

from django.core import mail
from django.urls import reverse

from inspections.assessment.services.drafts import drafts_when_final
from inspections.models import AssessmentStatus, QuarterlyAssessment
from unions.models import Notice

from .helpers import ZONE, check, operating_station


def night(*ymd):
    return dt.datetime(*ymd, 2, 30, tzinfo=ZONE)


def test_the_draft_is_made_the_night_the_last_window_closes_and_the_aid_center_is_told(
    world, client, django_capture_on_commit_callbacks, tasks_in_process
):
    world.aid.email = "office@example.org"
    world.aid.save(update_fields=["email"])
    station = operating_station(world.union_a)
    with mock.patch("django.utils.timezone.now", return_value=night(2026, 12, 28)):
        # Visited on 28 December: appealable until 11 January, settled from the 12th.
        check(station, 88, by=world.inspector, when=dt.datetime(2026, 12, 28, 10, tzinfo=ZONE))

    with mock.patch("django.utils.timezone.now", return_value=night(2027, 1, 11)):
        assert drafts_when_final() == []
    assert not QuarterlyAssessment.objects.exists()

    with (
        mock.patch("django.utils.timezone.now", return_value=night(2027, 1, 12)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        made = drafts_when_final()
    # 2026 Q4 only: 2026 Q3 had no check of the supervision team, nothing to publish.
    assert [(a.year, a.quarter, a.status) for a in made] == [(2026, 4, AssessmentStatus.DRAFT)]
    assert made[0].started_by is None  # the programme's run, no person behind it
    notice = Notice.objects.get(topic="assessment_ready")
    assert notice.union is None  # the aid center's
    assert notice.link == reverse("inspections:assessment_detail", args=[made[0].pk])
    assert "2026年第4季度" in notice.subject
    assert any("office@example.org" in m.to for m in mail.outbox)
    client.force_login(world.aid)
    assert "2026年第4季度" in client.get(reverse("accounts:notices")).content.decode()

    with mock.patch("django.utils.timezone.now", return_value=night(2027, 1, 13)):
        assert drafts_when_final() == []  # once
    assert QuarterlyAssessment.objects.count() == 1
    assert Notice.objects.filter(topic="assessment_ready").count() == 1
