"""Recording a check: one door for the phone form, the offline queue and the demo.

A phone that lost the reply to its first send sends the same check again with the same
idempotency key; the second send finds the first row and changes nothing. Two sends racing
each other both try to insert, the unique key lets one win, and the loser returns the
winner's row (IntegrityError below), so a check is one row however often it arrives.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from stations.geo import Point, haversine_km
from stations.models import PUBLIC_STATUSES, RecordChange, Station
from stations.services.history import record_change

from ..models import (
    Checklist,
    Finding,
    Inspection,
    InspectionPhoto,
    PeerReviewPairing,
    PlanVisit,
)
from ..permissions import check_may_log, quarter_of
from .photos import MAX_PHOTOS, photo_facts
from .position import position_review_of
from .rectification import rectification_open
from .scoring import inspection_score
from .thumbnails import thumbnails_later


class FindingInput:
    """What the form gives per item: met or not, and a note."""

    __slots__ = ("met", "note")

    def __init__(self, met: bool, note: str = "") -> None:
        self.met = bool(met)
        self.note = (note or "").strip()[:500]


def distance_from_station(station: Station, latitude, longitude) -> int | None:
    """Metres between the phone and the station, or None when either place is unknown."""
    if None in (latitude, longitude, station.latitude, station.longitude):
        return None
    km = haversine_km(
        Point(float(latitude), float(longitude)),
        Point(float(station.latitude), float(station.longitude)),
    )
    return round(km * 1000)


def _findings(checklist: Checklist, findings: Mapping) -> dict[str, FindingInput]:
    """Every item of the checklist answered, nothing else; else ValidationError."""
    out: dict[str, FindingInput] = {}
    for code, value in findings.items():
        out[code] = value if isinstance(value, FindingInput) else FindingInput(*_pair(value))
    codes = set(checklist.items.values_list("code", flat=True))
    if set(out) - codes:
        raise ValidationError(_("The check names items that are not on its checklist."))
    if codes - set(out):
        raise ValidationError(_("Answer every item of the checklist: met or not met."))
    return out


def _pair(value) -> tuple[bool, str]:
    if isinstance(value, bool):
        return value, ""
    if isinstance(value, Mapping):
        return bool(value.get("met")), str(value.get("note", ""))
    met, note = value
    return bool(met), str(note)


def _plan_visit_checks(plan_visit: PlanVisit, station: Station, by, visited_at) -> None:
    year, quarter = quarter_of(visited_at.date())
    if (
        plan_visit.station_id != station.pk
        or plan_visit.inspector_id != by.pk
        or (plan_visit.plan.year, plan_visit.plan.quarter) != (year, quarter)
    ):
        raise ValidationError(_("This planned visit is not yours, or not for this station."))


def inspection_record(
    *,
    station: Station,
    by,
    kind: str,
    visited_at,
    findings: Mapping,
    idempotency_key,
    latitude=None,
    longitude=None,
    accuracy_m=None,
    note: str = "",
    photos: Iterable = (),
    plan_visit: PlanVisit | None = None,
    peer_pairing: PeerReviewPairing | None = None,
    checklist: Checklist | None = None,
) -> tuple[Inspection, bool]:
    """Record a check scored on ``checklist`` (the current version unless the form was
    filled on an older one); return (inspection, created)."""
    key = uuid.UUID(str(idempotency_key))
    existing = Inspection.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return _same_sender(existing, by), False
    try:
        return _create(
            station=station,
            by=by,
            kind=kind,
            visited_at=visited_at,
            findings=findings,
            key=key,
            latitude=latitude,
            longitude=longitude,
            accuracy_m=accuracy_m,
            note=note,
            photos=list(photos),
            plan_visit=plan_visit,
            peer_pairing=peer_pairing,
            checklist=checklist,
        ), True
    except IntegrityError:
        existing = Inspection.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return _same_sender(existing, by), False


def _same_sender(existing: Inspection, by) -> Inspection:
    # A key is the phone's name for one check of one person; another person's key is not
    # a repeat of theirs.
    if existing.by_id != by.pk:
        raise ValidationError(_("This check was already sent by someone else."))
    return existing


@transaction.atomic
def _create(*, station, by, kind, visited_at, findings, key, latitude, longitude, accuracy_m,
            note, photos, plan_visit, peer_pairing, checklist) -> Inspection:  # fmt: skip
    station = Station.objects.select_for_update().get(pk=station.pk)
    pairing = check_may_log(by, station, kind, visited_at)
    if peer_pairing is not None and (pairing is None or peer_pairing.pk != pairing.pk):
        raise ValidationError(_("This peer review is not under your union's pairing."))
    if plan_visit is not None:
        _plan_visit_checks(plan_visit, station, by, visited_at)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("At most %(n)s photos per check.") % {"n": MAX_PHOTOS})
    facts = [photo_facts(photo) for photo in photos]
    checklist = checklist or Checklist.objects.current()
    answers = _findings(checklist, findings)
    score = inspection_score(checklist, {code: a.met for code, a in answers.items()})
    inspection = Inspection.objects.create(
        station=station,
        union_id=station.union_id,
        district=station.district,
        kind=kind,
        checklist=checklist,
        by=by,
        visited_at=visited_at,
        idempotency_key=key,
        score=score.score,
        red_line=score.red_line,
        note=(note or "").strip(),
        latitude=_coordinate(latitude),
        longitude=_coordinate(longitude),
        accuracy_m=accuracy_m,
        distance_m=(distance := distance_from_station(station, latitude, longitude)),
        # Far from the station: flagged, and no planned visit until accepted (position.py).
        position_review=position_review_of(distance),
        plan_visit=plan_visit,
        peer_pairing=pairing,
    )
    items = {item.code: item for item in checklist.items.all()}
    Finding.objects.bulk_create(
        Finding(inspection=inspection, item=items[code], met=a.met, note=a.note)
        for code, a in answers.items()
    )
    for photo, fact in zip(photos, facts, strict=True):
        row = InspectionPhoto(
            inspection=inspection,
            content_type=fact.content_type,
            size=fact.size,
            sha256=fact.sha256,
        )
        row.image.save("photo", photo, save=False)
        row.save()
    thumbnails_later("inspection", inspection.photos.values_list("pk", flat=True))
    record_change(
        record=RecordChange.Record.INSPECTION,
        record_id=inspection.pk,
        union_id=inspection.union_id,
        action=RecordChange.Action.RECORDED,
        by=by,
        stations=[station],
        changes={
            "kind": ["", inspection.get_kind_display()],
            "score": ["", str(inspection.score)],
            "red_line": ["", _("yes") if inspection.red_line else _("no")],
        },
    )
    if score.red_line and station.status in PUBLIC_STATUSES:
        rectification_open(
            station=station,
            by=by,
            items=[items[code].label for code in score.red_line_failed],
            inspection=inspection,
        )
    return inspection


def _coordinate(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(Decimal("0.000001"))
