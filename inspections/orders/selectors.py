"""Reads of orders and appeals: the rectification order list as one user sees it through
the list's filters, and the read-only questions other pages ask of appeals.

The order list is written once for the list page (views/orders.py) and the CSV export job
(export.py): the job applies the requester's scope and the filters they asked with,
exactly as the page they asked from did. Which stations a union may peer-review is a rule
of who may act: inspections/permissions.py.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from unions.dates import day_range

from .models import AWAITING_RECTIFICATION, Appeal, AppealStatus, Rectification


def orders_listed(user, params: dict[str, str], *, today: dt.date) -> QuerySet[Rectification]:
    """The orders ``user`` sees (unions.scopes) narrowed by ``params`` (``forms.order_params``),
    in the list's order; ``today`` is the day "overdue" is counted from."""
    orders = Rectification.objects.visible_to(user)
    if params.get("status"):
        orders = orders.filter(status=params["status"])
    if params.get("district"):
        orders = orders.filter(district=params["district"])
    if params.get("overdue"):
        orders = orders.filter(status__in=AWAITING_RECTIFICATION, deadline__lt=today)
    if params.get("station"):
        orders = orders.filter(station_id=int(params["station"]))
    # Opened from, opened to: served by the index on the opening time (migration
    # inspections 0010).
    orders = orders.filter(**day_range("opened_at", params))
    return orders.order_by("deadline", "pk")


def open_appeal_of(inspection) -> Appeal | None:
    """The open appeal against a check, if any: its pages flag it as under appeal."""
    return Appeal.objects.filter(inspection=inspection, status=AppealStatus.OPEN).first()


def under_appeal_ids(inspection_ids) -> set[int]:
    """Which of these checks are under an open appeal (one query for a list page)."""
    return set(
        Appeal.objects.filter(
            inspection_id__in=list(inspection_ids), status=AppealStatus.OPEN
        ).values_list("inspection_id", flat=True)
    )
