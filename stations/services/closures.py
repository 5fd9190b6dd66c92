"""Temporary closures: the union (or the aid center) posts dates and a reason; open-now,
the directory and the station page respect them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import RecordChange
from history.writer import record_change

from ..models import Station, StationClosure
from ..permissions import record_check

# Longer than this is not a temporary closure: the host unit should withdraw (close).
MAX_CLOSURE_DAYS = 90


@transaction.atomic
def closure_post(
    *, station: Station, by, starts_on: dt.date, ends_on: dt.date, reason: str
) -> StationClosure:
    # Decide on the row as it is now: a station revoked meanwhile takes no closure.
    station = Station.objects.select_for_update().get(pk=station.pk)
    record_check(by, "closure", station)
    if not station.is_public:
        raise ValidationError(_("Only an operating station can be closed temporarily."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason."))
    if ends_on < starts_on:
        raise ValidationError(_("The closure must end on or after the day it starts."))
    if ends_on < timezone.localdate():
        raise ValidationError(_("The closure is already over."))
    if (ends_on - starts_on).days + 1 > MAX_CLOSURE_DAYS:
        raise ValidationError(
            _("A temporary closure lasts at most %(days)d days.") % {"days": MAX_CLOSURE_DAYS}
        )
    closure = StationClosure.objects.create(
        station=station,
        union_id=station.union_id,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        by=by,
    )
    record_change(
        record=RecordChange.Record.STATION,
        record_id=station.pk,
        union_id=station.union_id,
        action=RecordChange.Action.EDITED,
        by=by,
        stations=[station],
        changes={"temporary_closure": ["", f"{starts_on}–{ends_on}"]},
        reason=reason,
    )
    return closure
