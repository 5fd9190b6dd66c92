"""The rectification order list as one user sees it through the list's filters.

Written once for the list page (views_orders/orders.py) and the CSV export job
(orders_export.py): the job applies the requester's scope and the filters they asked with,
exactly as the page they asked from did.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from unions.dates import day, day_range

from ..forms_orders import OrderFilterForm
from ..models import AWAITING_RECTIFICATION, Rectification

# The list's filters, by their names in the query string.
ORDER_PARAMS = ("status", "district", "overdue", "since", "until")


def order_params(params) -> dict[str, str]:
    """The list's filters out of a query string, a form or a stored snapshot: the known
    names only, checked as the filter form checks them, empty ones left out."""
    found: dict[str, str] = {}
    form = OrderFilterForm({name: params[name] for name in ORDER_PARAMS if name in params} or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            found["status"] = data["status"]
        if data["district"]:
            found["district"] = data["district"]
        if data["overdue"]:
            found["overdue"] = "1"
    for name in ("since", "until"):
        on = day(params.get(name))
        if on:
            found[name] = on.isoformat()
    return found


def orders_listed(user, params: dict[str, str], *, today: dt.date) -> QuerySet[Rectification]:
    """The orders ``user`` sees (unions.scopes) narrowed by ``params`` (``order_params``),
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
