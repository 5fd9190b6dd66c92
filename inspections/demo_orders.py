"""Demo rectification orders, a plan, a pairing and an appeal for `seed_demo` (idempotent).

Call after seed_inspections (it uses the checklist that seeds, or makes version 1 if none).
Orders go through the same services as the pages, so the stations' statuses and histories
are what a real quarter would leave: one order open after a red-line flying check (and
appealed by the union, with a photo of its notice as evidence), one answered, one closed by a re-inspection, one overdue with its
notice sent.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from stations.models import Station, StationStatus
from unions.models import Union

from .checks.findings import findings_refresh
from .checks.models import Checklist, Inspection, InspectionKind
from .orders.models import InspectionPlan, PeerReviewPairing, Rectification, RectificationItem
from .orders.services.appeals import appeal_open
from .orders.services.pairings import pairing_create
from .orders.services.plans import plan_draw, quarter_of
from .orders.services.rectification import (
    rectification_answer,
    rectification_close,
    rectification_flag_overdue,
    rectification_open,
)

# The first item of the first demo order marks the orders as seeded.
MARKER = "服务承诺书和12351热线标识未张贴"


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _clerk(union: Union):
    return union.staff.select_related("user").first().user


def _checklist() -> Checklist:
    found = Checklist.objects.current()
    if found is None:
        found = Checklist.objects.create(version=1, note="演示")
    return found


def _check(station: Station, by, *, score: str, red_line: bool, when) -> Inspection:
    made = Inspection.objects.create(
        station=station,
        union_id=station.union_id,
        district=station.district,
        kind=InspectionKind.FLYING,
        checklist=_checklist(),
        by=by,
        visited_at=when,
        score=Decimal(score),
        red_line=red_line,
        note="演示检查",
    )
    # A passing check clears the station's earlier findings, as a recorded one does.
    findings_refresh([station.pk])
    return made


def _notice_photo() -> SimpleUploadedFile:
    """A small drawn "photo" of the notice on the station's door (made here, so the demo
    needs no picture file): a door, and a sheet of paper with lines of text on it."""
    image = Image.new("RGB", (480, 360), (176, 190, 197))
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 30, 360, 360), fill=(120, 85, 60))  # the door
    draw.rectangle((170, 90, 310, 270), fill=(250, 250, 245), outline=(60, 60, 60))
    draw.rectangle((185, 105, 295, 125), fill=(200, 30, 40))  # the red heading
    for y in range(145, 255, 18):
        draw.line((185, y, 295, y), fill=(90, 90, 90), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return SimpleUploadedFile("停电告示.png", out.getvalue(), content_type="image/png")


def _operating(count: int) -> list[Station]:
    """Active stations of as many different unions as there are."""
    picked, unions = [], set()
    stations = Station.objects.filter(status=StationStatus.ACTIVE).exclude(plaque_number="")
    for station in stations.order_by("plaque_seq"):
        if station.union_id not in unions:
            picked.append(station)
            unions.add(station.union_id)
        if len(picked) == count:
            return picked
    rest = stations.exclude(pk__in=[s.pk for s in picked]).order_by("plaque_seq")
    return picked + list(rest[: count - len(picked)])


def _seed_orders(aid, inspector) -> None:
    if RectificationItem.objects.filter(text=MARKER).exists():
        return
    stations = _operating(4)
    if len(stations) < 4:
        return
    now = timezone.now()
    first, second, third, fourth = stations

    # Open: a red-line flying check yesterday, and the union contests it.
    check = _check(first, inspector, score="58", red_line=True, when=now - dt.timedelta(days=1))
    rectification_open(
        station=first,
        by=inspector,
        items=[MARKER, "服务时间内站点未开放"],
        inspection=check,
    )
    appeal_open(
        inspection=check,
        by=_clerk(first.union),
        reason="检查当日因停电临时闭站，已在门口张贴告示并报备，请予复核。",
        evidence=[_notice_photo()],
    )

    # Answered: the union says what it did.
    answered = rectification_open(station=second, by=aid, items=["饮水机滤芯过期未更换"])
    rectification_answer(
        order=answered,
        by=_clerk(second.union),
        note="已于本周更换滤芯，并建立每月检查登记表。",
    )

    # Closed: answered, then a re-inspection found it put right.
    closed = rectification_open(station=third, by=inspector, items=["急救药箱药品不全"])
    rectification_answer(order=closed, by=_clerk(third.union), note="已补齐急救药品。")
    recheck = _check(third, inspector, score="94", red_line=False, when=timezone.now())
    rectification_close(order=closed, by=inspector, reinspection=recheck, note="复查合格")

    # Overdue: opened three weeks ago with a two-week deadline, the union told.
    late = rectification_open(station=fourth, by=aid, items=["冬季取暖设施未到位"])
    opened = now - dt.timedelta(days=21)
    Rectification.objects.filter(pk=late.pk).update(
        opened_at=opened, deadline=timezone.localdate(opened) + dt.timedelta(days=14)
    )
    rectification_flag_overdue(late)


def _seed_plan_and_pairing(aid) -> None:
    year, quarter = quarter_of(timezone.localdate())
    if not InspectionPlan.objects.filter(year=year, quarter=quarter).exists():
        plan_draw(year=year, quarter=quarter, by=aid, seed=f"demo-{year}-q{quarter}")
    unions = list(Union.objects.order_by("code")[:2])
    if (
        len(unions) == 2
        and not PeerReviewPairing.objects.filter(
            year=year, quarter=quarter, reviewer=unions[0], union=unions[1]
        ).exists()
    ):
        pairing_create(year=year, quarter=quarter, reviewer=unions[0], reviewed=unions[1], by=aid)


def seed_orders() -> None:
    aid = _user("aidcenter")
    inspector = _user("inspector")
    _seed_orders(aid, inspector)
    _seed_plan_and_pairing(aid)
