"""The rectification order list as one user sees it through the list's filters.

Written once for the list page (views/orders.py) and the CSV export job
(orders_export.py): the job applies the requester's scope and the filters they asked with,
exactly as the page they asked from did.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from unions.dates import day_range

from ..models import AWAITING_RECTIFICATION, Rectification


def orders_listed(user, params: dict[str, str], *, today: dt.date) -> QuerySet[Rectification]:
    """The orders ``user`` sees (unions.scopes) narrowed by ``params`` (``forms.orders.order_params``),
    in the list's order; ``today`` is the day "overdue" is counted from."""
    orders = Rectification.objects.visible_to(user)
    if params.get("status"):
        orders = orders.filter(status=params["status"])
    if params.get("district"):
        orders = orders.filter(district=params["district"])
    if params.get("overdue"):
        orders = orders.filter(status__in=AWAITING_RECTIFICATION, deadline__lt=today)
    # Opened from, opened to: served by the index on the opening time (migration
    # inspections 0010).
    orders = orders.filter(**day_range("opened_at", params))
    return orders.order_by("deadline", "pk")
