"""Filing forms (附件1): create, edit, add and edit stations, submit — each with history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import RecordChange
from history.writer import diff, record_change, snapshot

from ..models import EDITABLE_STATUSES, FilingForm, Station, StationStatus
from ..permissions import record_check
from .lifecycle import station_submit

FILING_FIELDS = ("unit_name", "head_name", "head_email", "head_phone", "signed_scan")
STATION_FIELDS = (
    "name",
    "address",
    "district",
    "head_name",
    "head_mobile",
    "opening_hours_text",
    "area_m2",
    "services",
    "services_other",
    "planned_completion",
    "carrier_type",
    "host_unit",
    "audience",
    "facilities",
    "step_free",
    "toilet_open",
    "open_24h",
    "latitude",
    "longitude",
)


def _filing_change(filing: FilingForm, action: str, by, changes=None) -> None:
    record_change(
        record=RecordChange.Record.FILING,
        record_id=filing.pk,
        union_id=filing.union_id,
        filing_id=filing.pk,
        action=action,
        by=by,
        changes=changes,
    )


def _station_change(station: Station, action: str, by, changes=None) -> None:
    record_change(
        record=RecordChange.Record.STATION,
        record_id=station.pk,
        union_id=station.union_id,
        action=action,
        by=by,
        stations=[station],
        changes=changes,
    )


@transaction.atomic
def filing_create(*, union, by, **fields) -> FilingForm:
    record_check(by, "filing", union)
    filing = FilingForm.objects.create(union=union, created_by=by, **fields)
    _filing_change(filing, RecordChange.Action.CREATED, by)
    return filing


@transaction.atomic
def filing_edit(*, filing: FilingForm, by, **fields) -> FilingForm:
    """Change the header rows or the signed scan; a replaced scan is recorded as such."""
    filing = FilingForm.objects.select_for_update().get(pk=filing.pk)
    record_check(by, "filing", filing)
    before = snapshot(filing, FILING_FIELDS)
    had_scan = bool(filing.signed_scan)
    for name, value in fields.items():
        if name == "signed_scan" and not value:
            continue  # no new file chosen: keep the one on file
        setattr(filing, name, value)
    filing.save()
    changes = diff(before, filing)
    scan_changed = changes.pop("signed_scan", None)
    if changes:
        _filing_change(filing, RecordChange.Action.EDITED, by, changes)
    if scan_changed:
        action = RecordChange.Action.SCAN_REPLACED if had_scan else RecordChange.Action.SCAN_ADDED
        _filing_change(filing, action, by, {"signed_scan": scan_changed})
    return filing


def next_row_number(filing: FilingForm) -> int:
    return (filing.stations.aggregate(n=Max("row_number"))["n"] or 0) + 1


@transaction.atomic
def station_add(*, filing: FilingForm, station: Station, by) -> Station:
    """Add an unsaved station (from the online form) as the filing's next row."""
    filing = FilingForm.objects.select_for_update().get(pk=filing.pk)
    record_check(by, "filing", filing)
    station.filing = filing
    station.union_id = filing.union_id
    station.row_number = next_row_number(filing)
    station.save()
    _station_change(station, RecordChange.Action.CREATED, by)
    return station


@transaction.atomic
def station_edit(*, station: Station, by) -> Station:
    """Save the edited ``station`` (a form's instance) if it is still a draft or returned,
    recording what changed against the row as it is in the database."""
    current = Station.objects.select_for_update().get(pk=station.pk)
    record_check(by, "station_edit", current)
    if current.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Only draft or returned stations can be edited."))
    before = snapshot(current, STATION_FIELDS)
    station.status = current.status  # the form never changes the status
    station.save()
    changes = diff(before, station)
    if changes:
        _station_change(station, RecordChange.Action.EDITED, by, changes)
    return station


@transaction.atomic
def station_edit_and_resubmit(*, station: Station, by) -> Station:
    """保存并重新提交: save the union's fix of a returned station and send it back to the
    queue in one step, so a clerk fixing one station never resubmits the whole filing. Both
    the edit and the move are recorded; if either fails, neither happens."""
    current = Station.objects.select_for_update().get(pk=station.pk)
    record_check(by, "station_edit", current)
    if current.status != StationStatus.RETURNED:
        raise ValidationError(_("Only a returned station can be saved and resubmitted."))
    station = station_edit(station=station, by=by)
    return station_submit(station=station, by=by)


@transaction.atomic
def filing_submit(*, filing: FilingForm, by) -> int:
    """Send every draft or returned station of the filing to the aid center's queue."""
    filing = FilingForm.objects.select_for_update().get(pk=filing.pk)
    record_check(by, "filing", filing)
    pending = list(filing.stations.filter(status__in=EDITABLE_STATUSES))
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
    _filing_change(filing, RecordChange.Action.SUBMITTED, by, {"stations": ["", str(len(pending))]})
    return len(pending)


def filing_station_counts(filing: FilingForm) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Station.objects.filter(filing=filing).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts
