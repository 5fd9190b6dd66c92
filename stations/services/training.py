"""Training of station heads (issue 23; 沪工总基〔2018〕35号 五、(二)): schedule a session,
record which stations' heads attended. Each checks its caller and writes its history row; a
session's places are counted under its lock, and more ticks than places are refused with
the numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import RecordChange
from history.writer import record_change
from unions.params import id_params
from unions.roles import union_of

from ..models import HOLDS_PLAQUE, Station, TrainingAttendance, TrainingMode, TrainingSession
from ..permissions import record_check

# More than a hall or a video meeting holds; a typo of an extra digit is refused.
MAX_CAPACITY = 2000


def training_rules(
    *, held_on: dt.date | None, starts_at: dt.time | None, ends_at: dt.time | None,
    mode: str, place: str, online_link: str, capacity: int | None,
) -> dict[str, str]:  # fmt: skip
    """What is wrong with a session's details, by field: one set of rules for the form and
    the service."""
    errors: dict[str, str] = {}
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The session must end after it starts.")
    if mode == TrainingMode.IN_PERSON and not place.strip():
        errors["place"] = _("Give the place of a session held in person.")
    if mode == TrainingMode.ONLINE and not online_link.strip():
        errors["online_link"] = _("Give the meeting link of an online session.")
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = _("The places are between 1 and %(max)s.") % {"max": MAX_CAPACITY}
    return errors


@transaction.atomic
def training_schedule(
    *, by, topic: str, held_on: dt.date, starts_at: dt.time, ends_at: dt.time, mode: str,
    place: str = "", online_link: str = "", capacity: int,
) -> TrainingSession:  # fmt: skip
    """A session of the aid center (city-wide, union None) or of the caller's union."""
    record_check(by, "training")
    errors = training_rules(
        held_on=held_on, starts_at=starts_at, ends_at=ends_at, mode=mode, place=place,
        online_link=online_link, capacity=capacity,
    )  # fmt: skip
    if not topic.strip():
        errors["topic"] = _("Give the session's topic.")
    if errors:
        raise ValidationError(errors)
    union = union_of(by)
    session = TrainingSession.objects.create(
        union=union, topic=topic.strip(), held_on=held_on, starts_at=starts_at,
        ends_at=ends_at, mode=mode,
        place=place.strip() if mode == TrainingMode.IN_PERSON else "",
        online_link=online_link.strip() if mode == TrainingMode.ONLINE else "",
        capacity=capacity, created_by=by,
    )  # fmt: skip
    record_change(
        record=RecordChange.Record.TRAINING,
        record_id=session.pk,
        union_id=session.union_id,
        action=RecordChange.Action.CREATED,
        by=by,
        changes={
            "topic": ["", session.topic],
            "held_on": ["", str(held_on)],
            "capacity": ["", str(capacity)],
        },
    )
    return session


def _ids(values: Iterable) -> set[int]:
    return set(id_params(values))


@transaction.atomic
def training_attendance_set(*, session: TrainingSession, by, shown, ticked) -> tuple[int, int]:
    """Of the stations ``shown`` on the caller's page, those ``ticked`` attended the session
    and the others did not. Returns (added, removed).

    Refused: a session the caller does not see, a day still to come, a station outside the
    caller's scope or without a plaque, another union's station at a union's own session, a
    station with no head on file, more heads than the session has places."""
    record_check(by, "training_attendance", session)
    # The session locked: two clerks ticking at once are counted one after the other.
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.held_on > timezone.localdate():
        raise ValidationError(
            _("The session is on %(day)s: its attendance is recorded from that day on.")
            % {"day": session.held_on}
        )
    shown_ids = _ids(shown)
    ticked_ids = _ids(ticked) & shown_ids
    stations = {
        s.pk: s
        for s in Station.objects.visible_to(by)
        .filter(pk__in=shown_ids)
        .only("pk", "name", "union_id", "filing_id", "head_name", "status", "plaque_number")
    }
    if set(stations) != shown_ids:
        raise PermissionDenied(_("This record is not yours to change."))
    present = dict(
        TrainingAttendance.objects.filter(session=session, station_id__in=shown_ids).values_list(
            "station_id", "pk"
        )
    )
    adding = [stations[pk] for pk in sorted(ticked_ids - set(present))]
    removing = sorted(set(present) - ticked_ids)
    for station in adding:
        if station.status not in HOLDS_PLAQUE:
            raise ValidationError(
                _("%(name)s holds no plaque: only a numbered station's head is trained.")
                % {"name": station.name}
            )
        if session.union_id is not None and station.union_id != session.union_id:
            raise ValidationError(
                _("%(name)s is not a station of the union that holds this session.")
                % {"name": station.name}
            )
        if not station.head_name.strip():
            raise ValidationError(
                _("%(name)s has no station head on file.") % {"name": station.name}
            )
    taken = TrainingAttendance.objects.filter(session=session).count()
    if taken - len(removing) + len(adding) > session.capacity:
        raise ValidationError(
            _(
                "The session has %(capacity)s places: %(taken)s are taken and %(asked)s more heads were ticked."
            )
            % {
                "capacity": session.capacity,
                "taken": taken - len(removing),
                "asked": len(adding),
            }
        )
    if removing:
        TrainingAttendance.objects.filter(pk__in=[present[pk] for pk in removing]).delete()
    TrainingAttendance.objects.bulk_create(
        TrainingAttendance(
            session=session, union_id=s.union_id, station=s, head_name=s.head_name, by=by
        )
        for s in adding
    )
    for station in adding:
        record_change(
            record=RecordChange.Record.TRAINING,
            record_id=session.pk,
            union_id=station.union_id,
            action=RecordChange.Action.RECORDED,
            by=by,
            stations=[station],
            changes={"head_name": ["", station.head_name], "topic": ["", session.topic]},
        )
    for pk in removing:
        station = stations[pk]
        record_change(
            record=RecordChange.Record.TRAINING,
            record_id=session.pk,
            union_id=station.union_id,
            action=RecordChange.Action.VOIDED,
            by=by,
            stations=[station],
            changes={"topic": [session.topic, ""]},
            reason=_("Attendance taken back"),
        )
    return len(adding), len(removing)
