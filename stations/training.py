"""Reads of the training of station heads (issue 23, item 5): who in a scope was never trained,
and what a page's stations' present heads have attended. Each is one query in the database,
for the rows a page shows, never a list of every station carried into Python."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef

from .models import HOLDS_PLAQUE, Station, TrainingAttendance


def never_trained() -> Exists:
    """A station's present head has attended no session. A new head is untrained until
    trained, whatever the station's former head attended (attendance keeps the head's name)."""
    return ~Exists(
        TrainingAttendance.objects.filter(station=OuterRef("pk"), head_name=OuterRef("head_name"))
    )


def untrained_heads(user):
    """The stations in the user's scope holding a plaque whose present head was never
    trained: a union's list of heads to train."""
    return Station.objects.visible_to(user).filter(status__in=HOLDS_PLAQUE).filter(never_trained())


@dataclass(frozen=True)
class HeadTraining:
    sessions: int
    last: dt.date | None


UNTRAINED = HeadTraining(sessions=0, last=None)


def head_training(stations: Iterable[Station]) -> dict[int, HeadTraining]:
    """For each station, the sessions its present head attended and the last one's date:
    counted in the database for these stations only (a page of the award selection)."""
    heads = {s.pk: s.head_name for s in stations}
    if not heads:
        return {}
    rows = (
        TrainingAttendance.objects.filter(station_id__in=heads)
        .values("station_id", "head_name")
        .annotate(sessions=Count("id"), last=Max("session__held_on"))
    )
    found = {
        row["station_id"]: HeadTraining(sessions=row["sessions"], last=row["last"])
        for row in rows
        if row["head_name"] == heads[row["station_id"]]
    }
    return {pk: found.get(pk, UNTRAINED) for pk in heads}
