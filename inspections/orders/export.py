"""The rectification orders' CSV export as a background job (``orders_csv``), through the
documents app, the way the registry's Excel export is made (stations/documents/
registry_export.py).

Every order in a city-wide scope is 10,000 and more rows: written inside the request that
took 8.3 s at national size (issue 26). The order list now asks for the export
(``document_request``) with its filters, and the Celery worker writes the file while a page
shows its progress. The snapshot holds the requesting user, their scope as it was when they
asked, the list's filters and the day they asked on (what "overdue" is counted from). The
worker applies the scope again, exactly as the list does (``orders_listed``), and writes
nothing if the user's access changed in between. The file is the requester's alone
(unions.scopes.PERSONAL_DOCUMENT_KINDS).

One export per user, filters and minute, unless an order in the scope was opened, answered
or closed since the last one of that minute. Exports are deleted, files and rows, once they
are REGISTRY_EXPORT_KEEP_DAYS old (``order_exports_expire``), like the registry's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from documents.kinds import DocumentKind, register
from documents.models import GeneratedDocument
from documents.snapshots import DocumentUnavailable, Snapshot, snapshot
from stations.documents.registry_export import requester, scope_of
from stations.excel.writer import neutralise
from unions.roles import STAFF_READ

from .forms import order_params
from .models import Rectification
from .selectors import orders_listed

ORDER_EXPORT = "orders_csv"
CSV = "text/csv; charset=utf-8"
# How often the job tells its page how far it is (a row update each time).
PROGRESS_EVERY = 1000
# Orders read at a time, with their items.
CHUNK = 2000

HEADERS = (
    # The order's number: "Order" alone is the review queue's sort order (排序).
    pgettext_lazy("orders export column", "Order"),
    gettext_lazy("Station"),
    gettext_lazy("Plaque number"),
    gettext_lazy("Union"),
    gettext_lazy("District"),
    gettext_lazy("Opened"),
    gettext_lazy("Deadline"),
    gettext_lazy("Status"),
    gettext_lazy("Items"),
)


@dataclass(frozen=True)
class OrderExport:
    """The order list as ``user`` sees it through the list's ``filters``, asked for at ``at``."""

    user: Any
    filters: dict[str, str] = field(default_factory=dict)
    at: dt.datetime | None = None
    language: str = ""


def _last_change(user) -> str:
    """When an order in the user's scope last opened, was answered or closed."""
    found = Rectification.objects.visible_to(user).aggregate(
        opened=Max("opened_at"), answered=Max("answered_at"), closed=Max("closed_at")
    )
    moments = [moment for moment in found.values() if moment is not None]
    return max(moments).isoformat() if moments else ""


def order_export_snapshot(record: OrderExport) -> Snapshot:
    user = record.user
    scope = scope_of(user)
    if scope["role"] is None:
        raise DocumentUnavailable(_("Only staff may export the rectification orders."))
    at = timezone.localtime(record.at or timezone.now())
    minute = at.strftime("%Y%m%d-%H%M")
    payload = {
        "user_id": user.pk,
        "scope": scope,
        "filters": order_params(record.filters),
        "language": record.language or translation.get_language() or "",
        "asked_at": minute,
        # "Overdue" as the list showed it on the day it was asked for.
        "today": at.date().isoformat(),
        "orders_changed": _last_change(user),
    }
    return snapshot(
        ORDER_EXPORT,
        record_key=f"orders:u{user.pk}-{minute}",
        title=_("Rectification orders, %(time)s") % {"time": at.strftime("%Y-%m-%d %H:%M")},
        union_id=scope["union_id"],
        district=scope["district"],
        payload=payload,
    )


def order_export_orders(payload: dict[str, Any]):
    """The orders the export writes: the order list's own scope, filters and order."""
    return orders_listed(
        requester(payload),
        payload.get("filters", {}),
        today=dt.date.fromisoformat(payload["today"]),
    )


def order_row(order: Rectification) -> list[str]:
    # Names and items are typed by people: a leading = or + must stay text (OWASP CSV
    # injection), as in every other export (stations.excel.writer.neutralise).
    return [
        neutralise(value)
        for value in (
            order.pk,
            order.station.name,
            order.station.plaque_number,
            order.union.name,
            order.district,
            timezone.localtime(order.opened_at).strftime("%Y-%m-%d"),
            order.deadline.isoformat(),
            order.get_status_display(),
            "；".join(item.text for item in order.items.all()),
        )
    ]


def order_csv_write(orders, out, *, progress=None) -> int:
    """The CSV of ``orders`` into the binary file ``out``; returns the rows written and
    tells ``progress(done, total)`` every PROGRESS_EVERY rows and once at the end."""
    total = orders.count()
    if progress:
        progress(0, total)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    text.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese only after a BOM
    writer = csv.writer(text)
    writer.writerow([str(header) for header in HEADERS])
    done = 0
    rows = orders.select_related("station", "union").prefetch_related("items")
    for order in rows.iterator(chunk_size=CHUNK):
        writer.writerow(order_row(order))
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total)
    if progress:
        progress(done, total)
    text.flush()
    text.detach()  # the caller keeps ``out`` open
    return done


def order_export_produce(payload: dict[str, Any], progress) -> File:
    """The worker's part: the CSV, in a temporary file the worker stores and removes."""
    orders = order_export_orders(payload)
    out = tempfile.TemporaryFile(suffix=".csv")  # noqa: SIM115 (closed by the worker)
    try:
        with translation.override(payload.get("language") or settings.LANGUAGE_CODE):
            order_csv_write(orders, out, progress=progress)
    except BaseException:
        out.close()
        raise
    return File(out, name="orders.csv")


def register_kind() -> None:
    register(
        DocumentKind(
            code=ORDER_EXPORT,
            label=gettext_lazy("Rectification orders (CSV)"),
            snapshot=order_export_snapshot,
            record=OrderExport,
            produce=order_export_produce,
            file_extension="csv",
            file_content_type=CSV,
            progress=True,
            personal=True,
            # Everyone who reads the order list exports their own view of it.
            requesters=STAFF_READ,
        )
    )


def order_exports_expire(*, now: dt.datetime | None = None) -> int:
    """Delete the order exports asked for more than REGISTRY_EXPORT_KEEP_DAYS ago, with
    their files; returns how many. Anyone who still needs one asks for it again."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.REGISTRY_EXPORT_KEEP_DAYS)
    old = GeneratedDocument.objects.filter(kind=ORDER_EXPORT, created_at__lt=cutoff)
    count = 0
    for document in old.iterator():
        if document.file:
            document.file.delete(save=False)
        document.delete()
        count += 1
    return count
