"""Rows and readers the order export tests share."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.urls import reverse

from inspections.models import Rectification, RectificationItem, RectificationStatus

from .factories_orders import operating_station


def order(union, by, *, status=RectificationStatus.OPEN, name="", items=("铭牌缺失",), **extra):
    """An order on a new station of ``union``, made directly (no notice is asked for)."""
    station = operating_station(union)
    if name:
        station.name = name
        station.save(update_fields=["name"])
    made = Rectification.objects.create(
        station=station,
        union=union,
        district=station.district,
        opened_by=by,
        deadline=extra.pop("deadline", dt.date(2026, 12, 20)),
        status=status,
        **extra,
    )
    for position, text in enumerate(items):
        RectificationItem.objects.create(rectification=made, text=text, position=position)
    return made


def csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a downloaded export; the file must open with Excel's BOM."""
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8")[1:], newline="")))


def download(client, document) -> bytes:
    response = client.get(reverse("documents:download", kwargs={"pk": document.pk}))
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content
