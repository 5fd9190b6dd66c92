"""The programme's own draft of a finished quarter (the nightly beat job).

When an ended quarter's results become final — the appeal window of its last check closed,
every appeal on its checks decided (selectors/settled.py) — its draft is computed, by no
person (``by=None``, a system move of ASSESSMENT_ACTIONS), and the aid center is told that
it may review and publish it. Run every night, it does so once per quarter: a quarter
already published, or with a draft computed since its results became final, is left alone
(a correction after publication stays the aid center's decision), and so is a quarter in
which the supervision team checked nothing (there would be nothing to publish).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from unions.notices import notify_aid_center

from ...quarters import last_quarter, previous_quarter
from ..models import AssessmentStatus, QuarterlyAssessment, StationQuarterScore
from ..selectors.settled import quarter_state
from .assessment import AssessmentBusy, assessment_run

TOPIC = "assessment_ready"


def watched_quarters(today: dt.date) -> list[tuple[int, int]]:
    """The last two ended quarters: appeals of the one before last may still be pending
    when the last ends."""
    last = last_quarter(today)
    return [previous_quarter(*last), last]


def _tell_the_aid_center(assessment: QuarterlyAssessment) -> None:
    rows = StationQuarterScore.objects.filter(assessment=assessment)
    scored = rows.filter(score__isnull=False).count()
    with translation.override("zh-hans"):
        subject = _("%(year)s Q%(quarter)s: the assessment can be published") % {
            "year": assessment.year,
            "quarter": assessment.quarter,
        }
        body = _(
            "The quarter has ended and each of its checks is settled (its appeal window has "
            "closed or its appeal is decided). Its draft (version %(version)s) has been "
            "computed: %(scored)s of %(stations)s stations scored. Review it and publish it."
        ) % {
            "version": assessment.version,
            "scored": scored,
            "stations": rows.count(),
        }
    notify_aid_center(
        topic=TOPIC,
        subject=subject,
        body=body,
        link=reverse("inspections:assessment_detail", args=[assessment.pk]),
    )


def drafts_when_final(now: dt.datetime | None = None) -> list[QuarterlyAssessment]:
    """Compute the draft of each watched quarter whose results became final and that has
    none since; tell the aid center of each. Returns the drafts made."""
    now = now or timezone.now()
    made = []
    for year, quarter in watched_quarters(timezone.localdate(now)):
        versions = QuarterlyAssessment.objects.filter(year=year, quarter=quarter)
        if versions.filter(status=AssessmentStatus.PUBLISHED).exists():
            continue
        state = quarter_state(year, quarter, now)
        if not state.final or not state.has_checks:
            continue  # not final yet, or nothing the supervision team checked to publish
        if versions.filter(status=AssessmentStatus.DRAFT, computed_at__gte=state.final_at).exists():
            continue
        try:
            assessment = assessment_run(year=year, quarter=quarter, by=None)
        except AssessmentBusy:
            continue  # a run by hand is under way: its draft is the one to publish
        _tell_the_aid_center(assessment)
        made.append(assessment)
    return made
