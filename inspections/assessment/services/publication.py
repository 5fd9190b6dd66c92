"""Publishing a quarter's assessment: the one door (``assessment_publish``).

Nothing of a quarter is public before the aid center publishes a version, and only a
finished quarter may be published (issue 21; DESIGN: Scoring, publication): the quarter has
ended, every check of the supervision team in it is settled — its appeal window closed, or
its appeal decided (selectors/settled.py) — the draft was computed after that, and it scores
at least one station. ``publish_refusal`` says which of these is missing and when it will
be allowed; the staff page shows it on the publish button.

A correction after publication is a new, separately computed version published with a note
saying what changed; the version it replaces becomes superseded and is never edited
(DESIGN: results public only once published; a correction is never a silent change). The
quarter's reports are made after commit, by Celery. Who may publish is
``ASSESSMENT_ACTIONS`` (the aid center).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unions.actions import ActionRefused, check

from ..models import ASSESSMENT_ACTIONS, AssessmentStatus, QuarterlyAssessment, StationQuarterScore
from ..selectors.settled import QuarterState, quarter_state

STATUSES = dict(AssessmentStatus.choices)


def published_version(year: int, quarter: int) -> QuarterlyAssessment | None:
    return QuarterlyAssessment.objects.published().filter(year=year, quarter=quarter).first()


def needs_correction_note(assessment: QuarterlyAssessment) -> bool:
    """A quarter published before can only be published again as a correction."""
    return assessment.published_before()


def publish_action(assessment: QuarterlyAssessment) -> str:
    """The row of ASSESSMENT_ACTIONS publishing this draft would be."""
    return "correct" if needs_correction_note(assessment) else "publish"


def _day(value: dt.date) -> str:
    return date_format(value, "DATE_FORMAT")


def _quarter(year: int, quarter: int) -> str:
    return _("%(year)s Q%(quarter)s") % {"year": year, "quarter": quarter}


def quarter_refusal(state: QuarterState) -> str:
    """Why the quarter's results are not final yet, and when they will be; "" once final."""
    days = settings.APPEAL_DAYS
    name = _quarter(state.year, state.quarter)
    if not state.ended:
        return _(
            "%(quarter)s has not ended: it ends on %(last)s. A quarter is published once it "
            "has ended and the %(days)s-day appeal window of each of its checks has closed "
            "or its appeal is decided: not before %(earliest)s, and not before %(latest)s if "
            "a check is made on its last day."
        ) % {
            "quarter": name,
            "last": _day(state.last_day),
            "days": days,
            "earliest": _day(state.earliest),
            "latest": _day(state.latest_window),
        }
    if state.open_appeals:
        waiting = ngettext(
            "%(n)s appeal against a check of %(quarter)s is not decided yet.",
            "%(n)s appeals against checks of %(quarter)s are not decided yet.",
            state.open_appeals,
        ) % {"n": state.open_appeals, "quarter": name}
        if state.windows_close_on and state.today < state.windows_close_on:
            return (
                waiting
                + " "
                + _(
                    "It can be published once they are decided, and not before %(day)s, when the "
                    "appeal window of its last check has closed."
                )
                % {"day": _day(state.windows_close_on)}
            )
        return waiting + " " + _("It can be published once they are decided.")
    if not state.final:
        return _(
            "The %(days)s-day appeal window of the last check of %(quarter)s is still open: "
            "it can be published from %(day)s."
        ) % {"days": days, "quarter": name, "day": _day(state.windows_close_on)}
    return ""


def publish_refusal(assessment: QuarterlyAssessment, *, now: dt.datetime | None = None) -> str:
    """Why this draft may not be published now (and when it may), or "" when it may."""
    if assessment.status != AssessmentStatus.DRAFT:
        return _("Only a computed draft can be published.")
    state = quarter_state(assessment.year, assessment.quarter, now)
    refusal = quarter_refusal(state)
    if refusal:
        return refusal
    if assessment.computed_at is None or assessment.computed_at < state.final_at:
        return _(
            "This draft was computed on %(computed)s, before the results of the quarter were "
            "final (%(final)s): compute the quarter again and publish the new draft."
        ) % {
            "computed": _day(timezone.localdate(assessment.computed_at))
            if assessment.computed_at
            else "—",
            "final": _day(timezone.localdate(state.final_at)),
        }
    scored = StationQuarterScore.objects.filter(assessment=assessment, score__isnull=False)
    if not scored.exists():
        return _(
            "No station has a score in this draft (the supervision team checked none in the "
            "quarter): there is nothing to publish."
        )
    return ""


@transaction.atomic
def assessment_publish(
    *, assessment: QuarterlyAssessment, by, note: str = "", reports: bool = True
) -> QuarterlyAssessment:
    """Publish a computed draft of a finished quarter; ``reports=False`` only for the demo
    seed, which must stay fast (the reports task is idempotent and can be run later)."""
    assessment = QuarterlyAssessment.objects.select_for_update().get(pk=assessment.pk)
    name = publish_action(assessment)
    try:
        note = check(ASSESSMENT_ACTIONS, name, assessment, by, reason=note, labels=STATUSES)
    except ActionRefused:
        raise
    except ValidationError:
        # The correction's reason is its note, shown on the public page.
        raise ValidationError(
            _("This quarter was published before: say what the correction changes and why.")
        ) from None
    refusal = publish_refusal(assessment)
    if refusal:
        raise ValidationError(refusal)
    # Lock the quarter's published version too: two corrections at once must not both win.
    current = (
        QuarterlyAssessment.objects.select_for_update()
        .filter(year=assessment.year, quarter=assessment.quarter, status=AssessmentStatus.PUBLISHED)
        .first()
    )
    if current is not None:
        if current.version > assessment.version:
            raise ValidationError(_("A later version of this quarter is published already."))
        check(ASSESSMENT_ACTIONS, "supersede", current, by)
        current.status = AssessmentStatus.SUPERSEDED
        current.save(update_fields=["status"])
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_by = by
    assessment.published_at = timezone.now()
    assessment.correction_note = note
    assessment.save(update_fields=["status", "published_by", "published_at", "correction_note"])

    if not reports:
        return assessment
    from ...reports.tasks import assessment_reports

    transaction.on_commit(partial(assessment_reports.delay, assessment.pk), robust=True)
    return assessment
