"""Rows and files the checks tests need."""

from __future__ import annotations

import io
import uuid
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from inspections.models import Checklist
from stations.models import StationStatus
from tests.factories import FilingFormFactory, OperatingStationFactory


def station(union, *, status=StationStatus.ACTIVE, lat="31.230400", lng="121.473700"):
    """The tests' one operating station (tests/factories.py), of ``union``, at a position."""
    return OperatingStationFactory(
        filing=FilingFormFactory(union=union),
        status=status,
        latitude=Decimal(lat),
        longitude=Decimal(lng),
    )


def all_met(checklist: Checklist | None = None, *, failing: tuple[str, ...] = ()) -> dict:
    checklist = checklist or Checklist.objects.current()
    return {item.code: item.code not in failing for item in checklist.items.all()}


def image_bytes(fmt: str = "JPEG", size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, format=fmt)
    return out.getvalue()


def photo(name="p.jpg", fmt="JPEG", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(fmt), content_type=content_type)


def record_kwargs(station, by, **extra) -> dict:
    kwargs = {
        "station": station,
        "by": by,
        "kind": "flying",
        "visited_at": timezone.now(),
        "findings": all_met(),
        "idempotency_key": uuid.uuid4(),
    }
    kwargs.update(extra)
    return kwargs
