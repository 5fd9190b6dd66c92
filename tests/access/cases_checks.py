"""Harness cases for the check pages: the phone form and its queue endpoint, the day's data,
the service worker, the inspector's today page, the lists and the checklist editor."""

from __future__ import annotations

from .case import OTHER_DISTRICT, Case


def _check_a(w) -> dict:
    """A flying inspection of union A's operating station (黄浦区), with one photo."""
    import uuid

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from inspections.checks.services.inspection import inspection_record
    from inspections.models import Checklist
    from tests.inspections.factories_checks import image_bytes

    w.station_a.status = "active"
    w.station_a.plaque_number = "SH00001"
    w.station_a.plaque_seq = 1
    w.station_a.save()
    checklist = Checklist.objects.current()
    check, _ = inspection_record(
        station=w.station_a,
        by=w.inspector,
        kind="flying",
        visited_at=timezone.now(),
        findings={item.code: True for item in checklist.items.all()},
        idempotency_key=uuid.uuid4(),
        photos=[SimpleUploadedFile("p.jpg", image_bytes(), "image/jpeg")],
    )
    return {"pk": check.pk, "photo_pk": check.photos.get().pk}


def _check_only(w) -> dict:
    return {"pk": _check_a(w)["pk"]}


CHECK_A = {"owner": "a", "hidden_from": OTHER_DISTRICT}

CASES: dict[str, Case] = {
    "inspections:service_worker": Case(),
    "inspections:today": Case(),
    "inspections:check_list": Case(),
    # An empty post is a check with nothing filled in: the form comes back with its errors.
    "inspections:check_new": Case(post_ok=(400,)),
    "inspections:check_send": Case(post_ok=(400,)),
    "inspections:check_day": Case(),
    # The chooser's page of candidates: each logger's own scope, nothing for anyone else.
    "inspections:check_stations": Case(),
    "inspections:check_detail": Case(kwargs=_check_only, **CHECK_A),
    "inspections:check_photo": Case(kwargs=_check_a, **CHECK_A),
    # The aid center only; an empty post (no reason) goes back to the check with a message.
    "inspections:check_position_accept": Case(kwargs=_check_only, **CHECK_A),
    "inspections:checklist": Case(post_ok=(400,)),
}
VARIANTS: list[tuple[str, Case]] = []
