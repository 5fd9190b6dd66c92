"""Harness cases for rectification orders, plans, peer-review pairings and appeals.

The objects hang off an operating station of union A in its district (黄浦区): union B gets
404, and so does the district inspector of another district (the scope hides the order,
the check and the appeal from them)."""

from __future__ import annotations

from .case import OTHER_DISTRICT, Case
from .cases_documents import NOT_THE_REQUESTER, ready_order_export


def _station(w):
    w.station_a.status = "rectifying"
    w.station_a.plaque_seq = 1
    w.station_a.plaque_number = "SH00001"
    w.station_a.save()
    return w.station_a


def _inspection(w):
    from tests.inspections.factories_orders import inspection

    return inspection(_station(w), w.inspector_own)


def _order(w):
    from django.utils import timezone

    from inspections.models import Rectification, RectificationItem

    station = _station(w)
    order = Rectification.objects.create(
        station=station,
        union=w.union_a,
        district=station.district,
        opened_by=w.inspector_own,
        deadline=timezone.localdate(),
    )
    RectificationItem.objects.create(rectification=order, text="牌匾缺失")
    return order


def _order_kwargs(w):
    return {"pk": _order(w).pk}


def _photo_kwargs(w):
    import hashlib
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from inspections.models import RectificationPhoto

    order = _order(w)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    data = buffer.getvalue()
    photo = RectificationPhoto(
        rectification=order,
        content_type="image/png",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    photo.image.save("p.png", ContentFile(data), save=False)
    photo.save()
    return {"pk": order.pk, "photo_pk": photo.pk}


def _plan_kwargs(w):
    from inspections.orders.services.plans import plan_draw

    _station(w)
    return {"pk": plan_draw(year=2026, quarter=1, seed="harness").pk}


def _pairing_kwargs(w):
    from inspections.models import PeerReviewPairing

    pairing = PeerReviewPairing.objects.create(
        year=2026, quarter=1, reviewer=w.union_b, union=w.union_a, created_by=w.aid
    )
    return {"pk": pairing.pk}


def _appeal_kwargs(w):
    from inspections.models import Appeal

    check = _inspection(w)
    appeal = Appeal.objects.create(
        inspection=check, union=w.union_a, district=check.district, reason="不符", by=w.user_a
    )
    return {"pk": appeal.pk}


def _evidence_kwargs(w):
    import hashlib

    from django.core.files.base import ContentFile

    from inspections.models import AppealEvidence

    kwargs = _appeal_kwargs(w)
    data = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    evidence = AppealEvidence(
        appeal_id=kwargs["pk"],
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    evidence.file.save("e.pdf", ContentFile(data), save=False)
    evidence.save()
    return {**kwargs, "evidence_pk": evidence.pk}


def _check_kwargs(w):
    return {"inspection_pk": _inspection(w).pk}


ORDER_A = {"owner": "a", "hidden_from": OTHER_DISTRICT}

CASES: dict[str, Case] = {
    "inspections:order_list": Case(),
    # The CSV's old GET address goes back to the list with its filters.
    "inspections:order_export": Case(ok=302),
    # Asking for the CSV (POST) sends the user to its page.
    "inspections:order_export_request": Case(post_ok=(302,)),
    # An export's page and status: its requester's alone (union A's clerk here).
    "inspections:order_export_detail": Case(
        kwargs=lambda w: {"pk": ready_order_export(w).pk}, owner="a", hidden_from=NOT_THE_REQUESTER
    ),
    "inspections:order_export_status": Case(
        kwargs=lambda w: {"pk": ready_order_export(w).pk}, owner="a", hidden_from=NOT_THE_REQUESTER
    ),
    "inspections:order_open": Case(),
    "inspections:order_detail": Case(kwargs=_order_kwargs, **ORDER_A),
    # Union A's empty answer comes back as the form with its error.
    "inspections:order_answer": Case(kwargs=_order_kwargs, **ORDER_A, post_ok=(400,)),
    "inspections:order_action": Case(kwargs=_order_kwargs, **ORDER_A, post_ok=(302,)),
    "inspections:order_photo": Case(kwargs=_photo_kwargs, **ORDER_A),
    "inspections:plan_list": Case(),
    "inspections:plan_draw": Case(post_ok=(302,)),
    "inspections:plan_detail": Case(kwargs=_plan_kwargs),
    "inspections:pairing_list": Case(post_ok=(400,)),
    "inspections:pairing_remove": Case(kwargs=_pairing_kwargs, post_ok=(302,)),
    "inspections:appeal_list": Case(),
    "inspections:appeal_detail": Case(kwargs=_appeal_kwargs, **ORDER_A),
    "inspections:appeal_evidence": Case(kwargs=_evidence_kwargs, **ORDER_A),
    "inspections:appeal_decide": Case(kwargs=_appeal_kwargs, **ORDER_A, post_ok=(302,)),
    "inspections:appeal_create": Case(kwargs=_check_kwargs, **ORDER_A, post_ok=(400,)),
}
# A district inspector's own order export: they read its page; nobody else does, the aid
# center included.
VARIANTS: list[tuple[str, Case]] = [
    (
        name,
        Case(
            kwargs=lambda w: {"pk": ready_order_export(w, "inspector_own").pk},
            hidden_from=("union_a", "union_b", "inspector", "inspector_other", "aid_center"),
            label="a district inspector's own order export",
        ),
    )
    for name in ("inspections:order_export_detail", "inspections:order_export_status")
]
