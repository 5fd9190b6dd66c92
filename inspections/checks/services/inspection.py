"""Recording a check: one door for the phone form, the offline queue and the demo.

A phone that lost the reply to its first send sends the same check again with the same
idempotency key; the second send finds the first row and changes nothing. Two sends racing
each other both try to insert, the unique key lets one win, and the loser returns the
winner's row (IntegrityError below), so a check is one row however often it arrives.

A check is scored on the checklist version current when its visit began (``visited_at``,
which the phone stamps when the inspector starts answering): a check kept on a phone since
before a new version keeps its version, one begun after it may not name an older one.

A red line found by the supervision team (a flying inspection or an undercover visit)
opens a rectification order; one found by a union's own self-check or peer review is a
finding for the union to follow up (五、(三)), told to the reviewed union and listed for it
and the aid center (inspections.checks.findings), never an order.

A send under a known key whose content differs is refused with ``CheckConflict``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from history.changes import announce
from history.models import RecordChange
from history.writer import record_change
from stations.geo import Point, haversine_km
from stations.models import PUBLIC_STATUSES, Station
from stations.services.freshness import listing_checked
from unions.actions import NEW, check
from unions.notices import notify_union

from ...orders.models import PeerReviewPairing, PlanVisit
from ...orders.services.rectification import rectification_open
from ...permissions import check_may_log, quarter_of, within_reach
from ..findings import findings_refresh
from ..models import (
    INDEPENDENT_KINDS,
    INSPECTION_ACTIONS,
    Checklist,
    Finding,
    Inspection,
    InspectionKind,
    InspectionPhoto,
)
from .check_fingerprint import CheckConflict, check_fingerprint, sent_summary
from .photos import MAX_PHOTOS, photo_facts
from .position import position_review_of
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
    out = _answers(findings)
    codes = set(checklist.items.values_list("code", flat=True))
    if set(out) - codes:
        raise ValidationError(_("The check names items that are not on its checklist."))
    if codes - set(out):
        raise ValidationError(_("Answer every item of the checklist: met or not met."))
    return out


def _answers(findings: Mapping) -> dict[str, FindingInput]:
    return {
        code: value if isinstance(value, FindingInput) else FindingInput(*_pair(value))
        for code, value in findings.items()
    }


def _pair(value) -> tuple[bool, str]:
    if isinstance(value, bool):
        return value, ""
    if isinstance(value, Mapping):
        return bool(value.get("met")), str(value.get("note", ""))
    met, note = value
    return bool(met), str(note)


def _plan_visit_checks(plan_visit: PlanVisit, station: Station, by, visited_at) -> None:
    # The quarter of the visit's day in the city, whatever zone the phone sent it in.
    year, quarter = quarter_of(timezone.localdate(visited_at))
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
    filled on an older one, which must still have been current when the visit began);
    return (inspection, created)."""
    # Who logs which kind where is KINDS_BY_ROLE's rule (check_may_log, in the transaction);
    # the table says who logs at all.
    check(INSPECTION_ACTIONS, "record", station, by, status=NEW, scoped=False)
    key = uuid.UUID(str(idempotency_key))
    photos = list(photos)
    answers = {code: (a.met, a.note) for code, a in _answers(findings).items()}
    fingerprint = check_fingerprint(station=station, kind=kind, answers=answers, note=note,
                                    latitude=latitude, longitude=longitude,
                                    accuracy_m=accuracy_m, photos=photos)  # fmt: skip

    def repeat_of(existing: Inspection) -> Inspection:
        _same_sender(existing, by)
        # A repeat says what the first send said; another content under the key is a
        # conflict, said aloud, and nothing of it is saved (check_fingerprint.py).
        if existing.body_hash and existing.body_hash != fingerprint:
            sent = sent_summary(station=station, kind=kind, visited_at=visited_at,
                                answers=answers, note=note)  # fmt: skip
            raise CheckConflict(existing, sent)
        return existing

    existing = Inspection.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return repeat_of(existing), False
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
            photos=photos,
            plan_visit=plan_visit,
            peer_pairing=peer_pairing,
            checklist=checklist,
            fingerprint=fingerprint,
        ), True
    except IntegrityError:
        existing = Inspection.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return repeat_of(existing), False


def _same_sender(existing: Inspection, by) -> Inspection:
    # A key is the phone's name for one check of one person; another person's key is not
    # a repeat of theirs.
    if existing.by_id != by.pk:
        raise ValidationError(_("This check was already sent by someone else."))
    return existing


@transaction.atomic
def _create(*, station, by, kind, visited_at, findings, key, latitude, longitude, accuracy_m,
            note, photos, plan_visit, peer_pairing, checklist, fingerprint) -> Inspection:  # fmt: skip
    station = Station.objects.select_for_update().get(pk=station.pk)
    if not within_reach(by, station, kind, visited_at):
        # Another union's station, another district's, a kind the role does not log: a
        # rule about the caller, refused whatever the form let through.
        raise PermissionDenied(_("You may not log this kind of check at this station."))
    pairing = check_may_log(by, station, kind, visited_at)
    if peer_pairing is not None and (pairing is None or peer_pairing.pk != pairing.pk):
        raise ValidationError(_("This peer review is not under your union's pairing."))
    if plan_visit is not None:
        _plan_visit_checks(plan_visit, station, by, visited_at)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("At most %(n)s photos per check.") % {"n": MAX_PHOTOS})
    facts = [photo_facts(photo) for photo in photos]
    checklist = checklist_for_visit(checklist, visited_at)
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
        body_hash=fingerprint,
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
    # The station's open findings: this check may be one, or clear earlier ones, or (sent
    # late from an outbox) come after a check that already cleared it.
    findings_refresh([station.pk])
    inspection.refresh_from_db(fields=["finding_open"])
    if kind in INDEPENDENT_KINDS:
        # The team saw the station: its listing is confirmed that day (stations/freshness.py).
        listing_checked(station_id=station.pk, day=timezone.localtime(visited_at).date())
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
    if inspection.peer_pairing_id:
        # The reviewing union's home lists the findings of the checks it made.
        announce("inspection", ids=(inspection.pk,), unions=(inspection.peer_pairing.reviewer_id,))
    if score.red_line and station.status in PUBLIC_STATUSES:
        failed = [items[code].label for code in score.red_line_failed]
        if kind in INDEPENDENT_KINDS:
            rectification_open(station=station, by=by, items=failed, inspection=inspection)
        elif kind == InspectionKind.PEER_REVIEW:
            _finding_told(inspection, failed)
    return inspection


def checklist_for_visit(checklist: Checklist | None, visited_at) -> Checklist:
    """The version a check is scored on: the one the form named, if it was still current
    when the visit began, else refused; the current one when the form named none."""
    current = Checklist.objects.current()
    if checklist is None or current is None or checklist.pk == current.pk:
        return checklist or current
    newer = (
        Checklist.objects.filter(version__gt=checklist.version, created_at__lte=visited_at)
        .order_by("version")
        .first()
    )
    if newer is not None:
        raise ValidationError(
            _(
                "This check was begun on %(visited)s, after checklist version %(newer)s came "
                "into use; it cannot be scored on version %(named)s. Reload the check form "
                "and fill it in on the current checklist."
            )
            % {
                "visited": timezone.localtime(visited_at).strftime("%Y-%m-%d %H:%M"),
                "newer": newer.version,
                "named": checklist.version,
            },
            code="checklist_version",
        )
    return checklist


def _finding_told(inspection: Inspection, failed: list[str]) -> None:
    """A peer review's red line goes to the reviewed union as a finding to follow up (the
    aid center sees it in its list of findings); it opens no order and changes nothing
    public."""
    notify_union(
        inspection.station.union,
        topic="peer_review_finding",
        subject=_("Red-line finding of a peer review at %(station)s")
        % {"station": inspection.station.name},
        body=_(
            "A peer review of %(station)s on %(day)s found a red-line item not met: "
            "%(items)s. Please look into it and put the station right; it is a finding for "
            "your union to follow up, not a rectification order."
        )
        % {
            "station": inspection.station.name,
            "day": timezone.localdate(inspection.visited_at),
            "items": "、".join(failed),
        },
        link=reverse("inspections:check_detail", args=[inspection.pk]),
    )


def _coordinate(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(Decimal("0.000001"))
