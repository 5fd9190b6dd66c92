"""The paper steps of the programme, recorded with a date and a history row each:
the two paper copies of 附件1 reaching the aid center, the plaque delivered, the plaque hung."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import RecordChange
from history.writer import record_change

from ..models import FilingForm, Station
from ..permissions import record_check


def _not_in_future(day: dt.date) -> None:
    if day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))


@transaction.atomic
def filing_paper_receive(
    *, filing: FilingForm, by, received_on: dt.date, copies: int = 2
) -> FilingForm:
    """The signed and stamped paper copies of 附件1 arrived at the aid center."""
    filing = FilingForm.objects.select_for_update().get(pk=filing.pk)
    record_check(by, "paper_filing", filing)
    _not_in_future(received_on)
    if copies < 1:
        raise ValidationError(_("At least one paper copy must have arrived."))
    before = {
        "paper_received_on": str(filing.paper_received_on or ""),
        "paper_copies": str(filing.paper_copies or ""),
    }
    filing.paper_received_on = received_on
    filing.paper_copies = copies
    filing.save(update_fields=["paper_received_on", "paper_copies", "updated_at"])
    record_change(
        record=RecordChange.Record.FILING,
        record_id=filing.pk,
        union_id=filing.union_id,
        filing_id=filing.pk,
        action=RecordChange.Action.PAPER_RECEIVED,
        by=by,
        changes={
            "paper_received_on": [before["paper_received_on"], str(received_on)],
            "paper_copies": [before["paper_copies"], str(copies)],
        },
    )
    return filing


def _plaque_change(station: Station, action: str, by, field: str, old, new) -> None:
    record_change(
        record=RecordChange.Record.STATION,
        record_id=station.pk,
        union_id=station.union_id,
        action=action,
        by=by,
        stations=[station],
        changes={field: [str(old or ""), str(new)]},
    )


@transaction.atomic
def plaque_deliver(*, station: Station, by, delivered_on: dt.date) -> Station:
    """The aid center handed the numbered plaque to the station (again, after a reissue)."""
    station = Station.objects.select_for_update().get(pk=station.pk)
    record_check(by, "plaque_delivery", station)
    if not station.holds_plaque:
        raise ValidationError(_("Only a station that holds a plaque number receives a plaque."))
    _not_in_future(delivered_on)
    if station.approved_at and delivered_on < timezone.localdate(station.approved_at):
        raise ValidationError(_("The plaque cannot be delivered before the station was approved."))
    old = station.plaque_delivered_on
    station.plaque_delivered_on = delivered_on
    station.save(update_fields=["plaque_delivered_on", "updated_at"])
    _plaque_change(
        station, RecordChange.Action.PLAQUE_DELIVERED, by, "plaque_delivered_on", old, delivered_on
    )
    return station


@transaction.atomic
def plaque_hang(*, station: Station, by, hung_on: dt.date) -> Station:
    """挂牌: the plaque hangs in a prominent place outside the station."""
    station = Station.objects.select_for_update().get(pk=station.pk)
    record_check(by, "plaque_hanging", station)
    if not station.holds_plaque:
        raise ValidationError(_("Only a station that holds a plaque number can hang a plaque."))
    if station.plaque_delivered_on is None:
        raise ValidationError(_("Record the plaque's delivery first."))
    _not_in_future(hung_on)
    if hung_on < station.plaque_delivered_on:
        raise ValidationError(_("The plaque cannot hang before it was delivered."))
    old = station.plaque_hung_on
    station.plaque_hung_on = hung_on
    station.save(update_fields=["plaque_hung_on", "updated_at"])
    _plaque_change(station, RecordChange.Action.PLAQUE_HUNG, by, "plaque_hung_on", old, hung_on)
    return station
