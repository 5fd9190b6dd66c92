"""Filing forms (附件1): create, add stations, submit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import FilingForm, Station, StationStatus
from .lifecycle import station_submit


@transaction.atomic
def filing_create(*, union, by, **fields) -> FilingForm:
    return FilingForm.objects.create(union=union, created_by=by, **fields)


def next_row_number(filing: FilingForm) -> int:
    return (filing.stations.aggregate(n=Max("row_number"))["n"] or 0) + 1


@transaction.atomic
def filing_submit(*, filing: FilingForm, by) -> int:
    """Send every draft or returned station of the filing to the aid center's queue."""
    filing = FilingForm.objects.select_for_update().get(pk=filing.pk)
    pending = list(filing.stations.filter(status__in=(StationStatus.DRAFT, StationStatus.RETURNED)))
    if not pending:
        raise ValidationError(_("There is no draft or returned station to submit."))
    missing = [
        label
        for label, value in (
            (_("recommending unit"), filing.unit_name),
            (_("head's name"), filing.head_name),
            (_("head's e-mail"), filing.head_email),
            (_("head's phone"), filing.head_phone),
        )
        if not value
    ]
    if missing:
        raise ValidationError(_("Fill in before submitting: %s") % "、".join(missing))
    for station in pending:
        station_submit(station=station, by=by)
    filing.status = FilingForm.Status.SUBMITTED
    filing.submitted_at = timezone.now()
    filing.save(update_fields=["status", "submitted_at", "updated_at"])
    return len(pending)


def filing_station_counts(filing: FilingForm) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Station.objects.filter(filing=filing).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts
