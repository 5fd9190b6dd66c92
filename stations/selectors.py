"""Reads: the registry's filters, shared by the list page and its Excel export."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Station


def registry_filter(qs: QuerySet[Station], params) -> QuerySet[Station]:
    """Filter a scoped queryset by the registry's GET parameters.

    The queryset must already be scoped (``Station.objects.visible_to(user)``): filters only
    narrow, never widen, what a user may see.
    """
    status = params.get("status", "").strip()
    if status:
        qs = qs.filter(status=status)
    district = params.get("district", "").strip()
    if district:
        qs = qs.filter(district=district)
    union = params.get("union", "").strip()
    if union:
        qs = qs.filter(union__code=union)
    audience = params.get("audience", "").strip()
    if audience:
        qs = qs.filter(audience=audience)
    carrier = params.get("carrier", "").strip()
    if carrier:
        qs = qs.filter(carrier_type=carrier)
    q = params.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(address__icontains=q)
            | Q(plaque_number__icontains=q)
            | Q(head_name__icontains=q)
            | Q(host_unit__name__icontains=q)
        )
    return qs


def review_queue(user) -> QuerySet[Station]:
    from .models import StationStatus

    return (
        Station.objects.visible_to(user)
        .filter(status=StationStatus.SUBMITTED)
        .select_related("union", "filing", "host_unit")
        .order_by("filing__submitted_at", "filing_id", "row_number")
    )
