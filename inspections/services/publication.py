"""Publishing a quarter's assessment: the one door (``assessment_publish``).

Nothing of a quarter is public before the aid center publishes a version. A correction after
publication is a new, separately computed version published with a note saying what changed;
the version it replaces becomes superseded and is never edited (DESIGN: results public only
once published; a correction is never a silent change). The quarter's reports are made after
commit, by Celery.
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AssessmentStatus, QuarterlyAssessment


def published_version(year: int, quarter: int) -> QuarterlyAssessment | None:
    return QuarterlyAssessment.objects.published().filter(year=year, quarter=quarter).first()


def needs_correction_note(assessment: QuarterlyAssessment) -> bool:
    """A quarter published before can only be published again as a correction."""
    return (
        QuarterlyAssessment.objects.filter(year=assessment.year, quarter=assessment.quarter)
        .filter(status__in=(AssessmentStatus.PUBLISHED, AssessmentStatus.SUPERSEDED))
        .exclude(pk=assessment.pk)
        .exists()
    )


@transaction.atomic
def assessment_publish(
    *, assessment: QuarterlyAssessment, by, note: str = "", reports: bool = True
) -> QuarterlyAssessment:
    """Publish a computed draft; ``reports=False`` only for the demo seed, which must stay
    fast (the reports task is idempotent and can be run later)."""
    assessment = QuarterlyAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("Only a computed draft can be published."))
    # Lock the quarter's published version too: two corrections at once must not both win.
    current = (
        QuarterlyAssessment.objects.select_for_update()
        .filter(year=assessment.year, quarter=assessment.quarter, status=AssessmentStatus.PUBLISHED)
        .first()
    )
    note = note.strip()
    if needs_correction_note(assessment) and not note:
        raise ValidationError(
            _("This quarter was published before: say what the correction changes and why.")
        )
    if current is not None:
        if current.version > assessment.version:
            raise ValidationError(_("A later version of this quarter is published already."))
        current.status = AssessmentStatus.SUPERSEDED
        current.save(update_fields=["status"])
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_by = by
    assessment.published_at = timezone.now()
    assessment.correction_note = note
    assessment.save(update_fields=["status", "published_by", "published_at", "correction_note"])

    if not reports:
        return assessment
    from ..reports.tasks import assessment_reports

    transaction.on_commit(partial(assessment_reports.delay, assessment.pk), robust=True)
    return assessment
