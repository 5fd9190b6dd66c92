"""整改通知书: the rectification notice, one PDF per order, drawn by the documents app.

A red-line check opens an order (services/rectification.py), and the order's notice is asked
for after commit: the station, its plaque number, the findings in the words of the checklist
version the check was scored on, the check's photos, the deadline and how to answer (the
union answers the order on its page in the portal; the 12351 hotline). It belongs to the
order's union and district (GeneratedDocument.union/district), so the union reads it and so
do the inspectors whose scope covers the station (unions.scopes.INSPECTOR_DOCUMENT_KINDS),
never another union or another district's inspectors. Dates are the city's days.
"""

from __future__ import annotations

import base64
import io
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from documents.kinds import DocumentKind, RecordType, register, register_record
from documents.snapshots import Snapshot, day, snapshot
from unions.roles import STAFF_READ

from ..checks.models import Finding
from .models import Rectification

log = logging.getLogger(__name__)

NOTICE_KIND = "rect_notice"
# A photo is drawn at most this wide (pixels): enough for A4 at print size, and it keeps a
# notice of ten phone photos to a few hundred kilobytes.
PHOTO_PIXELS = 1200


def _person(user) -> str:
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and not (first + last).isascii():
        return f"{last}{first}"
    return user.get_full_name() or user.get_username()


def _findings(order: Rectification) -> tuple[list[dict], list[dict]]:
    """The check's unmet items in its checklist version's words: red lines first, then the
    other items found short; an order opened by hand lists its own items as red lines."""
    check = order.inspection
    if check is None:
        items = order.items.order_by("position", "pk").values_list("text", flat=True)
        return [{"label": text, "guidance": "", "note": ""} for text in items], []
    red, other = [], []
    for finding in (
        Finding.objects.filter(inspection=check, met=False)
        .select_related("item")
        .order_by("item__position", "item__pk")
    ):
        row = {"label": finding.item.label, "guidance": finding.item.guidance, "note": finding.note}
        (red if finding.item.red_line else other).append(row)
    return red, other


def notice_snapshot(order: Rectification) -> Snapshot:
    station = order.station
    check = order.inspection
    red_lines, other = _findings(order)
    opened = timezone.localtime(order.opened_at)
    with translation.override(settings.LANGUAGE_CODE):
        check_words = (
            {
                "kind": check.get_kind_display(),
                "visited_on": day(timezone.localdate(check.visited_at)),
                "visited_at": timezone.localtime(check.visited_at).strftime("%H:%M"),
                "inspector": _person(check.by),
                "score": str(check.score),
            }
            if check is not None
            else None
        )
    photos = (
        [
            {"name": p.image.name, "sha256": p.sha256, "content_type": p.content_type}
            for p in check.photos.order_by("pk")
        ]
        if check is not None
        else []
    )
    payload = {
        "number": f"{opened.year}-{order.pk:05d}",
        "issued_on": day(opened.date()),
        "union_name": order.union.name,
        "station_name": station.name,
        "plaque_number": station.plaque_number,
        "address": station.address,
        "district": station.district,
        "host_unit": station.host_unit.name if station.host_unit_id else "",
        "check": check_words,
        "red_lines": red_lines,
        "other_findings": other,
        "photos": photos,
        "deadline": day(order.deadline),
        "answer_url": settings.PUBLIC_BASE_URL
        + reverse("inspections:order_detail", kwargs={"pk": order.pk}),
        "hotline": settings.HOTLINE,
        "hotline_name": settings.HOTLINE_NAME,
    }
    return snapshot(
        NOTICE_KIND,
        record_key=f"rectification:{order.pk}",
        # ASCII, so the download is named by it: rect-notice-SH00001-2026-00012.pdf
        title=f"{station.plaque_number}-{payload['number']}",
        union_id=order.union_id,
        district=order.district,
        payload=payload,
    )


def _photo_uri(photo: dict) -> str | None:
    """A check photo as a data: URI, shrunk to PHOTO_PIXELS (WeasyPrint reads no storage)."""
    from PIL import Image

    try:
        with default_storage.open(photo["name"]) as handle:
            image = Image.open(handle)
            image.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=80)
    except (OSError, ValueError):
        # A photo gone from storage is left out, not the whole notice.
        log.warning("notice photo %s could not be read", photo["name"])
        return None
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()


def notice_context(payload: dict) -> dict:
    uris = [_photo_uri(photo) for photo in payload.get("photos", [])]
    return {"photo_uris": [uri for uri in uris if uri]}


def notice_request(order_id: int, by_id: int | None) -> None:
    """Ask for an order's notice (after the commit that opened the order). One row and one
    render per version: asking again finds it."""
    from django.contrib.auth import get_user_model

    from documents.services import document_request

    order = Rectification.objects.select_related("station", "union", "inspection").get(pk=order_id)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    document_request(kind=NOTICE_KIND, record=order, by=by)


def register_kind() -> None:
    register(
        DocumentKind(
            code=NOTICE_KIND,
            label=gettext_lazy("Rectification notice"),
            template="documents/rectification_notice.html",
            context=notice_context,
            snapshot=notice_snapshot,
            record=Rectification,
            folder="notices",
            title_names_file=True,
            shown_to_inspectors=True,
            # Asked for by the rule of an inspector's red-line check (on their behalf) or by
            # the aid center opening an order; read by the union and the team.
            requesters=STAFF_READ,
        )
    )
    register_record(
        RecordType(
            name="rectification",
            model=Rectification,
            kinds=(NOTICE_KIND,),
            page="inspections:order_detail",
        )
    )
